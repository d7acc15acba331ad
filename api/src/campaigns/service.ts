import type { CampaignChange, GateFailure, NewCampaign } from '@insideout/contracts';
import {
  type CampaignAction,
  combineVerdicts,
  type GatePolicy,
  type GateVerdict,
  mayTransition,
  nextState,
} from '@insideout/core';
import type { CampaignState, Database, GateTrigger } from '@insideout/db';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit, staffActor } from '../audit/record.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { orgUnits } from '../results/queries.ts';
import { deliverSoon, enqueueEvent } from '../webhooks/delivery.ts';
import { mailGatePause } from './notify.ts';
import { assertPolicy, orgPolicy } from './policies.ts';
import { type CampaignRecord, findCampaign, policyFor } from './queries.ts';
import { type JudgedUnit, judgeUnits } from './readiness.ts';

/**
 * Campaign use cases. A move between states is an action of core's transition table; one that
 * runs the gate evaluates every target unit first (outside any transaction: it reads the results),
 * then writes the evaluation, the new state and the audit entry in one transaction that checks the
 * campaign did not move meanwhile. Webhook deliveries are written in that transaction too and sent
 * after it commits.
 */

export interface Judgement {
  policy: GatePolicy;
  verdict: GateVerdict;
  units: JudgedUnit[];
}

/** Every target unit judged under the campaign's policy at `now`. */
export async function judgeCampaign(db: Kysely<Database>, campaign: CampaignRecord, now: Date): Promise<Judgement> {
  const [org, units] = await Promise.all([orgPolicy(db, campaign.orgId), orgUnits(db, campaign.orgId)]);
  const policy = policyFor(campaign, org);
  const judged = await judgeUnits(
    db,
    campaign.orgId,
    campaign.targetUnitIds,
    new Map(units.map((u) => [u.id, u])),
    policy,
    now,
  );
  return { policy, verdict: combineVerdicts(judged.map((u) => u.verdict)), units: judged };
}

type Input = NewCampaign;

/** Target units of the org, an owner who is staff of the org, a policy within bounds: else a 400 on the field. */
async function assertReferences(
  db: Kysely<Database>,
  orgId: string,
  input: { targetUnitIds?: string[] | undefined; ownerId?: string | undefined; policy?: GatePolicy | null | undefined },
) {
  if (input.targetUnitIds) {
    const found = await db
      .selectFrom('units')
      .select('id')
      .where('orgId', '=', orgId)
      .where('id', 'in', input.targetUnitIds)
      .execute();
    const known = new Set(found.map((u) => u.id));
    const index = input.targetUnitIds.findIndex((id) => !known.has(id));
    if (index >= 0)
      throw ApiError.invalidInput([{ path: ['targetUnitIds', index], message: 'is not a unit of your organisation' }]);
  }
  if (input.ownerId) {
    const owner = await db
      .selectFrom('people')
      .select(['role', 'active'])
      .where('orgId', '=', orgId)
      .where('id', '=', input.ownerId)
      .executeTakeFirst();
    if (!owner?.active || owner.role === 'employee')
      throw ApiError.invalidInput([{ path: ['ownerId'], message: 'must be an active manager or HR leader' }]);
  }
  if (input.policy) assertPolicy(input.policy, (await orgPolicy(db, orgId)).k, ['policy']);
}

export async function createCampaign(db: Kysely<Database>, actor: Actor, input: Input): Promise<string> {
  const ownerId = input.ownerId ?? actor.personId;
  await assertReferences(db, actor.orgId, { ...input, ownerId });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaigns')
      .values({
        orgId: actor.orgId,
        name: input.name,
        channel: input.channel,
        targetUnitIds: JSON.stringify(input.targetUnitIds),
        ownerId,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        message: input.message,
        state: 'draft',
        policy: input.policy ? JSON.stringify(input.policy) : null,
        overrideReason: null,
        overriddenBy: null,
        overriddenByLabel: null,
        overriddenAt: null,
        lastEvaluationId: null,
        lastEvaluatedAt: null,
        createdBy: actor.personId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'campaign.created',
      target: { type: 'campaign', id: row.id },
      details: {
        name: input.name,
        channel: input.channel,
        targetUnitIds: input.targetUnitIds,
        ownerId,
        ownPolicy: Boolean(input.policy),
      },
    });
    return row.id;
  });
}

