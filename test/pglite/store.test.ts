import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db, latestMigrationName, migrateDown, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/http.ts';

// PGlite takes seconds to open: one persistent store for the file, reopened once to prove persistence.
const dataDir = mkdtempSync(join(tmpdir(), 'insideout-pglite-'));
let store: Db;

beforeAll(async () => {
  store = await createDb({ dataDir });
  await migrateToLatest(store.db);
});
afterAll(async () => {
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const orgNames = async () =>
  (await store.db.selectFrom('orgs').select('name').orderBy('name').execute()).map((r) => r.name);

describe('the embedded store', () => {
  it('answers health with pglite and the applied migration', async () => {
    const response = await testApp(store).get('/api/v1/health');
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { kind: 'pglite', migration: latestMigrationName() },
    });
  });

  it('keeps concurrent transactions apart: a rollback never removes what another committed', async () => {
    const committed = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('orgs').values({ name: 'Committed', slug: 'committed' }).execute();
      await new Promise((r) => setTimeout(r, 50));
    });
    const rolledBack = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('orgs').values({ name: 'Rolled back', slug: 'rolled-back' }).execute();
      throw new Error('abort');
    });
    const outside = store.db.selectFrom('orgs').select('name').execute();

    const [first, second, seen] = await Promise.allSettled([committed, rolledBack, outside]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    // A read outside both transactions never sees uncommitted rows.
    expect(seen.status === 'fulfilled' && seen.value.map((r) => r.name)).not.toContain('Rolled back');
    expect(await orgNames()).toEqual(['Committed']);
  });

  it('loses no update when many transactions read and write the same row at once', async () => {
    await store.db
      .insertInto('orgs')
      .values({ name: 'Counter', slug: 'counter', settings: { count: 0 } })
      .execute();
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('orgs')
            .select('settings')
            .where('slug', '=', 'counter')
            .executeTakeFirstOrThrow();
          await new Promise((r) => setImmediate(r));
          const count = Number(row.settings.count) + 1;
          await trx.updateTable('orgs').set({ settings: { count } }).where('slug', '=', 'counter').execute();
        }),
      ),
    );
    const row = await store.db
      .selectFrom('orgs')
      .select('settings')
      .where('slug', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(row.settings.count).toBe(25);
  });

  it('returns counts as numbers, as PostgreSQL does through pg', async () => {
    const { rows } = await sql<{ n: unknown }>`select count(*) as n from orgs`.execute(store.db);
    expect(rows[0]?.n).toBe(2);
  });

  it('keeps its data in DATA_DIR across a restart', async () => {
    await store.close();
    store = await createDb({ dataDir });
    expect(await orgNames()).toEqual(['Committed', 'Counter']);
  });

  it('runs every migration down and up again', async () => {
    await store.db.deleteFrom('orgs').execute();
    while ((await migrateDown(store.db)) !== null) {
      // revert one by one down to the empty schema
    }
    await expect(store.db.selectFrom('orgs').selectAll().execute()).rejects.toThrow();
    expect(await migrateToLatest(store.db)).toBe(latestMigrationName());
    expect(await orgNames()).toEqual([]);
  });
});
