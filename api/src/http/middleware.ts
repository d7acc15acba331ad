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

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return length !== '0';
  return request.body !== null;
}

/** Caps request bodies; larger ones are refused with 413 before they are read whole. */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
    },
  });
}