export async function changeCampaign(db: Kysely<Database>, actor: Actor, id: string, change: CampaignChange) {
  const campaign = await findCampaign(db, actor.orgId, id);
  const to = allowed(campaign, 'edit');
  await assertReferences(db, actor.orgId, change);
  await db.transaction().execute(async (trx) => {
    await lockState(trx, campaign);
    await trx
      .updateTable('campaigns')
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.channel === undefined ? {} : { channel: change.channel }),
        ...(change.targetUnitIds === undefined ? {} : { targetUnitIds: JSON.stringify(change.targetUnitIds) }),
        ...(change.ownerId === undefined ? {} : { ownerId: change.ownerId }),
        ...(change.startsOn === undefined ? {} : { startsOn: change.startsOn }),
        ...(change.endsOn === undefined ? {} : { endsOn: change.endsOn }),
        ...(change.message === undefined ? {} : { message: change.message }),
        ...(change.policy === undefined ? {} : { policy: change.policy ? JSON.stringify(change.policy) : null }),
        state: to,
        updatedAt: new Date(),
        ...(to === campaign.state ? {} : { stateChangedAt: new Date() }),
      })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'campaign.changed',
      target: { type: 'campaign', id },
      details: {
        fields: Object.keys(change),
        ...(change.policy !== undefined ? { policy: change.policy } : {}),
        ...(change.targetUnitIds ? { targetUnitIds: change.targetUnitIds } : {}),
        ...(to === campaign.state ? {} : { fromState: campaign.state, toState: to }),
      },
    });
  });
}

/** Runs the gate and records the verdict: ready when it passes, blocked otherwise. */
export async function checkCampaign(services: Services, actor: Actor, id: string) {
  const campaign = await findCampaign(services.store.db, actor.orgId, id);
  allowed(campaign, 'check');
  const judgement = await judgeCampaign(services.store.db, campaign, services.now());
  await decide(services, campaign, {
    action: 'check',
    trigger: 'check',
    judgement,
    actor: staffActor(actor),
    audit: 'campaign.checked',
  });
}

/**
 * Launches when every target unit passes. Otherwise the campaign is blocked (a paused one stays
 * paused), the evaluation is kept, and the answer is a 412 listing what fails, unit by unit.
 */
export async function launchCampaign(services: Services, actor: Actor, id: string) {
  const campaign = await findCampaign(services.store.db, actor.orgId, id);
  allowed(campaign, 'launch');
  const judgement = await judgeCampaign(services.store.db, campaign, services.now());
  const pass = judgement.verdict === 'pass';
  const evaluationId = await decide(services, campaign, {
    action: 'launch',
    trigger: 'launch',
    judgement,
    actor: staffActor(actor),
    audit: pass ? 'campaign.launched' : 'campaign.launch_refused',
    event: pass ? 'campaign.launched' : campaign.state === 'blocked' ? null : 'campaign.blocked',
  });
  if (!pass) throw gateNotPassed(judgement, evaluationId);
}

/** An HR leader launches despite the gate: the written reason stays with the campaign and in the audit log. */
export async function overrideCampaign(services: Services, actor: Actor, id: string, reason: string) {
  const campaign = await findCampaign(services.store.db, actor.orgId, id);
  allowed(campaign, 'override');
  const judgement = await judgeCampaign(services.store.db, campaign, services.now());
  await decide(services, campaign, {
    action: 'override',
    trigger: 'override',
    judgement,
    actor: staffActor(actor),
    audit: 'campaign.overridden',
    event: 'campaign.launched',
    override: { reason, actor },
  });
}

