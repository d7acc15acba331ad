import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.ts';

export const templateDatabase = 'insideout_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One cluster per run, migrated once into a template database that every test file copies. */
export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  const admin = await createDb({ databaseUrl: cluster.url() });
  await sql`create database ${sql.id(templateDatabase)}`.execute(admin.db);
  await admin.close();

  const template = await createDb({ databaseUrl: cluster.url(templateDatabase) });
  await migrateToLatest(template.db);
  await template.close();

  project.provide('postgresUrl', cluster.url());
  return () => cluster.destroy();
}
