import type { Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../http/env.ts';
import type { ResultsPulseRow, UnitRecord } from '../results/queries.ts';
import { releasesOf } from '../results/releases.ts';

/**
 * Which comments staff may read, and where (DESIGN.md "Disclosure control"): a comment shows at
 * its group's comment home — its unit when that unit's pool has at least k_comments respondents,
 * else the nearest ancestor that does — decided by the pulse's one release plan, so comments and
 * figures never disagree about who could have written what. A comment without a home is shown to
 * nobody.
 */
export interface VisibleComment {
  id: string;
  pulseId: string;
  /** The unit whose comment list shows it. */
  homeId: string;
  /** The author's group's unit: only to find first names close to the comment. */
  unitId: string;
  position: number | null;
  body: string;
}

export interface Staff {
  role: Actor['role'];
  managedPaths: readonly string[];
}

/** HR leaders read every home; a manager, the homes in the subtrees they manage (as the tree is now). */
export function homeInScope(staff: Staff, home: UnitRecord | undefined): boolean {
  if (staff.role === 'hr_admin') return true;
  return home !== undefined && staff.managedPaths.some((path) => home.path.startsWith(path));
}

/** The closed pulses of the org whose comments may show, newest first: all, those closed since a date, or one. */
export function closedPulses(db: Kysely<Database>, orgId: string, only: { closedSince?: Date; id?: string } = {}) {
  let query = db
    .selectFrom('pulses')
    .select(['id', 'title', 'state', 'closedAt', 'k', 'kComments'])
    .where('orgId', '=', orgId)
    .where('state', '=', 'closed');
  if (only.closedSince) query = query.where('closedAt', '>=', only.closedSince);
  if (only.id) query = query.where('id', '=', only.id);
  return query.orderBy('closedAt', 'desc').execute() as Promise<Array<ResultsPulseRow & { closedAt: Date }>>;
}

/** Each pulse's comment homes, keyed by the unit of the author's group. */
export async function homesOf(db: Kysely<Database>, orgId: string, pulses: readonly ResultsPulseRow[]) {
  const releases = await releasesOf(db, orgId, pulses);
  return new Map(releases.map((release) => [release.pulse.id, release.plan.commentHomes]));
}

/** The comments of these pulses that show somewhere, in their stored (sealed, random) order. */
export async function visibleComments(
  db: Kysely<Database>,
  orgId: string,
  pulses: readonly ResultsPulseRow[],
  where: { commentId?: string } = {},
): Promise<VisibleComment[]> {
  if (pulses.length === 0) return [];
  const homes = await homesOf(db, orgId, pulses);
  let query = db
    .selectFrom('comments as c')
    .innerJoin('cohorts as co', (join) =>
      join.onRef('co.orgId', '=', 'c.orgId').onRef('co.pulseId', '=', 'c.pulseId').onRef('co.id', '=', 'c.cohortId'),
    )
    .select(['c.id', 'c.pulseId', 'co.unitId', 'c.position', 'c.body'])
    .where('c.orgId', '=', orgId)
    .where(
      'c.pulseId',
      'in',
      pulses.map((p) => p.id),
    );
  if (where.commentId) query = query.where('c.id', '=', where.commentId);
  const rows = await query.orderBy(sql`c.id`).execute();
  const visible: VisibleComment[] = [];
  for (const row of rows) {
    const homeId = homes.get(row.pulseId)?.get(row.unitId);
    if (homeId) visible.push({ ...row, homeId });
  }
  return visible;
}
