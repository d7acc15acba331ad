import { AuditPage, AuditQuery } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { createRouter } from '../http/router.ts';

export const audit = createRouter().openapi(
  route('hr', {
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    summary: 'The audit log, newest first',
    description:
      'Who did what and when: changes of people, roles, units, settings, pulses, campaigns, every override and sign-in event. Append-only.',
    request: { query: AuditQuery },
    responses: { 200: { description: 'A page of entries.', content: { 'application/json': { schema: AuditPage } } } },
  }),
  async (c) => {
    const { orgId } = actorOf(c);
    const { action, actorId, before, limit } = c.req.valid('query');
    let query = c.var.services.store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('orgId', '=', orgId)
      .orderBy('seq', 'desc')
      .limit(limit + 1);
    if (action) query = query.where('action', 'like', `${action.replace(/[%_\\]/g, '\\$&')}%`);
    if (actorId) query = query.where('actorId', '=', actorId);
    if (before) query = query.where('seq', '<', before);
    const rows = await query.execute();
    const page = rows.slice(0, limit);
    return c.json(
      {
        entries: page.map((row) => ({
          seq: row.seq,
          at: row.at.toISOString(),
          actor: { id: row.actorId, label: row.actorLabel },
          action: row.action,
          target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
          details: row.details,
        })),
        nextBefore: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      },
      200,
    );
  },
);
