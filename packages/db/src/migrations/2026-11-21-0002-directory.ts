import { type Kysely, sql } from 'kysely';

// Frozen: the directory (units, people, managers), staff credentials and sessions, the audit log,
// the mail outbox and import jobs. Every key starts with org_id so tables can be distributed by org.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('parent_id', 'uuid')
    .addColumn('name', 'text', (c) => c.notNull())
    // Materialised path of ids, '/<root>/…/<id>/': a subtree is a prefix match.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('units_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('units_parent_fk', ['org_id', 'parent_id'], 'units', ['org_id', 'id'])
    .execute();
  await sql`create unique index units_sibling_name_uq on units (org_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`.execute(
    db,
  );
  await sql`create index units_path_idx on units (org_id, path text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('people')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('employee', 'manager', 'hr_admin')`))
    // Coarse attributes only (location, tenure band…): what results may later be grouped by.
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('people_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('people_unit_fk', ['org_id', 'unit_id'], 'units', ['org_id', 'id'])
    .execute();
  await sql`create unique index people_email_uq on people (org_id, lower(email))`.execute(db);
  await sql`create index people_email_idx on people (lower(email))`.execute(db);
  await db.schema.createIndex('people_unit_idx').on('people').columns(['org_id', 'unit_id']).execute();

  await db.schema
    .createTable('unit_managers')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_managers_pk', ['org_id', 'unit_id', 'person_id'])
    .addForeignKeyConstraint('unit_managers_unit_fk', ['org_id', 'unit_id'], 'units', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('unit_managers_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('unit_managers_person_idx')
    .on('unit_managers')
    .columns(['org_id', 'person_id'])
    .execute();

  // Kept apart from people so that no query of the directory can ever return a password hash.
  await db.schema
    .createTable('credentials')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('credentials_pk', ['org_id', 'person_id'])
    .addForeignKeyConstraint('credentials_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  // Only a hash of each secret token is stored: a copy of the database opens no session.
  await db.schema
    .createTable('sessions')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addPrimaryKeyConstraint('sessions_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('sessions_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addPrimaryKeyConstraint('password_resets_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('password_resets_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    // The actor's name at the time: the entry stays readable after the person is renamed or leaves.
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('audit_log_pk', ['org_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['org_id', 'action', 'seq']).execute();
  // Append-only, enforced by the database itself, not by the goodwill of the code.
  await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  // Mail that was not sent over SMTP because none is configured: the development outbox.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mail_outbox_pk', ['org_id', 'id'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    .addColumn('all_or_nothing', 'boolean', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done', 'failed')`))
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'jsonb')
    .addPrimaryKeyConstraint('imports_pk', ['org_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'imports',
    'mail_outbox',
    'audit_log',
    'password_resets',
    'sessions',
    'credentials',
    'unit_managers',
    'people',
    'units',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_log_append_only()`.execute(db);
}
