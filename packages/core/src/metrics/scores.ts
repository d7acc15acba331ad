import type { Driver } from '../pulses/bank.ts';
import { countBetween, lowestValue, type Rollup, type ScaleKind } from './rollup.ts';

/**
 * The published definitions (DESIGN.md "Metrics"). Every function takes rollups, never answers,
 * and returns null where a figure has no answers to stand on — a null is "no data", not zero.
 */

export interface LikertBreakdown {
  /** Answers 4–5. */
  favourable: number;
  /** Answers 3. */
  neutral: number;
  /** Answers 1–2. */
  unfavourable: number;
  n: number;
}

export function likertBreakdown(rollup: Rollup): LikertBreakdown {
  return {
    favourable: countBetween('likert5', rollup, 4, 5),
    neutral: countBetween('likert5', rollup, 3, 3),
    unfavourable: countBetween('likert5', rollup, 1, 2),
    n: rollup.n,
  };
}

/** Favourable answers / answers, as a fraction in [0, 1]. Defined for Likert items only. */
export function favourability(rollup: Rollup): number | null {
  return rollup.n > 0 ? likertBreakdown(rollup).favourable / rollup.n : null;
}

/**
 * Each scale mapped onto 0–100 so items of both kinds can be averaged into a driver: Likert
 * (v − 1) × 25 as published; an eNPS item (only the Ambassadorship driver has one) v × 10.
 */
export const pointsPerStep: Record<ScaleKind, number> = { likert5: 25, nps11: 10 };

/** The item's 0–100 score: the mean of its answers mapped onto 0–100. */
export function itemScore(kind: ScaleKind, rollup: Rollup): number | null {
  if (rollup.n === 0) return null;
  return (rollup.sum / rollup.n - lowestValue[kind]) * pointsPerStep[kind];
}

export interface DriverItem {
  driver: Driver;
  kind: ScaleKind;
  rollup: Rollup;
}

/**
 * The mean of the items' 0–100 scores — each item weighs the same whatever its answer count.
 * An optional item nobody answered has no score and is left out rather than counted as zero.
 */
export function driverScore(items: readonly Pick<DriverItem, 'kind' | 'rollup'>[]): number | null {
  const scores = items.map((item) => itemScore(item.kind, item.rollup)).filter((s): s is number => s !== null);
  return scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

/** Every driver present among the items, with its score. */
export function driverScores(items: readonly DriverItem[]): Map<Driver, number | null> {
  const byDriver = new Map<Driver, DriverItem[]>();
  for (const item of items) byDriver.set(item.driver, [...(byDriver.get(item.driver) ?? []), item]);
  return new Map([...byDriver].map(([driver, driverItems]) => [driver, driverScore(driverItems)]));
}

/** The engagement index is the Engagement driver's score. */
export function engagementIndex(items: readonly DriverItem[]): number | null {
  return driverScore(items.filter((item) => item.driver === 'engagement'));
}

/**
 * A driver's favourability: favourable answers over answers across its Likert items (an eNPS item
 * has promoters, not favourable answers, and is left out). Used by the gate's "ambassadorship
 * favourability".
 */
export function driverFavourability(items: readonly Pick<DriverItem, 'kind' | 'rollup'>[]): number | null {
  const likert = items.filter((item) => item.kind === 'likert5');
  const n = likert.reduce((total, item) => total + item.rollup.n, 0);
  const favourable = likert.reduce((total, item) => total + likertBreakdown(item.rollup).favourable, 0);
  return n > 0 ? favourable / n : null;
}

export interface Participation {
  /** Responses submitted / audience at open. */
  responseRate: number | null;
  /** Ballots taken / audience at open: higher than the response rate by the ballots not (yet) used. */
  ballotRate: number | null;
}

export function participation(counts: { audience: number; ballots: number; responses: number }): Participation {
  const rate = (part: number) => (counts.audience > 0 ? part / counts.audience : null);
  return { responseRate: rate(counts.responses), ballotRate: rate(counts.ballots) };
}
