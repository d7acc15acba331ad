import type { Person, Unit } from '@insideout/contracts';
import type { Database, UnitRow } from '@insideout/db';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/** The unit paths whose subtrees the actor may see (`'org'`: all of it). */
export function visiblePaths(actor: Pick<Actor, 'role' | 'managedPaths'>): string[] | 'org' {
  return actor.role === 'hr_admin' ? 'org' : actor.managedPaths;
}

/** `<alias>.path` lies in one of the subtrees (paths are ids and slashes: no LIKE wildcards). */
export function inSubtrees(alias: 'u', paths: string[] | 'org'): RawBuilder<boolean> {
  if (paths === 'org') return sql<boolean>`true`;
  if (paths.length === 0) return sql<boolean>`false`;
  const column = sql.ref(`${alias}.path`);
  return sql<boolean>`(${sql.join(
    paths.map((path) => sql`${column} like ${`${path}%`}`),
    sql` or `,
  )})`;
}

/**
 * Serialises changes to one org's directory (units, people, managers, imports): a move and an
 * import planned against the same tree cannot interleave. `no key update` leaves the org row's
 * foreign-key share locks free, so inserts elsewhere in the org do not wait on it.
 */
export async function lockDirectory(trx: Transaction<Database>, orgId: string): Promise<void> {
  await trx.selectFrom('orgs').select('id').where('id', '=', orgId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

export function findUnit(db: Kysely<Database>, orgId: string, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** A 400 that points at one field of the request body. */
export function invalidField(path: Array<string | number>, message: string): ApiError {
  return ApiError.invalidInput([{ path, message }], `Invalid request body at ${path.join('.')}: ${message}.`);
}

/** Units, each with its names path, headcount of active people and managers, ordered as a tree. */
export async function unitViews(
  db: Kysely<Database>,
  orgId: string,
  filter: { paths: string[] | 'org' } | { id: string },
): Promise<Unit[]> {
  const rows = await db
    .selectFrom('units as u')
    .select([
      'u.id',
      'u.parentId',
      'u.name',
      'u.path',
      sql<number>`(select count(*) from people p where p.org_id = u.org_id and p.unit_id = u.id and p.active)`.as(
        'headcount',
      ),
      sql<string[]>`coalesce((select json_agg(m.person_id order by m.person_id) from unit_managers m
        where m.org_id = u.org_id and m.unit_id = u.id), '[]'::json)`.as('managerIds'),
    ])
    .where('u.orgId', '=', orgId)
    .where('id' in filter ? sql<boolean>`u.id = ${filter.id}` : inSubtrees('u', filter.paths))
    .execute();
  const names = await unitNames(db, orgId, rows);
  return rows
    .map((row) => ({
      id: row.id,
      parentId: row.parentId,
      name: row.name,
      path: namesPath(row.path, names),
      headcount: row.headcount,
      managerIds: row.managerIds,
    }))
    .sort((a, b) => treeOrder(a.path, b.path));
}

/** People with their unit's names path and the units they manage. */
export async function personViews(db: Kysely<Database>, orgId: string, ids: string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select([
      'p.id',
      'p.email',
      'p.displayName',
      'p.unitId',
      'p.role',
      'p.attributes',
      'p.active',
      'u.path',
      sql<string[]>`coalesce((select json_agg(m.unit_id order by m.unit_id) from unit_managers m
        where m.org_id = p.org_id and m.person_id = p.id), '[]'::json)`.as('managedUnitIds'),
    ])
    .where('p.orgId', '=', orgId)
    .where('p.id', 'in', ids)
    .execute();
  const names = await unitNames(db, orgId, rows);
  const byId = new Map(
    rows.map(({ path, ...person }) => [person.id, { ...person, unitPath: namesPath(path, names) } satisfies Person]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Names of every unit on the given paths, ancestors included (even outside a manager's scope). */
async function unitNames(db: Kysely<Database>, orgId: string, rows: Array<{ path: string }>) {
  const ids = new Set(rows.flatMap((row) => idsOf(row.path)));
  const names = new Map<string, string>();
  if (ids.size === 0) return names;
  const units = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...ids])
    .execute();
  for (const unit of units) names.set(unit.id, unit.name);
  return names;
}

function idsOf(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}

/** The root is the org itself: names start below it, as in an import's unit column. */
function namesPath(path: string, names: Map<string, string>): string[] {
  return idsOf(path)
    .slice(1)
    .map((id) => names.get(id) ?? '?');
}

function treeOrder(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = (a[i] ?? '').localeCompare(b[i] ?? '', undefined, { sensitivity: 'base' });
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
