import type { CampaignAmbassadors } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { findCampaign } from '../campaigns/queries.ts';
import type { Actor } from '../http/env.ts';

/**
 * HR's view of a campaign's ambassadors, for its logistics: how many joined per unit, and the names
 * of those who joined — never of those who did not. This reads people and opt-ins only; nothing
 * here touches survey data, and no results route takes an opt-in filter.
 */
export async function campaignAmbassadors(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
): Promise<CampaignAmbassadors> {
  const campaign = await findCampaign(db, actor.orgId, campaignId);
  const rows = await db
    .selectFrom('ambassadorOptins as a')
    .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'a.orgId').onRef('p.id', '=', 'a.personId'))
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select(['p.id', 'p.displayName', 'p.email', 'u.id as unitId', 'u.name as unitName', 'a.joinedAt'])
    .where('a.orgId', '=', actor.orgId)
    .where('a.campaignId', '=', campaign.id)
    .where('a.withdrawnAt', 'is', null)
    .where('p.active', '=', true)
    .orderBy('p.displayName')
    .execute();
  const units = new Map<string, { id: string; name: string; count: number }>();
  for (const row of rows) {
    const unit = units.get(row.unitId) ?? { id: row.unitId, name: row.unitName, count: 0 };
    unit.count += 1;
    units.set(row.unitId, unit);
  }
  return {
    campaignId: campaign.id,
    state: campaign.state,
    total: rows.length,
    units: [...units.values()].sort((a, b) => a.name.localeCompare(b.name)),
    ambassadors: rows.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      email: r.email,
      unit: r.unitName,
      joinedAt: r.joinedAt.toISOString(),
    })),
  };
}
