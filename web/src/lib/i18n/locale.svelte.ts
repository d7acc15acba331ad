import { interpolate, type MessageArgs, type MessageKey, type Messages } from './messages.ts';

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

/** Each language named in itself, so a reader finds theirs whatever the page's current language. */
export const localeNames: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

/**
 * Parts of a catalog that only some pages show, loaded by those pages: `staff` by every staff page,
 * `dialogue` (a conversation about a comment) by the employee's conversation page and staff pages.
 */
export type CatalogPart = 'staff' | 'dialogue';
const parts: readonly CatalogPart[] = ['staff', 'dialogue'];

// Each catalog is its own chunk, fetched when its language is first used: a reader downloads
// their language only (the survey page's first load stays small). Pages load the parts they need
// on top of it, so an employee answering a survey never downloads the staff app's messages.
const loaders: Readonly<Record<Locale, () => Promise<Messages>>> = {
  en: () => import('./en.ts').then((module) => module.en),
  fr: () => import('./fr.ts').then((module) => module.fr),
};
type PartMessages = Readonly<Partial<Record<MessageKey, string>>>;
const partLoaders: Readonly<Record<CatalogPart, Record<Locale, () => Promise<PartMessages>>>> = {
  staff: {
    en: () => import('./staff/en.ts').then((module) => module.staffEn),
    fr: () => import('./staff/fr.ts').then((module) => module.staffFr),
  },
  dialogue: {
    en: () => import('./dialogue/en.ts').then((module) => module.dialogueEn),
    fr: () => import('./dialogue/fr.ts').then((module) => module.dialogueFr),
  },
};
const catalogs: Partial<Record<Locale, Partial<Record<MessageKey, string>>>> = {};
const loaded: Record<Locale, Set<'base' | CatalogPart>> = { en: new Set(), fr: new Set() };

async function loadCatalog(locale: Locale, part: 'base' | CatalogPart = 'base'): Promise<void> {
  if (loaded[locale].has(part)) return;
  const messages = await (part === 'base' ? loaders[locale]() : partLoaders[part][locale]());
  catalogs[locale] = { ...catalogs[locale], ...messages };
  loaded[locale].add(part);
}

/** Loads every catalog and every part now (tests, which switch languages synchronously). */
export async function preloadCatalogs(): Promise<void> {
  await Promise.all(
    locales.flatMap((locale) => [loadCatalog(locale), ...parts.map((part) => loadCatalog(locale, part))]),
  );
}

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
  /** Resolves once the initial language's catalog is loaded; the root layout waits for it. */
  readonly ready: Promise<void>;
  readonly #env: LocaleEnvironment;
  readonly #parts = new Set<CatalogPart>();

  constructor(env: LocaleEnvironment = browserEnvironment()) {
    this.#env = env;
    this.current = initialLocale(env);
    if (env.root) env.root.lang = this.current;
    this.ready = loadCatalog(this.current);
  }

  /** Switches the language (once its catalog is loaded), remembers it and tells assistive technology. */
  set(next: Locale): Promise<void> {
    const needed = ['base' as const, ...this.#parts];
    if (needed.every((part) => loaded[next].has(part))) {
      this.#apply(next);
      return Promise.resolve();
    }
    return Promise.all(needed.map((part) => loadCatalog(next, part))).then(() => this.#apply(next));
  }

  /** Loads a part of the catalog, now and for any language switched to later. */
  loadPart(part: CatalogPart): Promise<void> {
    this.#parts.add(part);
    return loadCatalog(this.current, part);
  }

  #apply(next: Locale): void {
    this.current = next;
    if (this.#env.root) this.#env.root.lang = next;
    try {
      this.#env.storage?.setItem(localeStorageKey, next);
    } catch {
      // Storage full or blocked: the switch still applies to this visit.
    }
  }

  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
    const text = catalogs[this.current]?.[key];
    return text === undefined ? key : interpolate(text, args[0]);
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
