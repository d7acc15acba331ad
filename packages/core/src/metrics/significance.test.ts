import { describe, expect, it } from 'vitest';
import { logGamma, normalCdf, regularizedIncompleteBeta, studentTCdf, studentTTwoSidedP } from './distributions.ts';
import { rollupOf } from './rollup.ts';
import { driverProportion, driverSample, favourabilityChange, scoreChange, scoreSample } from './significance.ts';

const likert = (...values: number[]) => rollupOf('likert5', values);
const sample = (...values: number[]) => {
  const s = scoreSample('likert5', likert(...values));
  if (!s) throw new Error('no answers');
  return s;
};

describe('distributions', () => {
  it('matches the two-sided 5% critical values of a printed t table', () => {
    for (const [df, t] of [
      [1, 12.706],
      [2, 4.303],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
      [120, 1.98],
    ] as const) {
      expect(studentTTwoSidedP(t, df)).toBeCloseTo(0.05, 4);
    }
    // Large df tends to the normal: 1.96 → 5%.
    expect(studentTTwoSidedP(1.959964, 1e7)).toBeCloseTo(0.05, 6);
  });

  it('handles fractional df (Welch) and both tails, as scipy.stats.t computes them', () => {
    expect(studentTTwoSidedP(3, 2.5)).toBeCloseTo(0.07257609554903183, 9);
    expect(studentTTwoSidedP(1.1, 7.3)).toBeCloseTo(0.30627852508697817, 9);
    expect(studentTCdf(-2, 3)).toBeCloseTo(0.06966298427942152, 9);
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 12);
    expect(studentTTwoSidedP(0, 9)).toBeCloseTo(1, 12);
  });

  it('computes I_x(a, b), ln Γ and Φ to known values', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 10);
    expect(regularizedIncompleteBeta(0.9, 0.5, 7.5)).toBeCloseTo(0.9999999932897103, 10);
    expect(regularizedIncompleteBeta(0.5, 30, 40)).toBeCloseTo(0.8857998873233515, 10);
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 12);
    expect(regularizedIncompleteBeta(0.5, 7, 7)).toBeCloseTo(0.5, 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247004, 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 9);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 6);
    expect(normalCdf(1.645)).toBeCloseTo(0.9500150944608786, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 6);
  });
});

describe('favourabilityChange', () => {
  it('60% → 75% of 100 people: z = 2.26, p = 0.024, 15 points: up', () => {
    const change = favourabilityChange({ share: 0.6, n: 100 }, { share: 0.75, n: 100 });
    expect(change.direction).toBe('up');
    expect(change.p).toBeCloseTo(0.023540058261177926, 5);
    expect(change.difference).toBeCloseTo(15, 9);
  });

  it('needs an effect of 5 points even when the test is significant', () => {
    const change = favourabilityChange({ share: 0.6, n: 10_000 }, { share: 0.63, n: 10_000 });
    expect(change.p).toBeCloseTo(1.3035007476475061e-5, 7);
    expect(change.direction).toBe('none');
  });

  it('needs p < 0.05 even when the effect is large', () => {
    const change = favourabilityChange({ share: 0.5, n: 20 }, { share: 0.6, n: 20 });
    expect(change.p).toBeCloseTo(0.5250099664186034, 5);
    expect(change.direction).toBe('none');
  });

  it('reports a fall as down, and nothing when both pulses are unanimous or a side is empty', () => {
    expect(favourabilityChange({ share: 0.75, n: 100 }, { share: 0.6, n: 100 }).direction).toBe('down');
    expect(favourabilityChange({ share: 1, n: 5 }, { share: 1, n: 5 })).toEqual({
      direction: 'none',
      p: 1,
      difference: 0,
    });
    expect(favourabilityChange({ share: 0, n: 0 }, { share: 1, n: 5 }).direction).toBe('none');
  });
});

describe('scoreChange (Welch)', () => {
  it('agrees with scipy.stats.ttest_ind(equal_var=False) on a clear fall', () => {
    const change = scoreChange(sample(3, 3, 4, 4, 4, 5, 3, 4, 4, 2), sample(2, 2, 3, 3, 2, 3, 1, 2, 3, 2));
    expect(change.difference).toBeCloseTo(-32.5, 9);
    expect(change.p).toBeCloseTo(0.001390016032836307, 8);
    expect(change.direction).toBe('down');
  });

  it('finds no change in a small noisy difference', () => {
    const change = scoreChange(sample(3, 4, 4, 5, 2), sample(4, 4, 3, 5, 3));
    expect(change.p).toBeCloseTo(0.7606342451604501, 8);
    expect(change.direction).toBe('none');
  });

  it('copes with zero variance on one side (df falls back to the other side)', () => {
    const change = scoreChange(sample(4, 4, 4, 4, 4, 4), sample(2, 3, 3, 4, 2, 3));
    expect(change.p).toBeCloseTo(0.012676602478014495, 8);
    expect(change.direction).toBe('down');
  });

  it('treats zero variance on both sides as exact means', () => {
    expect(scoreChange(sample(4, 4, 4, 4, 4), sample(4, 4, 4, 4, 4))).toEqual({
      direction: 'none',
      p: 1,
      difference: 0,
    });
    expect(scoreChange(sample(4, 4, 4, 4, 4), sample(5, 5, 5, 5, 5))).toEqual({
      direction: 'up',
      p: 0,
      difference: 25,
    });
  });

  it('does not test a side with fewer than two answers', () => {
    expect(scoreChange(sample(1), sample(5, 5, 5)).direction).toBe('none');
  });

  it('builds a conservative driver sample: people, not answers, and the perfectly correlated variance', () => {
    const items = [
      { kind: 'likert5' as const, rollup: likert(1, 3, 5, 3) }, // score 50, SD 40.82
      { kind: 'likert5' as const, rollup: likert(5, 5, 5, 5) }, // score 100, SD 0
    ];
    const driver = driverSample(items);
    expect(driver?.n).toBe(4);
    expect(driver?.mean).toBe(75);
    // ((40.82 + 0) / 2)² = 416.67
    expect(driver?.variance).toBeCloseTo(5000 / 3 / 4, 9);
    expect(driverProportion(items)).toEqual({ share: 5 / 8, n: 4 });
  });
});
