import { gateCriteria, gatePolicyBounds } from '@insideout/core';
import { z } from 'zod';
import { Hidden } from './results.ts';

/**
 * The readiness gate as it leaves the API (DESIGN.md "Readiness gate"): each target unit judged on
 * the released results of its latest closed pulse, every criterion with its value and threshold.
 * A hidden figure is never a value: its criterion is `insufficient_data` with the reason.
 */

const bounded = (field: keyof typeof gatePolicyBounds) =>
  z.number().int('must be a whole number').min(gatePolicyBounds[field].min).max(gatePolicyBounds[field].max);

export const GatePolicy = z.object({
  /** Respondents of the latest closed pulse; never below the org's k (checked against it). */
  minRespondents: bounded('minRespondents'),
  /** Responses / audience, whole percent. */
  minParticipation: bounded('minParticipation'),
  /** Ambassadorship driver favourability, whole percent. */
  minAmbassadorship: bounded('minAmbassadorship'),
  /** The lower bound of eNPS's 90% interval must be strictly above this. */
  minEnpsLowerBound: bounded('minEnpsLowerBound'),
  /** A significant decline of the engagement index against the previous pulse blocks. */
  blockOnEngagementDecline: z.boolean(),
  /** Visible comments answered within 7 days, whole percent. */
  minDialogueAnswered: bounded('minDialogueAnswered'),
  /** Days since the latest closed pulse closed, at most. */
  maxPulseAgeDays: bounded('maxPulseAgeDays'),
});
export type GatePolicy = z.infer<typeof GatePolicy>;

export const GatePolicySettings = z.object({
  /** The org's default policy, used by every campaign without a policy of its own. */
  policy: GatePolicy,
  /** The product's defaults (DESIGN.md). */
  defaults: GatePolicy,
  /** The org's anonymity threshold: enough voices is never below it. */
  k: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
});
export type GatePolicySettings = z.infer<typeof GatePolicySettings>;

export const GateCriterion = z.enum(gateCriteria);
export type GateCriterion = z.infer<typeof GateCriterion>;
export const GateVerdict = z.enum(['pass', 'fail', 'insufficient_data']);
export type GateVerdict = z.infer<typeof GateVerdict>;

export const GateGap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('more_respondents'), count: z.number().int() }),
  z.object({ kind: z.literal('more_responses'), count: z.number().int() }),
  z.object({ kind: z.literal('more_points'), points: z.number().int() }),
  z.object({ kind: z.literal('more_answered'), count: z.number().int() }),
  z.object({ kind: z.literal('no_significant_decline') }),
  z.object({ kind: z.literal('new_pulse') }),
]);
export type GateGap = z.infer<typeof GateGap>;

export const CriterionEvaluation = z.object({
  criterion: GateCriterion,
  verdict: GateVerdict,
  /**
   * The released figure read: respondents, participation %, favourability %, eNPS lower bound,
   * engagement score, % answered within 7 days, days since the pulse closed; null when missing.
   */
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  missing: z
    .object({
      reason: z.enum(['no_pulse', 'not_asked', 'hidden', 'previous_hidden', 'unknown']),
      hiddenReason: Hidden.shape.reason.nullable(),
    })
    .nullable(),
  note: z.enum(['nothing_due', 'no_previous_pulse', 'not_required']).nullable(),
  detail: z.record(z.string(), z.number()),
  /** The smallest change, on this criterion alone, that would make it pass. */
  gap: GateGap.nullable(),
});
export type CriterionEvaluation = z.infer<typeof CriterionEvaluation>;

const figure = <T extends z.ZodRawShape>(shape: T) =>
  z.union([z.object({ released: z.literal(true), ...shape }), Hidden]);

/** What the gate read for one unit: released figures only, hidden ones with their reason. */
export const GateInput = z.object({
  at: z.iso.datetime(),
  pulse: z.object({ id: z.uuid(), title: z.string(), closedAt: z.iso.datetime(), k: z.number().int() }).nullable(),
  respondents: figure({ value: z.number().int() }).nullable(),
  participation: figure({ audience: z.number().int(), responses: z.number().int(), rate: z.number().int() }).nullable(),
  ambassadorship: figure({ value: z.number().int() }).nullable(),
  enps: figure({ value: z.number().int(), low: z.number().int(), high: z.number().int() }).nullable(),
  engagement: z.object({
    current: figure({ value: z.number().int() }).nullable(),
    previous: z.object({ pulseId: z.uuid(), score: figure({ value: z.number().int() }).nullable() }).nullable(),
    change: z.object({ direction: z.enum(['up', 'down', 'none']), p: z.number() }).nullable(),
  }),
  dialogue: z.object({ due: z.number().int(), answeredWithin7Days: z.number().int() }).nullable(),
});
export type GateInput = z.infer<typeof GateInput>;

/** One unit judged by the gate. */
export const UnitGate = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  /** The latest closed pulse that asked the unit; null when none has. */
  pulse: z.object({ id: z.uuid(), title: z.string(), closedAt: z.iso.datetime() }).nullable(),
  verdict: GateVerdict,
  criteria: z.array(CriterionEvaluation),
  /** Where one criterion alone fails: the change that would turn the fail into a pass. */
  smallestChange: z.object({ criterion: GateCriterion, gap: GateGap }).nullable(),
});
export type UnitGate = z.infer<typeof UnitGate>;

/** A unit's readiness under the org's default policy: what stands between it and a campaign. */
export const UnitReadiness = UnitGate.extend({
  policy: GatePolicy,
  evaluatedAt: z.iso.datetime(),
});
export type UnitReadiness = z.infer<typeof UnitReadiness>;

/** The `details` of a 412 `gate_not_passed`: what fails, unit by unit. */
export const GateFailure = z.object({
  verdict: GateVerdict,
  evaluationId: z.uuid(),
  units: z.array(
    z.object({
      unitId: z.uuid(),
      name: z.string(),
      verdict: GateVerdict,
      failing: z.array(CriterionEvaluation),
      missingData: z.array(GateCriterion),
    }),
  ),
});
export type GateFailure = z.infer<typeof GateFailure>;
