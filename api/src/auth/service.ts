import type { LoginRequest, SessionInfo, SetupRequest } from '@insideout/contracts';
import type { Database, Role } from '@insideout/db';
import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/record.ts';
import type { Actor, AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { composeToken, hashPassword, hashToken, newToken, splitToken, verifyPassword } from './secrets.ts';
import { openSession, revokeSessionsOf } from './sessions.ts';

export const lockout = { failures: 10, minutes: 15 };
const resetLinkMinutes = 60;
const wrongCredentials = 'The e-mail address or the password is wrong.';

interface Account {
  orgId: string;
  id: string;
  displayName: string;
  email: string;
  role: Role;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
}

function staffAccounts(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('people as p')
    .innerJoin('credentials as c', (join) => join.onRef('c.orgId', '=', 'p.orgId').onRef('c.personId', '=', 'p.id'))
    .select([
      'p.orgId',
      'p.id',
      'p.displayName',
      'p.email',
      'p.role',
      'c.passwordHash',
      'c.failedAttempts',
      'c.lockedUntil',
    ])
    .where(sql<string>`lower(p.email)`, '=', email)
    .where('p.active', '=', true)
    .where('p.role', 'in', ['manager', 'hr_admin'])
    .execute();
}

export async function login(c: Context<AppEnv>, request: LoginRequest): Promise<SessionInfo> {
  const { store, now } = c.var.services;
  const accounts: Account[] = await staffAccounts(store.db, request.email);
  if (accounts.length === 0) {
    await verifyPassword(null, request.password);
    throw new ApiError('unauthenticated', wrongCredentials);
  }
  // The same address may have an account in more than one org: the password picks the account.
  for (const account of accounts) {
    const locked = account.lockedUntil && account.lockedUntil > now();
    if (!locked && (await verifyPassword(account.passwordHash, request.password))) {
      return signIn(c, account);
    }
  }
  const account = accounts[0] as Account;
  if (account.lockedUntil && account.lockedUntil > now()) throw lockedError(account.lockedUntil, now());
  await recordFailure(c, account);
  throw new ApiError('unauthenticated', wrongCredentials);
}

async function signIn(c: Context<AppEnv>, account: Account): Promise<SessionInfo> {
  const { store } = c.var.services;
  await store.db
    .updateTable('credentials')
    .set({ failedAttempts: 0, lockedUntil: null })
    .where('orgId', '=', account.orgId)
    .where('personId', '=', account.id)
    .execute();
  const session = await openSession(c, account);
  await recordAudit(store.db, {
    orgId: account.orgId,
    actor: { id: account.id, label: account.displayName },
    action: 'auth.login',
  });
  return sessionInfo(store.db, account, session);
}

async function recordFailure(c: Context<AppEnv>, account: Account) {
  const { store, now } = c.var.services;
  const failures = account.failedAttempts + 1;
  const locks = failures >= lockout.failures;
  const lockedUntil = locks ? new Date(now().getTime() + lockout.minutes * 60_000) : null;
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ failedAttempts: locks ? 0 : failures, lockedUntil })
      .where('orgId', '=', account.orgId)
      .where('personId', '=', account.id)
      .execute();
    const actor = { id: account.id, label: account.displayName };
    await recordAudit(trx, { orgId: account.orgId, actor, action: 'auth.login_failed', details: { failures } });
    if (locks) {
      await recordAudit(trx, {
        orgId: account.orgId,
        actor,
        action: 'auth.locked',
        details: { failures, lockedUntil: lockedUntil?.toISOString() },
      });
    }
  });
  if (lockedUntil) throw lockedError(lockedUntil, now());
}

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new ApiError(
    'rate_limited',
    `Too many wrong passwords: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. You can also reset the password.`,
    { retryAfterSeconds: minutes * 60 },
  );
}

