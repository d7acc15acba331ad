import { type Kysely, sql } from 'kysely';

// Frozen: what results are read from. Written once when a pulse closes, never from raw answers at
// read time, so a dashboard's cost grows with cohorts × items × pulses, not with answers.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollups')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('sum', 'bigint', (c) => c.notNull())
    .addColumn('sum_sq', 'bigint', (c) => c.notNull())
    // Count of answers per value: {"1": 3, "4": 7, …}.
    .addColumn('histogram', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['org_id', 'pulse_id', 'cohort_id', 'position'])
    .addForeignKeyConstraint(
      'rollups_cohort_fk',
      ['org_id', 'pulse_id', 'cohort_id'],
      'cohorts',
      ['org_id', 'pulse_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  // Respondents and ballots of each cohort, fixed at close.
  await db.schema.alterTable('cohorts').addColumn('respondents', 'integer').execute();
  await db.schema.alterTable('cohorts').addColumn('ballots_taken', 'integer').execute();
  await sql`comment on table rollups is 'per cohort and item aggregates of a closed pulse'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cohorts').dropColumn('ballots_taken').execute();
  await db.schema.alterTable('cohorts').dropColumn('respondents').execute();
  await db.schema.dropTable('rollups').execute();
}
