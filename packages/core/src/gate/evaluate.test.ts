import { describe, expect, it } from 'vitest';
import {
  type CriterionEvaluation,
  combineVerdicts,
  evaluateGate,
  type GateCriterion,
  type GateInput,
} from './evaluate.ts';
import { defaultGatePolicy, type GatePolicy } from './policy.ts';

/** A unit that passes every criterion of the default policy, with room to spare. */
function healthy(): GateInput {
  return {
    at: '2026-11-20T12:00:00.000Z',
    pulse: { id: 'p2', title: 'November', closedAt: '2026-11-10T12:00:00.000Z', k: 5 },
    respondents: { released: true, value: 24 },
    participation: { released: true, audience: 30, responses: 24, rate: 80 },
    ambassadorship: { released: true, value: 78 },
    enps: { released: true, value: 35, low: 12, high: 58 },
    engagement: {
      current: { released: true, value: 72 },
      previous: { pulseId: 'p1', score: { released: true, value: 70 } },
      change: { direction: 'none', p: 0.6 },
    },
    dialogue: { due: 10, answeredWithin7Days: 9 },
  };
}

const hidden = { released: false, reason: 'below_threshold' } as const;
const complementary = { released: false, reason: 'complementary' } as const;

function criterion(input: GateInput, name: GateCriterion, policy: GatePolicy = defaultGatePolicy): CriterionEvaluation {
  const found = evaluateGate(input, policy).criteria.find((c) => c.criterion === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('evaluateGate', () => {
  it('passes a healthy unit on every criterion, in the order of DESIGN.md', () => {
    const result = evaluateGate(healthy(), defaultGatePolicy);
    expect(result.verdict).toBe('pass');
    expect(result.criteria.map((c) => [c.criterion, c.verdict])).toEqual([
      ['voices', 'pass'],
      ['participation', 'pass'],
      ['ambassadorship', 'pass'],
      ['enps', 'pass'],
      ['trend', 'pass'],
      ['dialogue', 'pass'],
      ['freshness', 'pass'],
    ]);
    expect(result.smallestChange).toBeNull();
  });

  it('is insufficient_data on every criterion but dialogue when no pulse has closed', () => {
    const input: GateInput = {
      ...healthy(),
      pulse: null,
      respondents: null,
      participation: null,
      ambassadorship: null,
      enps: null,
      engagement: { current: null, previous: null, change: null },
    };
    const result = evaluateGate(input, defaultGatePolicy);
    expect(result.verdict).toBe('insufficient_data');
    for (const c of result.criteria.filter((c) => c.criterion !== 'dialogue')) {
      expect(c).toMatchObject({ verdict: 'insufficient_data', value: null, missing: { reason: 'no_pulse' } });
    }
  });

  describe('enough voices', () => {
    it('holds respondents to the policy, with the threshold shown', () => {
      expect(criterion(healthy(), 'voices')).toMatchObject({ verdict: 'pass', value: 24, threshold: 10 });
      const few = { ...healthy(), respondents: { released: true, value: 8 } as const };
      expect(criterion(few, 'voices')).toMatchObject({
        verdict: 'fail',
        value: 8,
        threshold: 10,
        gap: { kind: 'more_respondents', count: 2 },
      });
    });

    it('never asks for fewer than the pulse’s k, whatever the policy says', () => {
      const input = { ...healthy(), pulse: { ...(healthy().pulse as NonNullable<GateInput['pulse']>), k: 7 } };
      const loose = { ...defaultGatePolicy, minRespondents: 3 };
      expect(criterion({ ...input, respondents: { released: true, value: 7 } }, 'voices', loose)).toMatchObject({
        verdict: 'pass',
        threshold: 7,
      });
    });

    it('is insufficient_data, without a number, when the respondents are hidden', () => {
      const input = { ...healthy(), respondents: hidden };
      expect(criterion(input, 'voices')).toEqual({
        criterion: 'voices',
        verdict: 'insufficient_data',
        value: null,
        threshold: 10,
        missing: { reason: 'hidden', hiddenReason: 'below_threshold' },
        note: null,
        detail: {},
        gap: null,
      });
    });
  });

  describe('participation', () => {
    it('compares the rate as shown, and counts the responses still needed', () => {
      const low = { ...healthy(), participation: { released: true, audience: 30, responses: 15, rate: 50 } as const };
      // 18 of 30 is 60%.
      expect(criterion(low, 'participation')).toMatchObject({
        verdict: 'fail',
        value: 50,
        threshold: 60,
        detail: { responses: 15, audience: 30 },
        gap: { kind: 'more_responses', count: 3 },
      });
    });

    it('passes a rate that shows as the threshold (59.5% rounds to 60%)', () => {
      const input = {
        ...healthy(),
        participation: { released: true, audience: 200, responses: 119, rate: 60 } as const,
      };
      expect(criterion(input, 'participation').verdict).toBe('pass');
    });

    it('is insufficient_data when participation is hidden', () => {
      expect(criterion({ ...healthy(), participation: complementary }, 'participation')).toMatchObject({
        verdict: 'insufficient_data',
        missing: { reason: 'hidden', hiddenReason: 'complementary' },
      });
    });
  });

  describe('ambassadorship favourability', () => {
    it('fails below the threshold by the points missing', () => {
      const input = { ...healthy(), ambassadorship: { released: true, value: 64 } as const };
      expect(criterion(input, 'ambassadorship')).toMatchObject({
        verdict: 'fail',
        value: 64,
        threshold: 70,
        gap: { kind: 'more_points', points: 6 },
      });
      expect(criterion({ ...healthy(), ambassadorship: { released: true, value: 70 } }, 'ambassadorship').verdict).toBe(
        'pass',
      );
    });

    it('is insufficient_data when hidden or not asked', () => {
      expect(criterion({ ...healthy(), ambassadorship: hidden }, 'ambassadorship').missing?.reason).toBe('hidden');
      expect(criterion({ ...healthy(), ambassadorship: null }, 'ambassadorship')).toMatchObject({
        verdict: 'insufficient_data',
        missing: { reason: 'not_asked' },
      });
    });
  });

  describe('eNPS', () => {
    it('needs the lower bound of the 90% interval strictly above the threshold', () => {
      const atZero = { ...healthy(), enps: { released: true, value: 20, low: 0, high: 40 } as const };
      expect(criterion(atZero, 'enps')).toMatchObject({
        verdict: 'fail',
        value: 0,
        threshold: 0,
        detail: { enps: 20, high: 40 },
        gap: { kind: 'more_points', points: 1 },
      });
      const negative = { ...healthy(), enps: { released: true, value: 5, low: -12, high: 22 } as const };
      expect(criterion(negative, 'enps').gap).toEqual({ kind: 'more_points', points: 13 });
      expect(criterion(healthy(), 'enps')).toMatchObject({ verdict: 'pass', value: 12 });
    });

    it('is insufficient_data when hidden', () => {
      expect(criterion({ ...healthy(), enps: hidden }, 'enps').verdict).toBe('insufficient_data');
    });
  });

  describe('trend', () => {
    const engagement = (change: GateInput['engagement']['change'], previous = 70) => ({
      ...healthy(),
      engagement: {
        current: { released: true, value: 61 } as const,
        previous: { pulseId: 'p1', score: { released: true, value: previous } as const },
        change,
      },
    });

    it('fails on a significant decline of the engagement index, and only then', () => {
      expect(criterion(engagement({ direction: 'down', p: 0.01 }), 'trend')).toMatchObject({
        verdict: 'fail',
        value: 61,
        threshold: null,
        detail: { previous: 70, p: 0.01 },
        gap: { kind: 'no_significant_decline' },
      });
      expect(criterion(engagement({ direction: 'none', p: 0.2 }), 'trend').verdict).toBe('pass');
      expect(criterion(engagement({ direction: 'up', p: 0.01 }, 50), 'trend').verdict).toBe('pass');
    });

    it('passes with a note when there is no earlier pulse to compare with', () => {
      const input = { ...healthy(), engagement: { ...healthy().engagement, previous: null, change: null } };
      expect(criterion(input, 'trend')).toMatchObject({ verdict: 'pass', note: 'no_previous_pulse' });
    });

    it('is insufficient_data when the current or the previous engagement is hidden', () => {
      const current = { ...healthy(), engagement: { ...healthy().engagement, current: hidden, change: null } };
      expect(criterion(current, 'trend')).toMatchObject({
        verdict: 'insufficient_data',
        missing: { reason: 'hidden' },
      });
      const previous = {
        ...healthy(),
        engagement: {
          current: { released: true, value: 61 } as const,
          previous: { pulseId: 'p1', score: hidden },
          change: null,
        },
      };
      expect(criterion(previous, 'trend')).toMatchObject({
        verdict: 'insufficient_data',
        missing: { reason: 'previous_hidden', hiddenReason: 'below_threshold' },
      });
    });

    it('does not block on a decline when the policy does not ask it to', () => {
      const policy = { ...defaultGatePolicy, blockOnEngagementDecline: false };
      expect(criterion(engagement({ direction: 'down', p: 0.01 }), 'trend', policy)).toMatchObject({
        verdict: 'pass',
        note: 'not_required',
      });
    });
  });

  describe('internal dialogue', () => {
    it('holds the share answered within 7 days to the threshold', () => {
      expect(criterion(healthy(), 'dialogue')).toMatchObject({
        verdict: 'pass',
        value: 90,
        threshold: 80,
        detail: { due: 10, answered: 9 },
      });
    });

    it('counts the comments to answer in time: each new one is both due and answered', () => {
      // 6 of 10 = 60%; (6 + x) / (10 + x) ≥ 80% from x = 10.
      const input = { ...healthy(), dialogue: { due: 10, answeredWithin7Days: 6 } };
      expect(criterion(input, 'dialogue')).toMatchObject({
        verdict: 'fail',
        value: 60,
        gap: { kind: 'more_answered', count: 10 },
      });
      // 3 of 4 = 75%; 4 of 5 = 80%.
      expect(criterion({ ...healthy(), dialogue: { due: 4, answeredWithin7Days: 3 } }, 'dialogue').gap).toEqual({
        kind: 'more_answered',
        count: 1,
      });
    });

    it('passes when no comment is due, and says so', () => {
      const input = { ...healthy(), dialogue: { due: 0, answeredWithin7Days: 0 } };
      expect(criterion(input, 'dialogue')).toMatchObject({ verdict: 'pass', value: null, note: 'nothing_due' });
    });

    it('is insufficient_data when the dialogue health is unknown', () => {
      expect(criterion({ ...healthy(), dialogue: null }, 'dialogue').verdict).toBe('insufficient_data');
    });
  });

  describe('freshness', () => {
    it('counts whole days since the latest pulse closed', () => {
      expect(criterion(healthy(), 'freshness')).toMatchObject({ verdict: 'pass', value: 10, threshold: 45 });
      const stale = { ...healthy(), at: '2027-01-10T12:00:00.000Z' };
      expect(criterion(stale, 'freshness')).toMatchObject({ verdict: 'fail', value: 61, gap: { kind: 'new_pulse' } });
    });

    it('passes on the last day and fails the day after', () => {
      const on = { ...healthy(), at: '2026-12-25T12:00:00.000Z' };
      expect(criterion(on, 'freshness')).toMatchObject({ verdict: 'pass', value: 45 });
      expect(criterion({ ...on, at: '2026-12-26T12:00:00.000Z' }, 'freshness').verdict).toBe('fail');
    });
  });

  describe('the unit’s verdict', () => {
    it('fails when a released figure fails, even if another is hidden: a failure is certain', () => {
      const input = {
        ...healthy(),
        ambassadorship: hidden,
        participation: { released: true, audience: 40, responses: 8, rate: 20 } as const,
      };
      const result = evaluateGate(input, defaultGatePolicy);
      expect(result.verdict).toBe('fail');
      // Turning participation into a pass would not be enough: no smallest change is offered.
      expect(result.smallestChange).toBeNull();
    });

    it('is insufficient_data when the unit’s results are hidden by disclosure control', () => {
      const input: GateInput = {
        ...healthy(),
        respondents: hidden,
        ambassadorship: hidden,
        enps: hidden,
        engagement: { current: hidden, previous: { pulseId: 'p1', score: hidden }, change: null },
      };
      const result = evaluateGate(input, defaultGatePolicy);
      expect(result.verdict).toBe('insufficient_data');
      // No hidden figure leaks as a value.
      for (const c of result.criteria) if (c.missing?.reason === 'hidden') expect(c.value).toBeNull();
    });

    it('offers the smallest change when one criterion alone fails', () => {
      const input = { ...healthy(), dialogue: { due: 10, answeredWithin7Days: 6 } };
      expect(evaluateGate(input, defaultGatePolicy)).toMatchObject({
        verdict: 'fail',
        smallestChange: { criterion: 'dialogue', gap: { kind: 'more_answered', count: 10 } },
      });
    });

    it('offers none when two criteria fail', () => {
      const input = {
        ...healthy(),
        dialogue: { due: 10, answeredWithin7Days: 6 },
        ambassadorship: { released: true, value: 50 } as const,
      };
      expect(evaluateGate(input, defaultGatePolicy).smallestChange).toBeNull();
    });
  });

  it('combines verdicts: any fail, else any missing data, else pass', () => {
    expect(combineVerdicts(['pass', 'insufficient_data', 'fail'])).toBe('fail');
    expect(combineVerdicts(['pass', 'insufficient_data'])).toBe('insufficient_data');
    expect(combineVerdicts(['pass', 'pass'])).toBe('pass');
    expect(combineVerdicts([])).toBe('insufficient_data');
  });
});
