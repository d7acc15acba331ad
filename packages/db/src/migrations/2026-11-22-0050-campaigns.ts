import { type Kysely, sql } from 'kysely';

// Frozen: the readiness gate and campaigns. An org's default gate policy, campaigns with their own
// policy when they have one, every evaluation of the gate kept with its inputs (append-only, like
// the audit log), and signed webhooks with their delivery log.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gate_policies')
    .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid')
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c
        .notNull()
        .check(sql`channel in ('linkedin', 'social_network', 'careers_site', 'referral_drive', 'event', 'other')`),
    )
    .addColumn('target_unit_ids', 'jsonb', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'ready', 'blocked', 'live', 'paused', 'completed', 'cancelled')`),
    )
    // The campaign's own policy; null: the org's default policy at each evaluation.
    .addColumn('policy', 'jsonb')
    // The written reason of the latest override, kept with the campaign (and in the audit log).
    .addColumn('override_reason', 'text')
    .addColumn('overridden_by', 'uuid')
    .addColumn('overridden_by_label', 'text')
    .addColumn('overridden_at', 'timestamptz')
    .addColumn('last_evaluation_id', 'uuid')
    .addColumn('last_evaluated_at', 'timestamptz')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('state_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('campaigns_pk', ['org_id', 'id'])
    .execute();
  await db.schema.createIndex('campaigns_state_idx').on('campaigns').columns(['org_id', 'state']).execute();

  await db.schema
    .createTable('gate_evaluations')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('trigger', 'text', (c) =>
      c.notNull().check(sql`trigger in ('check', 'launch', 'override', 'pulse_closed')`),
    )
    // The pulse whose closing triggered the evaluation.
    .addColumn('pulse_id', 'uuid')
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('pass', 'fail', 'insufficient_data')`))
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    // Per target unit: its name then, the released figures read (the inputs) and the evaluation.
    .addColumn('units', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gate_evaluations_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('gate_evaluations_campaign_fk', ['org_id', 'campaign_id'], 'campaigns', ['org_id', 'id'])
    .execute();
  await db.schema
    .createIndex('gate_evaluations_campaign_idx')
    .on('gate_evaluations')
    .columns(['org_id', 'campaign_id', 'seq'])
    .execute();
  await sql`create function gate_evaluations_append_only() returns trigger language plpgsql as $$
    begin raise exception 'gate_evaluations is append-only'; end $$`.execute(db);
  await sql`create trigger gate_evaluations_no_update_delete before update or delete on gate_evaluations
    for each row execute function gate_evaluations_append_only()`.execute(db);

  await db.schema
    .createTable('webhooks')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // AES-256-GCM under a key derived from SECRET_KEY: the signing secret must be read to sign.
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('webhooks_pk', ['org_id', 'id'])
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('webhook_id', 'uuid', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    // The exact bytes signed and sent, the same on every attempt.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('webhook_deliveries_pk', ['org_id', 'id'])
    .addForeignKeyConstraint(
      'webhook_deliveries_webhook_fk',
      ['org_id', 'webhook_id'],
      'webhooks',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_log_idx')
    .on('webhook_deliveries')
    .columns(['org_id', 'webhook_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhooks', 'gate_evaluations', 'campaigns', 'gate_policies']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function gate_evaluations_append_only()`.execute(db);
}
