import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@insideout/db';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { templateDatabase } from './postgres-setup.ts';

export interface TestDatabase extends Db {
  url: string;
}

/** A database of its own for one test file: a copy of the migrated template, on the run's cluster. */
export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = await createDb({ databaseUrl: adminUrl });
  try {
    await sql`create database ${sql.id(name)} template ${sql.id(templateDatabase)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return Object.assign(await createDb({ databaseUrl: url }), { url });
}
