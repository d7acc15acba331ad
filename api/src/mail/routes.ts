import { Outbox } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { createRouter } from '../http/router.ts';

/**
 * What HR leaders read of a confidential message (a consent request to an introduced contact):
 * that one was sent, and when — never to whom or what it says. Only the contact may see the
 * introduction before they consent; once they decline, or let it expire, the message is deleted
 * with the introduction.
 */
export const withheldSubject = 'Consent request to an introduced contact (withheld: only they may read it)';

export const outbox = createRouter().openapi(
  route('hr', {
    method: 'get',
    path: '/outbox',
    tags: ['Mail'],
    summary: 'The development outbox: mail kept because no SMTP server is configured',
    description:
      'Empty when SMTP_URL is set: mail then goes out through SMTP and is not kept. Confidential mail (a consent request to an introduced contact) is listed with its recipient and text withheld (`withheld: true`).',
    responses: {
      200: { description: 'The newest 100 messages.', content: { 'application/json': { schema: Outbox } } },
    },
  }),
  async (c) => {
    const { orgId } = actorOf(c);
    const rows = await c.var.services.store.db
      .selectFrom('mailOutbox')
      .select(['id', 'to', 'subject', 'text', 'confidential', 'createdAt'])
      .where('orgId', '=', orgId)
      .orderBy('createdAt', 'desc')
      .limit(100)
      .execute();
    const messages = rows.map(({ confidential, createdAt, ...row }) =>
      confidential
        ? {
            id: row.id,
            to: null,
            subject: withheldSubject,
            text: null,
            withheld: true,
            createdAt: createdAt.toISOString(),
          }
        : { ...row, withheld: false, createdAt: createdAt.toISOString() },
    );
    return c.json({ messages }, 200);
  },
);
