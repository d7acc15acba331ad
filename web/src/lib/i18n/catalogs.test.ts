import { describe, expect, it } from 'vitest';
import { dialogueEn } from './dialogue/en.ts';
import { dialogueFr } from './dialogue/fr.ts';
import { en as baseEn } from './en.ts';
import { fr as baseFr } from './fr.ts';
import { interpolate } from './messages.ts';
import { staffEn } from './staff/en.ts';
import { staffFr } from './staff/fr.ts';

// Each language's whole catalog: the part every page loads and the parts some pages load.
const en = { ...baseEn, ...staffEn, ...dialogueEn };
const fr = { ...baseFr, ...staffFr, ...dialogueFr };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogs', () => {
  it('give French exactly the English keys, in the same part', () => {
    expect(Object.keys(baseFr).sort()).toEqual(Object.keys(baseEn).sort());
    expect(Object.keys(staffFr).sort()).toEqual(Object.keys(staffEn).sort());
    expect(Object.keys(dialogueFr).sort()).toEqual(Object.keys(dialogueEn).sort());
  });

  it('keep each key in one part only', () => {
    const keys = [baseEn, staffEn, dialogueEn].flatMap((part) => Object.keys(part));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
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
    'campaigns.webhooksLink',
    'campaigns.dates',
    'campaigns.message',
    'campaigns.channel.linkedin',
    'campaigns.transition',
    'gate.criterion.participation',
    'gate.value.enps',
    'webhooks.title',
    'webhooks.description',
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
