import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { interpolate } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogs', () => {
  it('give French exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('keep the placeholders of %s in French', (key) => {
    expect(placeholders(fr[key])).toEqual(placeholders(en[key]));
    expect(fr[key].trim()).not.toBe('');
  });

  // Names, units and cognates read the same in both languages; anything else left in English is a
  // missed translation.
  const sameInBothLanguages = new Set([
    'app.name',
    'status.service',
    'status.kind.postgres',
    'status.milliseconds',
    'role.manager',
    'people.active',
    'people.inactive',
    'person.active',
    'units.managers',
    'units.assignManagers',
    'import.options',
    'audit.group.directory',
    'audit.action',
  ]);

  it('translate every other message', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => !sameInBothLanguages.has(key) && fr[key] === en[key],
    );
    expect(untranslated).toEqual([]);
  });
});

describe('interpolate', () => {
  it('fills every occurrence of each placeholder', () => {
    expect(interpolate('{a} and {b}, then {a} again', { a: 1, b: 'two' })).toBe('1 and two, then 1 again');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('Reference {requestId}', {})).toBe('Reference {requestId}');
  });

  it('does not take values from the object prototype', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});
