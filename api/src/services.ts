import { createDb, migrateToLatest } from '@insideout/db';
import type { Config } from './config.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import type { Services } from './http/env.ts';
import { log } from './http/log.ts';
import { createMailer } from './mail/mailer.ts';

/** Opens the store (migrated to the latest version) and the mailer the configuration names. */
export async function openServices(config: Config): Promise<Services> {
  const store = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const migration = await migrateToLatest(store.db);
  log.info('database ready', { kind: store.kind, migration });
  if (config.DEMO && (await seedDemoIfEmpty(store.db))) log.info('demo organisation created', { hr: 'hr@demo.test' });
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  return {
    store,
    mailer,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    session: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    now: () => new Date(),
  };
}
