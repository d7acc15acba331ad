import { sql } from 'kysely';
import { type AuditActor, systemActor } from '../audit/record.ts';
import type { Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { log } from '../http/log.ts';
import { deliverDueWebhooks } from '../webhooks/delivery.ts';
import { findCampaign, liveCampaigns } from './queries.ts';
import { reevaluateLive } from './service.ts';

/**
 * Live campaigns answer to every pulse that closes: their gate runs again on the new results, and
 * one that no longer passes is paused. This runs after the close has committed — a closing pulse
 * never waits on, or fails because of, a campaign — and the scheduler catches up on any live
 * campaign last judged before the org's latest close (a crash between the two, say).
 */
export async function reevaluateAfterClose(
  services: Services,
  orgId: string,
  pulseId: string | null,
  actor: AuditActor = systemActor,
): Promise<{ evaluated: number; paused: number }> {
  const live = await liveCampaigns(services.store.db, orgId);
  let paused = 0;
  for (const campaign of live) {
    try {
      if (await reevaluateLive(services, campaign, pulseId, actor)) paused += 1;
    } catch (error) {
      // Moved meanwhile (paused by hand, say): nothing to re-evaluate.
      if (error instanceof ApiError && error.code === 'conflict') continue;
      log.error('campaign re-evaluation failed', { campaignId: campaign.id, pulseId, error: String(error) });
    }
  }
  return { evaluated: live.length, paused };
}

/** `reevaluateAfterClose` for a pulse just closed; failures are logged, and the scheduler tries again. */
export async function reevaluateQuietly(services: Services, orgId: string, pulseId: string): Promise<void> {
  try {
    const { paused } = await reevaluateAfterClose(services, orgId, pulseId);
    if (paused > 0) log.info('campaigns paused by the readiness gate', { pulseId, paused });
  } catch (error) {
    log.error('campaign re-evaluation failed', { pulseId, error: String(error) });
  }
}

/** Live campaigns last judged before their org's latest pulse close: the scheduler judges them again. */
export async function reevaluateStaleCampaigns(services: Services): Promise<number> {
  const { db } = services.store;
  const stale = await db
    .selectFrom('campaigns as c')
    .select(['c.orgId', 'c.id'])
    .where('c.state', '=', 'live')
    .where(
      sql<boolean>`coalesce(c.last_evaluated_at, '-infinity'::timestamptz) < (
        select max(p.closed_at) from pulses p where p.org_id = c.org_id and p.state = 'closed')`,
    )
    .limit(100)
    .execute();
  for (const { orgId, id } of stale) {
    try {
      await reevaluateLive(services, await findCampaign(db, orgId, id), null, systemActor);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict'))
        log.error('campaign re-evaluation failed', { campaignId: id, error: String(error) });
    }
  }
  return stale.length;
}

/** The campaigns' share of the scheduler: webhook retries and any re-evaluation left behind. */
export async function runCampaignWork(services: Services): Promise<void> {
  try {
    await reevaluateStaleCampaigns(services);
  } catch (error) {
    log.error('campaign re-evaluation sweep failed', { error: String(error) });
  }
  try {
    await deliverDueWebhooks(services);
  } catch (error) {
    log.error('webhook delivery sweep failed', { error: String(error) });
  }
}

export function startCampaignWork(services: Services, everyMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void runCampaignWork(services).finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