const simpleMoves = {
  pause: { audit: 'campaign.paused', event: 'campaign.paused' },
  complete: { audit: 'campaign.completed', event: 'campaign.completed' },
  cancel: { audit: 'campaign.cancelled', event: 'campaign.cancelled' },
} as const;

/** Pause, complete or cancel: moves that do not run the gate. */
export async function moveCampaign(
  services: Services,
  actor: Actor,
  id: string,
  action: keyof typeof simpleMoves,
): Promise<void> {
  const campaign = await findCampaign(services.store.db, actor.orgId, id);
  allowed(campaign, action);
  await decide(services, campaign, { action, trigger: null, actor: staffActor(actor), ...simpleMoves[action] });
}

/**
 * Re-runs the gate of a live campaign after a pulse closed: still passing, it stays live (the
 * evaluation is kept all the same); otherwise it is paused and its owner told by e-mail, and the
 * org's webhooks by a signed `campaign.paused`. Returns whether it was paused.
 */
export async function reevaluateLive(
  services: Services,
  campaign: CampaignRecord,
  pulseId: string | null,
  actor: AuditActor,
): Promise<boolean> {
  const judgement = await judgeCampaign(services.store.db, campaign, services.now());
  const pause = judgement.verdict !== 'pass';
  await decide(services, campaign, {
    action: pause ? 'pause' : null,
    trigger: 'pulse_closed',
    pulseId,
    judgement,
    actor,
    audit: pause ? 'campaign.paused' : null,
    event: pause ? 'campaign.paused' : null,
  });
  if (pause) await mailGatePause(services, campaign, judgement);
  return pause;
}

interface Decision {
  /** The move; null: the state stays (a live campaign that still passes). */
  action: CampaignAction | null;
  trigger: GateTrigger | null;
  pulseId?: string | null;
  judgement?: Judgement;
  actor: AuditActor;
  audit: string | null;
  event?: string | null;
  override?: { reason: string; actor: Actor };
}

