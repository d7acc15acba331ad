import type { GateFailure } from '@insideout/contracts';
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
import { type AuditActor, recordAudit } from '../audit/record.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { orgUnits } from '../results/queries.ts';
import { deliverSoon, enqueueEvent } from '../webhooks/delivery.ts';
import { orgPolicy } from './policies.ts';
import { type CampaignRecord, policyFor } from './queries.ts';
import { type JudgedUnit, judgeUnits } from './readiness.ts';

/**
 * How a campaign decision is made and kept: the gate judges every target unit (outside any
 * transaction: it reads the results), then the evaluation, the new state and the audit entry are
 * written in one transaction that checks the campaign did not move meanwhile. Webhook deliveries
 * are written in that transaction too, and sent once it has committed.
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

export interface Decision {
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
export async function decide(services: Services, campaign: CampaignRecord, decision: Decision): Promise<string | null> {
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
export async function lockState(trx: Transaction<Database>, campaign: CampaignRecord) {
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

export function allowed(campaign: CampaignRecord, action: CampaignAction): CampaignState {
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

export function gateNotPassed(judgement: Judgement, evaluationId: string | null): ApiError {
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
