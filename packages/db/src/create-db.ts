import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { appliedMigration } from './migrate.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DbOptions {
  /** `postgres://…` selects PostgreSQL through a pg Pool; absent selects the embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. Default `./data`. */
  dataDir?: string | undefined;
  /** Size of the pg Pool. */
  poolSize?: number;
}

export interface Db {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** The applied migration, if the store answers within `timeoutMs`; rejects otherwise. */
  probe(timeoutMs?: number): Promise<{ migration: string | null }>;
  close(): Promise<void>;
}

// Column names map to camelCase; the keys inside jsonb values (attributes such as `tenure_band`,
// audit details, reports) are data and come back exactly as they were written.
const camelCase = () => new CamelCasePlugin({ maintainNestedObjectKeys: true });

const INT8_OID = 20;
// Counts and sums come back as int8; both stores return them as JS numbers (exact up to 2^53).
const parseInt8 = (value: string) => Number(value);

export async function createDb(options: DbOptions = {}): Promise<Db> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPGlite(options.dataDir ?? './data');
}

async function openPostgres(connectionString: string, max: number): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) },
  });
  // A client whose server goes away emits 'error': on the pool while idle, on the client itself
  // while checked out. Unheard, either would crash the process; the query in flight already
  // fails with the same error, and the next one gets a fresh connection or a clear error.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
  return {
    db,
    kind: 'postgres',
    probe: (timeoutMs) => probe(db, timeoutMs),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  const path = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(path, { recursive: true });
  const pglite = await PGlite.create(path, { parsers: { [types.INT8]: parseInt8 } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: [camelCase()] });
  return {
    db,
    kind: 'pglite',
    probe: (timeoutMs) => probe(db, timeoutMs),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function probe(db: Kysely<Database>, timeoutMs = 1_000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const migration = await Promise.race([appliedMigration(db), timeout]);
    return { migration };
  } finally {
    clearTimeout(timer);
  }
}
