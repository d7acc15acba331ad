import { z } from 'zod';
import { Id } from './directory.ts';
import { Driver } from './pulses.ts';

/**
 * Dialogue health of a unit (DESIGN.md "Metrics"): how its people's visible comments are answered.
 * Counted over the comments of pulses closed in the last `windowDays` days. A comment becomes
 * visible when its pulse closes (comments carry no time finer than the pulse), so the 7 days of a
 * first reply run from the pulse's close. A comment is `due` once it has a staff reply or its
 * 7 days have passed: a comment of yesterday's pulse is not yet late.
 */
export const DialogueHealth = z.object({
  windowDays: z.number().int().positive(),
  /** Comments shown to staff (their group has at least k_comments respondents). */
  visibleComments: z.number().int().min(0),
  due: z.number().int().min(0),
  answeredWithin7Days: z.number().int().min(0),
  /** answeredWithin7Days / due as a whole percent; null when nothing is due yet. */
  answeredWithin7DaysPercent: z.number().int().min(0).max(100).nullable(),
  /** Median whole days from the pulse's close to the first staff reply, over replied comments. */
  medianDaysToFirstReply: z.number().min(0).nullable(),
  /** Visible comments not marked addressed. */
  openConversations: z.number().int().min(0),
});
export type DialogueHealth = z.infer<typeof DialogueHealth>;

/** A staff member's quick answer, alone or with a text. */
export const Acknowledgement = z.enum(['thanks', 'on_it', 'done', 'need_detail']);
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/**
 * Where a conversation stands: `unanswered` (no staff reply yet), `answered` (staff spoke last),
 * `follow_up` (the employee wrote after the last staff reply), `addressed` (marked done by staff).
 */
export const ConversationState = z.enum(['unanswered', 'answered', 'follow_up', 'addressed']);
export type ConversationState = z.infer<typeof ConversationState>;

/** Why a comment is flagged to HR leaders: it names someone in the directory, or uses a listed word. */
export const CommentFlag = z.enum(['names_person', 'sensitive_words']);
export type CommentFlag = z.infer<typeof CommentFlag>;

/**
 * One message of a conversation. Staff sign with their name; the employee's side has no name and
 * only the day it was written, so the time of a follow-up cannot single anyone out.
 */
export const Message = z.object({
  id: z.uuid(),
  author: z.enum(['staff', 'employee']),
  authorName: z.string().nullable(),
  acknowledgement: Acknowledgement.nullable(),
  body: z.string(),
  at: z.iso.datetime(),
});
export type Message = z.infer<typeof Message>;

const CommentItem = z
  .object({
    position: z.number().int(),
    driver: Driver,
    text: z.object({ en: z.string(), fr: z.string() }),
  })
  .nullable()
  .meta({ description: 'The item the comment was written on; null for a general comment.' });

export const CommentPulse = z.object({ id: z.uuid(), title: z.string(), closedAt: z.iso.datetime() });

export const StaffComment = z.object({
  id: z.uuid(),
  pulse: CommentPulse,
  /** The unit whose comment list shows it: the author's group, or the nearest large enough above it. */
  shownAt: z.object({ id: z.uuid(), name: z.string() }),
  item: CommentItem,
  body: z.string(),
  state: ConversationState,
  messages: z.array(Message),
  /** For HR leaders only; always empty for managers. */
  flags: z.array(CommentFlag),
  /** The listed words found, for HR leaders. */
  sensitiveWords: z.array(z.string()),
});
export type StaffComment = z.infer<typeof StaffComment>;

export const CommentCounts = z.object({
  unanswered: z.number().int(),
  answered: z.number().int(),
  follow_up: z.number().int(),
  addressed: z.number().int(),
  flagged: z.number().int(),
});

export const CommentList = z.object({
  /** The pulse listed; null when no closed pulse has comments you may read. */
  pulse: CommentPulse.nullable(),
  /** The thresholds the pulse was closed with. */
  kComments: z.number().int().nullable(),
  /** Counts over the whole selection before the state and flag filters (for the filter tabs). */
  counts: CommentCounts,
  total: z.number().int(),
  comments: z.array(StaffComment),
});
export type CommentList = z.infer<typeof CommentList>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CommentsQuery = z.object({
  /** Default: the latest closed pulse with comments you may read. */
  pulseId: Id.optional(),
  /** Comments shown at this unit or any unit under it. */
  unitId: Id.optional(),
  driver: z.union([Driver, z.literal('general')]).optional(),
  state: ConversationState.optional(),
  /** HR leaders only: flagged comments. */
  flagged: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CommentsQuery = z.input<typeof CommentsQuery>;
export type CommentsSelection = z.output<typeof CommentsQuery>;

export const NewReply = z
  .object({
    acknowledgement: Acknowledgement.nullable().default(null),
    body: z.string().trim().max(4000).default(''),
  })
  .refine((r) => r.acknowledgement !== null || r.body.length > 0, {
    message: 'write a reply or choose an acknowledgement',
    path: ['body'],
  });
export type NewReply = z.infer<typeof NewReply>;

export const CommentStatus = z.object({ addressed: z.boolean() });
export type CommentStatus = z.infer<typeof CommentStatus>;

/** A receipt code as the employee has it: 16 base32 characters, separators and case free. */
export const ReceiptCode = z
  .string()
  .trim()
  .min(16)
  .max(40)
  .regex(/^[0-9A-Za-z -]+$/, 'must be the receipt code shown after answering, e.g. 7KQ2-M9XD-4TRB-0HZF');

export const ConversationLookup = z.object({ receipt: ReceiptCode });

export const Visibility = z.enum(['pending', 'shown', 'not_shown']).meta({
  description:
    '`pending`: the pulse is still open, comments show when it closes; `shown`: in a group of at least ' +
    'k_comments people; `not_shown`: the whole organisation had too few respondents for comments to show.',
});

export const EmployeeComment = z.object({
  id: z.uuid(),
  item: CommentItem,
  body: z.string(),
  visibility: Visibility,
  shownAt: z.object({ name: z.string() }).nullable(),
  state: ConversationState,
  messages: z.array(Message),
});
export type EmployeeComment = z.infer<typeof EmployeeComment>;

export const Conversation = z.object({
  pulse: z.object({
    id: z.uuid(),
    title: z.string(),
    state: z.enum(['open', 'closed']),
    closedAt: z.iso.datetime().nullable(),
  }),
  kComments: z.number().int(),
  comments: z.array(EmployeeComment),
});
export type Conversation = z.infer<typeof Conversation>;

export const NewFollowUp = z.object({ receipt: ReceiptCode, body: z.string().trim().min(1).max(2000) });
export type NewFollowUp = z.infer<typeof NewFollowUp>;

export const UnitDialogueHealth = z.object({
  unit: z.object({ id: z.uuid(), name: z.string() }),
  health: DialogueHealth,
});
export const OrgDialogueHealth = z.object({
  org: DialogueHealth,
  units: z.array(UnitDialogueHealth),
});
export type OrgDialogueHealth = z.infer<typeof OrgDialogueHealth>;

export const DialogueSettings = z.object({
  /** Words that flag a comment to HR leaders (case and accents ignored). */
  sensitiveWords: z.array(z.string().trim().min(2).max(60)).max(200),
});
export type DialogueSettings = z.infer<typeof DialogueSettings>;
