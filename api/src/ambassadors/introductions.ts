import type {
  ConsentedIntroduction,
  ConsentView,
  IntroductionChange,
  Kudos,
  MyIntroduction,
  NewIntroduction,
  RecruiterState,
} from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import { composeToken, hashToken, newToken, splitToken } from '../auth/secrets.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { campaignAccepting } from './campaigns.ts';

/**
 * Social referral is introduction, not bounty hunting. An employee introduces a contact; the
 * contact gets an e-mail with a consent link (`/consent#<token>`, only the hash stored) naming the
 * introducer. Until the contact accepts, nobody but the introducer can read the introduction — no
 * recruiter, no manager. Declining deletes it at once; a pending one is deleted once it expires
 * (`introductionDays`) by `purgeExpiredIntroductions`. Recruiters (HR leaders) see consented ones
 * and move them through simple states. Recognition is kudos, never money.
 */
export const introductionDays = 14;
/** Introductions a person may send per rolling day: each one mails someone outside the org. */
export const introductionsPerDay = 10;

type Db = Kysely<Database>;
type Who = Pick<Actor, 'orgId' | 'personId'>;

export async function introduce(services: Services, who: Who, campaignId: string, input: NewIntroduction) {
  const { store, mailer, publicUrl, now } = services;
  const db = store.db;
  const campaign = await campaignAccepting(db, who, campaignId);
  const at = now();
  const recent = await db
    .selectFrom('introductions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('orgId', '=', who.orgId)
    .where('introducerId', '=', who.personId)
    .where('createdAt', '>', new Date(at.getTime() - 86_400_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= introductionsPerDay)
    throw new ApiError('rate_limited', `You can introduce up to ${introductionsPerDay} people a day.`);
  const duplicate = await db
    .selectFrom('introductions')
    .select('id')
    .where('orgId', '=', who.orgId)
    .where('campaignId', '=', campaignId)
    .where('contactEmail', '=', input.contactEmail)
    .executeTakeFirst();
  if (duplicate) throw new ApiError('conflict', 'This person has already been introduced for this campaign.');

  const secret = newToken();
  const expiresAt = new Date(at.getTime() + introductionDays * 86_400_000);
  const introducer = await db
    .selectFrom('people as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .select(['p.displayName', 'o.name as orgName'])
    .where('p.orgId', '=', who.orgId)
    .where('p.id', '=', who.personId)
    .executeTakeFirstOrThrow();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('introductions')
      .values({
        orgId: who.orgId,
        campaignId,
        introducerId: who.personId,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactRole: input.contactRole,
        note: input.note,
        consentTokenHash: hashToken(secret),
        consent: 'pending',
        expiresAt,
        consentedAt: null,
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = `${publicUrl}/consent#${composeToken(who.orgId, secret)}`;
    // Confidential: the development outbox, which HR leaders read, must not show the contact before
    // they consent (see api/src/mail/routes.ts).
    await mailer.send(trx, {
      orgId: who.orgId,
      confidential: true,
      to: input.contactEmail,
      subject: `${introducer.displayName} introduced you to ${introducer.orgName}`,
      text: [
        `Hello ${input.contactName},`,
        '',
        `${introducer.displayName}, who works at ${introducer.orgName}, thinks you would be a good fit for: ${input.contactRole} (${campaign.name}).`,
        ...(input.note ? ['', `Their note: “${input.note}”`] : []),
        '',
        `Nobody at ${introducer.orgName} other than ${introducer.displayName} can see this introduction unless you accept it. To accept or decline, open:`,
        '',
        link,
        '',
        `If you do nothing, the introduction and your details are deleted on ${expiresAt.toISOString().slice(0, 10)}.`,
      ].join('\n'),
    });
    return row.id;
  });
  return (await myIntroductions(db, who, id))[0] as MyIntroduction;
}

export async function myIntroductions(db: Db, who: Who, id?: string): Promise<MyIntroduction[]> {
  let query = db
    .selectFrom('introductions as i')
    .innerJoin('campaigns as c', (join) => join.onRef('c.orgId', '=', 'i.orgId').onRef('c.id', '=', 'i.campaignId'))
    .select([
      'i.id',
      'i.campaignId',
      'c.name as campaignName',
      'i.contactName',
      'i.contactEmail',
      'i.contactRole',
      'i.note',
      'i.consent',
      'i.expiresAt',
      'i.recruiterState',
      'i.createdAt',
    ])
    .where('i.orgId', '=', who.orgId)
    .where('i.introducerId', '=', who.personId)
    .orderBy('i.createdAt', 'desc');
  if (id) query = query.where('i.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    campaign: { id: r.campaignId, name: r.campaignName },
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    contactRole: r.contactRole,
    note: r.note,
    consent: r.consent,
    expiresAt: r.expiresAt.toISOString(),
    recruiterState: r.recruiterState,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function myKudos(db: Db, who: Who): Promise<Kudos[]> {
  const rows = await db
    .selectFrom('kudos as k')
    .innerJoin('campaigns as c', (join) => join.onRef('c.orgId', '=', 'k.orgId').onRef('c.id', '=', 'k.campaignId'))
    .select(['k.id', 'k.campaignId', 'c.name as campaignName', 'k.message', 'k.fromLabel', 'k.createdAt'])
    .where('k.orgId', '=', who.orgId)
    .where('k.personId', '=', who.personId)
    .orderBy('k.createdAt', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    campaign: { id: r.campaignId, name: r.campaignName },
    message: r.message,
    from: r.fromLabel,
    createdAt: r.createdAt.toISOString(),
  }));
}

const invalidConsent = () =>
  new ApiError(
    'not_found',
    'This introduction does not exist any more: it was declined, or it expired and was deleted.',
  );

async function byToken(db: Db, token: string, now: Date) {
  const parts = splitToken(token);
  if (!parts) throw invalidConsent();
  const row = await db
    .selectFrom('introductions as i')
    .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'i.orgId').onRef('p.id', '=', 'i.introducerId'))
    .innerJoin('campaigns as c', (join) => join.onRef('c.orgId', '=', 'i.orgId').onRef('c.id', '=', 'i.campaignId'))
    .innerJoin('orgs as o', 'o.id', 'i.orgId')
    .select([
      'i.orgId',
      'i.id',
      'i.campaignId',
      'i.introducerId',
      'i.contactName',
      'i.contactEmail',
      'i.contactRole',
      'i.note',
      'i.consent',
      'i.expiresAt',
      'p.displayName as introducer',
      'c.name as campaign',
      'o.name as org',
    ])
    .where('i.orgId', '=', parts.orgId)
    .where('i.consentTokenHash', '=', hashToken(parts.secret))
    .executeTakeFirst();
  if (!row || (row.consent === 'pending' && row.expiresAt <= now)) throw invalidConsent();
  return row;
}

/** What the contact reads before deciding: who introduced them, for what, and the note. */
export async function consentView(db: Db, token: string, now: Date): Promise<ConsentView> {
  const row = await byToken(db, token, now);
  return {
    contactName: row.contactName,
    contactRole: row.contactRole,
    note: row.note,
    introducer: row.introducer,
    org: row.org,
    campaign: row.campaign,
    expiresAt: row.expiresAt.toISOString(),
    consented: row.consent === 'consented',
  };
}

/**
 * The contact's answer. Accepting shows the introduction to recruiters and thanks the introducer
 * (kudos); declining — also after accepting — deletes it at once, keeping nothing.
 */
export async function decideConsent(db: Db, token: string, decision: 'accept' | 'decline', now: Date) {
  const row = await byToken(db, token, now);
  await db.transaction().execute(async (trx) => {
    if (decision === 'decline') {
      await trx.deleteFrom('introductions').where('orgId', '=', row.orgId).where('id', '=', row.id).execute();
      await deleteConsentMail(trx, row.orgId, row.contactEmail);
      return;
    }
    // Conditional, so two accepts at once thank the introducer once.
    const accepted = await trx
      .updateTable('introductions')
      .set({ consent: 'consented', consentedAt: now, updatedAt: now })
      .where('orgId', '=', row.orgId)
      .where('id', '=', row.id)
      .where('consent', '<>', 'consented')
      .executeTakeFirst();
    if (accepted.numUpdatedRows === 0n) return;
    await trx
      .insertInto('kudos')
      .values({
        orgId: row.orgId,
        personId: row.introducerId,
        campaignId: row.campaignId,
        message: `${row.contactName} accepted your introduction: thank you for bringing someone you trust to ${row.org}.`,
        fromLabel: row.org,
      })
      .execute();
  });
  return { decision: decision === 'accept' ? ('accepted' as const) : ('declined' as const) };
}

/** Deletes pending introductions whose time to consent has passed. Runs on the scheduler. */
export async function purgeExpiredIntroductions(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('introductions')
      .where('consent', '=', 'pending')
      .where('expiresAt', '<=', now)
      .returning(['orgId', 'contactEmail'])
      .execute();
    for (const row of deleted) await deleteConsentMail(trx, row.orgId, row.contactEmail);
    return deleted.length;
  });
}

