import type { CommentFlag } from '@insideout/contracts';
import { defaultSensitiveWords, findSensitive, nameIndex, normalizeText } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import type { VisibleComment } from './visible.ts';

/** The org's list of words that flag a comment: its own once edited, else the defaults. */
export function sensitiveWordsOf(settings: Record<string, unknown>): string[] {
  const words = settings.sensitiveWords;
  return Array.isArray(words) && words.every((w) => typeof w === 'string') ? words : [...defaultSensitiveWords];
}

export interface Flags {
  flags: CommentFlag[];
  sensitiveWords: string[];
}

/**
 * Flags for HR leaders: a comment naming a person of the directory (a full name anywhere in the
 * org, or the first name of someone in the author's unit or one of its managers), or using a
 * listed word. Read when the comments are, so an edited list or a new joiner applies at once.
 */
export async function flagsOf(
  db: Kysely<Database>,
  orgId: string,
  comments: readonly VisibleComment[],
): Promise<Map<string, Flags>> {
  const flags = new Map<string, Flags>();
  if (comments.length === 0) return flags;
  const unitIds = [...new Set(comments.map((c) => c.unitId))];
  const [org, people, units, managers] = await Promise.all([
    db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow(),
    db
      .selectFrom('people')
      .select(['displayName', 'unitId', 'id'])
      .where('orgId', '=', orgId)
      .where('active', '=', true)
      .execute(),
    db.selectFrom('units').select(['id', 'path']).where('orgId', '=', orgId).execute(),
    db.selectFrom('unitManagers').select(['unitId', 'personId']).where('orgId', '=', orgId).execute(),
  ]);
  const words = sensitiveWordsOf(org.settings);
  const names = nameIndex(people.map((p) => p.displayName));
  const firstName = new Map(people.map((p) => [p.id, normalizeText(p.displayName).split(' ')[0] ?? '']));
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const closeBy = new Map<string, Set<string>>();
  for (const unitId of unitIds) {
    const path = pathOf.get(unitId) ?? '';
    const close = new Set<string>();
    for (const person of people) if (person.unitId === unitId) close.add(firstName.get(person.id) ?? '');
    for (const manager of managers)
      if (path.includes(`/${manager.unitId}/`)) close.add(firstName.get(manager.personId) ?? '');
    close.delete('');
    closeBy.set(unitId, close);
  }
  for (const comment of comments) {
    const found = findSensitive(comment.body, names, closeBy.get(comment.unitId) ?? new Set(), words);
    const reasons: CommentFlag[] = [];
    if (found.namesPerson) reasons.push('names_person');
    if (found.words.length > 0) reasons.push('sensitive_words');
    flags.set(comment.id, { flags: reasons, sensitiveWords: found.words });
  }
  return flags;
}
