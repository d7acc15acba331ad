import {
  CommentList,
  CommentStatus,
  CommentsQuery,
  Conversation,
  ConversationLookup,
  DialogueSettings,
  NewFollowUp,
  NewReply,
  OrgDialogueHealth,
  StaffComment,
  UnitDialogueHealth,
} from '@insideout/contracts';
import { actorOf, assertUnitInScope, route } from '../auth/policy.ts';
import { RateLimiter, throttle } from '../auth/rate-limit.ts';
import { findUnit } from '../directory/queries.ts';
import { ApiError } from '../http/errors.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { listComments, readComment, replyTo, setStatus } from './comments.ts';
import { conversationOf, followUp } from './conversations.ts';
import { dialogueHealthReport } from './health.ts';
import { readSettings, writeSettings } from './settings.ts';

const tags = ['Dialogue'];
const visibility =
  'A comment shows at its group’s unit when that group has at least k_comments respondents, else at the nearest ' +
  'unit above that does; managers read the comments shown at the units they manage and below, HR leaders all. ' +
  'Comments carry no time finer than their pulse and come in a fixed random order.';
const notFound = error('No such comment, unit or pulse, or not one you may read.');

// 80-bit receipt codes cannot be guessed, but nobody needs more than a few lookups a minute.
const receiptLimiter = new RateLimiter(30, 60_000);

