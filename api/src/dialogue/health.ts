import type { DialogueHealth } from '@insideout/contracts';
import { dialogueHealth, type HealthComment } from '@insideout/core';
import type { Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import { orgUnits } from '../results/queries.ts';
import { closedPulses, homesOf } from './visible.ts';

/** Dialogue health looks at the comments of the pulses closed in this many days. */
export const healthWindowDays = 90;

export interface HealthReport {
  org: DialogueHealth;
  units: Map<string, DialogueHealth>;
}

/**
 * Dialogue health of the org and of each unit asked for. A unit's figure covers the comments its
 * people could have written that someone may read: those shown at it or below it, and — when its
 * own group is too small to show comments — those shown at the ancestor that shows them.
 */
export async function dialogueHealthReport(
  db: Kysely<Database>,
  orgId: string,
  unitIds: readonly string[],
  now = new Date(),
): Promise<HealthReport> {
  const since = new Date(now.getTime() - healthWindowDays * 86_400_000);
  const pulses = await closedPulses(db, orgId, { closedSince: since });
  const [homes, units, rows] = await Promise.all([
    homesOf(db, orgId, pulses),
    orgUnits(db, orgId),
    pulses.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('comments as c')
          .innerJoin('cohorts as co', (join) =>
            join
              .onRef('co.orgId', '=', 'c.orgId')
              .onRef('co.pulseId', '=', 'c.pulseId')
              .onRef('co.id', '=', 'c.cohortId'),
          )
          .select(['c.pulseId', 'co.unitId'])
          .select((eb) => [
            eb
              .selectFrom('replies as r')
              .select(sql<Date>`min(r.created_at)`.as('at'))
              .whereRef('r.orgId', '=', 'c.orgId')
              .whereRef('r.pulseId', '=', 'c.pulseId')
              .whereRef('r.commentId', '=', 'c.id')
              .where('r.author', '=', 'staff')
              .as('firstStaffReplyAt'),
            eb
              .exists(
                eb
                  .selectFrom('commentStatus as s')
                  .select(sql`1`.as('one'))
                  .whereRef('s.orgId', '=', 'c.orgId')
                  .whereRef('s.pulseId', '=', 'c.pulseId')
                  .whereRef('s.commentId', '=', 'c.id'),
              )
              .as('addressed'),
          ])
          .where('c.orgId', '=', orgId)
          .where(
            'c.pulseId',
            'in',
            pulses.map((p) => p.id),
          )
          .execute(),
  ]);
  const closedAt = new Map(pulses.map((p) => [p.id, p.closedAt]));
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const visible: Array<HealthComment & { pulseId: string; homeId: string }> = [];
  for (const row of rows) {
    const homeId = homes.get(row.pulseId)?.get(row.unitId);
    const visibleFrom = closedAt.get(row.pulseId);
    if (!homeId || !visibleFrom) continue;
    const firstStaffReplyAt = row.firstStaffReplyAt === null ? null : new Date(row.firstStaffReplyAt);
    visible.push({ pulseId: row.pulseId, homeId, visibleFrom, firstStaffReplyAt, addressed: Boolean(row.addressed) });
  }
  const figures = (comments: readonly HealthComment[]) => ({
    windowDays: healthWindowDays,
    ...dialogueHealth(comments, now),
  });
  const report: HealthReport = { org: figures(visible), units: new Map() };
  for (const unitId of unitIds) {
    const path = pathOf.get(unitId);
    report.units.set(
      unitId,
      figures(
        visible.filter(
          (c) =>
            (path !== undefined && (pathOf.get(c.homeId)?.startsWith(path) ?? false)) ||
            homes.get(c.pulseId)?.get(unitId) === c.homeId,
        ),
      ),
    );
  }
  return report;
}

/** Each unit's dialogue health (the readiness gate's internal-dialogue criterion reads it). */
export async function dialogueHealthOf(
  db: Kysely<Database>,
  orgId: string,
  unitIds: readonly string[],
  now = new Date(),
): Promise<Map<string, DialogueHealth>> {
  return (await dialogueHealthReport(db, orgId, unitIds, now)).units;
}