export async function sessionInfo(
  db: Kysely<Database>,
  person: { orgId: string; id: string; displayName: string; email: string; role: Role },
  session: { csrfToken: string; expiresAt: Date },
): Promise<SessionInfo> {
  const org = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', person.orgId)
    .executeTakeFirstOrThrow();
  return {
    person: { id: person.id, displayName: person.displayName, email: person.email, role: person.role },
    org,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}

export async function currentSession(c: Context<AppEnv>, actor: Actor): Promise<SessionInfo> {
  const { store } = c.var.services;
  const session = await store.db
    .selectFrom('sessions')
    .select(['csrfToken', 'expiresAt'])
    .where('orgId', '=', actor.orgId)
    .where('tokenHash', '=', actor.sessionHash)
    .executeTakeFirstOrThrow();
  return sessionInfo(store.db, { ...actor, id: actor.personId }, session);
}

export async function setupNeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** First run: creates the first org, its root unit and its HR leader, who chooses the password. */
export async function setUp(c: Context<AppEnv>, request: SetupRequest): Promise<SessionInfo> {
  const { store } = c.var.services;
  const passwordHash = await hashPassword(request.password);
  const person = await store.db.transaction().execute(async (trx) => {
    // Serialises concurrent first runs: the second finds the org of the first and stops.
    await sql`lock table orgs in share row exclusive mode`.execute(trx);
    if (!(await setupNeeded(trx))) throw new ApiError('conflict', 'InsideOut is already set up: sign in instead.');
    const org = await trx
      .insertInto('orgs')
      .values({ name: request.orgName, slug: slugify(request.orgName) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unitId = crypto.randomUUID();
    await trx
      .insertInto('units')
      .values({ orgId: org.id, id: unitId, parentId: null, name: request.orgName, path: `/${unitId}/` })
      .execute();
    const person = await trx
      .insertInto('people')
      .values({ orgId: org.id, email: request.email, displayName: request.displayName, unitId, role: 'hr_admin' })
      .returning(['orgId', 'id', 'displayName', 'email', 'role'])
      .executeTakeFirstOrThrow();
    await trx.insertInto('credentials').values({ orgId: org.id, personId: person.id, passwordHash }).execute();
    await recordAudit(trx, {
      orgId: org.id,
      actor: { id: person.id, label: person.displayName },
      action: 'org.created',
      target: { type: 'org', id: org.id },
      details: { name: request.orgName },
    });
    return person;
  });
  const session = await openSession(c, person);
  return sessionInfo(store.db, person, session);
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return slug || 'org';
}

/** Mails a one-hour link to choose a password when the address is active staff; silent otherwise. */
export async function requestPasswordReset(c: Context<AppEnv>, email: string): Promise<void> {
  const { store, mailer, publicUrl, now } = c.var.services;
  // Staff added by an import or by HR have no password yet: the same link lets them choose one.
  const accounts = await store.db
    .selectFrom('people')
    .select(['orgId', 'id', 'displayName', 'email'])
    .where(sql<string>`lower(email)`, '=', email)
    .where('active', '=', true)
    .where('role', 'in', ['manager', 'hr_admin'])
    .execute();
  for (const account of accounts) {
    const secret = newToken();
    await store.db
      .insertInto('passwordResets')
      .values({
        orgId: account.orgId,
        tokenHash: hashToken(secret),
        personId: account.id,
        expiresAt: new Date(now().getTime() + resetLinkMinutes * 60_000),
        usedAt: null,
      })
      .execute();
    // The token travels in the fragment: browsers never send it to a server or in a Referer.
    const link = `${publicUrl}/reset-password#token=${composeToken(account.orgId, secret)}`;
    await mailer.send(store.db, {
      orgId: account.orgId,
      to: account.email,
      subject: 'Choose your InsideOut password',
      text: [
        `Hello ${account.displayName},`,
        '',
        'Someone asked to set or reset the password of your InsideOut account. To choose a password, open this link within an hour:',
        '',
        link,
        '',
        'If it was not you, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
    await recordAudit(store.db, {
      orgId: account.orgId,
      actor: { id: account.id, label: account.displayName },
      action: 'auth.password_reset_requested',
    });
  }
}

export async function resetPassword(c: Context<AppEnv>, token: string, password: string): Promise<void> {
  const { store, now } = c.var.services;
  const parts = splitToken(token);
  const invalid = new ApiError('invalid_input', 'This reset link is not valid or has expired: ask for a new one.', {
    issues: [{ path: ['token'], message: 'not valid or expired' }],
  });
  if (!parts) throw invalid;
  const passwordHash = await hashPassword(password);
  await store.db.transaction().execute(async (trx) => {
    const reset = await trx
      .selectFrom('passwordResets as r')
      .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'r.orgId').onRef('p.id', '=', 'r.personId'))
      .select(['r.personId', 'r.expiresAt', 'r.usedAt', 'p.displayName', 'p.active'])
      .where('r.orgId', '=', parts.orgId)
      .where('r.tokenHash', '=', hashToken(parts.secret))
      .forUpdate()
      .executeTakeFirst();
    if (!reset || reset.usedAt || reset.expiresAt <= now() || !reset.active) throw invalid;
    const at = now();
    await trx
      .updateTable('passwordResets')
      .set({ usedAt: at })
      .where('orgId', '=', parts.orgId)
      .where('personId', '=', reset.personId)
      .where('usedAt', 'is', null)
      .execute();
    await trx
      .insertInto('credentials')
      .values({ orgId: parts.orgId, personId: reset.personId, passwordHash, lockedUntil: null })
      .onConflict((conflict) =>
        conflict
          .columns(['orgId', 'personId'])
          .doUpdateSet({ passwordHash, failedAttempts: 0, lockedUntil: null, updatedAt: at }),
      )
      .execute();
    await revokeSessionsOf(trx, parts.orgId, reset.personId, at);
    await recordAudit(trx, {
      orgId: parts.orgId,
      actor: { id: reset.personId, label: reset.displayName },
      action: 'auth.password_changed',
      details: { via: 'reset link' },
    });
  });
}
