import type { LoginRequest, Role, SessionInfo, SetupRequest } from '@insideout/contracts';
import { type Api, ApiRequestError, api } from '../api/client.ts';

type SessionApi = Pick<Api, 'session' | 'login' | 'logout' | 'setUp' | 'onSessionEnded'>;

/** Where the app notes that this browser may hold a session cookie (the cookie itself is HttpOnly). */
export type SessionHint = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;

export const sessionHintKey = 'insideout.signedIn';

export function browserSessionHint(): SessionHint {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Who is signed in, for the whole app: loaded once at start, changed by signing in and out.
 *
 * A visitor who never signed in on this browser is known to be signed out without asking the API:
 * the check would answer 401, which the browser reports in its console as a failed request. The
 * app notes a sign-in in local storage (a flag, nothing secret) and asks only when it is there, or
 * when storage is unavailable.
 */
export class Session {
  /** `unknown` until the first check has answered. */
  state: 'unknown' | 'signed-in' | 'signed-out' = $state('unknown');
  info: SessionInfo | null = $state.raw(null);
  /** Why the first check could not tell (the service unreachable, say); null when it could. */
  error: unknown = $state.raw(null);

  readonly #api: SessionApi;
  readonly #hint: SessionHint;
  #loading: Promise<void> | null = null;

  constructor(sessionApi: SessionApi = api, hint: SessionHint = browserSessionHint()) {
    this.#api = sessionApi;
    this.#hint = hint;
    sessionApi.onSessionEnded(() => this.#signedOut());
  }

  get person(): SessionInfo['person'] | null {
    return this.info?.person ?? null;
  }

  get org(): SessionInfo['org'] | null {
    return this.info?.org ?? null;
  }

  get role(): Role | null {
    return this.info?.person.role ?? null;
  }

  get signedIn(): boolean {
    return this.state === 'signed-in';
  }

  /** Checks the session once; later calls wait for the same check. Never rejects. */
  load(): Promise<void> {
    this.#loading ??= this.#check();
    return this.#loading;
  }

  async signIn(credentials: LoginRequest): Promise<SessionInfo> {
    let info: SessionInfo;
    try {
      info = await this.#api.login(credentials);
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.code === 'forbidden')) throw error;
      // A session cookie the app did not know about (its note was cleared) makes the API demand
      // that session's CSRF token: close that session properly, then sign in again.
      await this.#closeUnknownSession();
      info = await this.#api.login(credentials);
    }
    this.#signedIn(info);
    return info;
  }

  async setUp(request: SetupRequest): Promise<SessionInfo> {
    const info = await this.#api.setUp(request);
    this.#signedIn(info);
    return info;
  }

  /** Signs out on the server; locally signed out in any case, even if the server could not be told. */
  async signOut(): Promise<void> {
    try {
      await this.#api.logout();
    } catch (error) {
      // Already over on the server: nothing more to do. Anything else is worth reporting.
      if (!(error instanceof ApiRequestError && error.code === 'unauthenticated')) {
        this.#signedOut();
        throw error;
      }
    }
    this.#signedOut();
  }

  async #check(): Promise<void> {
    if (this.#hint !== null && !this.#readHint()) {
      this.state = 'signed-out';
      return;
    }
    try {
      this.#signedIn(await this.#api.session());
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'unauthenticated') {
        this.#signedOut();
        return;
      }
      // The service could not say: signed out for this page, but the note stays for the next visit.
      this.error = error;
      this.info = null;
      this.state = 'signed-out';
    }
  }

  async #closeUnknownSession(): Promise<void> {
    try {
      await this.#api.session();
      await this.#api.logout();
    } catch {
      // Whatever it was, it is gone or unusable: the second sign-in attempt says what remains.
    }
  }

  #readHint(): boolean {
    try {
      return this.#hint?.getItem(sessionHintKey) === '1';
    } catch {
      return true;
    }
  }

  #signedIn(info: SessionInfo): void {
    this.info = info;
    this.error = null;
    this.state = 'signed-in';
    try {
      this.#hint?.setItem(sessionHintKey, '1');
    } catch {
      // Without the note, the next visit asks the API instead.
    }
  }

  #signedOut(): void {
    this.info = null;
    this.state = 'signed-out';
    try {
      this.#hint?.removeItem(sessionHintKey);
    } catch {
      // Nothing to clean up where storage is blocked.
    }
  }
}

export const session = new Session();
