import { type Kysely, sql } from 'kysely';

// Frozen: org questions, pulses, cohorts and their ballot keys, invitations, the ballot ledger and
// the anonymous responses. Nothing in responses, answers or comments references a person, a
// session, an invitation or a time finer than the pulse.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // Versions of one question share a lineage: trends follow the lineage across edits.
    .addColumn('lineage_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('likert5', 'nps11', 'text')`))
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_fr', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('questions_pk', ['org_id', 'id'])
    .addUniqueConstraint('questions_lineage_version_uq', ['org_id', 'lineage_id', 'version'])
    .execute();

  await db.schema
    .createTable('pulses')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'open', 'closed')`))
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recurrence', 'text', (c) =>
      c.notNull().check(sql`recurrence in ('none', 'weekly', 'fortnightly', 'monthly')`),
    )
    .addColumn('audience_unit_ids', 'jsonb', (c) => c.notNull())
    // Opened by the scheduler at opens_at (recurring pulses, and drafts HR scheduled).
    .addColumn('auto_open', 'boolean', (c) => c.notNull().defaultTo(false))
    // Thresholds in force when the pulse opened: later changes never re-release its results.
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('k_comments', 'integer', (c) => c.notNull())
    .addColumn('previous_id', 'uuid')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('sealed_at', 'timestamptz')
    .addPrimaryKeyConstraint('pulses_pk', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('pulses_state_idx').on('pulses').columns(['state', 'opens_at']).execute();

  // The items as they were when the pulse was composed: editing a question never changes a pulse.
  await db.schema
    .createTable('pulse_items')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_fr', 'text', (c) => c.notNull())
    .addColumn('required', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulse_items_pk', ['org_id', 'pulse_id', 'position'])
    .addForeignKeyConstraint('pulse_items_pulse_fk', ['org_id', 'pulse_id'], 'pulses', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('cohorts')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('attributes', 'jsonb', (c) => c.notNull())
    .addColumn('audience', 'integer', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    // AES-256-GCM under a key derived from SECRET_KEY: a copy of the database signs no ballot.
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohorts_pk', ['org_id', 'pulse_id', 'id'])
    .addForeignKeyConstraint('cohorts_pulse_fk', ['org_id', 'pulse_id'], 'pulses', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  // Who is invited to a pulse, and in which cohort: fixed at open.
  await db.schema
    .createTable('invitations')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addPrimaryKeyConstraint('invitations_pk', ['org_id', 'pulse_id', 'person_id'])
    .addUniqueConstraint('invitations_token_uq', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('invitations_pulse_fk', ['org_id', 'pulse_id'], 'pulses', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  // The participation ledger: who took a ballot. It never references a response. The hash of the
  // blinded message lets a retry of the same request get the same signature; blinding makes it
  // unrelated to the ballot that is finally submitted.
  await db.schema
    .createTable('ballot_issuance')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('blinded_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_issuance_pk', ['org_id', 'pulse_id', 'person_id'])
    .addForeignKeyConstraint('ballot_issuance_pulse_fk', ['org_id', 'pulse_id'], 'pulses', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('responses')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('nullifier', 'text', (c) => c.notNull())
    // Hash of the submitted payload: the same ballot sent again is recognised as a retry.
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('responses_pk', ['org_id', 'pulse_id', 'id'])
    .addUniqueConstraint('responses_nullifier_uq', ['org_id', 'pulse_id', 'nullifier'])
    .addForeignKeyConstraint('responses_cohort_fk', ['org_id', 'pulse_id', 'cohort_id'], 'cohorts', [
      'org_id',
      'pulse_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('answers')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('value', 'smallint', (c) => c.notNull())
    .addPrimaryKeyConstraint('answers_pk', ['org_id', 'pulse_id', 'response_id', 'position'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('receipt_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comments_pk', ['org_id', 'pulse_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'comments',
    'answers',
    'responses',
    'ballot_issuance',
    'invitations',
    'cohorts',
    'pulse_items',
    'pulses',
    'questions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
