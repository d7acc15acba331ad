/**
 * Figures leave the API as integers: 0–100 for scores, whole percents, whole eNPS points. A group
 * of 5 moves favourability in steps of 20 points and a score in steps of 5, so a decimal would
 * claim a precision the group cannot have — and exact decimals make differencing two published
 * figures easier than it needs to be.
 */

/** Half away from zero, after snapping off float noise (0.145 × 100 = 14.499999999999998). */
export function roundHalfAway(value: number): number {
  const magnitude = Number(Math.abs(value).toPrecision(12));
  return Math.sign(value) * Math.floor(magnitude + 0.5) || 0;
}

/** A 0–100 score as shown: an integer in [0, 100]. */
export function displayScore(score: number | null): number | null {
  return score === null ? null : clamp(roundHalfAway(score), 0, 100);
}

/** A fraction in [0, 1] as a whole percent. */
export function displayPercent(fraction: number | null): number | null {
  return fraction === null ? null : clamp(roundHalfAway(100 * fraction), 0, 100);
}

/** eNPS (or a bound of its interval) as a whole number in [−100, 100]. */
export function displayEnps(value: number | null): number | null {
  return value === null ? null : clamp(roundHalfAway(value), -100, 100);
}

/**
 * Whole percents of each option that add up to exactly 100 (largest remainder), so a chart of a
 * distribution never shows 101% or 99%. Null when there are no answers.
 */
export function displayShares(counts: readonly number[]): number[] | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const exact = counts.map((count) => (100 * count) / total);
  const shares = exact.map(Math.floor);
  let missing = 100 - shares.reduce((a, b) => a + b, 0);
  // Earlier options win ties, so the same counts always give the same shares.
  const byRemainder = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    missing--;
  }
  return shares;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
