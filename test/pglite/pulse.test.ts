import type { Pulse } from '@insideout/contracts';
import { createDb, type Db, migrateToLatest } from '@insideout/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, testPassword } from '../support/factories.ts';
import { expectError, testApp } from '../support/http.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

// The whole pulse on the embedded store: the same SQL as on PostgreSQL, through the serialising dialect.
let store: Db;

beforeAll(async () => {
  store = await createDb({ dataDir: 'memory://' });
  await migrateToLatest(store.db);
});
afterAll(() => store?.close());

describe('a pulse on PGlite', () => {
  it('opens, takes ballots, stores each response once, and seals at close', async () => {
    const client = testApp(store);
    const org = await newOrg(store);
    const team = await newUnit(store, org.id, org.root, 'Team');
    for (let i = 0; i < 5; i++) await newPerson(store, team);
    const hr = await client.signIn((await newPerson(store, org.root, { role: 'hr_admin' })).email, testPassword);
    const pulse = (await (await hr.request('POST', '/api/v1/pulses', pulseInput([team]))).json()) as Pulse;
    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`)).status).toBe(200);
    const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
    const tokens = [...invitationsIn(outbox.messages).values()];
    expect(tokens).toHaveLength(5);

    const submissions = await Promise.all(
      tokens.slice(0, 3).map(async (token, i) => {
        const { survey, ballot } = await takeBallot(client, token);
        return {
          cohortId: survey.cohort.id,
          ...ballot,
          answers: [{ position: 0, value: i + 2 }],
          comments: [],
          receiptHash: receipt().hash,
        };
      }),
    );
    const statuses = await Promise.all(
      submissions.map((s) => client.postJson(`/api/v1/pulses/${pulse.id}/responses`, s)),
    );
    expect(statuses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, submissions[0] ?? {})).status).toBe(200);

    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`)).status).toBe(200);
    await expectError(
      await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, submissions[1] ?? {}),
      410,
      'pulse_closed',
    );
    const stored = await store.db.selectFrom('answers').select('value').where('pulseId', '=', pulse.id).execute();
    expect(stored.map((a) => a.value).sort()).toEqual([2, 3, 4]);
  });
});
