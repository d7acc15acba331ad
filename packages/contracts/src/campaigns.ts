import { campaignActions, campaignStates } from '@insideout/core';
import { z } from 'zod';
import { Id } from './directory.ts';
import { GateInput, GatePolicy, GateVerdict, UnitGate } from './gate.ts';

/**
 * Campaigns (DESIGN.md "Readiness gate"): an external employer-branding campaign targets units
 * through a channel, and goes live only for units whose people would genuinely stand behind it.
 */

export const CampaignChannel = z.enum([
  'linkedin',
  'social_network',
  'careers_site',
  'referral_drive',
  'event',
  'other',
]);
export type CampaignChannel = z.infer<typeof CampaignChannel>;

export const CampaignState = z.enum(campaignStates);
export type CampaignState = z.infer<typeof CampaignState>;
export const CampaignAction = z.enum(campaignActions);
export type CampaignAction = z.infer<typeof CampaignAction>;

export const GateTrigger = z.enum(['check', 'launch', 'override', 'pulse_closed']);

/** One evaluation of the gate, kept with what it read, so a decision can be explained later. */
export const GateEvaluation = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  /** `check`, `launch` or `override` by an HR leader; `pulse_closed` when a closing pulse re-evaluated a live campaign. */
  trigger: GateTrigger,
  /** The pulse whose closing triggered it. */
  pulseId: z.uuid().nullable(),
  verdict: GateVerdict,
  fromState: CampaignState,
  toState: CampaignState,
  actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
  policy: GatePolicy,
  units: z.array(UnitGate.extend({ input: GateInput })),
});
export type GateEvaluation = z.infer<typeof GateEvaluation>;

export const Campaign = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: CampaignChannel,
  targetUnits: z.array(z.object({ id: z.uuid(), name: z.string() })),
  owner: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }),
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  message: z.string(),
  state: CampaignState,
  /** The policy in force: the campaign's own, or the org's default. */
  policy: GatePolicy,
  ownPolicy: z.boolean(),
  /** The latest override: its written reason, who and when. */
  override: z
    .object({ reason: z.string(), by: z.object({ id: z.uuid().nullable(), label: z.string() }), at: z.iso.datetime() })
    .nullable(),
  /** The latest evaluation of the gate; null before the first. */
  evaluation: GateEvaluation.nullable(),
  /** What may be done from the current state. */
  actions: z.array(CampaignAction),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  stateChangedAt: z.iso.datetime(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = z.object({ campaigns: z.array(Campaign) });
export type CampaignList = z.infer<typeof CampaignList>;
export const GateEvaluationList = z.object({ evaluations: z.array(GateEvaluation) });
export type GateEvaluationList = z.infer<typeof GateEvaluationList>;

/** PostgreSQL text cannot hold a NUL character: refused as input rather than failing in the store. */
const noNul = (text: string) => !text.includes('\u0000');
const nulMessage = 'must not contain a NUL character';

const day = z.iso
  .date({ message: 'must be a date (YYYY-MM-DD)' })
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'must be a date between 1900 and 2999');

const CampaignFields = z.object({
  name: z.string().trim().min(3).max(120).refine(noNul, nulMessage),
  channel: CampaignChannel,
  targetUnitIds: z
    .array(Id)
    .min(1, 'choose at least one unit')
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, 'lists a unit twice'),
  /** A manager or HR leader of the org, notified when the gate pauses the campaign; default: you. */
  ownerId: Id,
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  message: z.string().trim().min(1).max(4000).refine(noNul, nulMessage),
  /** The campaign's own gate policy; null: the org's default. */
  policy: GatePolicy.nullable(),
});
const datesInOrder = (c: { startsOn?: string | null | undefined; endsOn?: string | null | undefined }) =>
  !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn;

export const NewCampaign = CampaignFields.partial({ ownerId: true, startsOn: true, endsOn: true, policy: true }).refine(
  datesInOrder,
  { message: 'must not be before startsOn', path: ['endsOn'] },
);
export type NewCampaign = z.infer<typeof NewCampaign>;
export const CampaignChange = CampaignFields.partial()
  .refine(datesInOrder, { message: 'must not be before startsOn', path: ['endsOn'] })
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export type CampaignChange = z.infer<typeof CampaignChange>;

/** The written reason of an HR leader who launches despite the gate: at least 30 characters. */
export const CampaignOverride = z.object({
  reason: z
    .string()
    .trim()
    .min(30, 'explain the decision in at least 30 characters')
    .max(2000)
    .refine(noNul, nulMessage),
});

export const CampaignQuery = z.object({ state: CampaignState.optional() });
