import type { ErrorCode, Health } from '@insideout/contracts';

// Only types come from @insideout/contracts: a value import would pull its zod schemas (and zod)
// into every page's bundle. The status of each code is mirrored here instead; `satisfies` keeps
// the copy exhaustive and exact whenever the contract changes.
const statusOfCode = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  pulse_closed: 410,
  gate_not_passed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

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
  return typeof value === 'string' && Object.hasOwn(statusOfCode, value);
}

/** The code for an answer that did not carry a readable envelope (a proxy's 502 page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status === 502 || status === 504) return 'unavailable';
  const match = (Object.keys(statusOfCode) as ErrorCode[]).find((code) => statusOfCode[code] === status);
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

export interface RequestOptions {
  /** Cancels the request, for instance when the page that asked is left. */
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request that has had no answer after this long is reported as a network failure. */
const timeoutMs = 15_000;

/**
 * The web app's only way to reach the API: every endpoint is a method named for what it does, so
 * no page spells a URL, and every failure arrives as an `ApiRequestError`.
 */
export function createApi(fetchImpl: typeof fetch = (input, init) => fetch(input, init), base = '/api/v1') {
  async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
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
    if (!response.ok) throw errorFromResponse(response.status, payload);
    if (payload === undefined && response.status !== 204) {
      // A 2xx that is not JSON is not the API (an HTML page from a misrouted proxy, for one).
      throw new ApiRequestError({ status: response.status, code: 'internal', message: 'The answer was not JSON.' });
    }
    return payload as T;
  }

  return {
    /** Is the service up and its database reachable? Rejects with code `unavailable` (503) when not. */
    health: (options?: RequestOptions) => request<Health>('GET', '/health', undefined, options),
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
