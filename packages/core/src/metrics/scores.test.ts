import { describe, expect, it } from 'vitest';
import { enps, enpsBreakdown, enpsInterval } from './enps.ts';
import { emptyRollup, mergeRollups, rollupFromHistogram, rollupOf } from './rollup.ts';
import {
  driverFavourability,
  driverScore,
  driverScores,
  engagementIndex,
  favourability,
  itemScore,
  likertBreakdown,
  participation,
} from './scores.ts';

const likert = (...values: number[]) => rollupOf('likert5', values);
const nps = (...values: number[]) => rollupOf('nps11', values);

describe('rollups', () => {
  it('derives n, sum and sum of squares from a histogram, slot i holding value lowest + i', () => {
    expect(rollupFromHistogram('likert5', [1, 1, 1, 1, 1])).toEqual({
      n: 5,
      sum: 15,
      sumSq: 55,
      histogram: [1, 1, 1, 1, 1],
    });
    expect(rollupFromHistogram('nps11', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2])).toMatchObject({
      n: 3,
      sum: 20,
      sumSq: 200,
    });
  });

  it('merges the rollups of disjoint cohorts into the rollup of their union', () => {
    expect(mergeRollups('likert5', [likert(1, 2, 5), likert(4, 4), emptyRollup('likert5')])).toEqual(
      likert(1, 2, 5, 4, 4),
    );
    expect(mergeRollups('nps11', [])).toEqual(emptyRollup('nps11'));
  });

  it('refuses values off the scale and histograms of the wrong length', () => {
    expect(() => likert(0)).toThrow(RangeError);
    expect(() => nps(11)).toThrow(RangeError);
    expect(() => rollupFromHistogram('nps11', [1, 2, 3, 4, 5])).toThrow(RangeError);
    expect(() => mergeRollups('likert5', [nps(3)])).toThrow(RangeError);
  });
});

describe('Likert', () => {
  it('one answer of each value: 2 favourable of 5 is 40%, the mean 3 is a score of 50', () => {
    const rollup = likert(1, 2, 3, 4, 5);
    expect(likertBreakdown(rollup)).toEqual({ favourable: 2, neutral: 1, unfavourable: 2, n: 5 });
    expect(favourability(rollup)).toBe(0.4);
    expect(itemScore('likert5', rollup)).toBe(50);
  });

  it('n = k with identical answers: 4s everywhere are 100% favourable and a score of 75', () => {
    const rollup = likert(4, 4, 4, 4, 4);
    expect(favourability(rollup)).toBe(1);
    expect(itemScore('likert5', rollup)).toBe(75);
    expect(itemScore('likert5', likert(1, 1, 1))).toBe(0);
    expect(itemScore('likert5', likert(5, 5, 5))).toBe(100);
  });

  it('has no figure without answers', () => {
    expect(favourability(emptyRollup('likert5'))).toBeNull();
    expect(itemScore('likert5', emptyRollup('likert5'))).toBeNull();
  });
});

describe('drivers', () => {
  it('averages item scores, each item weighing the same even when an optional item was skipped', () => {
    // 10, 10 and 4 answers: scores 75, 50 and 100 → driver 75 (weighting by answers would give 68.75).
    const items = [
      { kind: 'likert5' as const, rollup: likert(4, 4, 4, 4, 4, 4, 4, 4, 4, 4) },
      { kind: 'likert5' as const, rollup: likert(3, 3, 3, 3, 3, 3, 3, 3, 3, 3) },
      { kind: 'likert5' as const, rollup: likert(5, 5, 5, 5) },
    ];
    expect(driverScore(items)).toBe(75);
  });

  it('leaves out an item nobody answered rather than counting it as zero', () => {
    expect(
      driverScore([
        { kind: 'likert5', rollup: likert(5, 5) },
        { kind: 'likert5', rollup: emptyRollup('likert5') },
      ]),
    ).toBe(100);
    expect(driverScore([{ kind: 'likert5', rollup: emptyRollup('likert5') }])).toBeNull();
  });

  it('maps an eNPS item onto 0–100 as v × 10 inside the Ambassadorship driver', () => {
    expect(itemScore('nps11', nps(10, 0, 7))).toBeCloseTo(56.667, 3);
    const ambassadorship = [
      { driver: 'ambassadorship' as const, kind: 'nps11' as const, rollup: nps(8, 8) },
      { driver: 'ambassadorship' as const, kind: 'likert5' as const, rollup: likert(5, 4) },
      { driver: 'ambassadorship' as const, kind: 'likert5' as const, rollup: likert(3, 2) },
    ];
    // (80 + 87.5 + 37.5) / 3
    expect(driverScores(ambassadorship).get('ambassadorship')).toBeCloseTo(68.333, 3);
    // Favourability counts the Likert items only: 2 favourable of 4 answers.
    expect(driverFavourability(ambassadorship)).toBe(0.5);
  });

  it('takes the engagement index from the Engagement driver only', () => {
    const items = [
      { driver: 'engagement' as const, kind: 'likert5' as const, rollup: likert(5, 5) },
      { driver: 'engagement' as const, kind: 'likert5' as const, rollup: likert(3, 3) },
      { driver: 'growth' as const, kind: 'likert5' as const, rollup: likert(1, 1) },
    ];
    expect(engagementIndex(items)).toBe(75);
    expect(engagementIndex(items.slice(2))).toBeNull();
  });
});

describe('eNPS', () => {
  // P = 5 (10, 10, 9, 9, 10), passives 2 (8, 7), D = 3 (6, 0, 3).
  const ten = nps(10, 10, 9, 8, 7, 6, 0, 3, 9, 10);

  it('is 100 × (P − D) / n', () => {
    expect(enpsBreakdown(ten)).toEqual({ promoters: 5, passives: 2, detractors: 3, n: 10 });
    expect(enps(ten)).toBe(20);
  });

  it('has SE = 100 × √((p + d − (p − d)²)/n) and a 90% interval of ± 1.645 SE', () => {
    // p + d − (p − d)² = 0.8 − 0.04 = 0.76; SE = 100 × √0.076 = 27.568…
    const interval = enpsInterval(ten);
    expect(interval?.standardError).toBeCloseTo(27.5681, 4);
    expect(interval?.low).toBeCloseTo(20 - 1.645 * 27.5681, 3);
    expect(interval?.high).toBeCloseTo(20 + 1.645 * 27.5681, 3);
  });

  it('has no spread when everyone answers alike, and clips bounds to ±100', () => {
    expect(enpsInterval(nps(9, 10, 9, 10, 9))).toEqual({ enps: 100, standardError: 0, low: 100, high: 100 });
    expect(enpsInterval(nps(7, 8, 7))).toEqual({ enps: 0, standardError: 0, low: 0, high: 0 });
    // One promoter of 2: eNPS 50, SE 100 × √((0.5 − 0.25)/2) = 35.36 → high bound 108 clipped to 100.
    expect(enpsInterval(nps(10, 7))?.high).toBe(100);
    expect(enps(emptyRollup('nps11'))).toBeNull();
    expect(enpsInterval(emptyRollup('nps11'))).toBeNull();
  });
});

describe('participation', () => {
  it('divides responses and ballots by the audience at open', () => {
    expect(participation({ audience: 20, ballots: 15, responses: 12 })).toEqual({
      responseRate: 0.6,
      ballotRate: 0.75,
    });
    expect(participation({ audience: 0, ballots: 0, responses: 0 })).toEqual({ responseRate: null, ballotRate: null });
  });
});
