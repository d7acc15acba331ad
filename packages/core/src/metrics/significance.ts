import { normalTwoSidedP, studentTTwoSidedP } from './distributions.ts';
import type { Rollup, ScaleKind } from './rollup.ts';
import { favourability, itemScore, pointsPerStep } from './scores.ts';

/**
 * Whether a figure moved between two pulses (DESIGN.md "Significant change"). Both tests are
 * two-sided at α = 0.05; favourability also needs an effect of at least 5 points, so a large
 * organisation does not get an arrow for a 1-point wobble.
 */
export const significanceLevel = 0.05;
export const minimumFavourabilityEffect = 5;

export type Direction = 'up' | 'down' | 'none';

export interface Change {
  direction: Direction;
  /** Two-sided p-value; 1 when there is nothing to compare. */
  p: number;
  /** after − before, in points (0–100 scale). */
  difference: number;
}

/** A share of n people: `share` in [0, 1]. n may be fractional when it is an effective size. */
export interface Proportion {
  share: number;
  n: number;
}

/** Two-proportion z-test with the pooled proportion under the null hypothesis. */
export function favourabilityChange(before: Proportion, after: Proportion): Change {
  const difference = 100 * (after.share - before.share);
  if (before.n <= 0 || after.n <= 0) return { direction: 'none', p: 1, difference };
  const pooled = (before.share * before.n + after.share * after.n) / (before.n + after.n);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n));
  // Both pulses unanimous (all favourable or none): identical shares, or no variance to test against.
  if (standardError === 0) return { direction: 'none', p: 1, difference };
  const z = (after.share - before.share) / standardError;
  const p = normalTwoSidedP(z);
  return { direction: decide(p, difference, minimumFavourabilityEffect), p, difference };
}

/** The favourability of a Likert item's rollup as a proportion; null without answers. */
export function favourabilityProportion(rollup: Rollup): Proportion | null {
  const share = favourability(rollup);
  return share === null ? null : { share, n: rollup.n };
}

/** A 0–100 score with its sample variance (n − 1) and size: what Welch's t needs. */
export interface ScoreSample {
  n: number;
  mean: number;
  variance: number;
}

/** An item's score sample from (n, sum, sumSq), rescaled to 0–100. */
export function scoreSample(kind: ScaleKind, rollup: Rollup): ScoreSample | null {
  const mean = itemScore(kind, rollup);
  if (mean === null) return null;
  const { n, sum, sumSq } = rollup;
  // Guard the subtraction: with identical answers sumSq − sum²/n can come out at −1e-15.
  const rawVariance = n > 1 ? Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)) : 0;
  return { n, mean, variance: rawVariance * pointsPerStep[kind] ** 2 };
}

/**
 * A driver's score sample from its items' rollups. A person's answers to one driver's items are
 * correlated and rollups keep no covariance, so this stays conservative: the variance of a mean of
 * items is at most (mean of their standard deviations)², reached when they are perfectly correlated;
 * and n counts people (mean answers per item), not answers. It can miss a real change, never invent one.
 */
export function driverSample(items: readonly { kind: ScaleKind; rollup: Rollup }[]): ScoreSample | null {
  const samples = items.map((item) => scoreSample(item.kind, item.rollup)).filter((s): s is ScoreSample => !!s);
  if (samples.length === 0) return null;
  const average = (f: (s: ScoreSample) => number) => samples.reduce((t, s) => t + f(s), 0) / samples.length;
  return { n: average((s) => s.n), mean: average((s) => s.mean), variance: average((s) => Math.sqrt(s.variance)) ** 2 };
}

/** Likewise for a driver's favourability: the pooled share over its Likert items, n in people. */
export function driverProportion(items: readonly { kind: ScaleKind; rollup: Rollup }[]): Proportion | null {
  const likert = items.filter((item) => item.kind === 'likert5' && item.rollup.n > 0);
  if (likert.length === 0) return null;
  const answers = likert.reduce((t, item) => t + item.rollup.n, 0);
  const favourable = likert.reduce((t, item) => t + (favourability(item.rollup) ?? 0) * item.rollup.n, 0);
  return { share: favourable / answers, n: answers / likert.length };
}

/** Welch's unequal-variances t-test on two score samples. */
export function scoreChange(before: ScoreSample, after: ScoreSample): Change {
  const difference = after.mean - before.mean;
  // A variance needs two answers on each side.
  if (before.n < 2 || after.n < 2) return { direction: 'none', p: 1, difference };
  const a = before.variance / before.n;
  const b = after.variance / after.n;
  if (a + b === 0) {
    // Everyone answered the same both times: the means are exact, any difference is certain.
    const p = difference === 0 ? 1 : 0;
    return { direction: decide(p, difference, 0), p, difference };
  }
  const t = difference / Math.sqrt(a + b);
  const df = (a + b) ** 2 / (a ** 2 / (before.n - 1) + b ** 2 / (after.n - 1));
  const p = studentTTwoSidedP(t, df);
  return { direction: decide(p, difference, 0), p, difference };
}

function decide(p: number, difference: number, minimumEffect: number): Direction {
  if (p >= significanceLevel || Math.abs(difference) < minimumEffect || difference === 0) return 'none';
  return difference > 0 ? 'up' : 'down';
}
