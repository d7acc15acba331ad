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
  log.error('unhandled error', { requestId: c.get('requestId'), route: c.req.routePath, error: describe(err) });
  return errorResponse(c, new ApiError('internal', 'Something went wrong on our side. The request was not completed.'));
}

function httpExceptionMessage(err: HTTPException): string {
  if (err.status === 400 && /json/i.test(err.message)) return 'The request body is not valid JSON.';
  return err.message || 'The request was rejected.';
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}
