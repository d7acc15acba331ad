import type { CriterionEvaluation } from '@insideout/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/locale.svelte.ts';
import { criterionNeeds, criterionValue, gapText, obstacles } from './format.ts';

const base = { missing: null, note: null, detail: {}, gap: null } as const;
const criterion = (c: Partial<CriterionEvaluation> & Pick<CriterionEvaluation, 'criterion'>): CriterionEvaluation => ({
  verdict: 'pass',
  value: null,
  threshold: null,
  ...base,
  ...c,
});

afterEach(() => locale.set('en'));

describe('the gate in words', () => {
  it('shows each value with its context and the threshold it is held to', () => {
    const participation = criterion({
      criterion: 'participation',
      verdict: 'fail',
      value: 58,
      threshold: 60,
      detail: { responses: 7, audience: 12 },
    });
    expect(criterionValue(participation)).toBe('58% (7 of 12)');
    expect(criterionNeeds(participation)).toBe('at least 60%');
    const enps = criterion({ criterion: 'enps', value: 12, threshold: 0, detail: { enps: 35, high: 58 } });
    expect(criterionValue(enps)).toBe('+12 (eNPS +35)');
    expect(criterionNeeds(enps)).toBe('above 0');
    expect(criterionValue(criterion({ criterion: 'freshness', value: 1, threshold: 45 }))).toBe('Closed 1 day ago');
    expect(criterionNeeds(criterion({ criterion: 'trend' }))).toBe('no significant decline');
  });

  it('says why a figure is missing, never a number', () => {
    const hidden = criterion({
      criterion: 'voices',
      verdict: 'insufficient_data',
      threshold: 10,
      missing: { reason: 'hidden', hiddenReason: 'complementary' },
    });
    expect(criterionValue(hidden)).toBe('Hidden: with figures shown elsewhere it would reveal a smaller group.');
    const noPulse = criterion({
      criterion: 'voices',
      verdict: 'insufficient_data',
      missing: { reason: 'no_pulse', hiddenReason: null },
    });
    expect(criterionValue(noPulse)).toBe('No closed pulse has asked this unit yet.');
  });

  it('says a dialogue with nothing to answer passes', () => {
    expect(criterionValue(criterion({ criterion: 'dialogue', threshold: 80, note: 'nothing_due' }))).toBe(
      'No comments to answer',
    );
  });

  it('words the smallest change, singular and plural, in both languages', async () => {
    expect(gapText({ kind: 'more_answered', count: 2 })).toBe('2 more comments answered within 7 days');
    expect(gapText({ kind: 'more_answered', count: 1 })).toBe('1 more comment answered within 7 days');
    expect(gapText({ kind: 'more_points', points: 6 })).toBe('6 more points');
    await locale.set('fr');
    expect(gapText({ kind: 'more_responses', count: 3 })).toBe('3 réponses de plus');
    expect(gapText({ kind: 'new_pulse' })).toBe('la clôture d’une nouvelle enquête');
  });

  it('lists the obstacles, failures first', () => {
    const list = obstacles([
      criterion({ criterion: 'voices', verdict: 'insufficient_data' }),
      criterion({ criterion: 'participation' }),
      criterion({ criterion: 'enps', verdict: 'fail' }),
    ]);
    expect(list.map((c) => c.criterion)).toEqual(['enps', 'voices']);
  });
});
