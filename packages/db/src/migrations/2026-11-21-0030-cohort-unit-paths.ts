import { type Kysely, sql } from 'kysely';

// Frozen: each cohort keeps the path of its unit as it was when the pulse opened, so the release
// plan of a pulse is always computed on the same tree, whatever reorganisation comes later.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cohorts').addColumn('unit_path', 'text').execute();
  await sql`update cohorts c set unit_path = u.path from units u where u.org_id = c.org_id and u.id = c.unit_id`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cohorts').dropColumn('unit_path').execute();
}
