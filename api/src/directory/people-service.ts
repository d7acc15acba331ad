import type { NewPerson, Person, PersonChange } from '@insideout/contracts';
import type { Database, PersonRow, PersonUpdate } from '@insideout/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { recordAudit, staffActor } from '../audit/record.ts';
import { assertUnitInScope } from '../auth/policy.ts';
import { revokeSessionsOf } from '../auth/sessions.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { findUnit, invalidField, lockDirectory, personViews } from './queries.ts';

export async function getPerson(db: Kysely<Database>, actor: Actor, id: string): Promise<Person> {
  const row = await db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select('u.path')
    .where('p.orgId', '=', actor.orgId)
    .where('p.id', '=', id)
    .executeTakeFirst();
  // Outside a manager's subtrees is the same 404 as nobody at all: scope reveals nothing.
  assertUnitInScope(actor, row, 'person');
  return personView(db, actor.orgId, id);
}

async function personView(db: Kysely<Database>, orgId: string, id: string): Promise<Person> {
  const [person] = await personViews(db, orgId, [id]);
  if (!person) throw new ApiError('not_found', 'No such person.');
  return person;
}

export async function createPerson(
  db: Kysely<Database>,
  actor: Actor,
  input: z.output<typeof NewPerson>,
): Promise<Person> {
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    if (!(await findUnit(trx, actor.orgId, input.unitId))) throw invalidField(['unitId'], 'no such unit');
    await assertEmailFree(trx, actor.orgId, input.email, null);
    await trx
      .insertInto('people')
      .values({ orgId: actor.orgId, id, ...input })
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'person.created',
      target: { type: 'person', id },
      details: { ...input },
    });
  });
  return personView(db, actor.orgId, id);
}

type Change = z.output<typeof PersonChange>;
const changeable = ['email', 'displayName', 'unitId', 'role', 'attributes', 'active'] as const;

/**
 * Applies an HR leader's change. Someone who stops being staff (deactivated, or demoted to
 * employee) loses their sessions and the units they managed at once; the org always keeps one
 * active HR leader.
 */
export async function changePerson(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  change: Change,
  now: Date,
): Promise<Person> {
  await db.transaction().execute(async (trx) => {
    await lockDirectory(trx, actor.orgId);
    const before = await trx
      .selectFrom('people')
      .selectAll()
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) throw new ApiError('not_found', 'No such person.');

    const update: PersonUpdate = {};
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of changeable) {
      const value = change[field];
      if (value === undefined || same(before[field], value)) continue;
      Object.assign(update, { [field]: value });
      diff[field] = { before: before[field], after: value };
    }
    if (Object.keys(diff).length === 0) return;

    if (update.unitId && !(await findUnit(trx, actor.orgId, update.unitId))) {
      throw invalidField(['unitId'], 'no such unit');
    }
    if (update.email) await assertEmailFree(trx, actor.orgId, update.email, id);
    const after = { role: update.role ?? before.role, active: update.active ?? before.active };
    const losesStaffAccess = isStaff(before) && !isStaff(after);
    if (before.role === 'hr_admin' && before.active && !(after.role === 'hr_admin' && after.active)) {
      await assertAnotherHrLeader(trx, actor.orgId, id);
    }

    await trx
      .updateTable('people')
      .set({ ...update, updatedAt: now })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .execute();
    let managedUnitIds: string[] = [];
    if (losesStaffAccess) {
      await revokeSessionsOf(trx, actor.orgId, id, now);
      const removed = await trx
        .deleteFrom('unitManagers')
        .where('orgId', '=', actor.orgId)
        .where('personId', '=', id)
        .returning('unitId')
        .execute();
      managedUnitIds = removed.map((row) => row.unitId);
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'person.changed',
      target: { type: 'person', id },
      details: {
        changes: diff,
        ...(losesStaffAccess ? { sessionsRevoked: true, managedUnitsRemoved: managedUnitIds } : {}),
      },
    });
  });
  return personView(db, actor.orgId, id);
}

function isStaff(person: Pick<PersonRow, 'role' | 'active'>) {
  return person.active && person.role !== 'employee';
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => left[key] === right[key]);
  }
  return a === b;
}

async function assertEmailFree(trx: Transaction<Database>, orgId: string, email: string, exceptId: string | null) {
  let query = trx
    .selectFrom('people')
    .select('id')
    .where('orgId', '=', orgId)
    .where(sql<boolean>`lower(email) = lower(${email})`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new ApiError('conflict', `Someone in this organisation already has the e-mail address ${email}.`, {
      issues: [{ path: ['email'], message: 'is already taken' }],
    });
  }
}

async function assertAnotherHrLeader(trx: Transaction<Database>, orgId: string, exceptId: string) {
  const other = await trx
    .selectFrom('people')
    .select('id')
    .where('orgId', '=', orgId)
    .where('role', '=', 'hr_admin')
    .where('active', '=', true)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (!other) {
    throw new ApiError('conflict', 'This is the last active HR leader: name another one before removing this access.');
  }
}
