import { createDb, type Db, migrateToLatest } from '@insideout/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../support/app-process.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { expectError, testApp } from '../support/http.ts';

// This file stops and restarts PostgreSQL, so it runs its own cluster, not the shared one.
let cluster: Cluster;
let store: Db;

beforeAll(async () => {
  cluster = await startCluster();
  store = await createDb({ databaseUrl: cluster.url() });
  await migrateToLatest(store.db);
});
afterAll(async () => {
  await store?.close();
  cluster?.destroy();
});

describe('when PostgreSQL goes away', () => {
  it('health turns 503 within a second, and 200 again once the server is back', async () => {
    const client = testApp(store);
    expect((await client.get('/api/v1/health')).status).toBe(200);

    cluster.stop('immediate');
    const started = performance.now();
    const down = await client.get('/api/v1/health');
    expect(performance.now() - started).toBeLessThan(1_000);
    const body = await expectError(down, 503, 'unavailable');
    expect(body.error.details).toEqual({ database: { kind: 'postgres' } });

    cluster.start();
    const deadline = Date.now() + 5_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await client.get('/api/v1/health')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});

describe('the built product on PostgreSQL', () => {
  it('reports postgres when DATABASE_URL is set, and stops cleanly on SIGTERM', async () => {
    const app = await startApp({ DATABASE_URL: cluster.url() });
    const health = await fetch(`${app.url}/api/v1/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'postgres' } });

    expect(await app.stop('SIGTERM')).toBe(0);
    expect(app.output()).toContain('"msg":"stopped"');
  });

  it('refuses to start on a malformed DATABASE_URL, saying why', async () => {
    await expect(startApp({ DATABASE_URL: 'mysql://nope' })).rejects.toThrow(/DATABASE_URL/);
  });
});
