import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Every table, as the application sees it: camelCase names (the CamelCasePlugin maps them to the
 * snake_case of SQL). Every tenant table is keyed by `orgId` first, so it can be distributed by org.
 */
export interface Database {
  orgs: OrgsTable;
  units: UnitsTable;
  people: PeopleTable;
  unitManagers: UnitManagersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  passwordResets: PasswordResetsTable;
  auditLog: AuditLogTable;
  mailOutbox: MailOutboxTable;
  imports: ImportsTable;
  questions: QuestionsTable;
  pulses: PulsesTable;
  pulseItems: PulseItemsTable;
  cohorts: CohortsTable;
  invitations: InvitationsTable;
  ballotIssuance: BallotIssuanceTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  comments: CommentsTable;
  rollups: RollupsTable;
  replies: RepliesTable;
  commentStatus: CommentStatusTable;
  dialogueDigests: DialogueDigestsTable;
  gatePolicies: GatePoliciesTable;
  campaigns: CampaignsTable;
  gateEvaluations: GateEvaluationsTable;
  webhooks: WebhooksTable;
  webhookDeliveries: WebhookDeliveriesTable;
  signInLinks: SignInLinksTable;
  shareKits: ShareKitsTable;
  ambassadorOptins: AmbassadorOptinsTable;
  introductions: IntroductionsTable;
  kudos: KudosTable;
  campaignClicks: CampaignClicksTable;
}

type Json<T> = ColumnType<T, T | undefined, T>;
type CreatedAt = ColumnType<Date, never, never>;

export interface OrgsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  settings: Json<Record<string, unknown>>;
  createdAt: CreatedAt;
}
export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;

export interface UnitsTable {
  orgId: string;
  id: Generated<string>;
  parentId: string | null;
  name: string;
  /** '/<root id>/…/<own id>/': every ancestor's id, so a subtree is a prefix match. */
  path: string;
  createdAt: CreatedAt;
}
export type UnitRow = Selectable<UnitsTable>;

export type Role = 'employee' | 'manager' | 'hr_admin';

export interface PeopleTable {
  orgId: string;
  id: Generated<string>;
  email: string;
  displayName: string;
  unitId: string;
  role: Role;
  attributes: Json<Record<string, string>>;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}
export type PersonRow = Selectable<PeopleTable>;
export type NewPersonRow = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;

export interface UnitManagersTable {
  orgId: string;
  unitId: string;
  personId: string;
}

export interface CredentialsTable {
  orgId: string;
  personId: string;
  passwordHash: string;
  failedAttempts: Generated<number>;
  lockedUntil: Date | null;
  updatedAt: Generated<Date>;
}

export interface SessionsTable {
  orgId: string;
  tokenHash: string;
  personId: string;
  csrfToken: string;
  createdAt: CreatedAt;
  lastSeenAt: Generated<Date>;
  expiresAt: Date;
  revokedAt: Date | null;
  /** `person`: opened by a one-time sign-in link; reaches only what any signed-in person may. */
  scope: Generated<SessionScope>;
}
export type SessionScope = 'staff' | 'person';

