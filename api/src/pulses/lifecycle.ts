import { type CohortKeyPair, generateCohortKey } from '@insideout/ballot/server';
import { formCohorts, thresholdsOf } from '@insideout/core';
import type { Database, PulseRow, Recurrence } from '@insideout/db';
import { sql, type Transaction } from 'kysely';
import { type AuditActor, recordAudit, systemActor } from '../audit/record.ts';
import { reevaluateQuietly } from '../campaigns/reevaluate.ts';
import type { Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { log } from '../http/log.ts';
import { prepareRelease } from '../results/releases.ts';
import { computeRollups } from '../results/rollups.ts';
import { invitationHash, invitationToken, mailInvitations } from './invitations.ts';

/** Coarse attributes a unit's cohorts may be split by, where every group stays at or above k. */
const cohortAttributes = ['location'];

/**
 * Opens a draft pulse: fixes its audience (active people in the audience units' subtrees) into
 * cohorts, gives each cohort its own RSA-2048 ballot key, records the invitations, then mails them.
 */
export async function openPulse(services: Services, orgId: string, pulseId: string, actor: AuditActor) {
  const { db } = services.store;
  const pulse = await db
    .selectFrom('pulses')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', pulseId)
    .executeTakeFirst();
  if (!pulse) throw new ApiError('not_found', 'No such pulse.');
  if (pulse.state !== 'draft') throw new ApiError('conflict', `This pulse is already ${pulse.state}.`);
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  const { k, kComments } = thresholdsOf(org.settings);

  if (pulse.audienceUnitIds.length === 0) throw new ApiError('conflict', 'This pulse has no audience.');
  const audienceUnits = await db
    .selectFrom('units')
    .select('path')
    .where('orgId', '=', orgId)
    .where('id', 'in', pulse.audienceUnitIds)
    .execute();
  const members = audienceUnits.length
    ? await db
        .selectFrom('people as p')
        .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
        .select(['p.id as personId', 'p.unitId', 'u.path as unitPath', 'p.attributes', 'p.email', 'p.displayName'])
        .where('p.orgId', '=', orgId)
        .where('p.active', '=', true)
        .where((eb) => eb.or(audienceUnits.map((unit) => eb('u.path', 'like', `${unit.path}%`))))
        .execute()
    : [];
  if (members.length === 0) throw new ApiError('conflict', 'The audience of this pulse has nobody active in it.');

  const cohorts = formCohorts(members, k, cohortAttributes);
  const unitPath = new Map(members.map((m) => [m.unitId, m.unitPath]));
  // Key generation runs on libuv's thread pool: a few cohorts at a time keep the event loop free.
  const keys: CohortKeyPair[] = [];
  for (let i = 0; i < cohorts.length; i += 4)
    keys.push(...(await Promise.all(cohorts.slice(i, i + 4).map(() => generateCohortKey()))));

  const opened = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('pulses')
      .set({ state: 'open', openedAt: new Date(), k, kComments })
      .where('orgId', '=', orgId)
      .where('id', '=', pulseId)
      .where('state', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw new ApiError('conflict', 'This pulse was opened meanwhile.');
    for (const [index, cohort] of cohorts.entries()) {
      const key = keys[index];
      if (!key) throw new Error('missing cohort key');
      const row = await trx
        .insertInto('cohorts')
        .values({
          orgId,
          pulseId,
          unitId: cohort.unitId,
          unitPath: unitPath.get(cohort.unitId) ?? null,
          attributes: cohort.attributes,
          audience: cohort.personIds.length,
          publicKey: key.publicKeySpki,
          privateKeySealed: services.keyring.sealCohortKey(key.privateKeyPkcs8),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('invitations')
        .values(
          cohort.personIds.map((personId) => ({
            orgId,
            pulseId,
            personId,
            cohortId: row.id,
            tokenHash: invitationHash(invitationToken(services, orgId, pulseId, personId)),
            remindedAt: null,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      orgId,
      actor,
      action: 'pulse.opened',
      target: { type: 'pulse', id: pulseId },
      details: { audience: members.length, cohorts: cohorts.length, k, kComments },
    });
    return claimed;
  });
  await mailInvitations(services, opened, members, 'invitation');
  return opened;
}

/**
 * Closes an open pulse and seals it: its responses, answers and comments are rewritten in random
 * order in one transaction, so the order rows were stored in no longer mirrors the order ballots
 * were taken. A recurring pulse schedules its successor.
 */
export async function closePulse(services: Services, orgId: string, pulseId: string, actor: AuditActor) {
  const { db } = services.store;
  const closed = await db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('pulses')
      .set({ state: 'closed', closedAt: new Date() })
      .where('orgId', '=', orgId)
      .where('id', '=', pulseId)
      .where('state', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    if (!closed) {
      const exists = await trx
        .selectFrom('pulses')
        .select('state')
        .where('orgId', '=', orgId)
        .where('id', '=', pulseId)
        .executeTakeFirst();
      throw exists
        ? new ApiError('conflict', `This pulse is ${exists.state}, not open.`)
        : new ApiError('not_found', 'No such pulse.');
    }
    await sealPulse(trx, orgId, pulseId);
    await computeRollups(trx, orgId, pulseId);
    const next = closed.recurrence === 'none' ? null : await scheduleSuccessor(trx, closed);
    await recordAudit(trx, {
      orgId,
      actor,
      action: 'pulse.closed',
      target: { type: 'pulse', id: pulseId },
      details: next ? { next: next.id, opensAt: next.opensAt.toISOString() } : {},
    });
    return closed;
  });
  prepareRelease(db, orgId, pulseId);
  // After the commit: live campaigns are judged on the new results (never holding up the close).
  await reevaluateQuietly(services, orgId, pulseId);
  return closed;
}

export async function sealPulse(trx: Transaction<Database>, orgId: string, pulseId: string) {
  for (const table of ['responses', 'answers', 'comments'] as const) {
    await sql`create temporary table sealing on commit drop as
      select * from ${sql.table(table)} where org_id = ${orgId} and pulse_id = ${pulseId} order by random()`.execute(
      trx,
    );
    await sql`delete from ${sql.table(table)} where org_id = ${orgId} and pulse_id = ${pulseId}`.execute(trx);
    await sql`insert into ${sql.table(table)} select * from sealing`.execute(trx);
    await sql`drop table sealing`.execute(trx);
  }
  await trx
    .updateTable('pulses')
    .set({ sealedAt: new Date() })
    .where('orgId', '=', orgId)
    .where('id', '=', pulseId)
    .execute();
}

const step: Record<Exclude<Recurrence, 'none'>, (date: Date) => Date> = {
  weekly: (d) => new Date(d.getTime() + 7 * 86_400_000),
  fortnightly: (d) => new Date(d.getTime() + 14 * 86_400_000),
  monthly: (d) => {
    const next = new Date(d);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return next;
  },
};

async function scheduleSuccessor(trx: Transaction<Database>, pulse: PulseRow) {
  if (pulse.recurrence === 'none') return null;
  const shift = step[pulse.recurrence];
  const next = await trx
    .insertInto('pulses')
    .values({
      orgId: pulse.orgId,
      title: pulse.title,
      state: 'draft',
      opensAt: shift(pulse.opensAt),
      closesAt: shift(pulse.closesAt),
      recurrence: pulse.recurrence,
      audienceUnitIds: JSON.stringify(pulse.audienceUnitIds),
      autoOpen: true,
      k: 0,
      kComments: 0,
      previousId: pulse.id,
      createdBy: pulse.createdBy,
      openedAt: null,
      closedAt: null,
      sealedAt: null,
    })
    .returning(['id', 'opensAt'])
    .executeTakeFirstOrThrow();
  await sql`insert into pulse_items (org_id, pulse_id, position, question_key, driver, kind, text_en, text_fr, required)
    select org_id, ${next.id}, position, question_key, driver, kind, text_en, text_fr, required
    from pulse_items where org_id = ${pulse.orgId} and pulse_id = ${pulse.id}`.execute(trx);
  return next;
}

/** The scheduler's work at `now`: close pulses past their end, open scheduled ones whose time has come. */
export async function runDuePulses(services: Services, now: Date) {
  const { db } = services.store;
  const due = await db
    .selectFrom('pulses')
    .select(['orgId', 'id', 'state'])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'open'), eb('closesAt', '<=', now)]),
        eb.and([
          eb('state', '=', 'draft'),
          eb('autoOpen', '=', true),
          eb('opensAt', '<=', now),
          eb('closesAt', '>', now),
        ]),
      ]),
    )
    .execute();
  for (const pulse of due) {
    try {
      if (pulse.state === 'open') await closePulse(services, pulse.orgId, pulse.id, systemActor);
      else await openPulse(services, pulse.orgId, pulse.id, systemActor);
    } catch (error) {
      log.error('scheduled pulse change failed', { pulseId: pulse.id, error: String(error) });
    }
  }
  return due.length;
}

export function startScheduler(services: Services, everyMs = 30_000): () => void {
  const timer = setInterval(() => void runDuePulses(services, services.now()), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
