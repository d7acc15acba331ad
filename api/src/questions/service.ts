import type { NewQuestion, Question, QuestionChange } from '@insideout/contracts';
import { bank, personalise } from '@insideout/core';
import type { Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { recordAudit, staffActor } from '../audit/record.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/** The question bank an org composes pulses from: the built-in bank plus its own items. */
export async function listQuestions(db: Kysely<Database>, orgId: string): Promise<Question[]> {
  const org = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  const own = await db
    .selectFrom('questions as q')
    .selectAll('q')
    // Used: an opened pulse carries it, so its wording is fixed (an edit makes a new version).
    .select(
      sql<boolean>`exists (select 1 from pulse_items i join pulses p on p.org_id = i.org_id and p.id = i.pulse_id
        where i.org_id = q.org_id and p.state <> 'draft' and i.question_key = 'org:' || q.id::text)`.as('used'),
    )
    .where('q.orgId', '=', orgId)
    .orderBy('q.createdAt')
    .execute();
  return [
    ...bank.map((q) => ({
      key: q.key,
      source: 'bank' as const,
      driver: q.driver,
      kind: q.kind,
      text: personalise(q.text, org.name),
      version: 1,
      retired: false,
      used: false,
    })),
    ...own.map((q) => ({
      key: `org:${q.id}`,
      source: 'org' as const,
      driver: q.driver as Question['driver'],
      kind: q.kind,
      text: { en: q.textEn, fr: q.textFr },
      version: q.version,
      retired: q.retiredAt !== null,
      used: Boolean(q.used),
    })),
  ];
}

export async function createQuestion(db: Kysely<Database>, actor: Actor, input: z.infer<typeof NewQuestion>) {
  return db.transaction().execute(async (trx) => {
    const lineageId = crypto.randomUUID();
    const row = await trx
      .insertInto('questions')
      .values({
        orgId: actor.orgId,
        lineageId,
        version: 1,
        driver: input.driver,
        kind: input.kind,
        textEn: input.text.en,
        textFr: input.text.fr,
        retiredAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'question.created',
      target: { type: 'question', id: row.id },
      details: { driver: input.driver, kind: input.kind },
    });
    return `org:${row.id}`;
  });
}

/**
 * Edits an org item. An item a pulse has used is never changed in place: the edit becomes a new
 * version (same lineage) and the old one is retired, so past results keep their wording.
 */
export async function changeQuestion(
  db: Kysely<Database>,
  actor: Actor,
  key: string,
  change: z.infer<typeof QuestionChange>,
) {
  const questions = await listQuestions(db, actor.orgId);
  const current = questions.find((q) => q.key === key && q.source === 'org');
  if (!current)
    throw new ApiError('not_found', 'No such question of your organisation (built-in questions cannot be edited).');
  if (current.retired) throw new ApiError('conflict', 'This question is retired; edit its newest version instead.');
  const id = key.slice('org:'.length);
  return db.transaction().execute(async (trx) => {
    const text = change.text ?? current.text;
    const driver = change.driver ?? current.driver;
    if (!current.used) {
      await trx
        .updateTable('questions')
        .set({ driver, textEn: text.en, textFr: text.fr })
        .where('orgId', '=', actor.orgId)
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        orgId: actor.orgId,
        actor: staffActor(actor),
        action: 'question.updated',
        target: { type: 'question', id },
      });
      return key;
    }
    const old = await trx
      .updateTable('questions')
      .set({ retiredAt: new Date() })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .returning(['lineageId', 'version', 'kind'])
      .executeTakeFirstOrThrow();
    const next = await trx
      .insertInto('questions')
      .values({
        orgId: actor.orgId,
        lineageId: old.lineageId,
        version: old.version + 1,
        driver,
        kind: old.kind,
        textEn: text.en,
        textFr: text.fr,
        retiredAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'question.versioned',
      target: { type: 'question', id: next.id },
      details: { previous: id, version: old.version + 1 },
    });
    return `org:${next.id}`;
  });
}

export async function retireQuestion(db: Kysely<Database>, actor: Actor, key: string) {
  const id = key.startsWith('org:') ? key.slice(4) : '';
  // A real UUID only: 36 characters of hex and dashes in another shape reached the uuid column and
  // failed there, as a 500 (found by the fuzz, test/postgres/fuzz.test.ts).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
    throw new ApiError('not_found', 'No such question of your organisation.');
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('questions')
      .set({ retiredAt: new Date() })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .where('retiredAt', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new ApiError('not_found', 'No such active question of your organisation.');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'question.retired',
      target: { type: 'question', id },
    });
  });
}
