import type { NewPulse, Pulse, PulseChange } from '@insideout/contracts';
import { bankQuestion, personalise } from '@insideout/core';
import type { Database, PulseRow } from '@insideout/db';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { recordAudit, staffActor } from '../audit/record.ts';
import { unitInScope } from '../auth/policy.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

type PulseInput = z.infer<typeof NewPulse>;

interface ResolvedItem {
  questionKey: string;
  driver: string;
  kind: 'likert5' | 'nps11' | 'text';
  textEn: string;
  textFr: string;
  required: boolean;
}

/** Turns question keys into the pulse's own copy of each item, refusing unknown or retired ones. */
async function resolveItems(db: Kysely<Database>, orgId: string, items: PulseInput['items']): Promise<ResolvedItem[]> {
  const org = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  const orgIds = items.filter((i) => i.questionKey.startsWith('org:')).map((i) => i.questionKey.slice(4));
  const own = orgIds.some((id) => /^[0-9a-f-]{36}$/.test(id))
    ? await db
        .selectFrom('questions')
        .selectAll()
        .where('orgId', '=', orgId)
        .where(
          'id',
          'in',
          orgIds.filter((id) => /^[0-9a-f-]{36}$/.test(id)),
        )
        .execute()
    : [];
  const seen = new Set<string>();
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const resolved = items.map((item, index): ResolvedItem | null => {
    if (seen.has(item.questionKey)) problems.push({ path: ['items', index], message: 'is already in the pulse' });
    seen.add(item.questionKey);
    const builtIn = bankQuestion(item.questionKey);
    if (builtIn) {
      const text = personalise(builtIn.text, org.name);
      return {
        questionKey: builtIn.key,
        driver: builtIn.driver,
        kind: builtIn.kind,
        textEn: text.en,
        textFr: text.fr,
        required: item.required,
      };
    }
    const question = own.find((q) => `org:${q.id}` === item.questionKey);
    if (!question) problems.push({ path: ['items', index, 'questionKey'], message: 'is not a question of the bank' });
    else if (question.retiredAt) problems.push({ path: ['items', index, 'questionKey'], message: 'is retired' });
    else
      return {
        questionKey: item.questionKey,
        driver: question.driver,
        kind: question.kind,
        textEn: question.textEn,
        textFr: question.textFr,
        required: item.required,
      };
    return null;
  });
  if (problems.length > 0) throw ApiError.invalidInput(problems, 'Some questions cannot be used.');
  return resolved.filter((item): item is ResolvedItem => item !== null);
}

async function checkAudience(db: Kysely<Database>, orgId: string, unitIds: string[]) {
  const found = await db
    .selectFrom('units')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', 'in', unitIds)
    .execute();
  const known = new Set(found.map((u) => u.id));
  const problems = unitIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: ['audienceUnitIds', index], message: 'is not a unit of your organisation' }],
  );
  if (problems.length > 0) throw ApiError.invalidInput(problems, 'Some audience units do not exist.');
}

async function writeItems(trx: Transaction<Database>, orgId: string, pulseId: string, items: ResolvedItem[]) {
  await trx.deleteFrom('pulseItems').where('orgId', '=', orgId).where('pulseId', '=', pulseId).execute();
  await trx
    .insertInto('pulseItems')
    .values(items.map((item, position) => ({ orgId, pulseId, position, ...item })))
    .execute();
}

export async function createPulse(db: Kysely<Database>, actor: Actor, input: PulseInput): Promise<string> {
  const items = await resolveItems(db, actor.orgId, input.items);
  await checkAudience(db, actor.orgId, input.audienceUnitIds);
  return db.transaction().execute(async (trx) => {
    const pulse = await trx
      .insertInto('pulses')
      .values({
        orgId: actor.orgId,
        title: input.title,
        state: 'draft',
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
        recurrence: input.recurrence,
        audienceUnitIds: JSON.stringify(input.audienceUnitIds),
        k: 0,
        kComments: 0,
        previousId: null,
        createdBy: actor.personId,
        openedAt: null,
        closedAt: null,
        sealedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeItems(trx, actor.orgId, pulse.id, items);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'pulse.created',
      target: { type: 'pulse', id: pulse.id },
      details: { title: input.title, items: items.length, recurrence: input.recurrence },
    });
    return pulse.id;
  });
}

