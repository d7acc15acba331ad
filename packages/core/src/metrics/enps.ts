import { countBetween, type Rollup } from './rollup.ts';

export interface EnpsBreakdown {
  /** Answers 9–10. */
  promoters: number;
  /** Answers 7–8. */
  passives: number;
  /** Answers 0–6. */
  detractors: number;
  n: number;
}

export function enpsBreakdown(rollup: Rollup): EnpsBreakdown {
  return {
    promoters: countBetween('nps11', rollup, 9, 10),
    passives: countBetween('nps11', rollup, 7, 8),
    detractors: countBetween('nps11', rollup, 0, 6),
    n: rollup.n,
  };
}

/** eNPS = 100 × (P − D) / n, from −100 to 100. */
export function enps(rollup: Rollup): number | null {
  const { promoters, detractors, n } = enpsBreakdown(rollup);
  return n > 0 ? (100 * (promoters - detractors)) / n : null;
}

export interface EnpsInterval {
  enps: number;
  standardError: number;
  low: number;
  high: number;
}

/** z for a two-sided 90% interval: the gate asks whether even the pessimistic end is above zero. */
export const z90 = 1.645;

/**
 * eNPS with its standard error 100 × √((p + d − (p − d)²) / n) and the interval eNPS ± z × SE.
 * The bounds are clipped to [−100, 100]: the normal approximation overshoots for small groups
 * near the ends, and an eNPS outside that range means nothing.
 */
export function enpsInterval(rollup: Rollup, z = z90): EnpsInterval | null {
  const { promoters, detractors, n } = enpsBreakdown(rollup);
  if (n === 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  const score = 100 * (p - d);
  // max(0, …) only guards against rounding: p + d − (p − d)² ≥ 0 whenever p + d ≤ 1.
  const standardError = 100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n);
  return {
    enps: score,
    standardError,
    low: Math.max(-100, score - z * standardError),
    high: Math.min(100, score + z * standardError),
  };
}
