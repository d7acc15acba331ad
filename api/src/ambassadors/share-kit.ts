import type { CampaignClicks, ShareKit, ShareKitChange } from '@insideout/contracts';
import type { Database, ShareKitsTable } from '@insideout/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import { slugify } from '../auth/service.ts';
import { type CampaignRecord, findCampaign } from '../campaigns/queries.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/**
 * A campaign's share kit: approved texts (EN, FR), one tracked link per campaign and share links
 * for the usual networks. The link carries the campaign only — never a person — so a click tells
 * nobody who shared: the redirect counts clicks per campaign and day, then leads to the page HR
 * chose (https only), tagged `utm_source=insideout&utm_medium=ambassador&utm_campaign=<slug>`.
 */

type Db = Kysely<Database>;
type KitRow = Selectable<ShareKitsTable>;

export async function kitsOf(db: Db, orgId: string, campaignIds: string[]): Promise<Map<string, KitRow>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('shareKits')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('campaignId', 'in', campaignIds)
    .execute();
  return new Map(rows.map((row) => [row.campaignId, row]));
}

export function trackedLink(publicUrl: string, campaignId: string): string {
  return `${publicUrl}/api/v1/r/${campaignId}`;
}

export function shareKitView(publicUrl: string, campaign: Pick<CampaignRecord, 'id' | 'name'>, kit?: KitRow): ShareKit {
  if (!kit) return { targetUrl: null, texts: { en: '', fr: '' }, link: null, shareLinks: [] };
  const link = trackedLink(publicUrl, campaign.id);
  const url = encodeURIComponent(link);
  const text = encodeURIComponent(kit.textEn);
  return {
    targetUrl: kit.targetUrl,
    texts: { en: kit.textEn, fr: kit.textFr },
    link,
    shareLinks: [
      { network: 'linkedin', url: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
      { network: 'x', url: `https://x.com/intent/post?text=${text}&url=${url}` },
      { network: 'facebook', url: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
      {
        network: 'email',
        url: `mailto:?subject=${encodeURIComponent(campaign.name)}&body=${encodeURIComponent(`${kit.textEn}\n\n${link}`)}`,
      },
    ],
  };
}

export async function readShareKit(db: Db, actor: Actor, campaignId: string, publicUrl: string): Promise<ShareKit> {
  const campaign = await findCampaign(db, actor.orgId, campaignId);
  return shareKitView(publicUrl, campaign, (await kitsOf(db, actor.orgId, [campaign.id])).get(campaign.id));
}

export async function writeShareKit(
  db: Db,
  actor: Actor,
  campaignId: string,
  change: ShareKitChange,
  publicUrl: string,
): Promise<ShareKit> {
  const campaign = await findCampaign(db, actor.orgId, campaignId);
  if (campaign.state === 'completed' || campaign.state === 'cancelled')
    throw new ApiError('conflict', 'This campaign has ended: its share kit can no longer change.');
  const values = {
    targetUrl: change.targetUrl,
    textEn: change.texts.en,
    textFr: change.texts.fr,
    updatedBy: actor.personId,
    updatedAt: new Date(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shareKits')
      .values({ orgId: actor.orgId, campaignId, ...values })
      .onConflict((conflict) => conflict.columns(['orgId', 'campaignId']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'campaign.share_kit_changed',
      target: { type: 'campaign', id: campaignId },
      details: { targetUrl: change.targetUrl },
    });
  });
  return readShareKit(db, actor, campaignId, publicUrl);
}

/** Where a click on the tracked link leads, counted for the campaign and today; null: nowhere. */
export async function followTrackedLink(db: Db, campaignId: string, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('campaigns as c')
    .innerJoin('shareKits as k', (join) => join.onRef('k.orgId', '=', 'c.orgId').onRef('k.campaignId', '=', 'c.id'))
    .select(['c.orgId', 'c.name', 'c.state', 'k.targetUrl'])
    .where('c.id', '=', campaignId)
    .executeTakeFirst();
  // Links go out once a campaign is live; they keep working while it is paused or after it ends.
  if (!row || !['live', 'paused', 'completed'].includes(row.state)) return null;
  await db
    .insertInto('campaignClicks')
    .values({ orgId: row.orgId, campaignId, day: now.toISOString().slice(0, 10), count: 1 })
    .onConflict((conflict) =>
      conflict.columns(['orgId', 'campaignId', 'day']).doUpdateSet({ count: sql`campaign_clicks.count + 1` }),
    )
    .execute();
  const target = new URL(row.targetUrl);
  target.searchParams.set('utm_source', 'insideout');
  target.searchParams.set('utm_medium', 'ambassador');
  target.searchParams.set('utm_campaign', slugify(row.name));
  return target.toString();
}

export async function campaignClicks(db: Db, actor: Actor, campaignId: string): Promise<CampaignClicks> {
  const campaign = await findCampaign(db, actor.orgId, campaignId);
  const days = await db
    .selectFrom('campaignClicks')
    .select([sql<string>`day::text`.as('day'), 'count'])
    .where('orgId', '=', actor.orgId)
    .where('campaignId', '=', campaign.id)
    .orderBy('day')
    .execute();
  return { campaignId: campaign.id, total: days.reduce((sum, d) => sum + d.count, 0), days };
}