export async function changePulse(
  db: Kysely<Database>,
  actor: Actor,
  pulseId: string,
  change: z.infer<typeof PulseChange>,
) {
  const pulse = await findPulse(db, actor, pulseId);
  if (pulse.state !== 'draft') throw new ApiError('conflict', 'Only a draft pulse can be edited: this one has opened.');
  const items = change.items ? await resolveItems(db, actor.orgId, change.items) : null;
  if (change.audienceUnitIds) await checkAudience(db, actor.orgId, change.audienceUnitIds);
  const opensAt = change.opensAt ? new Date(change.opensAt) : pulse.opensAt;
  const closesAt = change.closesAt ? new Date(change.closesAt) : pulse.closesAt;
  if (closesAt <= opensAt) throw ApiError.invalidInput([{ path: ['closesAt'], message: 'must be after opensAt' }]);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('pulses')
      .set({
        ...(change.title ? { title: change.title } : {}),
        ...(change.recurrence ? { recurrence: change.recurrence } : {}),
        ...(change.audienceUnitIds ? { audienceUnitIds: JSON.stringify(change.audienceUnitIds) } : {}),
        opensAt,
        closesAt,
      })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', pulseId)
      .execute();
    if (items) await writeItems(trx, actor.orgId, pulseId, items);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'pulse.updated',
      target: { type: 'pulse', id: pulseId },
      details: { fields: Object.keys(change) },
    });
  });
}

/** A pulse of the actor's org that concerns them: HR sees all; a manager those whose audience meets their units. */
export async function findPulse(db: Kysely<Database>, actor: Actor, pulseId: string): Promise<PulseRow> {
  const pulse = await db
    .selectFrom('pulses')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .where('id', '=', pulseId)
    .executeTakeFirst();
  if (!pulse || !(await concerns(db, actor, [pulse]))[0]) throw new ApiError('not_found', 'No such pulse.');
  return pulse;
}

async function concerns(db: Kysely<Database>, actor: Actor, pulses: PulseRow[]): Promise<boolean[]> {
  if (actor.role === 'hr_admin') return pulses.map(() => true);
  const unitIds = [...new Set(pulses.flatMap((p) => p.audienceUnitIds))];
  const units = unitIds.length
    ? await db
        .selectFrom('units')
        .select(['id', 'path'])
        .where('orgId', '=', actor.orgId)
        .where('id', 'in', unitIds)
        .execute()
    : [];
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  return pulses.map((pulse) =>
    pulse.audienceUnitIds.some((id) => {
      const path = pathOf.get(id);
      // Audience inside a managed subtree, or a managed unit inside the audience.
      return path !== undefined && (unitInScope(actor, path) || actor.managedPaths.some((m) => m.startsWith(path)));
    }),
  );
}

export async function listPulses(db: Kysely<Database>, actor: Actor): Promise<Pulse[]> {
  const rows = await db
    .selectFrom('pulses')
    .selectAll()
    .where('orgId', '=', actor.orgId)
    .orderBy('opensAt', 'desc')
    .execute();
  const visible = await concerns(db, actor, rows);
  return toPulses(
    db,
    actor.orgId,
    rows.filter((_, i) => visible[i]),
  );
}

export async function toPulses(db: Kysely<Database>, orgId: string, rows: PulseRow[]): Promise<Pulse[]> {
  const items = rows.length
    ? await db
        .selectFrom('pulseItems')
        .selectAll()
        .where('orgId', '=', orgId)
        .where(
          'pulseId',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    recurrence: row.recurrence,
    audienceUnitIds: row.audienceUnitIds,
    items: items
      .filter((item) => item.pulseId === row.id)
      .map((item) => ({
        position: item.position,
        questionKey: item.questionKey,
        driver: item.driver as Pulse['items'][number]['driver'],
        kind: item.kind,
        text: { en: item.textEn, fr: item.textFr },
        required: item.required,
      })),
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
  }));
}
