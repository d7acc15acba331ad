import { nullifierOf } from '@insideout/ballot/server';
import type { Pulse } from '@insideout/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestPerson, testPassword } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

/**
 * After a pulse is sealed, read every table of the database and look for anything that ties a
 * response to a person: a shared value, a timestamp, or rows stored in the order ballots were taken.
 */
let store: TestDatabase;
let people: TestPerson[] = [];
let pulse: Pulse;
const submittedNullifiers: string[] = [];
const anonymousTables = ['responses', 'answers', 'comments'];

beforeAll(async () => {
  store = await freshDatabase();
  const client = testApp(store);
  const org = await newOrg(store);
  const team = await newUnit(store, org.id, org.root, 'Warehouse');
  people = [];
  for (let i = 0; i < 20; i++)
    people.push(await newPerson(store, team, { attributes: { location: i % 2 ? 'Lyon' : 'Berlin' } }));
  const hrPerson = await newPerson(store, org.root, { role: 'hr_admin' });
  const hr = await client.signIn(hrPerson.email, testPassword);
  pulse = (await (await hr.request('POST', '/api/v1/pulses', pulseInput([team]))).json()) as Pulse;
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`);
  const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
  const invitations = invitationsIn(outbox.messages);

  // Each person takes a ballot and answers straight away, one after the other: the worst case for order.
  for (const [index, person] of people.entries()) {
    const { survey, ballot } = await takeBallot(client, invitations.get(person.email) ?? '');
    const response = await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: [{ position: 0, value: (index % 5) + 1 }],
      comments: [{ position: null, body: `Comment number ${index}` }],
      receiptHash: receipt().hash,
    });
    expect(response.status).toBe(201);
    submittedNullifiers.push(nullifierOf(Buffer.from(ballot.message, 'base64url')));
  }
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`);
});
afterAll(() => store.close());

async function tables() {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
    store.db.withoutPlugins(),
  );
  return rows.map((r) => r.table_name);
}

async function rowsOf(table: string) {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
    store.db.withoutPlugins(),
  );
  return rows;
}

describe('after sealing, no table maps a response to a person', () => {
  it('shares no value between the anonymous rows and any row about a person, beyond org, pulse and cohort', async () => {
    const shared = new Set<string>([pulse.id, people[0]?.orgId ?? '']);
    for (const row of await rowsOf('cohorts')) shared.add(String(row.id));
    const anonymousValues = new Set<string>();
    for (const table of anonymousTables) {
      for (const row of await rowsOf(table)) {
        for (const value of Object.values(row))
          if (value !== null && !shared.has(String(value))) anonymousValues.add(String(value));
      }
    }
    expect(anonymousValues.size).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const table of (await tables()).filter((t) => !anonymousTables.includes(t))) {
      for (const row of await rowsOf(table)) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null || typeof value === 'boolean') continue;
          const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
          if (text.length < 8) continue; // small numbers and flags: shared by chance, not by design
          if (anonymousValues.has(text)) leaks.push(`${table}.${column} = ${text}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('keeps no time on responses, answers or comments', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name in ('responses', 'answers', 'comments')
        and (data_type like 'time%' or data_type = 'date' or data_type like 'interval%')`.execute(store.db);
    expect(rows).toEqual([]);
  });

  it('stores no person, session or invitation reference in them', async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = 'public' and table_name in ('responses', 'answers', 'comments')`.execute(
      store.db.withoutPlugins(),
    );
    const columns = rows.map((r) => r.column_name);
    const forbidden = /(^|_)(person|people|session|token|email|ip|address|agent|created|updated|at)(_|$)/;
    expect(columns.filter((c) => forbidden.test(c))).toEqual([]);
    expect(columns.length).toBeGreaterThan(10);
  });

  it('no longer stores responses in the order the ballots were taken', async () => {
    const stored = (
      await sql<{
        nullifier: string;
      }>`select nullifier from responses where pulse_id = ${pulse.id} order by ctid`.execute(store.db)
    ).rows.map((r) => r.nullifier);
    expect([...stored].sort()).toEqual([...submittedNullifiers].sort());
    expect(stored).not.toEqual(submittedNullifiers);
    const comments = (
      await sql<{ body: string }>`select body from comments where pulse_id = ${pulse.id} order by ctid`.execute(
        store.db,
      )
    ).rows.map((r) => r.body);
    expect(comments).not.toEqual(people.map((_, i) => `Comment number ${i}`));
    const sealed = await store.db
      .selectFrom('pulses')
      .select('sealedAt')
      .where('id', '=', pulse.id)
      .executeTakeFirstOrThrow();
    expect(sealed.sealedAt).not.toBeNull();
  });
});
