import type { dialogueEn } from './dialogue/en.ts';
import type { en } from './en.ts';
import type { staffEn } from './staff/en.ts';

/** Every message's English text, whichever part of the catalog holds it: the reference. */
type Reference = typeof en & typeof staffEn & typeof dialogueEn;

export type MessageKey = keyof Reference;

/** Every catalog provides a string for every key of the English one, and nothing else. */
export type Messages = { readonly [K in keyof typeof en]: string };

/** The part of a catalog only staff pages show, loaded by them (`locale.loadPart('staff')`). */
export type StaffMessages = { readonly [K in keyof typeof staffEn]: string };

/** The part of a catalog about a conversation on a comment, for the employee's page and staff's. */
export type DialogueMessages = { readonly [K in keyof typeof dialogueEn]: string };

/** The `{name}` placeholders of a message, read from the English text at the type level. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<Reference[K]>, string | number>;

/** A message without placeholders takes no parameters; one with placeholders requires all of them. */
export type MessageArgs<K extends MessageKey> = [Placeholders<Reference[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** Keys of messages without placeholders, which can be named in data (navigation, labels). */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
