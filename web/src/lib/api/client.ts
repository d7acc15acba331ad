import type {
  AuditPage,
  Campaign,
  CampaignList,
  CampaignState,
  CommentList,
  ConversationState,
  DialogueSettings,
  Driver,
  ErrorCode,
  GateEvaluationList,
  GatePolicy,
  GatePolicySettings,
  Health,
  Heatmap,
  ImportJob,
  ImportJobList,
  ImportRequest,
  LoginRequest,
  NewPulse,
  NewQuestion,
  NewReply,
  OrgDialogueHealth,
  Outbox,
  Participation,
  Person,
  PersonPage,
  Pulse,
  PulseList,
  Question,
  QuestionChange,
  QuestionList,
  ResultsPulseList,
  Role,
  SessionInfo,
  SetupRequest,
  SetupStatus,
  StaffComment,
  Trend,
  Unit,
  UnitDialogueHealth,
  UnitList,
  UnitReadiness,
  UnitResults,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEvent,
  WebhookList,
  WebhookWithSecret,
} from '@insideout/contracts';
// Only types come from the contracts' index (its values are zod schemas); the code→status table
// has a module of its own, free of zod.
import { errorStatus } from '@insideout/contracts/error-codes';

/** An error code of the API, or `network` when no HTTP answer arrived at all. */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The id the server logged this request under, to quote to support. */
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    requestId?: string | null;
    details?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** The code for an answer that did not carry a readable envelope (a proxy's 502 page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status === 502 || status === 504) return 'unavailable';
  const match = (Object.keys(errorStatus) as ErrorCode[]).find((code) => errorStatus[code] === status);
  return match ?? 'internal';
}

/** Reads the API's error envelope `{ error: { code, message, details?, requestId } }`, if that is what it is. */
export function errorFromResponse(status: number, body: unknown): ApiRequestError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
    return new ApiRequestError({
      status,
      code: error.code,
      message: 'message' in error && typeof error.message === 'string' ? error.message : `HTTP ${status}`,
      requestId: 'requestId' in error && typeof error.requestId === 'string' ? error.requestId : null,
      details: 'details' in error ? error.details : undefined,
    });
  }
  return new ApiRequestError({ status, code: codeForStatus(status), message: `HTTP ${status}` });
}

/** What a zod schema of the contracts parses to, read from its type alone (zod stays out of the bundle). */
type Output<Schema> = Schema extends { _zod: { output: infer O } } ? O : never;

export type PersonPageResult = Output<typeof PersonPage>;
export type AuditPageResult = Output<typeof AuditPage>;
export type OutboxMessage = Output<typeof Outbox>['messages'][number];
export type UnitHealth = Output<typeof UnitDialogueHealth>;

/** Which comments a staff member asks for; every field narrows the list. */
export interface CommentsFilter {
  /** Default: the latest closed pulse with comments the reader may read. */
  pulseId?: string;
  /** Comments shown at this unit or any unit under it. */
  unitId?: string;
  /** A driver's comments, or `general` for those about no item. */
  driver?: Driver | 'general';
  state?: ConversationState;
  /** HR leaders only: the flagged comments. */
  flagged?: boolean;
  limit?: number;
  offset?: number;
}

/** A campaign as its form sends it (the API's `NewCampaign`). */
export interface CampaignInput {
  name: string;
  channel: Campaign['channel'];
  targetUnitIds: string[];
  ownerId: string;
  startsOn: string | null;
  endsOn: string | null;
  message: string;
  policy: GatePolicy | null;
}

export interface PeopleFilter {
  q?: string;
  unitId?: string;
  role?: Role;
  active?: boolean;
  limit?: number;
  cursor?: string;
}

export interface NewPersonInput {
  email: string;
  displayName: string;
  unitId: string;
  role?: Role;
  attributes?: Record<string, string>;
}

export interface PersonChangeInput {
  email?: string;
  displayName?: string;
  unitId?: string;
  role?: Role;
  attributes?: Record<string, string>;
  active?: boolean;
}

export interface UnitChangeInput {
  name?: string;
  parentId?: string;
}

export interface AuditFilter {
  /** Entries whose action starts with this, e.g. `unit.` */
  action?: string;
  actorId?: string;
  /** The `nextBefore` of the previous page. */
  before?: number;
  limit?: number;
}

/** What a unit's results are asked for; `attribute` and `filter` exclude each other. */
export interface UnitResultsQuery {
  /** Default: the latest closed pulse that asked the unit. */
  pulseId?: string;
  /** Break the unit down by this attribute's values. */
  attribute?: string;
  /** Only the people with this attribute value. */
  filter?: { name: string; value: string };
}

