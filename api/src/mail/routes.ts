import { Outbox } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { createRouter } from '../http/router.ts';

export const outbox = createRouter().openapi(
  route('hr', {
    method: 'get',
    path: '/outbox',
    tags: ['Mail'],
    summary: 'The development outbox: mail kept because no SMTP server is configured',
    description: 'Empty when SMTP_URL is set: mail then goes out through SMTP and is not kept.',
    responses: {
      200: { description: 'The newest 100 messages.', content: { 'application/json': { schema: Outbox } } },
    },
  }),
  async (c) => {
    const { orgId } = actorOf(c);
    const rows = await c.var.services.store.db
      .selectFrom('mailOutbox')
      .select(['id', 'to', 'subject', 'text', 'createdAt'])
      .where('orgId', '=', orgId)
      .orderBy('createdAt', 'desc')
      .limit(100)
      .execute();
    return c.json({ messages: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) }, 200);
  },
);
