import type { PlanCohort, TreeUnit } from '@insideout/core';
import type { Database, QuestionKind } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import { inSubtrees } from '../directory/queries.ts';

/**
 * The reads behind results: pulses with their cohorts, items and rollups — never an answer. A
 * "subtree scope" is `'org'` (HR) or the materialised paths of the units whose subtrees count.
 */
export type Scope = string[] | 'org';

export interface ResultsPulseRow {
  id: string;
  title: string;
  state: 'open' | 'closed';
  closedAt: Date | null;
  k: number;
  kComments: number;
}

export interface ItemRow {
  pulseId: string;
  position: number;
  questionKey: string;
  driver: string;
  kind: QuestionKind;
  textEn: string;
  textFr: string;
}

export interface RollupRow {
  pulseId: string;
  cohortId: string;
  position: number;
  histogram: Record<string, number>;
}

const pulseColumns = ['p.id', 'p.title', 'p.state', 'p.closedAt', 'p.k', 'p.kComments'] as const;

/** A pulse of the org that has results to show (open or closed); undefined for a draft or none. */
export async function findResultsPulse(db: Kysely<Database>, orgId: string, pulseId: string) {
  const row = await db
    .selectFrom('pulses as p')
    .select(pulseColumns)
    .where('p.orgId', '=', orgId)
    .where('p.id', '=', pulseId)
    .where('p.state', 'in', ['open', 'closed'])
    .executeTakeFirst();
  return row as ResultsPulseRow | undefined;
}

/** Pulses with a cohort in the scope: newest closed first, capped at `limit`. */
export async function closedPulsesIn(db: Kysely<Database>, orgId: string, scope: Scope, limit: number) {
  const rows = await pulsesIn(db, orgId, scope).where('p.state', '=', 'closed').limit(limit).execute();
  return rows as ResultsPulseRow[];
}

/** The default pulse of a results page: the latest closed one in the scope, else the open one. */
export async function defaultPulseIn(db: Kysely<Database>, orgId: string, scope: Scope) {
  const [closed] = await closedPulsesIn(db, orgId, scope, 1);
  if (closed) return closed;
  const open = await pulsesIn(db, orgId, scope).where('p.state', '=', 'open').limit(1).executeTakeFirst();
  return open as ResultsPulseRow | undefined;
}

/** Whether a pulse asked anyone in the scope. */
export async function pulseReaches(db: Kysely<Database>, orgId: string, pulseId: string, scope: Scope) {
  const row = await pulsesIn(db, orgId, scope).where('p.id', '=', pulseId).executeTakeFirst();
  return row !== undefined;
}

function pulsesIn(db: Kysely<Database>, orgId: string, scope: Scope) {
  return db
    .selectFrom('pulses as p')
    .select(pulseColumns)
    .where('p.orgId', '=', orgId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cohorts as c')
          .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'c.orgId').onRef('u.id', '=', 'c.unitId'))
          .select(sql`1`.as('one'))
          .whereRef('c.orgId', '=', 'p.orgId')
          .whereRef('c.pulseId', '=', 'p.id')
          .where(inSubtrees('u', scope)),
      ),
    )
    .orderBy(sql`p.closed_at desc nulls last`)
    .orderBy('p.opensAt', 'desc');
}

export interface UnitRecord extends TreeUnit {
  name: string;
  path: string;
}

/**
 * The org's units in id order: the plan breaks ties between equal groups by the order it meets
 * them, so that order must not follow anything that changes (a rename would flip which of two
 * equal siblings is hidden, and the two plans together would show both).
 */
export async function orgUnits(db: Kysely<Database>, orgId: string): Promise<UnitRecord[]> {
  return db
    .selectFrom('units')
    .select(['id', 'parentId', 'name', 'path'])
    .where('orgId', '=', orgId)
    .orderBy('id')
    .execute();
}

/**
 * Cohorts of several pulses, each with its respondents: fixed at close, counted live while open
 * (participation is all an open pulse shows).
 */
export async function cohortsOf(db: Kysely<Database>, orgId: string, pulseIds: readonly string[]) {
  const rows = await db
    .selectFrom('cohorts as c')
    .select([
      'c.pulseId',
      'c.id',
      'c.unitId',
      'c.unitPath',
      'c.attributes',
      'c.audience',
      sql<number>`coalesce(c.respondents, (select count(*) from responses r
        where r.org_id = c.org_id and r.pulse_id = c.pulse_id and r.cohort_id = c.id))::int`.as('respondents'),
    ])
    .where('c.orgId', '=', orgId)
    .where('c.pulseId', 'in', pulseIds)
    .execute();
  return rows satisfies Array<PlanCohort & { pulseId: string }>;
}

/** The items that carry a value (text items carry comments, which results do not show). */
export async function scaleItemsOf(db: Kysely<Database>, orgId: string, pulseIds: readonly string[]) {
  const rows: ItemRow[] = await db
    .selectFrom('pulseItems')
    .select(['pulseId', 'position', 'questionKey', 'driver', 'kind', 'textEn', 'textFr'])
    .where('orgId', '=', orgId)
    .where('pulseId', 'in', pulseIds)
    .where('kind', '<>', 'text')
    .orderBy('position')
    .execute();
  return rows;
}

export async function rollupsOf(db: Kysely<Database>, orgId: string, pulseIds: readonly string[]) {
  const rows: RollupRow[] = await db
    .selectFrom('rollups')
    .select(['pulseId', 'cohortId', 'position', 'histogram'])
    .where('orgId', '=', orgId)
    .where('pulseId', 'in', pulseIds)
    .execute();
  return rows;
}
