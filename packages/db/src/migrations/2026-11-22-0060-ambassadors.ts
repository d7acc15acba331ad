import { type Kysely, sql } from 'kysely';

// Frozen: ambassadors and social referral (DESIGN.md "Ambassadors and social referral").
// - `sessions.scope`: a `person` session (opened by a one-time sign-in link) reaches only the
//   routes any signed-in person may call, whatever the person's role: a link never stands in for a
//   staff password.
// - `sign_in_links`: one-time links mailed to a person; only the token's hash is kept.
// - `share_kits`, `ambassador_optins`, `introductions`, `kudos`, `campaign_clicks`.
// - `mail_outbox.confidential`: mail only its recipient may read (a consent request carries an
//   introduced contact's name, address and the introducer's note); the development outbox, which
//   HR leaders read, withholds its recipient and text.
// None of these tables references pulses, cohorts, invitations, ballots, responses, answers or
// comments, and none ever will: opt-ins and introductions are kept apart from survey data
// (test/postgres/ambassadors.test.ts reads the catalogue to prove it).
// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('staff').check(sql`scope in ('staff', 'person')`))
    .execute();
  await db.schema
    .alterTable('mail_outbox')
    .addColumn('confidential', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sign_in_links_pk', ['org_id', 'token_hash'])
    .addForeignKeyConstraint('sign_in_links_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  // The approved texts and the page a campaign's links lead to (https only, checked on write).
  await db.schema
    .createTable('share_kits')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('target_url', 'text', (c) => c.notNull().check(sql`target_url like 'https://%'`))
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_fr', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('share_kits_pk', ['org_id', 'campaign_id'])
    .addForeignKeyConstraint('share_kits_campaign_fk', ['org_id', 'campaign_id'], 'campaigns', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('ambassador_optins')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    // Set when the person withdraws; joining again clears it.
    .addColumn('withdrawn_at', 'timestamptz')
    .addPrimaryKeyConstraint('ambassador_optins_pk', ['org_id', 'campaign_id', 'person_id'])
    .addForeignKeyConstraint(
      'ambassador_optins_campaign_fk',
      ['org_id', 'campaign_id'],
      'campaigns',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('ambassador_optins_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();

  // A declined introduction is deleted at once; a pending one is deleted when it expires.
  await db.schema
    .createTable('introductions')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('introducer_id', 'uuid', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_role', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('consent_token_hash', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull().check(sql`consent in ('pending', 'consented')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz')
    .addColumn('recruiter_state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`recruiter_state in ('new', 'contacted', 'interviewing', 'hired', 'not_pursued')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('introductions_pk', ['org_id', 'id'])
    .addUniqueConstraint('introductions_token_uq', ['consent_token_hash'])
    .addForeignKeyConstraint(
      'introductions_campaign_fk',
      ['org_id', 'campaign_id'],
      'campaigns',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'introductions_introducer_fk',
      ['org_id', 'introducer_id'],
      'people',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('introductions_introducer_idx')
    .on('introductions')
    .columns(['org_id', 'introducer_id'])
    .execute();
  await db.schema
    .createIndex('introductions_expiry_idx')
    .on('introductions')
    .columns(['consent', 'expires_at'])
    .execute();

  // Recognition, never money: a thank-you the person sees on their ambassador page.
  await db.schema
    .createTable('kudos')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('from_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('kudos_pk', ['org_id', 'id'])
    .addForeignKeyConstraint('kudos_person_fk', ['org_id', 'person_id'], 'people', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('kudos_campaign_fk', ['org_id', 'campaign_id'], 'campaigns', ['org_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('kudos_person_idx').on('kudos').columns(['org_id', 'person_id']).execute();

  // Clicks on a campaign's tracked link: per campaign and day, never per person.
  await db.schema
    .createTable('campaign_clicks')
    .addColumn('org_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_clicks_pk', ['org_id', 'campaign_id', 'day'])
    .addForeignKeyConstraint(
      'campaign_clicks_campaign_fk',
      ['org_id', 'campaign_id'],
      'campaigns',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'campaign_clicks',
    'kudos',
    'introductions',
    'ambassador_optins',
    'share_kits',
    'sign_in_links',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('mail_outbox').dropColumn('confidential').execute();
  await db.schema.alterTable('sessions').dropColumn('scope').execute();
}
