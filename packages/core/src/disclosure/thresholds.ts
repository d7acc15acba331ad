/** The anonymity thresholds of an org: k for scores, k_comments for comments (DESIGN.md). */
export interface Thresholds {
  k: number;
  kComments: number;
}

export const defaultThresholds: Thresholds = { k: 5, kComments: 10 };
/** k is never set below this, whatever an org asks for. */
export const minimumK = 3;

/** Reads an org's thresholds from its settings, falling back to the defaults and never below the floor. */
export function thresholdsOf(settings: Record<string, unknown>): Thresholds {
  const k = Math.max(minimumK, integer(settings.k) ?? defaultThresholds.k);
  const kComments = Math.max(k, integer(settings.kComments) ?? defaultThresholds.kComments);
  return { k, kComments };
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
