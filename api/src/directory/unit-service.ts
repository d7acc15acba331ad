import type { Unit } from '@insideout/contracts';
import type { Database, UnitRow } from '@insideout/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import { assertUnitInScope } from '../auth/policy.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { findUnit, invalidField, lockDirectory, unitViews, visiblePaths } from './queries.ts';

export function listUnits(db: Kysely<Database>, actor: Actor): Promise<Unit[]> {
  return unitViews(db, actor.orgId, { paths: visiblePaths(actor) });
}

export async function getUnit(db: Kysely<Database>, actor: Actor, id: string): Promise<Unit> {
  assertUnitInScope(actor, await findUnit(db, actor.orgId, id));
  return unitView(db, actor.orgId, id);
}

async function unitView(db: Kysely<Database>, orgId: string, id: string): Promise<Unit> {
  const [unit] = await unitViews(db, orgId, { id });
  if (!unit) throw new ApiError('not_found', 'No such unit.');
  return unit;
}

export async function createUnit(
  db: Kysely<Database>,
  actor: Actor,
  input: { name: string; parentId: string },
): Promise<Unit> {
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    const parent = await findUnit(trx, actor.orgId, input.parentId);
    if (!parent) throw invalidField(['parentId'], 'no such unit');
    await assertNameFree(trx, actor.orgId, parent, input.name, null);
    await trx
      .insertInto('units')
      .values({ orgId: actor.orgId, id, parentId: parent.id, name: input.name, path: `${parent.path}${id}/` })
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'unit.created',
      target: { type: 'unit', id },
      details: { name: input.name, parentId: parent.id },
    });
  });
  return unitView(db, actor.orgId, id);
}

/** Renames and/or moves a unit; a move rewrites the paths of its whole subtree in one statement. */
export async function changeUnit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  change: { name?: string | undefined; parentId?: string | undefined },
): Promise<Unit> {
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    const unit = await findUnit(trx, actor.orgId, id);
    if (!unit) throw new ApiError('not_found', 'No such unit.');
    const name = change.name ?? unit.name;
    const parent =
      change.parentId !== undefined && change.parentId !== unit.parentId
        ? await newParentOf(trx, unit, change.parentId)
        : null;
    if (name === unit.name && !parent) return;

    await assertNameFree(trx, actor.orgId, parent ?? { id: unit.parentId }, name, unit.id);
    if (name !== unit.name) {
      await trx.updateTable('units').set({ name }).where('orgId', '=', actor.orgId).where('id', '=', id).execute();
    }
    if (parent) {
      const newPath = `${parent.path}${unit.id}/`;
      await sql`update units
        set path = ${newPath} || substr(path, ${unit.path.length + 1}),
            parent_id = case when id = ${unit.id} then ${parent.id}::uuid else parent_id end
        where org_id = ${actor.orgId} and path like ${`${unit.path}%`}`.execute(trx);
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'unit.changed',
      target: { type: 'unit', id },
      details: {
        ...(name !== unit.name ? { name: { before: unit.name, after: name } } : {}),
        ...(parent ? { parentId: { before: unit.parentId, after: parent.id } } : {}),
      },
    });
  });
  return unitView(db, actor.orgId, id);
}

async function newParentOf(trx: Transaction<Database>, unit: UnitRow, parentId: string): Promise<UnitRow> {
  if (unit.parentId === null) throw invalidField(['parentId'], 'the root unit cannot move');
  const parent = await findUnit(trx, unit.orgId, parentId);
  if (!parent) throw invalidField(['parentId'], 'no such unit');
  if (parent.path.startsWith(unit.path)) {
    throw invalidField(['parentId'], 'a unit cannot move under itself or one of its own sub-units');
  }
  return parent;
}

async function assertNameFree(
  trx: Transaction<Database>,
  orgId: string,
  parent: { id: string | null },
  name: string,
  exceptId: string | null,
) {
  let query = trx
    .selectFrom('units')
    .select('name')
    .where('orgId', '=', orgId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  query = parent.id === null ? query.where('parentId', 'is', null) : query.where('parentId', '=', parent.id);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) throw new ApiError('conflict', `Another unit at this level is already named "${taken.name}".`);
}

/** Only an empty leaf goes: people and sub-units are moved first, never deleted along with it. */
export async function deleteUnit(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    const unit = await findUnit(trx, actor.orgId, id);
    if (!unit) throw new ApiError('not_found', 'No such unit.');
    if (unit.parentId === null)
      throw new ApiError('conflict', 'The root unit is the organisation itself: it cannot be deleted.');
    const counts = await sql<{ people: number; inactive: number; subUnits: number }>`select
        (select count(*) from people where org_id = ${actor.orgId} and unit_id = ${id}) as people,
        (select count(*) from people where org_id = ${actor.orgId} and unit_id = ${id} and not active) as inactive,
        (select count(*) from units where org_id = ${actor.orgId} and parent_id = ${id}) as sub_units`
      .execute(trx)
      .then((result) => result.rows[0] ?? { people: 0, inactive: 0, subUnits: 0 });
    if (counts.people > 0 || counts.subUnits > 0) {
      const what = [
        counts.people > 0
          ? `${plural(counts.people, 'person', 'people')}${counts.inactive > 0 ? ` (${counts.inactive} inactive)` : ''}`
          : '',
        counts.subUnits > 0 ? plural(counts.subUnits, 'sub-unit', 'sub-units') : '',
      ].filter(Boolean);
      throw new ApiError('conflict', `This unit still has ${what.join(' and ')}: move them elsewhere first.`, counts);
    }
    await trx.deleteFrom('units').where('orgId', '=', actor.orgId).where('id', '=', id).execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'unit.deleted',
      target: { type: 'unit', id },
      details: { name: unit.name, parentId: unit.parentId },
    });
  });
}

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Replaces who manages a unit; each must be an active manager or HR leader of the org. */
export async function setUnitManagers(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  personIds: string[],
): Promise<Unit> {
  const wanted = [...new Set(personIds)];
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    const unit = await findUnit(trx, actor.orgId, id);
    if (!unit) throw new ApiError('not_found', 'No such unit.');
    const staff =
      wanted.length === 0
        ? []
        : await trx
            .selectFrom('people')
            .select('id')
            .where('orgId', '=', actor.orgId)
            .where('id', 'in', wanted)
            .where('active', '=', true)
            .where('role', 'in', ['manager', 'hr_admin'])
            .execute();
    const staffIds = new Set(staff.map((person) => person.id));
    const issues = personIds.flatMap((personId, index) =>
      staffIds.has(personId)
        ? []
        : [{ path: ['personIds', index], message: 'is not an active manager or HR leader of this organisation' }],
    );
    if (issues.length > 0) {
      throw ApiError.invalidInput(
        issues,
        `Invalid request body at personIds.${issues[0]?.path[1]}: ${issues[0]?.message}.`,
      );
    }
    const before = await trx
      .selectFrom('unitManagers')
      .select('personId')
      .where('orgId', '=', actor.orgId)
      .where('unitId', '=', id)
      .execute();
    await trx.deleteFrom('unitManagers').where('orgId', '=', actor.orgId).where('unitId', '=', id).execute();
    if (wanted.length > 0) {
      await trx
        .insertInto('unitManagers')
        .values(wanted.map((personId) => ({ orgId: actor.orgId, unitId: id, personId })))
        .execute();
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'unit.managers_changed',
      target: { type: 'unit', id },
      details: { before: before.map((row) => row.personId).sort(), after: [...wanted].sort() },
    });
  });
  return unitView(db, actor.orgId, id);
}
