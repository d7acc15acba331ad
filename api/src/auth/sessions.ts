import type { Database, SessionScope } from '@insideout/db';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Actor, AppEnv, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { composeToken, hashToken, newToken, sameSecret, splitToken } from './secrets.ts';

// Sent as `__Host-insideout_session` (Hono adds the prefix): only over HTTPS (browsers treat
// localhost as secure), only to this host, for every path.
const sessionCookie = 'insideout_session';
export const sessionCookieHeaderName = `__Host-${sessionCookie}`;
export const csrfHeader = 'x-csrf-token';

/**
 * Opens a session. `scope: 'person'` (a one-time sign-in link, see ambassadors/sign-in.ts) opens a
 * session that acts as an employee whatever the person's role, for at most `absoluteHours`: a link
 * mailed to an address never stands in for a staff password.
 */
export async function openSession(
  c: Context<AppEnv>,
  person: { orgId: string; id: string },
  options: { scope?: SessionScope; absoluteHours?: number } = {},
) {
  const { store, session, now } = c.var.services;
  const secret = newToken();
  const openedAt = now();
  const hours = Math.min(options.absoluteHours ?? session.absoluteHours, session.absoluteHours);
  const expiresAt = new Date(openedAt.getTime() + hours * 3_600_000);
  const csrfToken = newToken();
  await store.db
    .insertInto('sessions')
    .values({
      orgId: person.orgId,
      tokenHash: hashToken(secret),
      personId: person.id,
      csrfToken,
      lastSeenAt: openedAt,
      expiresAt,
      scope: options.scope ?? 'staff',
    })
    .execute();
  setCookie(c, sessionCookie, composeToken(person.orgId, secret), {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    prefix: 'host',
    maxAge: Math.round(hours * 3600),
  });
  return { csrfToken, expiresAt };
}

export async function closeSession(c: Context<AppEnv>, actor: Actor) {
  const { store, now } = c.var.services;
  await store.db
    .updateTable('sessions')
    .set({ revokedAt: now() })
    .where('orgId', '=', actor.orgId)
    .where('tokenHash', '=', actor.sessionHash)
    .execute();
  deleteCookie(c, sessionCookie, { path: '/', secure: true, prefix: 'host' });
}

/** Revokes every session of a person (password changed, person deactivated or demoted). */
export async function revokeSessionsOf(db: Kysely<Database>, orgId: string, personId: string, at: Date) {
  await db
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('orgId', '=', orgId)
    .where('personId', '=', personId)
    .where('revokedAt', 'is', null)
    .execute();
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie into `c.var.actor`, enforcing idle and absolute expiry, and requires
 * the session's CSRF token on every write made with the cookie.
 */
export const resolveSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('actor', undefined);
  const cookie = getCookie(c, sessionCookie, 'host');
  const token = cookie ? splitToken(cookie) : null;
  if (token) {
    const actor = await findActor(c.var.services, token.orgId, hashToken(token.secret));
    if (actor) {
      if (unsafeMethods.has(c.req.method) && !sameSecret(c.req.header(csrfHeader) ?? '', actor.csrfToken)) {
        throw new ApiError('forbidden', 'This change needs the X-CSRF-Token header of your session.');
      }
      c.set('actor', actor);
    }
  }
  await next();
};

async function findActor(services: Services, orgId: string, tokenHash: string): Promise<Actor | undefined> {
  const { store, session, now } = services;
  const row = await store.db
    .selectFrom('sessions as s')
    .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 's.orgId').onRef('p.id', '=', 's.personId'))
    .select([
      's.csrfToken',
      's.lastSeenAt',
      's.expiresAt',
      's.revokedAt',
      's.scope',
      'p.id',
      'p.role',
      'p.displayName',
      'p.email',
      'p.active',
    ])
    .where('s.orgId', '=', orgId)
    .where('s.tokenHash', '=', tokenHash)
    .executeTakeFirst();
  const at = now();
  if (!row || row.revokedAt || !row.active) return undefined;
  // An employee has only `person` sessions; a `person` session of staff acts as an employee.
  if (row.role === 'employee' && row.scope !== 'person') return undefined;
  const role = row.scope === 'person' ? 'employee' : row.role;
  const idleLimit = row.lastSeenAt.getTime() + session.idleMinutes * 60_000;
  if (row.expiresAt <= at || idleLimit <= at.getTime()) return undefined;

  // One write a minute at most keeps the idle clock without a write per request.
  if (at.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await store.db
      .updateTable('sessions')
      .set({ lastSeenAt: at })
      .where('orgId', '=', orgId)
      .where('tokenHash', '=', tokenHash)
      .execute();
  }
  const managed =
    role === 'manager'
      ? await store.db
          .selectFrom('unitManagers as m')
          .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'm.orgId').onRef('u.id', '=', 'm.unitId'))
          .select('u.path')
          .where('m.orgId', '=', orgId)
          .where('m.personId', '=', row.id)
          .execute()
      : [];
  return {
    orgId,
    personId: row.id,
    role,
    displayName: row.displayName,
    email: row.email,
    managedPaths: managed.map((m) => m.path),
    csrfToken: row.csrfToken,
    sessionHash: tokenHash,
  };
}
