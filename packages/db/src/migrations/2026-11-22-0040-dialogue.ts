import { type Kysely, sql } from 'kysely';

// The staff side of anonymous comments: replies, the addressed mark, and when each staff member
// last received a digest. The comments table stays as it is: nothing about a person or a time is
// ever added to it. Replies reference a comment; an employee's follow-up keeps only its day.
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  // A comment is found by its id (staff pages) or by its receipt hash (the employee's follow-up).
  await db.schema.createIndex('comments_id_idx').on('comments').columns(['org_id', 'id']).execute();
  await db.schema.createIndex('comments_receipt_idx').on('comments').columns(['receipt_hash']).execute();

  await db.schema
    .createTable('replies')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('comment_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // Order within a conversation: an employee's message keeps only its day, so time cannot order.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('staff', 'employee')`))
    .addColumn('author_id', 'uuid')
    .addColumn('author_name', 'text')
    .addColumn('acknowledgement', 'text', (c) =>
      c.check(sql`acknowledgement in ('thanks', 'on_it', 'done', 'need_detail')`),
    )
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('replies_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('replies_comment_fk', ['org_id', 'pulse_id', 'comment_id'], 'comments', [
      'org_id',
      'pulse_id',
      'id',
    ])
    .addCheckConstraint(
      'replies_author_fields',
      sql`(author = 'staff' and author_id is not null and author_name is not null)
        or (author = 'employee' and author_id is null and author_name is null and acknowledgement is null)`,
    )
    .execute();
  await db.schema
    .createIndex('replies_comment_idx')
    .on('replies')
    .columns(['org_id', 'pulse_id', 'comment_id', 'seq'])
    .execute();

  await db.schema
    .createTable('comment_status')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('pulse_id', 'uuid', (c) => c.notNull())
    .addColumn('comment_id', 'uuid', (c) => c.notNull())
    .addColumn('addressed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('addressed_by', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_status_pk', ['org_id', 'pulse_id', 'comment_id'])
    .addForeignKeyConstraint('comment_status_comment_fk', ['org_id', 'pulse_id', 'comment_id'], 'comments', [
      'org_id',
      'pulse_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('dialogue_digests')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    // The last reply the digest covered: follow-ups keep only their day, so time cannot tell.
    .addColumn('reply_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('dialogue_digests_pk', ['org_id', 'person_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['dialogue_digests', 'comment_status', 'replies']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('comments_receipt_idx').execute();
  await db.schema.dropIndex('comments_id_idx').execute();
}
