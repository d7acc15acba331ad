import type { GatePolicy } from '@insideout/contracts';
import { gatePolicyBounds, policyProblems } from '@insideout/core';

/** The thresholds of a gate policy that are numbers, in the order of DESIGN.md. */
export const thresholdFields = [
  'minRespondents',
  'minParticipation',
  'minAmbassadorship',
  'minEnpsLowerBound',
  'minDialogueAnswered',
  'maxPulseAgeDays',
] as const satisfies readonly (keyof typeof gatePolicyBounds)[];
export type NumericThreshold = (typeof thresholdFields)[number];

/** The range of a threshold: the API's, and enough voices never below the org's k. */
export function policyBounds(field: NumericThreshold, k: number): { min: number; max: number } {
  const { min, max } = gatePolicyBounds[field];
  return { min: field === 'minRespondents' ? Math.max(min, k) : min, max };
}

/** The thresholds out of bounds, checked as the API will (an emptied input reads as null or NaN). */
export function policyFaults(policy: GatePolicy, k: number): NumericThreshold[] {
  return policyProblems(policy, k).map((p) => p.field as NumericThreshold);
}
