import type { Conversation, Manifest, Submission, Survey } from '@insideout/contracts';
import { ApiRequestError, errorFromResponse } from '../api/client.ts';

/** A request that has had no answer after this long is reported as a network failure. */
const timeoutMs = 15_000;

interface Call {
  method: 'GET' | 'POST';
  path: string;
  /** The invitation token, sent as `Authorization: Invitation <token>`. */
  invitation?: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/**
 * The employee's side of the API: authenticated by the invitation link (or, for the conversation
 * about one's comments, the receipt code) alone, never by a cookie.
 * Every call omits credentials, so a staff session open in the same browser is never sent along
 * with a survey request (and a response can never be tied to it).
 */
export function createSurveyApi(fetchImpl: typeof fetch = (input, init) => fetch(input, init), base = '/api/v1') {
  async function call<T>({ method, path, invitation, body, signal }: Call): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (invitation !== undefined) headers.authorization = `Invitation ${invitation}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.any(signals),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new ApiRequestError({ status: 0, code: 'network', message });
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromResponse(response.status, payload);
    if (payload === undefined) {
      throw new ApiRequestError({ status: response.status, code: 'internal', message: 'The answer was not JSON.' });
    }
    return { status: response.status, body: payload as T };
  }

  return {
    /** The pulse an invitation opens, with this person's cohort and its ballot key. */
    survey: async (invitation: string, signal?: AbortSignal) =>
      (await call<Survey>({ method: 'GET', path: '/survey', invitation, signal })).body,

    /** Every cohort key of the pulse: public, the same for everyone. */
    manifest: async (pulseId: string, signal?: AbortSignal) =>
      (await call<Manifest>({ method: 'GET', path: `/pulses/${encodeURIComponent(pulseId)}/manifest`, signal })).body,

    /** Has the blinded ballot signed; the same blinded message again gets the same signature. */
    signBallot: async (invitation: string, blinded: string) =>
      (
        await call<{ cohortId: string; blindSignature: string }>({
          method: 'POST',
          path: '/survey/ballot',
          invitation,
          body: { blinded },
        })
      ).body,

    /**
     * Sends the anonymous response: no invitation, no cookie. Resolves with 201 (stored) or 200
     * (already stored: a retry of the same response).
     */
    submit: async (pulseId: string, submission: Submission) =>
      (
        await call<unknown>({
          method: 'POST',
          path: `/pulses/${encodeURIComponent(pulseId)}/responses`,
          body: submission,
        })
      ).status,

    /** The comments a receipt code proves to be one's own, with the replies; no cookie, no invitation. */
    conversation: async (receipt: string, signal?: AbortSignal) =>
      (await call<Conversation>({ method: 'POST', path: '/conversations/lookup', body: { receipt }, signal })).body,

    /** Answers back on one's own comment, still anonymous: the receipt code is the only proof. */
    followUp: async (commentId: string, receipt: string, body: string) =>
      (
        await call<Conversation>({
          method: 'POST',
          path: `/conversations/comments/${encodeURIComponent(commentId)}/follow-ups`,
          body: { receipt, body },
        })
      ).body,
  };
}

export type SurveyApi = ReturnType<typeof createSurveyApi>;

export const surveyApi: SurveyApi = createSurveyApi();
