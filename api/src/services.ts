import { createDb, migrateToLatest } from '@insideout/db';
import type { Config } from './config.ts';
import { createKeyring, loadMasterKey } from './crypto/keyring.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { failInterruptedImports } from './directory/import-service.ts';
import type { Services } from './http/env.ts';
import { log } from './http/log.ts';
import { createMailer } from './mail/mailer.ts';

/**
 * Opens the store (migrated to the latest version), the keyring and the mailer the configuration
 * names; seeds the demo organisation when asked to and the store is empty.
 */
export async function openServices(config: Config): Promise<Services> {
  const master = loadMasterKey({
    SECRET_KEY: config.SECRET_KEY,
    DATA_DIR: config.DATA_DIR,
    production: config.NODE_ENV === 'production',
  });
  const store = await createDb({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const migration = await migrateToLatest(store.db);
  log.info('database ready', { kind: store.kind, migration });
  const interrupted = await failInterruptedImports(store.db);
  if (interrupted > 0) log.warn('imports interrupted by a restart were marked failed', { count: interrupted });
  const services: Services = {
    store,
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }),
    keyring: createKeyring(master),
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    session: { idleMinutes: config.SESSION_IDLE_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_HOURS },
    now: () => new Date(),
  };
  if (config.DEMO && (await seedDemoIfEmpty(services))) log.info('demo organisation created', { hr: 'hr@demo.test' });
  return services;
}