export const dialogue = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/comments',
      tags,
      summary: 'Comments of one closed pulse you may read, with their conversations',
      description: `${visibility} Flags (a person named, a listed word) are shown to HR leaders only.`,
      request: { query: CommentsQuery },
      responses: { 200: body(CommentList, 'The comments.'), 400: error('Invalid query.'), 404: notFound },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const actor = actorOf(c);
      if (query.flagged !== undefined && actor.role !== 'hr_admin') {
        throw new ApiError('forbidden', 'Only HR leaders see flagged comments.');
      }
      return c.json(await listComments(c.var.services.store.db, actor, query), 200);
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/comments/{id}',
      tags,
      summary: 'A comment and its conversation',
      description: visibility,
      request: { params: idParam },
      responses: { 200: body(StaffComment, 'The comment.'), 400: error('Invalid id.'), 404: notFound },
    }),
    async (c) => c.json(await readComment(c.var.services.store.db, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('staff', {
      method: 'post',
      path: '/comments/{id}/replies',
      tags,
      summary: 'Reply to a comment, signed with your name',
      description: 'Any manager of the unit the comment shows at (or above it) and any HR leader may reply.',
      request: { params: idParam, body: json(NewReply) },
      responses: {
        201: body(StaffComment, 'The comment with its conversation.'),
        400: error('Invalid reply.'),
        404: notFound,
      },
    }),
    async (c) => {
      const { services } = c.var;
      const reply = c.req.valid('json');
      return c.json(await replyTo(services.store.db, actorOf(c), c.req.valid('param').id, reply, services.now()), 201);
    },
  )
  .openapi(
    route('staff', {
      method: 'put',
      path: '/comments/{id}/status',
      tags,
      summary: 'Mark a conversation addressed, or open it again',
      request: { params: idParam, body: json(CommentStatus) },
      responses: { 200: body(StaffComment, 'The comment.'), 400: error('Invalid status.'), 404: notFound },
    }),
    async (c) => {
      const { services } = c.var;
      const status = c.req.valid('json');
      return c.json(
        await setStatus(services.store.db, actorOf(c), c.req.valid('param').id, status, services.now()),
        200,
      );
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/conversations/lookup',
      tags,
      summary: 'Your comments and their replies, by the receipt code your device kept',
      description:
        'No sign-in: holding the receipt code is the proof. Only its hash was stored, so a lost code cannot be ' +
        'recovered by anyone. Sent in a body, never in a URL, so it stays out of logs.',
      request: { body: json(ConversationLookup) },
      responses: {
        200: body(Conversation, 'The conversation.'),
        400: error('Not a receipt code.'),
        404: error('No comment has this receipt code.'),
        429: error('Too many lookups from this address.'),
      },
    }),
    async (c) => {
      throttle(c, receiptLimiter, 'receipt');
      return c.json(await conversationOf(c.var.services.store.db, c.req.valid('json').receipt), 200);
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/conversations/comments/{id}/follow-ups',
      tags,
      summary: 'Answer back on your comment, still anonymous',
      description: 'Kept with the day it was written only. Opens an addressed conversation again.',
      request: { params: idParam, body: json(NewFollowUp) },
      responses: {
        201: body(Conversation, 'The conversation.'),
        400: error('Invalid follow-up.'),
        404: error('No comment with this id has this receipt code.'),
        409: error('The comment is not shown to anyone, or its pulse is still open.'),
        429: error('Too many attempts from this address.'),
      },
    }),
    async (c) => {
      throttle(c, receiptLimiter, 'receipt');
      const { services } = c.var;
      const input = c.req.valid('json');
      return c.json(await followUp(services.store.db, c.req.valid('param').id, input, services.now()), 201);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/dialogue/health',
      tags,
      summary: 'Dialogue health of the organisation and of every unit',
      description:
        'Over the comments of pulses closed in the last 90 days: the share of due comments with a first staff ' +
        'reply within 7 days of their pulse closing (due: replied, or visible for 7 days), the median days to a ' +
        'first reply, and the conversations not marked addressed.',
      responses: { 200: body(OrgDialogueHealth, 'The figures.') },
    }),
    async (c) => {
      const { services } = c.var;
      const actor = actorOf(c);
      const units = await services.store.db
        .selectFrom('units')
        .select(['id', 'name'])
        .where('orgId', '=', actor.orgId)
        .orderBy('path')
        .execute();
      const report = await dialogueHealthReport(
        services.store.db,
        actor.orgId,
        units.map((u) => u.id),
        services.now(),
      );
      return c.json(
        {
          org: report.org,
          units: units.flatMap((unit) => {
            const health = report.units.get(unit.id);
            return health ? [{ unit, health }] : [];
          }),
        },
        200,
      );
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/dialogue/units/{id}/health',
      tags,
      summary: "A unit's dialogue health",
      description:
        'The comments its people could have written that someone reads: those shown at it or below, and those ' +
        'shown at the unit above when its own group is too small.',
      request: { params: idParam },
      responses: { 200: body(UnitDialogueHealth, 'The figures.'), 400: error('Invalid id.'), 404: notFound },
    }),
    async (c) => {
      const { services } = c.var;
      const actor = actorOf(c);
      const unit = await findUnit(services.store.db, actor.orgId, c.req.valid('param').id);
      assertUnitInScope(actor, unit);
      const report = await dialogueHealthReport(services.store.db, actor.orgId, [unit.id], services.now());
      const health = report.units.get(unit.id);
      if (!health) throw new Error('the report covers every unit asked for');
      return c.json({ unit: { id: unit.id, name: unit.name }, health }, 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/dialogue/settings',
      tags,
      summary: 'The words that flag a comment to HR leaders',
      responses: { 200: body(DialogueSettings, 'The settings.') },
    }),
    async (c) => c.json(await readSettings(c.var.services.store.db, actorOf(c)), 200),
  )
  .openapi(
    route('hr', {
      method: 'put',
      path: '/dialogue/settings',
      tags,
      summary: 'Replace the words that flag a comment to HR leaders',
      description: 'Applies at once to every comment, past ones included; audited.',
      request: { body: json(DialogueSettings) },
      responses: { 200: body(DialogueSettings, 'The settings.'), 400: error('Invalid settings.') },
    }),
    async (c) => c.json(await writeSettings(c.var.services.store.db, actorOf(c), c.req.valid('json')), 200),
  );
