import { randomBytes } from 'node:crypto';
import { createDb, type Db, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { runRetryingClients } from '../support/retrying-clients.ts';
import { prepareSurvey, type SurveyLoad } from '../support/survey-load.ts';

// PostgreSQL stopped (fast shutdown: sessions cut, in-flight transactions rolled back) while 200
// employees take ballots and submit through the built api, then started again. This file stops its
// own cluster, not the shared one.
const employees = 200;
const secretKey = randomBytes(32).toString('base64');
let cluster: Cluster;
let store: Db;
let load: SurveyLoad;
let app: AppProcess;

beforeAll(async () => {
  cluster = await startCluster();
  store = await createDb({ databaseUrl: cluster.url() });
  await migrateToLatest(store.db);
  load = await prepareSurvey(store, { people: employees, units: 4, secretKey });
  app = await startApp({ DATABASE_URL: cluster.url(), SECRET_KEY: secretKey, LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await app?.stop();
  await store?.close();
  cluster?.destroy();
});

describe('PostgreSQL stopped and restarted under a load of submissions', () => {
  it('answers 503 in the error envelope while down, recovers within 5 s, and loses nothing acknowledged', async () => {
    let outage: Promise<{ restartedAt: number }> | undefined;
    let statusesBeforeRestart = new Map<number, number>();
    const run = await runRetryingClients(load, {
      url: () => app.url,
      concurrency: 16,
      onAcknowledged: (count, soFar) => {
        if (count === Math.floor(employees / 3) && !outage) {
          outage = (async () => {
            cluster.stop('fast');
            try {
              // Down long enough for every client to meet the outage.
              await new Promise((r) => setTimeout(r, 1_500));
              statusesBeforeRestart = new Map(soFar.statuses);
            } finally {
              cluster.start();
            }
            return { restartedAt: performance.now() };
          })();
        }
      },
    });
    const { restartedAt } = (await outage) ?? { restartedAt: Number.NaN };

    // While the database was down: 503s, every one in the error envelope, and never a 500.
    expect(statusesBeforeRestart.get(503) ?? 0).toBeGreaterThan(0);
    expect(run.statuses.get(500) ?? 0).toBe(0);
    expect(run.notEnvelopes).toEqual([]);
    // Back within 5 s of PostgreSQL accepting connections again.
    const firstAfter = Math.min(...run.acknowledgedAt.filter((at) => at > restartedAt));
    expect(firstAfter - restartedAt).toBeLessThan(5_000);

    // Everyone got through in the end, and every acknowledged response is stored exactly once.
    expect(run.failures).toEqual([]);
    expect(run.acknowledged.size).toBe(employees);
    const stored = await store.db
      .selectFrom('responses')
      .select('nullifier')
      .where('pulseId', '=', load.pulseId)
      .execute();
    const acknowledged = [...run.acknowledged].map((index) => load.employees[index]?.nullifier);
    expect(stored.map((r) => r.nullifier).sort()).toEqual(acknowledged.sort());
    const answers = await sql<{
      n: number;
    }>`select count(*)::int as n from answers where pulse_id = ${load.pulseId}`.execute(store.db);
    expect(answers.rows[0]?.n).toBe(3 * employees);

    // And the health check says so.
    const health = await fetch(`${app.url}/api/v1/health`);
    expect(health.status).toBe(200);
  }, 60_000);
});
