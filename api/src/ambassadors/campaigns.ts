import type { AmbassadorCampaign, OptIn } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { type CampaignRecord, findCampaign, listCampaigns } from '../campaigns/queries.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { kitsOf, shareKitView } from './share-kit.ts';

/**
 * The campaigns a person may stand behind: live or paused ones (their gate passed, or an HR leader
 * overrode it with a written reason) that target the person's unit or one of its ancestors. Only a
 * `live` campaign accepts opt-ins and introductions; a paused one answers 409 and says why. Any
 * other state (draft, ready, blocked, completed, cancelled) is not shown to employees: 404.
 * Withdrawing is always possible, whatever the campaign's state.
 */

type Who = Pick<Actor, 'orgId' | 'personId'>;
type Db = Kysely<Database>;

async function unitIdsAbove(db: Db, who: Who): Promise<Set<string>> {
  const row = await db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select('u.path')
    .where('p.orgId', '=', who.orgId)
    .where('p.id', '=', who.personId)
    .executeTakeFirst();
  return new Set((row?.path ?? '').split('/').filter(Boolean));
}

const visible = (c: CampaignRecord, units: Set<string>) =>
  (c.state === 'live' || c.state === 'paused') && c.targetUnitIds.some((id) => units.has(id));

export async function campaignsOpenTo(db: Db, who: Who): Promise<CampaignRecord[]> {
  const units = await unitIdsAbove(db, who);
  return (await listCampaigns(db, who.orgId)).filter((c) => visible(c, units));
}

/** Why a paused campaign takes nothing new, in words an employee understands. */
export async function pausedReason(db: Db, campaign: CampaignRecord): Promise<string | null> {
  if (campaign.state !== 'paused') return null;
  const evaluation = campaign.lastEvaluationId
    ? await db
        .selectFrom('gateEvaluations')
        .select(['toState', 'at', 'trigger'])
        .where('orgId', '=', campaign.orgId)
        .where('id', '=', campaign.lastEvaluationId)
        .executeTakeFirst()
    : undefined;
  const day = (at: Date) => at.toISOString().slice(0, 10);
  if (evaluation?.toState === 'paused' && evaluation.at >= campaign.stateChangedAt) {
    return `The readiness gate no longer passes for the teams of this campaign (evaluated on ${day(evaluation.at)}, after a pulse closed): it takes no new ambassadors or introductions until the teams' sentiment allows it again.`;
  }
  return `The HR team paused this campaign on ${day(campaign.stateChangedAt)}: it takes no new ambassadors or introductions for now.`;
}

/** A campaign the person may join or introduce someone to now: 404 when not theirs, 409 when paused. */
export async function campaignAccepting(db: Db, who: Who, campaignId: string): Promise<CampaignRecord> {
  const campaign = await findCampaign(db, who.orgId, campaignId);
  if (!visible(campaign, await unitIdsAbove(db, who))) throw new ApiError('not_found', 'No such campaign.');
  if (campaign.state === 'paused') {
    const reason = await pausedReason(db, campaign);
    throw new ApiError('conflict', `This campaign is paused. ${reason}`, { state: 'paused', reason });
  }
  return campaign;
}

export async function ambassadorCampaigns(db: Db, who: Who, publicUrl: string): Promise<AmbassadorCampaign[]> {
  const campaigns = await campaignsOpenTo(db, who);
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const [optins, kits] = await Promise.all([
    db
      .selectFrom('ambassadorOptins')
      .select(['campaignId', 'joinedAt'])
      .where('orgId', '=', who.orgId)
      .where('personId', '=', who.personId)
      .where('campaignId', 'in', ids)
      .where('withdrawnAt', 'is', null)
      .execute(),
    kitsOf(db, who.orgId, ids),
  ]);
  const joinedAt = new Map(optins.map((o) => [o.campaignId, o.joinedAt]));
  return Promise.all(
    campaigns.map(async (c) => ({
      id: c.id,
      name: c.name,
      message: c.message,
      state: c.state as 'live' | 'paused',
      pausedReason: await pausedReason(db, c),
      joined: joinedAt.has(c.id),
      joinedAt: joinedAt.get(c.id)?.toISOString() ?? null,
      shareKit: shareKitView(publicUrl, c, kits.get(c.id)),
    })),
  );
}

export async function joinCampaign(db: Db, who: Who, campaignId: string, now: Date): Promise<OptIn> {
  await campaignAccepting(db, who, campaignId);
  const row = await db
    .insertInto('ambassadorOptins')
    .values({ orgId: who.orgId, campaignId, personId: who.personId, joinedAt: now, withdrawnAt: null })
    .onConflict((conflict) =>
      conflict
        .columns(['orgId', 'campaignId', 'personId'])
        // Joining again after a withdrawal starts afresh; joining twice changes nothing.
        .doUpdateSet({ joinedAt: now, withdrawnAt: null })
        .where('ambassadorOptins.withdrawnAt', 'is not', null),
    )
    .returning('joinedAt')
    .executeTakeFirst();
  const joinedAt =
    row?.joinedAt ??
    (
      await db
        .selectFrom('ambassadorOptins')
        .select('joinedAt')
        .where('orgId', '=', who.orgId)
        .where('campaignId', '=', campaignId)
        .where('personId', '=', who.personId)
        .executeTakeFirstOrThrow()
    ).joinedAt;
  return { campaignId, joined: true, joinedAt: joinedAt.toISOString() };
}

/** Withdraws at any time, whatever the campaign's state; 404 only when there is nothing to withdraw from. */
export async function withdrawFromCampaign(db: Db, who: Who, campaignId: string, now: Date): Promise<void> {
  const existing = await db
    .selectFrom('ambassadorOptins')
    .select('withdrawnAt')
    .where('orgId', '=', who.orgId)
    .where('campaignId', '=', campaignId)
    .where('personId', '=', who.personId)
    .executeTakeFirst();
  if (!existing) {
    const campaign = await findCampaign(db, who.orgId, campaignId);
    if (!visible(campaign, await unitIdsAbove(db, who))) throw new ApiError('not_found', 'No such campaign.');
    return;
  }
  await db
    .updateTable('ambassadorOptins')
    .set({ withdrawnAt: now })
    .where('orgId', '=', who.orgId)
    .where('campaignId', '=', campaignId)
    .where('personId', '=', who.personId)
    .where('withdrawnAt', 'is', null)
    .execute();
}
