import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.ts';

const migrationTable = 'kysely_migration';

function migrator<DB>(db: Kysely<DB>) {
  return new Migrator({
    // Migrations are written in SQL's snake_case: run them without the camelCase mapping.
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => migrations },
    migrationTableName: migrationTable,
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string | null> {
  return check(await migrator(db).migrateToLatest());
}

/** Reverts the newest applied migration; returns the one now newest, or null when none is left. */
export async function migrateDown<DB>(db: Kysely<DB>): Promise<string | null> {
  check(await migrator(db).migrateDown());
  return appliedMigration(db);
}

function check({ error, results }: MigrationResultSet): string | null {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return latestMigrationName();
}

/** The newest migration this build knows; the store is at this version after migrateToLatest. */
export function latestMigrationName(): string | null {
  return Object.keys(migrations).sort().at(-1) ?? null;
}

/** The newest migration applied to the store, or null on an empty store. */
export async function appliedMigration<DB>(db: Kysely<DB>): Promise<string | null> {
  const exists = await sql<{ present: boolean }>`select to_regclass(${migrationTable}) is not null as present`.execute(
    db,
  );
  if (!exists.rows[0]?.present) return null;
  const row = await sql<{
    name: string;
  }>`select name from ${sql.table(migrationTable)} order by name desc limit 1`.execute(db);
  return row.rows[0]?.name ?? null;
}
