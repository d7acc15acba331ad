import { type ErrorCode, type ErrorEnvelope, errorStatus, type FieldIssue } from '@insideout/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { AppEnv } from './env.ts';
import { log } from './log.ts';

/** The one error type a route throws; `onError` turns it into the envelope with its status. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }

  static invalidInput(issues: FieldIssue[], message = 'The request is not valid.') {
    return new ApiError('invalid_input', message, { issues });
  }

  static fromZod(error: ZodError, where: string) {
    const issues = error.issues.map((issue) => ({ path: [...issue.path].map(pathSegment), message: issue.message }));
    const first = issues[0];
    const at = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return ApiError.invalidInput(issues, `Invalid ${where}${at}: ${first?.message ?? 'not valid'}.`);
  }
}

function pathSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}

// Hono raises HTTPException for what it rejects before a handler runs (malformed JSON, …).
const codeOfStatus: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

export function errorResponse(c: Context<AppEnv>, error: ApiError) {
  const body: ErrorEnvelope = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId: c.get('requestId') ?? 'unknown',
    },
  };
  return c.json(body, error.status);
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    const code = codeOfStatus[err.status];
    if (code) return errorResponse(c, new ApiError(code, httpExceptionMessage(err)));
  }
  if (isUnstorableText(err)) {
    return errorResponse(
      c,
      ApiError.invalidInput(
        [],
        'The request holds text that cannot be stored: a NUL character (U+0000) or half of a UTF-16 surrogate pair.',
      ),
    );
  }
  if (isDatabaseUnavailable(err)) {
    // Nothing was stored (the transaction did not commit, or never began): the caller may retry.
    log.warn('database unavailable', { requestId: c.get('requestId'), route: c.req.routePath, error: describe(err) });
    c.header('retry-after', '1');
    return errorResponse(
      c,
      new ApiError('unavailable', 'The database is not reachable right now. Nothing was changed; try again shortly.'),
    );
  }
  log.error('unhandled error', { requestId: c.get('requestId'), route: c.req.routePath, error: describe(err) });
  return errorResponse(c, new ApiError('internal', 'Something went wrong on our side. The request was not completed.'));
}

// The database is down, restarting or out of connections: connection refused or cut, the server
// shutting down or not yet accepting (SQLSTATE class 08 and 57P01–57P03), too many connections
// (53300), or the pool not getting a connection in time. Each is a 503 the client may retry, not a 500.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const unavailableMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed/i;

function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnavailable);
  return unavailableMessages.test(err.message);
}

// PostgreSQL's text cannot hold U+0000 (22021), nor jsonb a \u0000 escape (22P05), nor JSON text a
// lone UTF-16 surrogate (22P02 with a surrogate detail: JSON.stringify passes one from the request
// on, escaped). Whatever field it came in, such a value is the request's fault (400), not the
// server's — found by the fuzz (test/postgres/fuzz.test.ts).
function isUnstorableText(err: unknown): boolean {
  const { code, detail } = (err ?? {}) as { code?: unknown; detail?: unknown };
  if (code === '22021' || code === '22P05') return true;
  return code === '22P02' && typeof detail === 'string' && /surrogate/i.test(detail);
}

function httpExceptionMessage(err: HTTPException): string {
  if (err.status === 400 && /json/i.test(err.message)) return 'The request body is not valid JSON.';
  return err.message || 'The request was rejected.';
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
