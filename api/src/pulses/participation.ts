import type { Participation } from '@insideout/contracts';
import type { Database, PulseRow } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import { unitInScope } from '../auth/policy.ts';
import type { Actor } from '../http/env.ts';

/**
 * Audience, ballots taken and responses of a pulse, per cohort the actor may see. Participation
 * is known (who took a ballot is the ledger); answers are not, and none are read here.
 */
export async function participationOf(db: Kysely<Database>, actor: Actor, pulse: PulseRow): Promise<Participation> {
  const rows = await db
    .selectFrom('cohorts as c')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'c.orgId').onRef('u.id', '=', 'c.unitId'))
    .select([
      'c.id',
      'c.unitId',
      'c.attributes',
      'c.audience',
      'u.path',
      sql<number>`(select count(*) from ballot_issuance b where b.org_id = c.org_id and b.pulse_id = c.pulse_id and b.cohort_id = c.id)`.as(
        'ballotsTaken',
      ),
      sql<number>`(select count(*) from responses r where r.org_id = c.org_id and r.pulse_id = c.pulse_id and r.cohort_id = c.id)`.as(
        'responses',
      ),
    ])
    .where('c.orgId', '=', actor.orgId)
    .where('c.pulseId', '=', pulse.id)
    .execute();
  const visible = rows.filter((row) => unitInScope(actor, row.path));
  const names = await unitNames(db, actor.orgId);
  const cohorts = visible
    .map((row) => ({
      cohortId: row.id,
      unitId: row.unitId,
      unitPath: row.path
        .split('/')
        .filter(Boolean)
        .slice(1)
        .map((id) => names.get(id) ?? '?'),
      attributes: row.attributes,
      audience: row.audience,
      ballotsTaken: row.ballotsTaken,
      responses: row.responses,
    }))
    .sort((a, b) => a.unitPath.join('/').localeCompare(b.unitPath.join('/')));
  const sum = (pick: (c: (typeof cohorts)[number]) => number) => cohorts.reduce((total, c) => total + pick(c), 0);
  const audience = sum((c) => c.audience);
  const responses = sum((c) => c.responses);
  return {
    pulseId: pulse.id,
    state: pulse.state,
    audience,
    ballotsTaken: sum((c) => c.ballotsTaken),
    responses,
    rate: audience === 0 ? 0 : Math.round((100 * responses) / audience),
    cohorts,
  };
}

async function unitNames(db: Kysely<Database>, orgId: string) {
  const units = await db.selectFrom('units').select(['id', 'name']).where('orgId', '=', orgId).execute();
  return new Map(units.map((u) => [u.id, u.name]));
}