export interface PasswordResetsTable {
  orgId: string;
  tokenHash: string;
  personId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface AuditLogTable {
  orgId: string;
  seq: GeneratedAlways<number>;
  at: CreatedAt;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Json<Record<string, unknown>>;
}
export type AuditRow = Selectable<AuditLogTable>;

export interface MailOutboxTable {
  orgId: string;
  id: Generated<string>;
  to: string;
  subject: string;
  text: string;
  /** Only its recipient may read it: the development outbox withholds its recipient and text. */
  confidential: Generated<boolean>;
  createdAt: CreatedAt;
}

export type ImportState = 'running' | 'done' | 'failed';

export interface ImportsTable {
  orgId: string;
  id: Generated<string>;
  createdBy: string | null;
  createdAt: CreatedAt;
  dryRun: boolean;
  allOrNothing: boolean;
  state: ImportState;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  report: Json<Record<string, unknown> | null>;
  /** Why a `failed` job stopped; its changes were rolled back. */
  failure: string | null;
}

export type QuestionKind = 'likert5' | 'nps11' | 'text';

export interface QuestionsTable {
  orgId: string;
  id: Generated<string>;
  lineageId: string;
  version: number;
  driver: string;
  kind: QuestionKind;
  textEn: string;
  textFr: string;
  retiredAt: Date | null;
  createdAt: CreatedAt;
}

export type PulseState = 'draft' | 'open' | 'closed';
export type Recurrence = 'none' | 'weekly' | 'fortnightly' | 'monthly';

export interface PulsesTable {
  orgId: string;
  id: Generated<string>;
  title: string;
  state: PulseState;
  opensAt: Date;
  closesAt: Date;
  recurrence: Recurrence;
  audienceUnitIds: ColumnType<string[], string, string>;
  autoOpen: Generated<boolean>;
  k: number;
  kComments: number;
  previousId: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  openedAt: Date | null;
  closedAt: Date | null;
  sealedAt: Date | null;
}
export type PulseRow = Selectable<PulsesTable>;

export interface PulseItemsTable {
  orgId: string;
  pulseId: string;
  position: number;
  questionKey: string;
  driver: string;
  kind: QuestionKind;
  textEn: string;
  textFr: string;
  required: boolean;
}

export interface CohortsTable {
  orgId: string;
  pulseId: string;
  id: Generated<string>;
  unitId: string;
  attributes: Json<Record<string, string>>;
  audience: number;
  publicKey: string;
  privateKeySealed: string;
  /** Fixed when the pulse closes; null while it is open. */
  respondents: number | null;
  ballotsTaken: number | null;
  /** The unit's materialised path when the pulse opened: results keep that tree. */
  unitPath: string | null;
}

export interface RollupsTable {
  orgId: string;
  pulseId: string;
  cohortId: string;
  position: number;
  n: number;
  sum: number;
  sumSq: number;
  histogram: Json<Record<string, number>>;
}

export interface InvitationsTable {
  orgId: string;
  pulseId: string;
  personId: string;
  cohortId: string;
  tokenHash: string;
  remindedAt: Date | null;
}

export interface BallotIssuanceTable {
  orgId: string;
  pulseId: string;
  personId: string;
  cohortId: string;
  blindedHash: string;
}

export interface ResponsesTable {
  orgId: string;
  pulseId: string;
  cohortId: string;
  id: string;
  nullifier: string;
  payloadHash: string;
  receiptHash: string;
}

export interface AnswersTable {
  orgId: string;
  pulseId: string;
  responseId: string;
  position: number;
  value: number;
}

export interface CommentsTable {
  orgId: string;
  pulseId: string;
  cohortId: string;
  responseId: string;
  id: string;
  position: number | null;
  body: string;
  receiptHash: string;
}

export type ReplyAuthor = 'staff' | 'employee';
export type Acknowledgement = 'thanks' | 'on_it' | 'done' | 'need_detail';

export interface RepliesTable {
  orgId: string;
  pulseId: string;
  commentId: string;
  id: Generated<string>;
  seq: GeneratedAlways<number>;
  author: ReplyAuthor;
  /** The staff member who wrote it; null for the employee. */
  authorId: string | null;
  authorName: string | null;
  acknowledgement: Acknowledgement | null;
  body: string;
  /** Staff: when written. Employee: the day only. */
  createdAt: Date;
}

export interface CommentStatusTable {
  orgId: string;
  pulseId: string;
  commentId: string;
  addressedAt: Date;
  addressedBy: string;
}

export interface DialogueDigestsTable {
  orgId: string;
  personId: string;
  sentAt: Date;
  replySeq: Generated<number>;
}

/** An org's default readiness-gate policy (core's `GatePolicy`, as JSON). */
export interface GatePoliciesTable {
  orgId: string;
  policy: Json<Record<string, unknown>>;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}

export type CampaignChannel = 'linkedin' | 'social_network' | 'careers_site' | 'referral_drive' | 'event' | 'other';
export type CampaignState = 'draft' | 'ready' | 'blocked' | 'live' | 'paused' | 'completed' | 'cancelled';

export interface CampaignsTable {
  orgId: string;
  id: Generated<string>;
  name: string;
  channel: CampaignChannel;
  targetUnitIds: ColumnType<string[], string, string>;
  ownerId: string;
  /** Dates (`YYYY-MM-DD`); read them as text. */
  startsOn: ColumnType<Date | string | null, string | null, string | null>;
  endsOn: ColumnType<Date | string | null, string | null, string | null>;
  message: string;
  state: CampaignState;
  /** The campaign's own policy; null: the org's default. */
  policy: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  overrideReason: string | null;
  overriddenBy: string | null;
  overriddenByLabel: string | null;
  overriddenAt: Date | null;
  lastEvaluationId: string | null;
  lastEvaluatedAt: Date | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
  stateChangedAt: Generated<Date>;
}
export type CampaignRow = Selectable<CampaignsTable>;

export type GateTrigger = 'check' | 'launch' | 'override' | 'pulse_closed';

/** Append-only (a trigger refuses updates and deletes): every evaluation, with what it read. */
export interface GateEvaluationsTable {
  orgId: string;
  id: Generated<string>;
  campaignId: string;
  seq: GeneratedAlways<number>;
  at: Generated<Date>;
  trigger: GateTrigger;
  pulseId: string | null;
  verdict: 'pass' | 'fail' | 'insufficient_data';
  fromState: CampaignState;
  toState: CampaignState;
  policy: Json<Record<string, unknown>>;
  units: ColumnType<unknown[], string, never>;
  actorId: string | null;
  actorLabel: string;
}

export interface WebhooksTable {
  orgId: string;
  id: Generated<string>;
  url: string;
  description: Generated<string>;
  secretSealed: string;
  events: ColumnType<string[], string, string>;
  active: Generated<boolean>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
  orgId: string;
  id: Generated<string>;
  webhookId: string;
  event: string;
  body: string;
  state: DeliveryState;
  attempts: Generated<number>;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: CreatedAt;
}

/** A one-time sign-in link mailed to a person (only the token's hash is kept). */
export interface SignInLinksTable {
  orgId: string;
  tokenHash: string;
  personId: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: CreatedAt;
}

/** A campaign's approved texts and the https page its tracked link leads to. */
export interface ShareKitsTable {
  orgId: string;
  campaignId: string;
  targetUrl: string;
  textEn: string;
  textFr: string;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}

/** Who chose to be an ambassador of a campaign. Never joined with survey data. */
export interface AmbassadorOptinsTable {
  orgId: string;
  campaignId: string;
  personId: string;
  joinedAt: Date;
  withdrawnAt: Date | null;
}

export type IntroductionConsent = 'pending' | 'consented';
export type RecruiterState = 'new' | 'contacted' | 'interviewing' | 'hired' | 'not_pursued';

/** A contact introduced by an employee; declined ones are deleted, pending ones deleted at expiry. */
export interface IntroductionsTable {
  orgId: string;
  id: Generated<string>;
  campaignId: string;
  introducerId: string;
  contactName: string;
  contactEmail: string;
  contactRole: string;
  note: string;
  consentTokenHash: string;
  consent: IntroductionConsent;
  expiresAt: Date;
  consentedAt: Date | null;
  recruiterState: Generated<RecruiterState>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface KudosTable {
  orgId: string;
  id: Generated<string>;
  personId: string;
  campaignId: string;
  message: string;
  fromLabel: string;
  createdAt: Generated<Date>;
}

export interface CampaignClicksTable {
  orgId: string;
  campaignId: string;
  /** `YYYY-MM-DD`; read it as text. */
  day: ColumnType<Date | string, string, string>;
  count: number;
}
