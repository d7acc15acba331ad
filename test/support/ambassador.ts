import { createHash, randomBytes } from 'node:crypto';
import type { PersonSession } from '@insideout/contracts';
import { expect } from 'vitest';
import type { TestPerson } from './factories.ts';
import { type StaffClient, sessionCookieOf, type TestApp } from './http.ts';

/** The newest mail to an address in the development outbox (the tests' stand-in for a mailbox). */
export async function latestMailTo(client: TestApp, to: string): Promise<{ subject: string; text: string }> {
  const mail = await client.services.store.db
    .selectFrom('mailOutbox')
    .select(['subject', 'text'])
    .where('to', '=', to)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

/** The sign-in link's token in the newest mail to `email` (POST /ambassador/sign-in first). */
export async function signInTokenMailedTo(client: TestApp, email: string): Promise<string> {
  const { text } = await latestMailTo(client, email);
  const token = /\/ambassador#token=([\w.-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${text}`);
  return token;
}

/**
 * A `person` session, as the ambassador page gets one from a sign-in link. The link is written
 * straight into the store (as `requestSignInLink` writes it) so that tests signing in many people
 * do not run into the per-address limit of the mailing route; `token` uses a mailed one instead.
 */
export async function personSignIn(client: TestApp, person: TestPerson, token?: string): Promise<StaffClient> {
  let linkToken = token;
  if (!linkToken) {
    const secret = randomBytes(32).toString('base64url');
    await client.services.store.db
      .insertInto('signInLinks')
      .values({
        orgId: person.orgId,
        personId: person.id,
        tokenHash: createHash('sha256').update(secret).digest('base64url'),
        expiresAt: new Date(Date.now() + 600_000),
        usedAt: null,
      })
      .execute();
    linkToken = `${person.orgId}.${secret}`;
  }
  const response = await client.postJson('/api/v1/ambassador/sign-in/confirm', { token: linkToken });
  expect(response.status, `sign-in link of ${person.email}`).toBe(200);
  const session = (await response.json()) as PersonSession;
  const cookie = sessionCookieOf(response);
  const request: StaffClient['request'] = (method, path, body, headers = {}) =>
    client.request(method, path, body, { cookie, 'x-csrf-token': session.csrfToken, ...headers });
  return {
    session: { ...session, person: { ...session.person, role: 'employee' } },
    request,
    get: (path) => request('GET', path),
  };
}
