import type { QuestionKind } from '../pulses/bank.ts';

/** The kinds of item that carry a value (text items carry comments, not numbers). */
export type ScaleKind = Exclude<QuestionKind, 'text'>;

/**
 * What the database keeps per cohort × item, and all a dashboard ever reads: the count of answers,
 * their sum and sum of squares (enough for a mean and a variance), and the count per value.
 * `histogram[i]` counts the answers of value `lowestValue[kind] + i`: 5 slots for Likert 1–5,
 * 11 slots for eNPS 0–10. `n` counts the answers to this item, which for an optional item can be
 * fewer than the cohort's respondents.
 */
export interface Rollup {
  n: number;
  sum: number;
  sumSq: number;
  histogram: readonly number[];
}

export const lowestValue: Record<ScaleKind, number> = { likert5: 1, nps11: 0 };
export const histogramSlots: Record<ScaleKind, number> = { likert5: 5, nps11: 11 };

export function emptyRollup(kind: ScaleKind): Rollup {
  return { n: 0, sum: 0, sumSq: 0, histogram: new Array<number>(histogramSlots[kind]).fill(0) };
}

/** The rollup of a list of answers (used by tests and by whatever recomputes rollups from answers). */
export function rollupOf(kind: ScaleKind, values: readonly number[]): Rollup {
  const histogram = new Array<number>(histogramSlots[kind]).fill(0);
  for (const value of values) {
    const slot = value - lowestValue[kind];
    if (!Number.isInteger(value) || slot < 0 || slot >= histogram.length) {
      throw new RangeError(`${value} is not a ${kind} value`);
    }
    histogram[slot] = (histogram[slot] ?? 0) + 1;
  }
  return rollupFromHistogram(kind, histogram);
}

/** n, sum and sum of squares follow from the histogram; the histogram is the source of truth. */
export function rollupFromHistogram(kind: ScaleKind, histogram: readonly number[]): Rollup {
  if (histogram.length !== histogramSlots[kind]) {
    throw new RangeError(`a ${kind} histogram has ${histogramSlots[kind]} slots, not ${histogram.length}`);
  }
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  histogram.forEach((count, slot) => {
    const value = slot + lowestValue[kind];
    n += count;
    sum += count * value;
    sumSq += count * value * value;
  });
  return { n, sum, sumSq, histogram: [...histogram] };
}

/**
 * A union of disjoint cohorts is the sum of their rollups: this is how a unit, a subtree or an
 * attribute slice gets its figures without touching a single answer.
 */
export function mergeRollups(kind: ScaleKind, rollups: readonly Rollup[]): Rollup {
  const merged = emptyRollup(kind);
  const histogram = [...merged.histogram];
  let { n, sum, sumSq } = merged;
  for (const rollup of rollups) {
    if (rollup.histogram.length !== histogram.length) {
      throw new RangeError(`cannot merge a ${rollup.histogram.length}-slot histogram into a ${kind} rollup`);
    }
    n += rollup.n;
    sum += rollup.sum;
    sumSq += rollup.sumSq;
    rollup.histogram.forEach((count, slot) => {
      histogram[slot] = (histogram[slot] ?? 0) + count;
    });
  }
  return { n, sum, sumSq, histogram };
}

/** Count of answers whose value lies in [from, to]. */
export function countBetween(kind: ScaleKind, rollup: Rollup, from: number, to: number): number {
  let count = 0;
  rollup.histogram.forEach((c, slot) => {
    const value = slot + lowestValue[kind];
    if (value >= from && value <= to) count += c;
  });
  return count;
}
