import { minimumK } from '../disclosure/thresholds.ts';

/**
 * A readiness-gate policy (DESIGN.md "Readiness gate"): the thresholds a unit's released results
 * are held to before an external campaign may go live for it. The org has a default policy; a
 * campaign may carry its own. Every threshold is editable within `gatePolicyBounds`, and enough
 * voices is never below the anonymity threshold k.
 */
export interface GatePolicy {
  /** Respondents of the latest closed pulse: at least this many (and at least the pulse's k). */
  minRespondents: number;
  /** Responses / audience, whole percent: at least this. */
  minParticipation: number;
  /** Favourability of the Ambassadorship driver, whole percent: at least this. */
  minAmbassadorship: number;
  /** The lower bound of eNPS's 90% interval must be strictly above this. */
  minEnpsLowerBound: number;
  /** Whether a significant decline of the engagement index against the previous pulse blocks. */
  blockOnEngagementDecline: boolean;
  /** Visible comments answered within 7 days, whole percent: at least this. */
  minDialogueAnswered: number;
  /** The latest closed pulse closed at most this many days ago. */
  maxPulseAgeDays: number;
}

export const defaultGatePolicy: Readonly<GatePolicy> = {
  minRespondents: 10,
  minParticipation: 60,
  minAmbassadorship: 70,
  minEnpsLowerBound: 0,
  blockOnEngagementDecline: true,
  minDialogueAnswered: 80,
  maxPulseAgeDays: 45,
};

type NumericField = { [K in keyof GatePolicy]: GatePolicy[K] extends number ? K : never }[keyof GatePolicy];

/** The range each threshold may take; `minRespondents` is also never below the org's k. */
export const gatePolicyBounds: Readonly<Record<NumericField, { min: number; max: number }>> = {
  minRespondents: { min: minimumK, max: 10_000 },
  minParticipation: { min: 0, max: 100 },
  minAmbassadorship: { min: 0, max: 100 },
  minEnpsLowerBound: { min: -100, max: 99 },
  minDialogueAnswered: { min: 0, max: 100 },
  maxPulseAgeDays: { min: 1, max: 366 },
};

export interface PolicyProblem {
  field: keyof GatePolicy;
  message: string;
}

/** What is wrong with a policy for an org whose anonymity threshold is `k`; empty when nothing. */
export function policyProblems(policy: GatePolicy, k: number): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [field, { min, max }] of Object.entries(gatePolicyBounds) as [
    NumericField,
    { min: number; max: number },
  ][]) {
    const value = policy[field];
    const low = field === 'minRespondents' ? Math.max(min, k) : min;
    if (!Number.isInteger(value) || value < low || value > max) {
      problems.push({
        field,
        message:
          field === 'minRespondents' && value < k
            ? `must be at least the anonymity threshold k = ${k}`
            : `must be a whole number from ${low} to ${max}`,
      });
    }
  }
  return problems;
}

/**
 * A stored policy read back: missing or malformed thresholds take the default, and nothing is
 * ever looser than the floors (a policy saved under a lower k still needs k voices today).
 */
export function policyOf(stored: unknown, k: number): GatePolicy {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const policy: GatePolicy = { ...defaultGatePolicy };
  for (const [field, { min, max }] of Object.entries(gatePolicyBounds) as [
    NumericField,
    { min: number; max: number },
  ][]) {
    const value = source[field];
    if (typeof value === 'number' && Number.isInteger(value)) policy[field] = Math.min(max, Math.max(min, value));
  }
  if (typeof source.blockOnEngagementDecline === 'boolean')
    policy.blockOnEngagementDecline = source.blockOnEngagementDecline;
  policy.minRespondents = Math.max(policy.minRespondents, k);
  return policy;
}
