import type { NewWebhook, Webhook, WebhookChange, WebhookDelivery, WebhookEvent } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordAudit, staffActor } from '../audit/record.ts';
import { newToken } from '../auth/secrets.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { deliverSoon, enqueueEvent } from './delivery.ts';

/**
 * An org's webhooks, configured by HR leaders. The signing secret is shown once — when the webhook
 * is made, or its secret rotated — and kept sealed; every change is in the audit log (never the secret).
 */

const columns = ['id', 'url', 'description', 'events', 'active', 'createdAt', 'updatedAt'] as const;

function view(row: {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEvent[],
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const newSecret = () => `whsec_${newToken()}`;

export async function listWebhooks(db: Kysely<Database>, orgId: string): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(columns)
    .where('orgId', '=', orgId)
    .orderBy('createdAt')
    .execute();
  return rows.map(view);
}

async function findWebhook(db: Kysely<Database>, orgId: string, id: string) {
  const row = await db
    .selectFrom('webhooks')
    .select(columns)
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'No such webhook.');
  return row;
}

export async function createWebhook(services: Services, actor: Actor, input: z.infer<typeof NewWebhook>) {
  const secret = input.secret ?? newSecret();
  const row = await services.store.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhooks')
      .values({
        orgId: actor.orgId,
        url: input.url,
        description: input.description,
        secretSealed: services.keyring.sealWebhookSecret(secret),
        events: JSON.stringify([...new Set(input.events)]),
        active: input.active,
        createdBy: actor.personId,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'webhook.created',
      target: { type: 'webhook', id: row.id },
      details: { url: row.url, events: row.events, active: row.active, ownSecret: input.secret !== undefined },
    });
    return row;
  });
  return { ...view(row), secret };
}

export async function changeWebhook(
  services: Services,
  actor: Actor,
  id: string,
  change: z.infer<typeof WebhookChange>,
): Promise<Webhook & { secret: string | null }> {
  const { db } = services.store;
  const before = await findWebhook(db, actor.orgId, id);
  const secret = change.rotateSecret ? newSecret() : null;
  const row = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhooks')
      .set({
        ...(change.url === undefined ? {} : { url: change.url }),
        ...(change.description === undefined ? {} : { description: change.description }),
        ...(change.events === undefined ? {} : { events: JSON.stringify([...new Set(change.events)]) }),
        ...(change.active === undefined ? {} : { active: change.active }),
        ...(secret === null ? {} : { secretSealed: services.keyring.sealWebhookSecret(secret) }),
        updatedAt: new Date(),
      })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    const changed = Object.fromEntries(
      (['url', 'description', 'events', 'active'] as const)
        .filter((field) => change[field] !== undefined)
        .map((field) => [field, { before: before[field], after: row[field] }]),
    );
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'webhook.changed',
      target: { type: 'webhook', id },
      details: { ...changed, ...(secret === null ? {} : { secretRotated: true }) },
    });
    return row;
  });
  return { ...view(row), secret };
}

export async function deleteWebhook(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const before = await findWebhook(db, actor.orgId, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhooks').where('orgId', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'webhook.deleted',
      target: { type: 'webhook', id },
      details: { url: before.url },
    });
  });
}

/** Sends a `ping` to this webhook alone: the way to check a receiver verifies signatures. */
export async function pingWebhook(services: Services, actor: Actor, id: string): Promise<WebhookDelivery> {
  const { db } = services.store;
  const hook = await findWebhook(db, actor.orgId, id);
  if (!hook.active) throw new ApiError('conflict', 'This webhook is not active: activate it first.');
  const now = services.now();
  const [deliveryId] = await db
    .transaction()
    .execute((trx) => enqueueEvent(trx, actor.orgId, 'ping', { webhookId: id, by: actor.displayName }, now, id));
  if (!deliveryId) throw new Error('ping delivery not written');
  deliverSoon(services, actor.orgId, [deliveryId]);
  const [delivery] = await deliveriesOf(db, actor.orgId, id, [deliveryId]);
  if (!delivery) throw new Error('ping delivery not found');
  return delivery;
}

export async function deliveriesOf(
  db: Kysely<Database>,
  orgId: string,
  webhookId: string,
  ids?: readonly string[],
): Promise<WebhookDelivery[]> {
  await findWebhook(db, orgId, webhookId);
  let query = db
    .selectFrom('webhookDeliveries')
    .select([
      'id',
      'webhookId',
      'event',
      'state',
      'attempts',
      'nextAttemptAt',
      'lastAttemptAt',
      'lastStatus',
      'lastError',
      'deliveredAt',
      'createdAt',
    ])
    .where('orgId', '=', orgId)
    .where('webhookId', '=', webhookId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(100);
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.execute();
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    ...r,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastAttemptAt: iso(r.lastAttemptAt),
    deliveredAt: iso(r.deliveredAt),
    createdAt: r.createdAt.toISOString(),
  }));
}
