import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/locale.svelte.ts';
import { hiddenReasonShort, hiddenReasonText, reasonsAmong } from './disclosure.ts';

afterEach(() => locale.set('en'));

describe('hiddenReasonText', () => {
  it('names the threshold of the pulse for a group that is too small', () => {
    expect(hiddenReasonText({ released: false, reason: 'below_threshold' }, 5)).toBe(
      'Hidden: fewer than 5 people answered — shown from 5 to protect anonymity.',
    );
    expect(hiddenReasonText({ released: false, reason: 'below_threshold' }, 7)).toContain('fewer than 7 people');
  });

  it('names twice the threshold for a distribution', () => {
    expect(hiddenReasonText({ released: false, reason: 'below_threshold' }, 5, 'distribution')).toMatch(
      /shown from 10 answers/,
    );
  });

  it('names no number when the threshold is not known', () => {
    const text = hiddenReasonText({ released: false, reason: 'below_threshold' }, null);
    expect(text).toBe('Hidden: too few people answered to protect anonymity.');
    expect(text).not.toMatch(/\d/);
  });

  it('explains complementary suppression and an open pulse in plain words', () => {
    expect(hiddenReasonText({ released: false, reason: 'complementary' }, 5)).toBe(
      'Hidden: showing it would let someone work out the answers of a smaller group.',
    );
    expect(hiddenReasonText({ released: false, reason: 'not_closed' }, 5)).toBe(
      'Results appear when the pulse closes.',
    );
  });

  it('speaks French with the threshold', async () => {
    await locale.set('fr');
    expect(hiddenReasonText({ released: false, reason: 'below_threshold' }, 5)).toBe(
      'Masqué\u00a0: moins de 5 personnes ont répondu — affiché à partir de 5 pour protéger l’anonymat.',
    );
  });
});

describe('hiddenReasonShort', () => {
  it.each([
    ['below_threshold', 'figure', 'fewer than 5'],
    ['below_threshold', 'distribution', 'fewer than 10'],
    ['complementary', 'figure', 'protects a smaller group'],
    ['not_closed', 'figure', 'pulse still open'],
  ] as const)('says %s (%s) as "%s"', (reason, figure, expected) => {
    expect(hiddenReasonShort({ released: false, reason }, 5, figure)).toBe(expected);
  });
});

describe('reasonsAmong', () => {
  it('lists each reason once, in a fixed order, ignoring released and absent cells', () => {
    expect(
      reasonsAmong([
        { released: false, reason: 'complementary' },
        { released: true },
        null,
        undefined,
        { released: false, reason: 'below_threshold' },
        { released: false, reason: 'complementary' },
      ]),
    ).toEqual(['below_threshold', 'complementary']);
    expect(reasonsAmong([{ released: true }])).toEqual([]);
  });
});
