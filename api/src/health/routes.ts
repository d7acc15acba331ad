import { createRoute } from '@hono/zod-openapi';
import { ErrorEnvelope, Health } from '@insideout/contracts';
import { ApiError } from '../http/errors.ts';
import { log } from '../http/log.ts';
import { createRouter } from '../http/router.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Is the service up and its database reachable?',
  security: [],
  responses: {
    200: { description: 'The database answered.', content: { 'application/json': { schema: Health } } },
    503: {
      description: 'The database did not answer within a second.',
      content: { 'application/json': { schema: ErrorEnvelope } },
    },
  },
});

export const health = createRouter().openapi(healthRoute, async (c) => {
  const { store } = c.var.services;
  try {
    const { migration } = await store.probe(1_000);
    return c.json({ status: 'ok' as const, database: { kind: store.kind, migration } }, 200);
  } catch (error) {
    log.warn('health check failed', { requestId: c.get('requestId'), error: String(error) });
    throw new ApiError('unavailable', `The ${store.kind} database is not reachable.`, {
      database: { kind: store.kind },
    });
  }
});
