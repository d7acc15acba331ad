export { createDb, type DatabaseKind, type Db, type DbOptions } from './create-db.ts';
export { appliedMigration, latestMigrationName, migrateDown, migrateToLatest } from './migrate.ts';
export { PGliteDialect } from './pglite-dialect.ts';
export type * from './schema.ts';
