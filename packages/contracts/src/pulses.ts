import { drivers } from '@insideout/core';
import { z } from 'zod';

export const QuestionKind = z.enum(['likert5', 'nps11', 'text']);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const Driver = z.enum(drivers);
export type Driver = z.infer<typeof Driver>;

export const LocalizedText = z.object({
  en: z.string().trim().min(3).max(300),
  fr: z.string().trim().min(3).max(300),
});

/** A question of the built-in bank (`bank:…`) or of the org (`org:<id>`). */
export const Question = z.object({
  key: z.string(),
  source: z.enum(['bank', 'org']),
  driver: Driver,
  kind: QuestionKind,
  text: LocalizedText,
  version: z.number().int(),
  /** Retired org items stay in past pulses but cannot be added to new ones. */
  retired: z.boolean(),
  /** Used by a pulse that has opened: editing it creates a new version. */
  used: z.boolean(),
});
export type Question = z.infer<typeof Question>;
export const QuestionList = z.object({ questions: z.array(Question) });

export const NewQuestion = z.object({ driver: Driver, kind: QuestionKind, text: LocalizedText });
export const QuestionChange = z
  .object({ driver: Driver, text: LocalizedText })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

export const Recurrence = z.enum(['none', 'weekly', 'fortnightly', 'monthly']);
export const PulseState = z.enum(['draft', 'open', 'closed']);
export type PulseState = z.infer<typeof PulseState>;

export const PulseItem = z.object({
  position: z.number().int(),
  questionKey: z.string(),
  driver: Driver,
  kind: QuestionKind,
  text: LocalizedText,
  required: z.boolean(),
});
export type PulseItem = z.infer<typeof PulseItem>;

export const Pulse = z.object({
  id: z.uuid(),
  title: z.string(),
  state: PulseState,
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  recurrence: Recurrence,
  audienceUnitIds: z.array(z.uuid()),
  items: z.array(PulseItem),
  openedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export type Pulse = z.infer<typeof Pulse>;
export const PulseList = z.object({ pulses: z.array(Pulse) });

const PulseFields = z.object({
  title: z.string().trim().min(3).max(120),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  recurrence: Recurrence.default('none'),
  audienceUnitIds: z.array(z.uuid()).min(1, 'choose at least one unit').max(500),
  items: z
    .array(z.object({ questionKey: z.string().min(3).max(80), required: z.boolean().default(false) }))
    .min(1, 'choose at least one question')
    .max(20, 'at most 20 questions; 5 to 10 is the recommended size'),
});
const datesInOrder = (p: { opensAt?: string | undefined; closesAt?: string | undefined }) =>
  !p.opensAt || !p.closesAt || new Date(p.closesAt) > new Date(p.opensAt);

export const NewPulse = PulseFields.refine(datesInOrder, { message: 'must be after opensAt', path: ['closesAt'] });
export const PulseChange = PulseFields.partial()
  .refine(datesInOrder, { message: 'must be after opensAt', path: ['closesAt'] })
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

export const CohortParticipation = z.object({
  cohortId: z.uuid(),
  unitId: z.uuid(),
  unitPath: z.array(z.string()),
  /** The coarse attributes this cohort is split by, if any (`{ location: "Lyon" }`). */
  attributes: z.record(z.string(), z.string()),
  audience: z.number().int(),
  ballotsTaken: z.number().int(),
  responses: z.number().int(),
});

export const Participation = z.object({
  pulseId: z.uuid(),
  state: PulseState,
  audience: z.number().int(),
  ballotsTaken: z.number().int(),
  responses: z.number().int(),
  /** responses / audience, 0–100, integer. */
  rate: z.number().int(),
  cohorts: z.array(CohortParticipation),
});
export type Participation = z.infer<typeof Participation>;
