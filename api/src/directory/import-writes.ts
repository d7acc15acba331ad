import type { ImportPlan, UnitRef } from '@insideout/core';
import type { Database } from '@insideout/db';
import { sql, type Transaction } from 'kysely';

/** Rows per statement: large enough that 10,000 rows take ~20 round trips, far below the 65,535 parameter limit. */
export const batchSize = 500;

export interface WriteContext {
  orgId: string;
  /** Materialised path of every existing unit, by id (new units get theirs here). */
  unitPaths: Map<string, string>;
  now: Date;
  /** Called after each batch with the number of rows of the file written so far. */
  progress: (rowsWritten: number) => Promise<void>;
}

/**
 * Writes an import plan inside the caller's transaction: new units (parents first), new people,
 * changed people and leavers, each in multi-row statements. People who stop being staff lose
 * their sessions and the units they managed, as with a change made by hand.
 */
export async function writeImportPlan(trx: Transaction<Database>, plan: ImportPlan, context: WriteContext) {
  const { orgId, now } = context;
  const newUnitIds = await createUnits(trx, plan, context);
  const unitIdOf = (ref: UnitRef): string => {
    if ('id' in ref) return ref.id;
    const id = newUnitIds[ref.newUnit];
    if (!id) throw new Error(`import plan refers to unit #${ref.newUnit}, which it does not create`);
    return id;
  };
  let written = 0;

  for (const batch of chunks(plan.creates)) {
    await trx
      .insertInto('people')
      .values(
        batch.map((person) => ({
          orgId,
          email: person.email,
          displayName: person.displayName,
          unitId: unitIdOf(person.unit),
          role: person.role,
          attributes: person.attributes,
        })),
      )
      .execute();
    written += batch.length;
    await context.progress(written);
  }

  for (const batch of chunks(plan.updates)) {
    const rows = batch.map(
      (update) =>
        sql`(${update.personId}::uuid, ${update.after.displayName}, ${unitIdOf(update.after.unit)}::uuid, ${update.after.role}, ${JSON.stringify(update.after.attributes)}::jsonb)`,
    );
    await sql`update people as p
      set display_name = v.display_name, unit_id = v.unit_id, role = v.role, attributes = v.attributes,
          active = true, updated_at = ${now}
      from (values ${sql.join(rows)}) as v(id, display_name, unit_id, role, attributes)
      where p.org_id = ${orgId} and p.id = v.id`.execute(trx);
    written += batch.length;
    await context.progress(written);
  }

  for (const batch of chunks(plan.deactivations)) {
    await trx
      .updateTable('people')
      .set({ active: false, updatedAt: now })
      .where('orgId', '=', orgId)
      .where(
        'id',
        'in',
        batch.map((person) => person.id),
      )
      .execute();
  }

  const noLongerStaff = [
    ...plan.deactivations.filter((person) => person.role !== 'employee').map((person) => person.id),
    ...plan.updates
      .filter((update) => update.before.role !== 'employee' && update.after.role === 'employee')
      .map((update) => update.personId),
  ];
  for (const ids of chunks(noLongerStaff)) {
    await trx
      .updateTable('sessions')
      .set({ revokedAt: now })
      .where('orgId', '=', orgId)
      .where('personId', 'in', ids)
      .where('revokedAt', 'is', null)
      .execute();
    await trx.deleteFrom('unitManagers').where('orgId', '=', orgId).where('personId', 'in', ids).execute();
  }
  return { noLongerStaff: noLongerStaff.length };
}

async function createUnits(trx: Transaction<Database>, plan: ImportPlan, context: WriteContext): Promise<string[]> {
  const ids: string[] = [];
  const rows = plan.unitsToCreate.map((unit, index) => {
    const id = crypto.randomUUID();
    ids.push(id);
    // The plan lists parents before their children, so a new parent's path is already known.
    const parentId = 'id' in unit.parent ? unit.parent.id : ids[unit.parent.newUnit];
    const parentPath = parentId === undefined ? undefined : context.unitPaths.get(parentId);
    if (parentId === undefined || parentPath === undefined) {
      throw new Error(`import plan creates unit #${index} before its parent`);
    }
    const path = `${parentPath}${id}/`;
    context.unitPaths.set(id, path);
    return { orgId: context.orgId, id, parentId, name: unit.name, path };
  });
  for (const batch of chunks(rows)) await trx.insertInto('units').values(batch).execute();
  return ids;
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += batchSize) result.push(items.slice(i, i + batchSize));
  return result;
}
