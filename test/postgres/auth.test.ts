import type { ErrorEnvelope } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, type TestPerson, testPassword } from '../support/factories.ts';
import { expectError, sessionCookieOf, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let client: TestApp;
let hr: TestPerson;
let manager: TestPerson;
let employee: TestPerson;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  const team = await newUnit(store, org.id, org.root);
  hr = await newPerson(store, org.root, { role: 'hr_admin' });
  manager = await newPerson(store, team, { role: 'manager', manages: [team] });
  employee = await newPerson(store, team);
});
afterAll(() => store.close());

const login = (email: string, password: string) => client.postJson('/api/v1/auth/login', { email, password });
const auditActions = async (personId: string) =>
  (await store.db.selectFrom('auditLog').select('action').where('actorId', '=', personId).orderBy('seq').execute()).map(
    (row) => row.action,
  );

describe('sign-in', () => {
  it('opens a session in a __Host- cookie that is HttpOnly, Secure and SameSite', async () => {
    const response = await login(hr.email.toUpperCase(), testPassword);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-insideout_session=[0-9a-f-]{36}\.[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const body = await response.json();
    expect(body).toMatchObject({ person: { id: hr.id, role: 'hr_admin' }, csrfToken: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(testPassword);
  });

  it('stores only a hash of the session token', async () => {
    const response = await login(hr.email, testPassword);
    const secret = sessionCookieOf(response).split('.')[1] ?? '';
    const rows = await store.db.selectFrom('sessions').select('tokenHash').execute();
    expect(secret.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(rows.some((row) => row.tokenHash === secret)).toBe(false);
  });

  it.each([
    ['a wrong password', () => login(manager.email, 'not the password'), 401, 'unauthenticated'],
    ['an unknown e-mail', () => login('nobody@example.test', testPassword), 401, 'unauthenticated'],
    ['an employee (no staff access)', () => login(employee.email, testPassword), 401, 'unauthenticated'],
    ['a missing password', () => client.postJson('/api/v1/auth/login', { email: hr.email }), 400, 'invalid_input'],
    ['a malformed e-mail', () => login('not-an-email', testPassword), 400, 'invalid_input'],
  ] as const)('refuses %s', async (_what, attempt, status, code) => {
    await expectError(await attempt(), status, code);
  });

  it('says which field is wrong', async () => {
    const body = await expectError(await login('not-an-email', 'x'), 400, 'invalid_input');
    expect(body.error.details).toEqual({ issues: [{ path: ['email'], message: expect.any(String) }] });
  });
});

describe('a session', () => {
  it('reads who is signed in, and sign-out revokes it', async () => {
    const staff = await client.signIn(manager.email, testPassword);
    const me = await staff.get('/api/v1/auth/session');
    expect(await me.json()).toMatchObject({ person: { id: manager.id, role: 'manager' } });

    expect((await staff.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    await expectError(await staff.get('/api/v1/auth/session'), 401, 'unauthenticated');
  });

  it('needs the CSRF token for writes made with the cookie', async () => {
    const staff = await client.signIn(manager.email, testPassword);
    const withoutToken = await staff.request('POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': '' });
    await expectError(withoutToken, 403, 'forbidden');
    const wrongToken = await staff.request('POST', '/api/v1/auth/logout', undefined, {
      'x-csrf-token': 'x'.repeat(43),
    });
    await expectError(wrongToken, 403, 'forbidden');
    expect((await staff.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('expires after the idle time and after the absolute time', async () => {
    let now = new Date();
    const clocked = testApp(store, { services: { now: () => now, session: { idleMinutes: 30, absoluteHours: 1 } } });
    const staff = await clocked.signIn(hr.email, testPassword);

    now = new Date(now.getTime() + 29 * 60_000);
    expect((await staff.get('/api/v1/auth/session')).status).toBe(200); // activity resets the idle clock
    now = new Date(now.getTime() + 29 * 60_000);
    expect((await staff.get('/api/v1/auth/session')).status).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    await expectError(await staff.get('/api/v1/auth/session'), 401, 'unauthenticated');

    const fresh = await clocked.signIn(hr.email, testPassword);
    for (let minutes = 25; minutes <= 75; minutes += 25) {
      now = new Date(now.getTime() + 25 * 60_000);
      const status = (await fresh.get('/api/v1/auth/session')).status;
      expect(status, `${minutes} minutes after sign-in`).toBe(minutes < 60 ? 200 : 401);
    }
  });

  it('ignores a forged or malformed cookie', async () => {
    const forged = `__Host-insideout_session=${hr.orgId}.${'A'.repeat(43)}`;
    await expectError(await client.get('/api/v1/auth/session', { cookie: forged }), 401, 'unauthenticated');
    const junk = "__Host-insideout_session=';drop table sessions;--";
    await expectError(await client.get('/api/v1/auth/session', { cookie: junk }), 401, 'unauthenticated');
  });
});

describe('repeated wrong passwords', () => {
  it('lock the account for a while after ten, visibly in the audit log', async () => {
    const target = await newPerson(store, (await newOrg(store)).root, { role: 'manager' });
    for (let attempt = 1; attempt <= 9; attempt++) {
      await expectError(await login(target.email, `wrong ${attempt}`), 401, 'unauthenticated');
    }
    const tenth = await expectError(await login(target.email, 'wrong 10'), 429, 'rate_limited');
    expect(tenth.error.message).toMatch(/locked/);
    // Even the right password is refused while locked.
    await expectError(await login(target.email, testPassword), 429, 'rate_limited');

    const actions = await auditActions(target.id);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(10);
    expect(actions).toContain('auth.locked');
    const entries = await store.db.selectFrom('auditLog').select('details').where('actorId', '=', target.id).execute();
    expect(JSON.stringify(entries)).not.toMatch(/wrong \d/);
  });
});

describe('first-run setup', () => {
  it('is offered only while no org exists', async () => {
    const response = await client.get('/api/v1/setup');
    expect(await response.json()).toEqual({ needed: false });
    const attempt = await client.postJson('/api/v1/setup', {
      orgName: 'Another',
      displayName: 'Mallory',
      email: 'mallory@example.test',
      password: 'a long enough password',
    });
    await expectError(attempt, 409, 'conflict');
  });
});

describe('errors never carry a password', () => {
  it('does not echo the password of a refused sign-in', async () => {
    const secret = 'Sup3r-Secret-Passphrase!';
    const body = (await (await login(hr.email, secret)).json()) as ErrorEnvelope;
    expect(JSON.stringify(body)).not.toContain(secret);
  });
});
