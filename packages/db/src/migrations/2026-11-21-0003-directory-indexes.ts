import { type Kysely, sql } from 'kysely';

// Frozen. What the directory API and the HR import need beyond 0002:
// - people listed by name page after page (keyset on lower(display_name), id);
// - one import at a time per org: two running at once would each plan against a directory the
//   other is changing;
// - why an import failed, kept apart from its report.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index people_name_idx on people (org_id, lower(display_name), id)`.execute(db);
  await sql`create unique index imports_one_running_uq on imports (org_id) where state = 'running'`.execute(db);
  await db.schema.alterTable('imports').addColumn('failure', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('failure').execute();
  await sql`drop index imports_one_running_uq`.execute(db);
  await sql`drop index people_name_idx`.execute(db);
}
