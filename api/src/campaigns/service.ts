import type { CampaignChange, NewCampaign } from '@insideout/contracts';
import type { GatePolicy } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit, staffActor } from '../audit/record.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { allowed, decide, gateNotPassed, judgeCampaign, lockState } from './decision.ts';
import { mailGatePause } from './notify.ts';
import { assertPolicy, orgPolicy } from './policies.ts';
import { type CampaignRecord, findCampaign } from './queries.ts';

/**
 * Campaign use cases. A move between states is an action of core's transition table (`allowed`
 * refuses any other with a 409); one that runs the gate judges every target unit first, then
 * `decide` records the outcome (see decision.ts).
 */

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
    // A refused launch leaves a blocked or paused campaign as it was: no state changed, no event.
    event: pass
      ? 'campaign.launched'
      : campaign.state === 'blocked' || campaign.state === 'paused'
        ? null
        : 'campaign.blocked',
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
