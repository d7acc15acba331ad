import type { PersonSession } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import { composeToken, hashToken, newToken, splitToken } from '../auth/secrets.ts';
import { openSession } from '../auth/sessions.ts';
import { invitationOf } from '../ballots/invitation.ts';
import type { Actor, AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Employees have no password. They sign in to their ambassador page with a one-time link mailed to
 * their address (valid `linkMinutes`, token in the URL fragment, only its hash stored), or with the
 * invitation link of an open pulse. Either opens a `person` session: it acts as an employee whatever
 * the person's role, for at most `personSessionHours`, so it never stands in for a staff password.
 * Nothing of the invitation is kept: the session names the person, not the pulse.
 */
export const linkMinutes = 30;
export const personSessionHours = 8;
/** Links mailed to one person within `linkMinutes`, at most. */
const linksPerWindow = 3;

/** Mails a sign-in link to every active person of any org with this address; silent otherwise. */
export async function requestSignInLink(c: Context<AppEnv>, email: string): Promise<void> {
  const { store, mailer, publicUrl, now } = c.var.services;
  const people = await store.db
    .selectFrom('people as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .select(['p.orgId', 'p.id', 'p.displayName', 'p.email', 'o.name as orgName'])
    .where(sql<string>`lower(p.email)`, '=', email)
    .where('p.active', '=', true)
    .execute();
  for (const person of people) {
    // A durable cap per person (the route's limit is per client address): no mail bombing.
    const recent = await store.db
      .selectFrom('signInLinks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('orgId', '=', person.orgId)
      .where('personId', '=', person.id)
      .where('createdAt', '>', new Date(now().getTime() - linkMinutes * 60_000))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= linksPerWindow) continue;
    const secret = newToken();
    await store.db
      .insertInto('signInLinks')
      .values({
        orgId: person.orgId,
        tokenHash: hashToken(secret),
        personId: person.id,
        expiresAt: new Date(now().getTime() + linkMinutes * 60_000),
        usedAt: null,
      })
      .execute();
    const link = `${publicUrl}/ambassador#token=${composeToken(person.orgId, secret)}`;
    await mailer.send(store.db, {
      orgId: person.orgId,
      to: person.email,
      subject: `Your sign-in link to ${person.orgName} on InsideOut`,
      text: [
        `Hello ${person.displayName},`,
        '',
        `To open your ambassador page, open this link within ${linkMinutes} minutes. It works once.`,
        '',
        link,
        '',
        'If you did not ask for it, ignore this message.',
      ].join('\n'),
    });
  }
}

const invalidLink = () =>
  new ApiError('invalid_input', 'This sign-in link is not valid, was already used or has expired: ask for a new one.', {
    issues: [{ path: ['token'], message: 'not valid or expired' }],
  });

/** Uses a sign-in link once and opens a `person` session. */
export async function confirmSignInLink(c: Context<AppEnv>, token: string): Promise<PersonSession> {
  const { store, now } = c.var.services;
  const parts = splitToken(token);
  if (!parts) throw invalidLink();
  const personId = await store.db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('signInLinks as l')
      .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'l.orgId').onRef('p.id', '=', 'l.personId'))
      .select(['l.personId', 'l.expiresAt', 'l.usedAt', 'p.active'])
      .where('l.orgId', '=', parts.orgId)
      .where('l.tokenHash', '=', hashToken(parts.secret))
      .forUpdate()
      .executeTakeFirst();
    if (!link || link.usedAt || link.expiresAt <= now() || !link.active) throw invalidLink();
    await trx
      .updateTable('signInLinks')
      .set({ usedAt: now() })
      .where('orgId', '=', parts.orgId)
      .where('tokenHash', '=', hashToken(parts.secret))
      .execute();
    return link.personId;
  });
  return signInPerson(c, parts.orgId, personId);
}

/** The invitation of an open pulse (`Authorization: Invitation …`) as proof of who the person is. */
export async function signInWithInvitation(c: Context<AppEnv>): Promise<PersonSession> {
  const invitation = await invitationOf(c);
  return signInPerson(c, invitation.orgId, invitation.personId);
}

async function signInPerson(c: Context<AppEnv>, orgId: string, personId: string): Promise<PersonSession> {
  const session = await openSession(c, { orgId, id: personId }, { scope: 'person', absoluteHours: personSessionHours });
  return personSession(c, { orgId, personId }, session);
}

export async function personSession(
  c: Context<AppEnv>,
  who: Pick<Actor, 'orgId' | 'personId'>,
  session?: { csrfToken: string; expiresAt: Date },
): Promise<PersonSession> {
  const { db } = c.var.services.store;
  const actor = c.var.actor;
  const current =
    session ??
    (await db
      .selectFrom('sessions')
      .select(['csrfToken', 'expiresAt'])
      .where('orgId', '=', who.orgId)
      .where('tokenHash', '=', actor?.sessionHash ?? '')
      .executeTakeFirstOrThrow());
  const person = await db
    .selectFrom('people as p')
    .innerJoin('orgs as o', 'o.id', 'p.orgId')
    .select(['p.id', 'p.displayName', 'p.email', 'o.id as orgId', 'o.name as orgName'])
    .where('p.orgId', '=', who.orgId)
    .where('p.id', '=', who.personId)
    .executeTakeFirstOrThrow();
  return {
    person: { id: person.id, displayName: person.displayName, email: person.email },
    org: { id: person.orgId, name: person.orgName },
    csrfToken: current.csrfToken,
    expiresAt: current.expiresAt.toISOString(),
  };
}

/** Used and expired sign-in links are of no use to anyone: the scheduler deletes them. */
export async function purgeSignInLinks(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('signInLinks')
    .where((eb) => eb.or([eb('usedAt', 'is not', null), eb('expiresAt', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
