import { en } from './en.ts';
import { fr } from './fr.ts';
import { interpolate, type MessageArgs, type MessageKey, type Messages } from './messages.ts';

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

/** Each language named in itself, so a reader finds theirs whatever the page's current language. */
export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

const catalogs: Readonly<Record<Locale, Messages>> = { en, fr };

export const localeStorageKey = 'insideout.locale';

/** What the locale state reads and writes: the browser's objects in the app, stand-ins in tests. */
export interface LocaleEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  language: string | undefined;
  root: { lang: string } | null;
}

export function browserEnvironment(): LocaleEnvironment {
  return {
    storage: readStorage(),
    language: typeof navigator === 'undefined' ? undefined : navigator.language,
    root: typeof document === 'undefined' ? null : document.documentElement,
  };
}

// Reading `localStorage` itself throws where storage is blocked (privacy settings, sandboxed frames).
function readStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The saved choice first, then the browser's language, then English. */
export function initialLocale(env: LocaleEnvironment): Locale {
  let saved: string | null = null;
  try {
    saved = env.storage?.getItem(localeStorageKey) ?? null;
  } catch {
    // Unreadable storage is the same as no saved choice.
  }
  if (isLocale(saved)) return saved;
  return env.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language the interface speaks; components that read it re-render when it changes. */
export class LocaleState {
  current: Locale = $state('en');
  readonly #env: LocaleEnvironment;

  constructor(env: LocaleEnvironment = browserEnvironment()) {
    this.#env = env;
    this.current = initialLocale(env);
    if (env.root) env.root.lang = this.current;
  }

  /** Switches the language, remembers it for the next visit and tells assistive technology. */
  set(next: Locale): void {
    this.current = next;
    if (this.#env.root) this.#env.root.lang = next;
    try {
      this.#env.storage?.setItem(localeStorageKey, next);
    } catch {
      // Storage full or blocked: the switch still applies to this visit.
    }
  }

  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
    return interpolate(catalogs[this.current][key], args[0]);
  }
}

export const locale = new LocaleState();

/** Translates a key in the current language, filling its `{placeholders}`. */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return locale.t(key, ...args);
}

/** Whether `count` takes the singular in the current language (French says "0 personne", "1,5 heure"). */
export function isOne(count: number): boolean {
  return new Intl.PluralRules(locale.current).select(count) === 'one';
}
