import type { UnitReadiness } from '@insideout/contracts';
import { evaluateGate } from '@insideout/core';
import type { Actor, Services } from '../http/env.ts';
import { unitOf } from '../results/service.ts';
import { orgPolicy } from './policies.ts';
import { gateInputsOf, toUnitGate } from './readiness.ts';

/**
 * A unit's readiness under the org's default policy, for the people who lead it: what stands
 * between their team and an external campaign. Read from the same released figures as their
 * results page, so it shows nothing they could not see there. A preview, not a decision: it is
 * not stored (campaign evaluations are).
 */
export async function unitReadiness(services: Services, actor: Actor, unitId: string): Promise<UnitReadiness> {
  const { db } = services.store;
  const { unit } = await unitOf(db, actor, unitId);
  const now = services.now();
  const [{ policy }, inputs] = await Promise.all([
    orgPolicy(db, actor.orgId),
    gateInputsOf(db, actor.orgId, [unit], now),
  ]);
  const input = inputs.get(unit.id);
  if (!input) throw new Error('gate input missing');
  const { input: _read, ...judged } = toUnitGate({ id: unit.id, name: unit.name }, input, evaluateGate(input, policy));
  return { ...judged, policy, evaluatedAt: now.toISOString() };
}
