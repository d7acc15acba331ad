import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

/** A feature's sub-app: request validation failures become 400s in the error envelope. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.fromZod(result.error, describeTarget(result.target));
    },
  });
}

function describeTarget(target: string): string {
  switch (target) {
    case 'json':
      return 'request body';
    case 'query':
      return 'query parameter';
    case 'param':
      return 'path parameter';
    case 'header':
      return 'header';
    case 'cookie':
      return 'cookie';
    default:
      return 'input';
  }
}
