import {
  NewWebhook,
  Webhook,
  WebhookChange,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookWithSecret,
} from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changeWebhook, createWebhook, deleteWebhook, deliveriesOf, listWebhooks, pingWebhook } from './service.ts';

const tags = ['Webhooks'];
const signing =
  'Each delivery is a POST of JSON `{ id, event, createdAt, orgId, data }` with `x-insideout-event`, ' +
  '`x-insideout-delivery` and `x-insideout-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` ' +
  'under the secret. Refuse a signature that does not match or a timestamp older than 5 minutes. A delivery that ' +
  'is not answered 2xx within 10 s is retried with exponential backoff (30 s, doubling), 8 attempts in all.';
const notFound = error('No such webhook.');

export const webhooks = createRouter()
  .openapi(
    route('hr', {
      method: 'get',
      path: '/webhooks',
      tags,
      summary: 'The org’s webhooks (never their secrets)',
      description: signing,
      responses: { 200: body(WebhookList, 'The webhooks.') },
    }),
    async (c) => c.json({ webhooks: await listWebhooks(c.var.services.store.db, actorOf(c).orgId) }, 200),
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/webhooks',
      tags,
      summary: 'Add a webhook; its signing secret is in this answer only',
      description: signing,
      request: { body: json(NewWebhook) },
      responses: { 201: body(WebhookWithSecret, 'The webhook and its secret.'), 400: error('Invalid input.') },
    }),
    async (c) => c.json(await createWebhook(c.var.services, actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/webhooks/{id}',
      tags,
      summary: 'Change a webhook, or rotate its secret (the new one is in this answer only)',
      request: { params: idParam, body: json(WebhookChange) },
      responses: {
        200: body(Webhook.extend({ secret: WebhookWithSecret.shape.secret.nullable() }), 'The webhook.'),
        400: error('Invalid input.'),
        404: notFound,
      },
    }),
    async (c) =>
      c.json(await changeWebhook(c.var.services, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    route('hr', {
      method: 'delete',
      path: '/webhooks/{id}',
      tags,
      summary: 'Remove a webhook and its delivery log',
      request: { params: idParam },
      responses: { 204: { description: 'Removed.' }, 404: notFound },
    }),
    async (c) => {
      await deleteWebhook(c.var.services.store.db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/webhooks/{id}/ping',
      tags,
      summary: 'Send a signed `ping` to this webhook now',
      request: { params: idParam },
      responses: {
        202: body(WebhookDelivery, 'The delivery, on its way.'),
        404: notFound,
        409: error('The webhook is not active.'),
      },
    }),
    async (c) => c.json(await pingWebhook(c.var.services, actorOf(c), c.req.valid('param').id), 202),
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      tags,
      summary: 'The delivery log of a webhook, newest first (100)',
      request: { params: idParam },
      responses: { 200: body(WebhookDeliveryList, 'The deliveries.'), 404: notFound },
    }),
    async (c) => {
      const { orgId } = actorOf(c);
      return c.json({ deliveries: await deliveriesOf(c.var.services.store.db, orgId, c.req.valid('param').id) }, 200);
    },
  );
