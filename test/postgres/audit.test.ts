import type { AuditEntry } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, type TestPerson, testPassword } from '../support/factories.ts';
import { expectError, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let client: TestApp;
let hr: TestPerson;
let otherHr: TestPerson;
let manager: TestPerson;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  hr = await newPerson(store, org.root, { role: 'hr_admin' });
  manager = await newPerson(store, org.root, { role: 'manager', manages: [org.root] });
  otherHr = await newPerson(store, (await newOrg(store)).root, { role: 'hr_admin' });
});
afterAll(() => store.close());

const entries = async (response: Response) => ((await response.json()) as { entries: AuditEntry[] }).entries;

describe('the audit log', () => {
  it('shows HR leaders what happened in their org, newest first, page by page', async () => {
    for (let i = 0; i < 3; i++)
      await client.postJson('/api/v1/auth/login', { email: manager.email, password: 'wrong' });
    const staff = await client.signIn(hr.email, testPassword);

    const first = await staff.get('/api/v1/audit?limit=2');
    expect(first.status).toBe(200);
    const page = (await first.json()) as { entries: AuditEntry[]; nextBefore: number | null };
    expect(page.entries.map((e) => e.action)).toEqual(['auth.login', 'auth.login_failed']);
    expect(page.entries[1]?.actor).toEqual({ id: manager.id, label: expect.any(String) });
    expect(page.nextBefore).not.toBeNull();

    const rest = await entries(await staff.get(`/api/v1/audit?before=${page.nextBefore}&action=auth.login_failed`));
    expect(rest.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
  });

  it("never shows another org's entries", async () => {
    await client.signIn(otherHr.email, testPassword);
    const staff = await client.signIn(hr.email, testPassword);
    const seen = await entries(await staff.get('/api/v1/audit?limit=200'));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((e) => e.actor.id === otherHr.id)).toBe(false);
  });

  it('is for HR leaders only', async () => {
    const staff = await client.signIn(manager.email, testPassword);
    await expectError(await staff.get('/api/v1/audit'), 403, 'forbidden');
    await expectError(await client.get('/api/v1/audit'), 401, 'unauthenticated');
  });

  it('cannot be changed or erased, even with direct SQL', async () => {
    await expect(store.db.updateTable('auditLog').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
  });

  it.each(['limit=0', 'limit=201', 'before=-1', 'actorId=not-a-uuid'])('rejects ?%s with 400', async (query) => {
    const staff = await client.signIn(hr.email, testPassword);
    await expectError(await staff.get(`/api/v1/audit?${query}`), 400, 'invalid_input');
  });
});
