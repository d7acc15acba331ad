import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';
import { log } from './log.ts';

/** One JSON line per request: route pattern (never the raw URL, which may carry a token), status, time. */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  log.info('request', {
    requestId: c.get('requestId'),
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
  });
};

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes carry JSON: any other declared body type is refused with 415 before parsing. */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (methodsWithBody.has(c.req.method) && hasBody(c.req.raw)) {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(
        'unsupported_media_type',
        'Send the request body as JSON with Content-Type: application/json.',
      );
    }
  }
  await next();
};

// A body is announced by a non-zero Content-Length, by chunked Transfer-Encoding, or by a declared
// Content-Type; a DELETE with none of them has no body, whatever the adapter puts in `request.body`.
function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  return request.headers.has('transfer-encoding') || request.headers.has('content-type');
}

/**
 * Caps request bodies; larger ones are refused with 413 before they are read whole. A few routes
 * (HR-system imports) take larger bodies: `larger` maps their paths to their own cap.
 */
export function limitBody(maxBytes: number, larger: Record<string, number> = {}): MiddlewareHandler<AppEnv> {
  const limiter = (bytes: number) =>
    bodyLimit({
      maxSize: bytes,
      onError: () => {
        const size =
          bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
        throw new ApiError('payload_too_large', `The request body is larger than ${size}.`);
      },
    });
  const standard = { bytes: maxBytes, check: limiter(maxBytes) };
  const special = new Map(Object.entries(larger).map(([path, bytes]) => [path, { bytes, check: limiter(bytes) }]));
  return (c, next) => {
    const limit = special.get(c.req.path) ?? standard;
    // The common cases are decided from the headers alone, exactly as Hono's bodyLimit decides them
    // (no body on GET/HEAD; a declared Content-Length without chunking is compared as a number).
    // Hono's bodyLimit looks at `c.req.raw.body` first, which makes @hono/node-server build a full
    // web Request and stream for every request: a large share of the cost of a small request such
    // as a survey submission, which then reads its body straight from the socket instead.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length || '0', 10) > limit.bytes ? limit.check(c, next) : next();
    }
    return limit.check(c, next);
  };
}
