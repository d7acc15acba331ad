import type { Campaign, GateEvaluation } from '@insideout/contracts';
import { actionsFrom, type GatePolicy, policyOf } from '@insideout/core';
import type { CampaignChannel, CampaignState, Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/errors.ts';
import { orgUnits } from '../results/queries.ts';
import { orgPolicy } from './policies.ts';
import type { JudgedUnit } from './readiness.ts';

/** The reads behind campaigns: rows mapped to the API's shapes, dates read as `YYYY-MM-DD` text. */

export interface CampaignRecord {
  orgId: string;
  id: string;
  name: string;
  channel: CampaignChannel;
  targetUnitIds: string[];
  ownerId: string;
  startsOn: string | null;
  endsOn: string | null;
  message: string;
  state: CampaignState;
  policy: Record<string, unknown> | null;
  overrideReason: string | null;
  overriddenBy: string | null;
  overriddenByLabel: string | null;
  overriddenAt: Date | null;
  lastEvaluationId: string | null;
  createdAt: Date;
  updatedAt: Date;
  stateChangedAt: Date;
}

function campaignsOf(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('campaigns')
    .select([
      'orgId',
      'id',
      'name',
      'channel',
      'targetUnitIds',
      'ownerId',
      sql<string | null>`starts_on::text`.as('startsOn'),
      sql<string | null>`ends_on::text`.as('endsOn'),
      'message',
      'state',
      'policy',
      'overrideReason',
      'overriddenBy',
      'overriddenByLabel',
      'overriddenAt',
      'lastEvaluationId',
      'createdAt',
      'updatedAt',
      'stateChangedAt',
    ])
    .where('orgId', '=', orgId);
}

export async function findCampaign(db: Kysely<Database>, orgId: string, id: string): Promise<CampaignRecord> {
  const row = await campaignsOf(db, orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'No such campaign.');
  return row as CampaignRecord;
}

export async function listCampaigns(db: Kysely<Database>, orgId: string, state?: CampaignState) {
  let query = campaignsOf(db, orgId).orderBy('createdAt', 'desc').orderBy('id');
  if (state) query = query.where('state', '=', state);
  return (await query.execute()) as CampaignRecord[];
}

/** The campaigns of the org whose gate runs again when a pulse closes. */
export async function liveCampaigns(db: Kysely<Database>, orgId: string) {
  return listCampaigns(db, orgId, 'live');
}

/** The policy a campaign is judged by: its own, else the org's default of today. */
export function policyFor(campaign: Pick<CampaignRecord, 'policy'>, org: { k: number; policy: GatePolicy }) {
  return campaign.policy ? policyOf(campaign.policy, org.k) : org.policy;
}

export interface EvaluationRow {
  id: string;
  campaignId: string;
  at: Date;
  trigger: GateEvaluation['trigger'];
  pulseId: string | null;
  verdict: GateEvaluation['verdict'];
  fromState: CampaignState;
  toState: CampaignState;
  policy: Record<string, unknown>;
  units: unknown[];
  actorId: string | null;
  actorLabel: string;
}

export function evaluationView(row: EvaluationRow, k: number): GateEvaluation {
  return {
    id: row.id,
    at: row.at.toISOString(),
    trigger: row.trigger,
    pulseId: row.pulseId,
    verdict: row.verdict,
    fromState: row.fromState,
    toState: row.toState,
    actor: { id: row.actorId, label: row.actorLabel },
    policy: policyOf(row.policy, k),
    units: row.units as JudgedUnit[],
  };
}

const evaluationColumns = [
  'id',
  'campaignId',
  'at',
  'trigger',
  'pulseId',
  'verdict',
  'fromState',
  'toState',
  'policy',
  'units',
  'actorId',
  'actorLabel',
] as const;

export async function evaluationsOf(db: Kysely<Database>, orgId: string, campaignId: string, limit = 100) {
  return (await db
    .selectFrom('gateEvaluations')
    .select(evaluationColumns)
    .where('orgId', '=', orgId)
    .where('campaignId', '=', campaignId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute()) as EvaluationRow[];
}

/** The API's view of campaigns: unit and owner names of today, the latest evaluation, what may be done next. */
export async function campaignViews(
  db: Kysely<Database>,
  orgId: string,
  campaigns: readonly CampaignRecord[],
): Promise<Campaign[]> {
  if (campaigns.length === 0) return [];
  const evaluationIds = campaigns.map((c) => c.lastEvaluationId).filter((id): id is string => id !== null);
  const ownerIds = [...new Set(campaigns.map((c) => c.ownerId))];
  const [units, owners, evaluations, org] = await Promise.all([
    orgUnits(db, orgId),
    db
      .selectFrom('people')
      .select(['id', 'displayName', 'email'])
      .where('orgId', '=', orgId)
      .where('id', 'in', ownerIds)
      .execute(),
    evaluationIds.length === 0
      ? Promise.resolve([] as EvaluationRow[])
      : (db
          .selectFrom('gateEvaluations')
          .select(evaluationColumns)
          .where('orgId', '=', orgId)
          .where('id', 'in', evaluationIds)
          .execute() as Promise<EvaluationRow[]>),
    orgPolicy(db, orgId),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  const evaluationOf = new Map(evaluations.map((e) => [e.id, e]));
  return campaigns.map((c) => {
    const owner = ownerOf.get(c.ownerId);
    const evaluation = c.lastEvaluationId ? evaluationOf.get(c.lastEvaluationId) : undefined;
    return {
      id: c.id,
      name: c.name,
      channel: c.channel,
      targetUnits: c.targetUnitIds.map((id) => ({ id, name: unitName.get(id) ?? '' })),
      owner: { id: c.ownerId, displayName: owner?.displayName ?? '', email: owner?.email ?? '' },
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      message: c.message,
      state: c.state,
      policy: policyFor(c, org),
      ownPolicy: c.policy !== null,
      override:
        c.overrideReason && c.overriddenAt
          ? {
              reason: c.overrideReason,
              by: { id: c.overriddenBy, label: c.overriddenByLabel ?? '' },
              at: c.overriddenAt.toISOString(),
            }
          : null,
      evaluation: evaluation ? evaluationView(evaluation, org.k) : null,
      actions: actionsFrom(c.state),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      stateChangedAt: c.stateChangedAt.toISOString(),
    };
  });
}
