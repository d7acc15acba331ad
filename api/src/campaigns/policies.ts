import type { GatePolicySettings } from '@insideout/contracts';
import { defaultGatePolicy, type GatePolicy, policyOf, policyProblems, thresholdsOf } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/** The org's anonymity threshold k, as new pulses take it: enough voices is never below it. */
export async function orgK(db: Kysely<Database>, orgId: string): Promise<number> {
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  return thresholdsOf(org.settings).k;
}

/** The org's default gate policy (the product's defaults until an HR leader saves one). */
export async function orgPolicy(db: Kysely<Database>, orgId: string) {
  const [k, row] = await Promise.all([
    orgK(db, orgId),
    db.selectFrom('gatePolicies').select(['policy', 'updatedAt']).where('orgId', '=', orgId).executeTakeFirst(),
  ]);
  return { k, policy: policyOf(row?.policy ?? null, k), updatedAt: row?.updatedAt ?? null };
}

export async function policySettings(db: Kysely<Database>, orgId: string): Promise<GatePolicySettings> {
  const { k, policy, updatedAt } = await orgPolicy(db, orgId);
  return { policy, defaults: policyOf(defaultGatePolicy, k), k, updatedAt: updatedAt?.toISOString() ?? null };
}

/** A 400 naming every threshold out of bounds, with k as the floor of enough voices. */
export function assertPolicy(policy: GatePolicy, k: number, at: string[] = []): void {
  const problems = policyProblems(policy, k);
  if (problems.length === 0) return;
  throw ApiError.invalidInput(
    problems.map((p) => ({ path: [...at, p.field], message: p.message })),
    `Invalid gate policy: ${problems[0]?.field} ${problems[0]?.message}.`,
  );
}

export async function changeOrgPolicy(db: Kysely<Database>, actor: Actor, policy: GatePolicy) {
  const { k, policy: before } = await orgPolicy(db, actor.orgId);
  assertPolicy(policy, k);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('gatePolicies')
      .values({ orgId: actor.orgId, policy: { ...policy }, updatedBy: actor.personId })
      .onConflict((oc) =>
        oc.column('orgId').doUpdateSet({ policy: { ...policy }, updatedBy: actor.personId, updatedAt: new Date() }),
      )
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'gate_policy.changed',
      target: { type: 'org', id: actor.orgId },
      details: { before: { ...before }, after: { ...policy } },
    });
  });
  return policySettings(db, actor.orgId);
}
