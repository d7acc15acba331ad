import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { runRetryingClients } from '../support/retrying-clients.ts';
import { prepareSurvey, type SurveyLoad } from '../support/survey-load.ts';

// The built api on PostgreSQL, killed with SIGKILL (no drain, no goodbye) while 200 employees take
// their ballots and submit, then started again on the same database while they keep retrying.
const employees = 200;
const secretKey = randomBytes(32).toString('base64');
let store: TestDatabase;
let load: SurveyLoad;
let app: AppProcess | undefined;

beforeAll(async () => {
  store = await freshDatabase();
  load = await prepareSurvey(store, { people: employees, units: 4, secretKey });
});
afterAll(async () => {
  await app?.stop('SIGKILL');
  await store?.close();
});

const env = () => ({ DATABASE_URL: store.url, SECRET_KEY: secretKey, LOG_LEVEL: 'warn' });

describe('the api killed with SIGKILL under a load of submissions', () => {
  it('loses no acknowledged response and stores none twice once the clients have retried', async () => {
    let current = await startApp(env());
    app = current;
    let restarted: Promise<void> | undefined;
    const run = await runRetryingClients(load, {
      url: () => current.url,
      concurrency: 16,
      onAcknowledged: (count) => {
        // A third of the way in, with requests in flight: no drain, no closing of the pool.
        if (count === Math.floor(employees / 3) && !restarted) {
          restarted = (async () => {
            await current.stop('SIGKILL');
            current = await startApp(env());
            app = current;
          })();
        }
      },
    });
    await restarted;

    // The kill happened while clients were talking to the api, and they all got through in the end.
    expect(run.connectionErrors).toBeGreaterThan(0);
    expect(run.failures).toEqual([]);
    expect(run.acknowledged.size).toBe(employees);
    expect(run.statuses.get(500) ?? 0).toBe(0);

    // Every acknowledged response is stored exactly once, whole (its three answers), and nothing else.
    const acknowledged = [...run.acknowledged].map((index) => load.employees[index]?.nullifier);
    const stored = await store.db
      .selectFrom('responses')
      .select(['nullifier', 'id'])
      .where('pulseId', '=', load.pulseId)
      .execute();
    expect(stored.map((r) => r.nullifier).sort()).toEqual(acknowledged.sort());
    const answers = await sql<{ response_id: string; n: number }>`select response_id, count(*)::int as n from answers
      where pulse_id = ${load.pulseId} group by response_id`.execute(store.db);
    expect(answers.rows).toHaveLength(employees);
    expect(answers.rows.every((row) => row.n === 3)).toBe(true);
    // One ballot per person in the participation ledger.
    const ballots = await sql<{ people: number; rows: number }>`select count(distinct person_id)::int as people,
      count(*)::int as rows from ballot_issuance where pulse_id = ${load.pulseId}`.execute(store.db);
    expect(ballots.rows[0]).toEqual({ people: employees, rows: employees });
  }, 60_000);
});
