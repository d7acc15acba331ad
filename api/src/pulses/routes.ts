import { NewPulse, Participation, Pulse, PulseChange, PulseList } from '@insideout/contracts';
import { z } from 'zod';
import { recordAudit, staffActor } from '../audit/record.ts';
import { actorOf, route } from '../auth/policy.ts';
import { ApiError } from '../http/errors.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changePulse, createPulse, findPulse, listPulses, toPulses } from './compose.ts';
import { invitationLink, invitationToken, mailInvitations, withoutBallot } from './invitations.ts';
import { closePulse, openPulse } from './lifecycle.ts';
import { participationOf } from './participation.ts';

const tags = ['Pulses'];

async function pulseView(c: Parameters<typeof actorOf>[0], id: string) {
  const actor = actorOf(c);
  const pulse = await findPulse(c.var.services.store.db, actor, id);
  const [view] = await toPulses(c.var.services.store.db, actor.orgId, [pulse]);
  return view as z.infer<typeof Pulse>;
}

export const pulses = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/pulses',
      tags,
      summary: 'Pulses, newest first (a manager sees those that include their units)',
      responses: { 200: body(PulseList, 'The pulses.') },
    }),
    async (c) => c.json({ pulses: await listPulses(c.var.services.store.db, actorOf(c)) }, 200),
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/pulses',
      tags,
      summary: 'Compose a pulse (a draft): 5 to 10 questions is the recommended size',
      request: { body: json(NewPulse) },
      responses: { 201: body(Pulse, 'The draft.'), 400: error('Invalid input.') },
    }),
    async (c) => {
      const id = await createPulse(c.var.services.store.db, actorOf(c), c.req.valid('json'));
      return c.json(await pulseView(c, id), 201);
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/pulses/{id}',
      tags,
      summary: 'One pulse',
      request: { params: idParam },
      responses: { 200: body(Pulse, 'The pulse.'), 404: error('No such pulse.') },
    }),
    async (c) => c.json(await pulseView(c, c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/pulses/{id}',
      tags,
      summary: 'Edit a draft pulse',
      request: { params: idParam, body: json(PulseChange) },
      responses: { 200: body(Pulse, 'The draft.'), 400: error('Invalid input.'), 409: error('The pulse has opened.') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await changePulse(c.var.services.store.db, actorOf(c), id, c.req.valid('json'));
      return c.json(await pulseView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/pulses/{id}/open',
      tags,
      summary: 'Open a draft pulse now: cohorts and ballot keys are fixed, invitations are sent',
      request: { params: idParam },
      responses: {
        200: body(Pulse, 'Open.'),
        404: error('No such pulse.'),
        409: error('Not a draft, or nobody to invite.'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await openPulse(c.var.services, actor.orgId, id, staffActor(actor));
      return c.json(await pulseView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/pulses/{id}/close',
      tags,
      summary: 'Close an open pulse now and seal its responses',
      request: { params: idParam },
      responses: { 200: body(Pulse, 'Closed.'), 404: error('No such pulse.'), 409: error('Not open.') },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await closePulse(c.var.services, actor.orgId, id, staffActor(actor));
      return c.json(await pulseView(c, id), 200);
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/pulses/{id}/participation',
      tags,
      summary: 'Audience, ballots taken and responses, per cohort you may see',
      request: { params: idParam },
      responses: { 200: body(Participation, 'Participation.'), 404: error('No such pulse.') },
    }),
    async (c) => {
      const actor = actorOf(c);
      const pulse = await findPulse(c.var.services.store.db, actor, c.req.valid('param').id);
      return c.json(await participationOf(c.var.services.store.db, actor, pulse), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/pulses/{id}/reminders',
      tags,
      summary: 'Remind the people who have not taken a ballot (never “who have not answered”: nobody knows that)',
      request: { params: idParam },
      responses: {
        200: body(z.object({ reminded: z.number().int() }), 'How many were reminded.'),
        409: error('The pulse is not open.'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { store } = c.var.services;
      const pulse = await findPulse(store.db, actor, c.req.valid('param').id);
      if (pulse.state !== 'open') throw new ApiError('conflict', 'Reminders go out only while a pulse is open.');
      const people = await withoutBallot(store.db, actor.orgId, pulse.id).execute();
      await mailInvitations(c.var.services, pulse, people, 'reminder');
      if (people.length > 0) {
        await store.db
          .updateTable('invitations')
          .set({ remindedAt: new Date() })
          .where('orgId', '=', actor.orgId)
          .where('pulseId', '=', pulse.id)
          .where(
            'personId',
            'in',
            people.map((p) => p.personId),
          )
          .execute();
      }
      return c.json({ reminded: people.length }, 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/pulses/{id}/invitation-links',
      tags,
      summary: 'Export the invitation links (CSV) for channels InsideOut does not send to',
      description: 'Each link is personal and secret: the export is recorded in the audit log.',
      request: { params: idParam },
      responses: {
        200: { description: 'CSV: email, name, link.', content: { 'text/csv': { schema: z.string() } } },
        409: error('The pulse is not open.'),
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { store } = c.var.services;
      const pulse = await findPulse(store.db, actor, c.req.valid('param').id);
      if (pulse.state !== 'open') throw new ApiError('conflict', 'Invitation links exist only while a pulse is open.');
      const people = await store.db
        .selectFrom('invitations as i')
        .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'i.orgId').onRef('p.id', '=', 'i.personId'))
        .select(['i.personId', 'p.email', 'p.displayName'])
        .where('i.orgId', '=', actor.orgId)
        .where('i.pulseId', '=', pulse.id)
        .orderBy('p.email')
        .execute();
      await recordAudit(store.db, {
        orgId: actor.orgId,
        actor: staffActor(actor),
        action: 'pulse.links_exported',
        target: { type: 'pulse', id: pulse.id },
        details: { count: people.length },
      });
      const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
      const lines = people.map((p) =>
        [
          p.email,
          p.displayName,
          invitationLink(c.var.services, invitationToken(c.var.services, actor.orgId, pulse.id, p.personId)),
        ]
          .map(quote)
          .join(','),
      );
      return c.body(['email,name,link', ...lines].join('\r\n'), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="invitations-${pulse.id}.csv"`,
        'cache-control': 'no-store',
      });
    },
  );