/**
 * The consent request kept in the development outbox names the contact and carries the note: it
 * goes with the introduction, so that a declined or expired one leaves nothing behind.
 */
async function deleteConsentMail(db: Db, orgId: string, contactEmail: string) {
  await db
    .deleteFrom('mailOutbox')
    .where('orgId', '=', orgId)
    .where('to', '=', contactEmail)
    .where('confidential', '=', true)
    .execute();
}

/** Consented introductions only: a pending one is nobody's business but its introducer's. */
export async function consentedIntroductions(
  db: Db,
  actor: Actor,
  filter: { campaignId?: string | undefined; state?: RecruiterState | undefined; id?: string },
): Promise<ConsentedIntroduction[]> {
  let query = db
    .selectFrom('introductions as i')
    .innerJoin('campaigns as c', (join) => join.onRef('c.orgId', '=', 'i.orgId').onRef('c.id', '=', 'i.campaignId'))
    .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'i.orgId').onRef('p.id', '=', 'i.introducerId'))
    .select([
      'i.id',
      'i.campaignId',
      'c.name as campaignName',
      'i.introducerId',
      'p.displayName as introducerName',
      'i.contactName',
      'i.contactEmail',
      'i.contactRole',
      'i.note',
      'i.consentedAt',
      'i.recruiterState',
      'i.updatedAt',
    ])
    .where('i.orgId', '=', actor.orgId)
    .where('i.consent', '=', 'consented')
    .orderBy('i.consentedAt', 'desc')
    .limit(500);
  if (filter.campaignId) query = query.where('i.campaignId', '=', filter.campaignId);
  if (filter.state) query = query.where('i.recruiterState', '=', filter.state);
  if (filter.id) query = query.where('i.id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    campaign: { id: r.campaignId, name: r.campaignName },
    introducer: { id: r.introducerId, displayName: r.introducerName },
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    contactRole: r.contactRole,
    note: r.note,
    consentedAt: (r.consentedAt ?? r.updatedAt).toISOString(),
    recruiterState: r.recruiterState,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** A recruiter moves a consented introduction on, and may thank the introducer (kudos). */
export async function changeIntroduction(
  db: Db,
  actor: Actor,
  id: string,
  change: IntroductionChange,
  now: Date,
): Promise<ConsentedIntroduction> {
  const [current] = await consentedIntroductions(db, actor, { id });
  if (!current) throw new ApiError('not_found', 'No such introduction.');
  await db.transaction().execute(async (trx) => {
    if (change.recruiterState && change.recruiterState !== current.recruiterState) {
      await trx
        .updateTable('introductions')
        .set({ recruiterState: change.recruiterState, updatedAt: now })
        .where('orgId', '=', actor.orgId)
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        orgId: actor.orgId,
        actor: staffActor(actor),
        action: 'introduction.state_changed',
        target: { type: 'introduction', id },
        details: { from: current.recruiterState, to: change.recruiterState },
      });
    }
    if (change.thanks) {
      await trx
        .insertInto('kudos')
        .values({
          orgId: actor.orgId,
          personId: current.introducer.id,
          campaignId: current.campaign.id,
          message: change.thanks,
          fromLabel: actor.displayName,
        })
        .execute();
    }
  });
  const [changed] = await consentedIntroductions(db, actor, { id });
  return changed as ConsentedIntroduction;
}