/** Writes the evaluation, the state and the audit entry together; sends the webhook event after. Returns the evaluation's id. */
async function decide(services: Services, campaign: CampaignRecord, decision: Decision): Promise<string | null> {
  const { db } = services.store;
  const { judgement, actor } = decision;
  const from = campaign.state;
  const to = decision.action ? (nextState(from, decision.action, judgement?.verdict) ?? from) : from;
  const now = services.now();
  const { evaluationId, deliveries } = await db.transaction().execute(async (trx) => {
    await lockState(trx, campaign);
    let evaluationId: string | null = null;
    if (judgement && decision.trigger) {
      const row = await trx
        .insertInto('gateEvaluations')
        .values({
          orgId: campaign.orgId,
          campaignId: campaign.id,
          at: now,
          trigger: decision.trigger,
          pulseId: decision.pulseId ?? null,
          verdict: judgement.verdict,
          fromState: from,
          toState: to,
          policy: { ...judgement.policy },
          units: JSON.stringify(judgement.units),
          actorId: actor.id,
          actorLabel: actor.label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      evaluationId = row.id;
    }
    await trx
      .updateTable('campaigns')
      .set({
        state: to,
        ...(to === from ? {} : { stateChangedAt: now }),
        ...(evaluationId ? { lastEvaluationId: evaluationId, lastEvaluatedAt: now } : {}),
        ...(decision.override
          ? {
              overrideReason: decision.override.reason,
              overriddenBy: decision.override.actor.personId,
              overriddenByLabel: decision.override.actor.displayName,
              overriddenAt: now,
            }
          : {}),
      })
      .where('orgId', '=', campaign.orgId)
      .where('id', '=', campaign.id)
      .execute();
    if (decision.audit) {
      await recordAudit(trx, {
        orgId: campaign.orgId,
        actor,
        action: decision.audit,
        target: { type: 'campaign', id: campaign.id },
        details: {
          name: campaign.name,
          fromState: from,
          toState: to,
          ...(judgement ? { verdict: judgement.verdict, evaluationId, failing: failingOf(judgement) } : {}),
          ...(decision.pulseId ? { pulseId: decision.pulseId } : {}),
          ...(decision.override ? { reason: decision.override.reason } : {}),
        },
      });
    }
    const deliveries = decision.event
      ? await enqueueEvent(
          trx,
          campaign.orgId,
          decision.event,
          {
            campaign: {
              id: campaign.id,
              name: campaign.name,
              channel: campaign.channel,
              state: to,
              previousState: from,
              url: `${services.publicUrl}/campaigns/${campaign.id}`,
            },
            by: actor.label,
            ...(decision.override ? { override: { reason: decision.override.reason } } : {}),
            evaluation:
              judgement && evaluationId
                ? {
                    id: evaluationId,
                    trigger: decision.trigger,
                    pulseId: decision.pulseId ?? null,
                    verdict: judgement.verdict,
                    units: judgement.units.map((u) => ({
                      unitId: u.unit.id,
                      name: u.unit.name,
                      verdict: u.verdict,
                      failing: u.criteria.filter((c) => c.verdict === 'fail').map((c) => c.criterion),
                      missingData: u.criteria.filter((c) => c.verdict === 'insufficient_data').map((c) => c.criterion),
                    })),
                  }
                : null,
          },
          now,
        )
      : [];
    return { evaluationId, deliveries };
  });
  deliverSoon(services, campaign.orgId, deliveries);
  return evaluationId;
}

/** The failing criteria per unit, for the audit log. */
function failingOf(judgement: Judgement) {
  return Object.fromEntries(
    judgement.units
      .filter((u) => u.verdict !== 'pass')
      .map((u) => [
        u.unit.name || u.unit.id,
        u.criteria.filter((c) => c.verdict !== 'pass').map((c) => `${c.criterion}:${c.verdict}`),
      ]),
  );
}

/** The campaign is still in the state it was read in (else 409), locked until the transaction ends. */
async function lockState(trx: Transaction<Database>, campaign: CampaignRecord) {
  const row = await trx
    .selectFrom('campaigns')
    .select('state')
    .where('orgId', '=', campaign.orgId)
    .where('id', '=', campaign.id)
    .forUpdate()
    .executeTakeFirst();
  if (row?.state !== campaign.state)
    throw new ApiError('conflict', 'This campaign changed meanwhile: reload it and try again.');
}

function allowed(campaign: CampaignRecord, action: CampaignAction): CampaignState {
  if (!mayTransition(campaign.state, action))
    throw new ApiError('conflict', `A ${campaign.state} campaign cannot be ${pastTense[action]}.`, {
      state: campaign.state,
      action,
    });
  const to = nextState(campaign.state, action, 'pass');
  return to ?? campaign.state;
}

const pastTense: Record<CampaignAction, string> = {
  edit: 'edited',
  check: 'checked',
  launch: 'launched',
  override: 'overridden',
  pause: 'paused',
  complete: 'completed',
  cancel: 'cancelled',
};

function gateNotPassed(judgement: Judgement, evaluationId: string | null): ApiError {
  const units = judgement.units.filter((u) => u.verdict !== 'pass');
  const details: GateFailure = {
    verdict: judgement.verdict,
    evaluationId: evaluationId ?? '',
    units: units.map((u) => ({
      unitId: u.unit.id,
      name: u.unit.name,
      verdict: u.verdict,
      failing: u.criteria.filter((c) => c.verdict === 'fail'),
      missingData: u.criteria.filter((c) => c.verdict === 'insufficient_data').map((c) => c.criterion),
    })),
  };
  const summary = units
    .map((u) => {
      const failing = u.criteria.filter((c) => c.verdict === 'fail').map((c) => c.criterion);
      const missing = u.criteria.filter((c) => c.verdict === 'insufficient_data').map((c) => c.criterion);
      return `${u.unit.name}: ${[...failing.map((c) => `${c} fails`), ...missing.map((c) => `${c} lacks data`)].join(', ')}`;
    })
    .join('; ');
  return new ApiError('gate_not_passed', `The readiness gate did not pass. ${summary}.`, details);
}
