import { Health } from '@insideout/contracts';
import { route } from '../auth/policy.ts';
import { ApiError } from '../http/errors.ts';
import { log } from '../http/log.ts';
import { body, error } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';

const healthRoute = route('public', {
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Is the service up and its database reachable?',
  responses: {
    200: body(Health, 'The database answered.'),
    503: error('The database did not answer within a second.'),
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
