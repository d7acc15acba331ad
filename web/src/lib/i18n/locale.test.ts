import { describe, expect, it } from 'vitest';
import { initialLocale, type LocaleEnvironment, LocaleState, locale, localeStorageKey, t } from './locale.svelte.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

function environment(overrides: Partial<LocaleEnvironment> = {}): LocaleEnvironment {
  return { storage: memoryStorage(), language: undefined, root: { lang: '' }, ...overrides };
}

describe('initialLocale', () => {
  it('prefers the saved choice over the browser language', () => {
    const env = environment({ storage: memoryStorage({ [localeStorageKey]: 'en' }), language: 'fr-FR' });
    expect(initialLocale(env)).toBe('en');
  });

  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-be', 'fr'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ])('follows a browser language of %s when nothing is saved', (language, expected) => {
    expect(initialLocale(environment({ language }))).toBe(expected);
  });

  it('ignores a saved value that is not a supported locale', () => {
    const env = environment({ storage: memoryStorage({ [localeStorageKey]: 'de' }), language: 'fr' });
    expect(initialLocale(env)).toBe('fr');
  });

  it('falls back to the browser language when storage cannot be read', () => {
    const storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
    };
    expect(initialLocale(environment({ storage, language: 'fr-FR' }))).toBe('fr');
  });
});

describe('LocaleState', () => {
  it('sets the document language from the start', () => {
    const root = { lang: '' };
    new LocaleState(environment({ language: 'fr-FR', root }));
    expect(root.lang).toBe('fr');
  });

  it('switches language, remembers it and updates the document language', () => {
    const storage = memoryStorage();
    const root = { lang: '' };
    const state = new LocaleState(environment({ storage, root }));
    expect(state.t('layout.language')).toBe('Language');

    state.set('fr');

    expect(state.current).toBe('fr');
    expect(state.t('layout.language')).toBe('Langue');
    expect(storage.values.get(localeStorageKey)).toBe('fr');
    expect(root.lang).toBe('fr');
    expect(new LocaleState(environment({ storage })).current).toBe('fr');
  });

  it('still switches when storage refuses to write', () => {
    const storage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const state = new LocaleState(environment({ storage }));
    state.set('fr');
    expect(state.current).toBe('fr');
  });

  it('fills placeholders in the current language', () => {
    const state = new LocaleState(environment());
    expect(state.t('status.intro', { seconds: 5 })).toBe('The service and its database are checked every 5 seconds.');
    state.set('fr');
    expect(state.t('status.intro', { seconds: 5 })).toBe(
      'Le service et sa base de données sont vérifiés toutes les 5\u00a0secondes.',
    );
  });
});

describe('t', () => {
  it('translates through the shared locale', () => {
    const before = locale.current;
    try {
      locale.set('en');
      expect(t('status.healthy')).toBe('Healthy');
      locale.set('fr');
      expect(t('status.healthy')).toBe('Opérationnel');
    } finally {
      locale.set(before);
    }
  });
});
