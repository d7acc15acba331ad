import type { DialogueSettings } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import type { Actor } from '../http/env.ts';
import { sensitiveWordsOf } from './sensitive.ts';

export async function readSettings(db: Kysely<Database>, actor: Actor): Promise<DialogueSettings> {
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  return { sensitiveWords: sensitiveWordsOf(org.settings) };
}

export async function writeSettings(
  db: Kysely<Database>,
  actor: Actor,
  settings: DialogueSettings,
): Promise<DialogueSettings> {
  const words = [...new Set(settings.sensitiveWords)];
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orgs')
      .set({ settings: sql`settings || jsonb_build_object('sensitiveWords', ${JSON.stringify(words)}::jsonb)` })
      .where('id', '=', actor.orgId)
      .execute();
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: 'dialogue.settings_changed',
      details: { sensitiveWords: words.length },
    });
  });
  return { sensitiveWords: words };
}
