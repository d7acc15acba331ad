import { createHmac } from 'node:crypto';
import type { Database } from '@insideout/db';
import type { Kysely, Transaction } from 'kysely';
import type { Services } from '../http/env.ts';
import { log } from '../http/log.ts';

/**
 * Signed webhook deliveries. An event is written to the delivery log in the transaction of the
 * change it reports (so a committed pause always has its deliveries, and a rolled-back one none),
 * tried once right after the commit, then by the scheduler with exponential backoff. Nothing a
 * receiver does — slow, down, refusing — ever holds up the change itself.
 *
 * Each POST is signed: `x-insideout-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * under the webhook's secret. The body is fixed when the event is written; the timestamp is that of
 * the attempt, so a receiver can refuse old ones (replays) without refusing our retries.
 */

export const maxAttempts = 8;
/** 30 s, 1 min, 2 min … doubling, at most 6 h between two attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}
const attemptTimeoutMs = 10_000;
/** A claimed delivery is not tried by another process before this has passed. */
const leaseMs = 60_000;

export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * Writes one delivery per active webhook of the org subscribed to the event; returns their ids,
 * to try once the transaction has committed. `data` becomes the body's `data`.
 */
export async function enqueueEvent(
  trx: Transaction<Database>,
  orgId: string,
  event: string,
  data: Record<string, unknown>,
  now: Date,
  /** Only this webhook (a ping), whatever events it subscribed to. */
  only?: string,
): Promise<string[]> {
  let query = trx.selectFrom('webhooks').select(['id', 'events']).where('orgId', '=', orgId).where('active', '=', true);
  if (only) query = query.where('id', '=', only);
  const hooks = await query.execute();
  const ids: string[] = [];
  for (const hook of hooks.filter((h) => only !== undefined || h.events.includes(event))) {
    const id = crypto.randomUUID();
    const body = JSON.stringify({ id, event, createdAt: now.toISOString(), orgId, data });
    await trx
      .insertInto('webhookDeliveries')
      .values({ orgId, id, webhookId: hook.id, event, body, state: 'pending', nextAttemptAt: now })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** Tries these deliveries now, in the background: the caller's answer never waits on a receiver. */
export function deliverSoon(services: Services, orgId: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  void (async () => {
    for (const id of ids) await attempt(services, orgId, id);
  })().catch((error: unknown) => log.error('webhook delivery failed', { error: String(error) }));
}

/** The scheduler's work: every delivery whose next attempt is due. Returns how many were tried. */
export async function deliverDueWebhooks(services: Services, now = services.now()): Promise<number> {
  const due = await services.store.db
    .selectFrom('webhookDeliveries')
    .select(['orgId', 'id'])
    .where('state', '=', 'pending')
    .where('nextAttemptAt', '<=', now)
    .orderBy('nextAttemptAt')
    .limit(100)
    .execute();
  for (const delivery of due) await attempt(services, delivery.orgId, delivery.id, now);
  return due.length;
}

async function attempt(services: Services, orgId: string, id: string, now = services.now()): Promise<void> {
  const { db } = services.store;
  // Claimed by moving its next attempt past the lease: two processes never post the same attempt.
  const claimed = await db
    .updateTable('webhookDeliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      lastAttemptAt: now,
      nextAttemptAt: new Date(now.getTime() + leaseMs),
    }))
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where('nextAttemptAt', '<=', now)
    .returning(['webhookId', 'event', 'body', 'attempts'])
    .executeTakeFirst();
  if (!claimed) return;
  const hook = await db
    .selectFrom('webhooks')
    .select(['url', 'secretSealed', 'active'])
    .where('orgId', '=', orgId)
    .where('id', '=', claimed.webhookId)
    .executeTakeFirst();
  if (!hook?.active) {
    await settle(db, orgId, id, { state: 'failed', status: null, error: 'the webhook was deactivated', now });
    return;
  }

  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'InsideOut-Webhooks/1',
        'x-insideout-event': claimed.event,
        'x-insideout-delivery': id,
        'x-insideout-signature': signatureHeader(
          services.keyring.openWebhookSecret(hook.secretSealed),
          claimed.body,
          now,
        ),
      },
      body: claimed.body,
      // A redirect could send the signed body somewhere HR never configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(attemptTimeoutMs),
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (status < 200 || status > 299) error = `answered HTTP ${status}`;
  } catch (cause) {
    error = describe(cause);
  }

  if (error === null) {
    await settle(db, orgId, id, { state: 'delivered', status, error: null, now });
  } else if (claimed.attempts >= maxAttempts) {
    await settle(db, orgId, id, { state: 'failed', status, error, now });
    log.warn('webhook delivery gave up', { deliveryId: id, attempts: claimed.attempts, error });
  } else {
    await db
      .updateTable('webhookDeliveries')
      .set({
        lastStatus: status,
        lastError: error,
        nextAttemptAt: new Date(now.getTime() + backoffMs(claimed.attempts)),
      })
      .where('orgId', '=', orgId)
      .where('id', '=', id)
      .execute();
  }
}

async function settle(
  db: Kysely<Database>,
  orgId: string,
  id: string,
  outcome: { state: 'delivered' | 'failed'; status: number | null; error: string | null; now: Date },
) {
  await db
    .updateTable('webhookDeliveries')
    .set({
      state: outcome.state,
      lastStatus: outcome.status,
      lastError: outcome.error,
      nextAttemptAt: null,
      deliveredAt: outcome.state === 'delivered' ? outcome.now : null,
    })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    if (cause.name === 'TimeoutError') return `no answer within ${attemptTimeoutMs / 1000} s`;
    const code = (cause.cause as { code?: string } | undefined)?.code;
    return code ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}
