import type {
  AmbassadorCampaignList,
  CampaignAmbassadors,
  CampaignClicks,
  ConsentedIntroduction,
  ConsentedIntroductionList,
  ConsentView,
  IntroductionChange,
  KudosList,
  MyIntroduction,
  MyIntroductionList,
  NewIntroduction,
  PersonSession,
  RecruiterState,
  ShareKit,
  ShareKitChange,
} from '@insideout/contracts';
import { ApiRequestError, errorFromResponse } from '../api/client.ts';
import type { SessionHint } from '../session/session.svelte.ts';

/**
 * Where the ambassador page notes that this browser may hold a person session (a flag, nothing
 * secret; the cookie is HttpOnly), as the staff app does: a visitor who never signed in here is
 * known to be signed out without a request the browser would report as a failed 401.
 */
export const personSessionHintKey = 'insideout.ambassador.signedIn';

function storageHint(): SessionHint {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const timeoutMs = 15_000;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The ambassador routes: the employee's page (a `person` session opened by a one-time sign-in
 * link, with its own CSRF token), the contact's consent page (the token from their e-mail) and
 * HR's views. Kept beside the staff client as the survey's is: employees never load the staff one.
 */
export function createAmbassadorApi(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  base = '/api/v1',
  hint: SessionHint = storageHint(),
) {
  let csrfToken: string | null = null;

  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    }
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new ApiRequestError({ status: 0, code: 'network', message: String(cause) });
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromResponse(response.status, payload);
    return payload as T;
  }
  const remember = (session: PersonSession) => {
    csrfToken = session.csrfToken;
    hint?.setItem(personSessionHintKey, '1');
    return session;
  };
  const forget = () => {
    csrfToken = null;
    hint?.removeItem(personSessionHintKey);
  };
  const id = encodeURIComponent;

  return {
    /** For an HR page whose staff session already has a token. */
    useCsrfToken: (token: string | null) => {
      csrfToken = token;
    },
    requestLink: (email: string) => call<void>('POST', '/ambassador/sign-in', { email }),
    confirmLink: async (token: string) =>
      remember(await call<PersonSession>('POST', '/ambassador/sign-in/confirm', { token })),
    session: async () => {
      try {
        return remember(await call<PersonSession>('GET', '/ambassador/session'));
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 401) forget();
        throw error;
      }
    },
    /** False when this browser is known to hold no person session (storage unavailable: true). */
    mayBeSignedIn: () => hint === null || hint.getItem(personSessionHintKey) !== null,
    signOut: async () => {
      await call<void>('POST', '/auth/logout');
      forget();
    },
    campaigns: async () => (await call<AmbassadorCampaignList>('GET', '/ambassador/campaigns')).campaigns,
    join: (campaignId: string) => call<unknown>('PUT', `/ambassador/campaigns/${id(campaignId)}/opt-in`),
    withdraw: (campaignId: string) => call<void>('DELETE', `/ambassador/campaigns/${id(campaignId)}/opt-in`),
    introduce: (campaignId: string, input: NewIntroduction) =>
      call<MyIntroduction>('POST', `/ambassador/campaigns/${id(campaignId)}/introductions`, input),
    myIntroductions: async () => (await call<MyIntroductionList>('GET', '/ambassador/introductions')).introductions,
    kudos: async () => (await call<KudosList>('GET', '/ambassador/kudos')).kudos,
    consentView: (token: string) => call<ConsentView>('POST', '/consent/lookup', { token }),
    consent: (token: string, decision: 'accept' | 'decline') => call<unknown>('POST', '/consent', { token, decision }),
    // HR leaders
    ambassadors: (campaignId: string) => call<CampaignAmbassadors>('GET', `/campaigns/${id(campaignId)}/ambassadors`),
    clicks: (campaignId: string) => call<CampaignClicks>('GET', `/campaigns/${id(campaignId)}/clicks`),
    shareKit: (campaignId: string) => call<ShareKit>('GET', `/campaigns/${id(campaignId)}/share-kit`),
    writeShareKit: (campaignId: string, kit: ShareKitChange) =>
      call<ShareKit>('PUT', `/campaigns/${id(campaignId)}/share-kit`, kit),
    introductions: async () => (await call<ConsentedIntroductionList>('GET', '/introductions')).introductions,
    changeIntroduction: (introductionId: string, change: IntroductionChange) =>
      call<ConsentedIntroduction>('PATCH', `/introductions/${id(introductionId)}`, change),
  };
}

export const ambassadorApi = createAmbassadorApi();
export const recruiterStates: readonly RecruiterState[] = ['new', 'contacted', 'interviewing', 'hired', 'not_pursued'];

/** A paused campaign's 409 says why in `details.reason`. */
export function pausedReasonOf(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'conflict') return null;
  const details = error.details as { reason?: unknown } | undefined;
  return typeof details?.reason === 'string' ? details.reason : null;
}