function resultsQuery({ pulseId, attribute, filter }: UnitResultsQuery): string {
  return queryString({ pulseId, attribute, filter: filter ? `${filter.name}:${filter.value}` : undefined });
}

export interface RequestOptions {
  /** Cancels the request, for instance when the page that asked is left. */
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined>;

const unsafeMethods: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that has had no answer after this long is reported as a network failure. */
const timeoutMs = 15_000;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The web app's only way to reach the API: every endpoint is a method named for what it does, so
 * no page spells a URL, and every failure arrives as an `ApiRequestError`.
 *
 * The client holds the CSRF token of the signed-in session (from sign-in, setup or the session
 * check) and sends it with every write, as the API requires of requests carrying the cookie.
 */
export function createApi(fetchImpl: typeof fetch = (input, init) => fetch(input, init), base = '/api/v1') {
  let csrfToken: string | null = null;
  const sessionEndedListeners = new Set<() => void>();

  async function request<T>(
    method: Method,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
    signedIn = false,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (unsafeMethods.has(method)) {
      // Even without a body: the API refuses a write whose body it cannot tell is JSON, and a
      // bodiless DELETE reaches it without a Content-Length.
      headers['content-type'] = 'application/json';
      if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    }
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];

    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        signal: AbortSignal.any(signals),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      // The caller's own cancellation is not a failure to report: let it through as it is.
      if (options.signal?.aborted) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new ApiRequestError({ status: 0, code: 'network', message });
    }

    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = errorFromResponse(response.status, payload);
      // A 401 on a route that needs a session means the session is over (expired, revoked).
      if (signedIn && error.code === 'unauthenticated') endSession();
      throw error;
    }
    if (payload === undefined && response.status !== 204 && response.status !== 202) {
      // A 2xx that is not JSON is not the API (an HTML page from a misrouted proxy, for one).
      throw new ApiRequestError({ status: response.status, code: 'internal', message: 'The answer was not JSON.' });
    }
    return payload as T;
  }

  function endSession() {
    const wasSignedIn = csrfToken !== null;
    csrfToken = null;
    if (wasSignedIn) for (const listener of sessionEndedListeners) listener();
  }

  /** Keeps the CSRF token of the session the API just opened or confirmed. */
  function remember(session: SessionInfo): SessionInfo {
    csrfToken = session.csrfToken;
    return session;
  }

  const staff = <T>(method: Method, path: string, body?: unknown, options?: RequestOptions) =>
    request<T>(method, path, body, options, true);

  return {
    /** Is the service up and its database reachable? Rejects with code `unavailable` (503) when not. */
    health: (options?: RequestOptions) => request<Health>('GET', '/health', undefined, options),

    /**
     * Calls `listener` when a request that needs a session is refused with 401 after a session was
     * known: it expired or was revoked. Returns the function that stops listening.
     */
    onSessionEnded(listener: () => void): () => void {
      sessionEndedListeners.add(listener);
      return () => sessionEndedListeners.delete(listener);
    },

    // First run and sign-in

    setupStatus: (options?: RequestOptions) => request<Output<typeof SetupStatus>>('GET', '/setup', undefined, options),
    setUp: async (input: SetupRequest) => remember(await request<SessionInfo>('POST', '/setup', input)),
    login: async (input: LoginRequest) => remember(await request<SessionInfo>('POST', '/auth/login', input)),
    /** The current session; rejects with `unauthenticated` when nobody is signed in. */
    session: async (options?: RequestOptions) =>
      remember(await request<SessionInfo>('GET', '/auth/session', undefined, options)),
    logout: async () => {
      try {
        await request<void>('POST', '/auth/logout');
      } finally {
        csrfToken = null;
      }
    },
    /** Always succeeds for a well-formed address, whether or not it has an account. */
    requestPasswordReset: (email: string) => request<void>('POST', '/auth/password-reset', { email }),
    confirmPasswordReset: (token: string, password: string) =>
      request<void>('POST', '/auth/password-reset/confirm', { token, password }),

    // Directory

    units: async (options?: RequestOptions) =>
      (await staff<Output<typeof UnitList>>('GET', '/units', undefined, options)).units,
    createUnit: (input: { name: string; parentId: string }) => staff<Unit>('POST', '/units', input),
    changeUnit: (id: string, change: UnitChangeInput) =>
      staff<Unit>('PATCH', `/units/${encodeURIComponent(id)}`, change),
    deleteUnit: (id: string) => staff<void>('DELETE', `/units/${encodeURIComponent(id)}`),
    setUnitManagers: (id: string, personIds: string[]) =>
      staff<Unit>('PUT', `/units/${encodeURIComponent(id)}/managers`, { personIds }),

    people: (filter: PeopleFilter = {}, options?: RequestOptions) =>
      staff<PersonPageResult>('GET', `/people${queryString({ ...filter })}`, undefined, options),
    person: (id: string, options?: RequestOptions) =>
      staff<Person>('GET', `/people/${encodeURIComponent(id)}`, undefined, options),
    createPerson: (input: NewPersonInput) => staff<Person>('POST', '/people', input),
    changePerson: (id: string, change: PersonChangeInput) =>
      staff<Person>('PATCH', `/people/${encodeURIComponent(id)}`, change),

    startImport: (input: Pick<ImportRequest, 'csv' | 'dryRun' | 'allOrNothing' | 'deactivateMissing'>) =>
      staff<ImportJob>('POST', '/imports', input),
    importJob: (id: string, options?: RequestOptions) =>
      staff<ImportJob>('GET', `/imports/${encodeURIComponent(id)}`, undefined, options),
    imports: async (options?: RequestOptions) =>
      (await staff<Output<typeof ImportJobList>>('GET', '/imports', undefined, options)).imports,

    // Audit and mail

    audit: (filter: AuditFilter = {}, options?: RequestOptions) =>
      staff<AuditPageResult>('GET', `/audit${queryString({ ...filter })}`, undefined, options),
    outbox: async (options?: RequestOptions) =>
      (await staff<Output<typeof Outbox>>('GET', '/outbox', undefined, options)).messages,

    // Questions and pulses

    questions: async (options?: RequestOptions) =>
      (await staff<Output<typeof QuestionList>>('GET', '/questions', undefined, options)).questions,
    createQuestion: (input: Output<typeof NewQuestion>) => staff<Question>('POST', '/questions', input),
    /** A question a pulse has used becomes a new version, under a new key: the answer is the question as it now reads. */
    changeQuestion: (key: string, change: Output<typeof QuestionChange>) =>
      staff<Question>('PATCH', `/questions/${encodeURIComponent(key)}`, change),
    retireQuestion: (key: string) => staff<void>('DELETE', `/questions/${encodeURIComponent(key)}`),

    pulses: async (options?: RequestOptions) =>
      (await staff<Output<typeof PulseList>>('GET', '/pulses', undefined, options)).pulses,
    pulse: (id: string, options?: RequestOptions) =>
      staff<Pulse>('GET', `/pulses/${encodeURIComponent(id)}`, undefined, options),
    createPulse: (input: Output<typeof NewPulse>) => staff<Pulse>('POST', '/pulses', input),
    changePulse: (id: string, change: Partial<Output<typeof NewPulse>>) =>
      staff<Pulse>('PATCH', `/pulses/${encodeURIComponent(id)}`, change),
    openPulse: (id: string) => staff<Pulse>('POST', `/pulses/${encodeURIComponent(id)}/open`),
    closePulse: (id: string) => staff<Pulse>('POST', `/pulses/${encodeURIComponent(id)}/close`),
    participation: (id: string, options?: RequestOptions) =>
      staff<Participation>('GET', `/pulses/${encodeURIComponent(id)}/participation`, undefined, options),
    /** Reminds the people who have not taken a ballot; resolves with how many were reminded. */
    remindPulse: async (id: string) =>
      (await staff<{ reminded: number }>('POST', `/pulses/${encodeURIComponent(id)}/reminders`)).reminded,
    /** The invitation links of an open pulse as a CSV file: personal and secret, and the export is audited. */
    invitationLinks: async (id: string): Promise<Blob> => {
      let response: Response;
      try {
        response = await fetchImpl(`${base}/pulses/${encodeURIComponent(id)}/invitation-links`, {
          headers: { accept: 'text/csv' },
          credentials: 'same-origin',
          cache: 'no-store',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        throw new ApiRequestError({ status: 0, code: 'network', message });
      }
      if (!response.ok) {
        const error = errorFromResponse(response.status, await response.json().catch(() => undefined));
        if (error.code === 'unauthenticated') endSession();
        throw error;
      }
      return response.blob();
    },

    // Results: every figure is released with its value, or hidden with its reason and no number

    /** Closed pulses whose results the reader may see, newest first. */
    resultsPulses: async (options?: RequestOptions) =>
      (await staff<ResultsPulseList>('GET', '/results/pulses', undefined, options)).pulses,
    unitResults: (unitId: string, query: UnitResultsQuery = {}, options?: RequestOptions) =>
      staff<UnitResults>(
        'GET',
        `/results/units/${encodeURIComponent(unitId)}${resultsQuery(query)}`,
        undefined,
        options,
      ),
    unitTrend: (unitId: string, options?: RequestOptions) =>
      staff<Trend>('GET', `/results/units/${encodeURIComponent(unitId)}/trend`, undefined, options),
    heatmap: (pulseId?: string, options?: RequestOptions) =>
      staff<Heatmap>('GET', `/results/heatmap${queryString({ pulseId })}`, undefined, options),
    // Dialogue: comments shown to staff, their replies, and how well a unit answers its people

    comments: (filter: CommentsFilter = {}, options?: RequestOptions) =>
      staff<CommentList>('GET', `/comments${queryString({ ...filter })}`, undefined, options),
    comment: (id: string, options?: RequestOptions) =>
      staff<StaffComment>('GET', `/comments/${encodeURIComponent(id)}`, undefined, options),
    /** A reply signed with the reader's name; resolves with the comment as it now stands. */
    replyToComment: (id: string, reply: NewReply) =>
      staff<StaffComment>('POST', `/comments/${encodeURIComponent(id)}/replies`, reply),
    markAddressed: (id: string, addressed: boolean) =>
      staff<StaffComment>('PUT', `/comments/${encodeURIComponent(id)}/status`, { addressed }),
    orgDialogueHealth: (options?: RequestOptions) =>
      staff<OrgDialogueHealth>('GET', '/dialogue/health', undefined, options),
    unitDialogueHealth: (unitId: string, options?: RequestOptions) =>
      staff<UnitHealth>('GET', `/dialogue/units/${encodeURIComponent(unitId)}/health`, undefined, options),
    dialogueSettings: (options?: RequestOptions) =>
      staff<DialogueSettings>('GET', '/dialogue/settings', undefined, options),
    saveDialogueSettings: (settings: DialogueSettings) =>
      staff<DialogueSettings>('PUT', '/dialogue/settings', settings),

    // Readiness gate, campaigns and webhooks

    gatePolicy: (options?: RequestOptions) => staff<GatePolicySettings>('GET', '/gate/policy', undefined, options),
    saveGatePolicy: (policy: GatePolicy) => staff<GatePolicySettings>('PUT', '/gate/policy', policy),
    /** What stands between a unit and readiness, under the org's default policy. */
    unitReadiness: (unitId: string, options?: RequestOptions) =>
      staff<UnitReadiness>('GET', `/readiness/units/${encodeURIComponent(unitId)}`, undefined, options),
    campaigns: async (state?: CampaignState, options?: RequestOptions) =>
      (await staff<CampaignList>('GET', `/campaigns${queryString({ state })}`, undefined, options)).campaigns,
    campaign: (id: string, options?: RequestOptions) =>
      staff<Campaign>('GET', `/campaigns/${encodeURIComponent(id)}`, undefined, options),
    createCampaign: (input: CampaignInput) => staff<Campaign>('POST', '/campaigns', input),
    changeCampaign: (id: string, change: Partial<CampaignInput>) =>
      staff<Campaign>('PATCH', `/campaigns/${encodeURIComponent(id)}`, change),
    /** Runs a campaign's action; `launch` rejects with `gate_not_passed` (412) when the gate does not pass. */
    campaignAction: (id: string, action: 'check' | 'launch' | 'pause' | 'complete' | 'cancel') =>
      staff<Campaign>('POST', `/campaigns/${encodeURIComponent(id)}/${action}`),
    overrideCampaign: (id: string, reason: string) =>
      staff<Campaign>('POST', `/campaigns/${encodeURIComponent(id)}/override`, { reason }),
    campaignEvaluations: async (id: string, options?: RequestOptions) =>
      (await staff<GateEvaluationList>('GET', `/campaigns/${encodeURIComponent(id)}/evaluations`, undefined, options))
        .evaluations,
    webhooks: async (options?: RequestOptions) =>
      (await staff<WebhookList>('GET', '/webhooks', undefined, options)).webhooks,
    createWebhook: (input: { url: string; description: string; events: WebhookEvent[] }) =>
      staff<WebhookWithSecret>('POST', '/webhooks', input),
    changeWebhook: (id: string, change: { active?: boolean; rotateSecret?: true }) =>
      staff<Webhook & { secret: string | null }>('PATCH', `/webhooks/${encodeURIComponent(id)}`, change),
    deleteWebhook: (id: string) => staff<void>('DELETE', `/webhooks/${encodeURIComponent(id)}`),
    pingWebhook: (id: string) => staff<WebhookDelivery>('POST', `/webhooks/${encodeURIComponent(id)}/ping`),
    webhookDeliveries: async (id: string, options?: RequestOptions) =>
      (await staff<WebhookDeliveryList>('GET', `/webhooks/${encodeURIComponent(id)}/deliveries`, undefined, options))
        .deliveries,

    /** Where the browser downloads a unit's results as CSV (a plain link: the session cookie goes along). */
    unitResultsCsvHref: (unitId: string, query: UnitResultsQuery = {}) =>
      `${base}/results/units/${encodeURIComponent(unitId)}/export.csv${resultsQuery(query)}`,
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
