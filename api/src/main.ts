import { serve } from '@hono/node-server';
import { createDb, migrateToLatest } from '@insideout/db';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { log } from './http/log.ts';

const { config, store } = await open().catch((error: unknown) => {
  log.error('cannot start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});

async function open() {
  const config = loadConfig();
  const store = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const migration = await migrateToLatest(store.db);
  log.info('database ready', { kind: store.kind, migration });
  return { config, store };
}

const app = createApp({ db: store, webDir: config.WEB_DIR });
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  log.info('listening', { url: `http://${host}:${info.port}`, database: store.kind });
});

// Stop taking connections, let requests in flight finish (their transactions commit), then close
// the database. A second signal, or a drain longer than 10 s, exits at once.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  log.info('shutting down', { signal });
  const force = setTimeout(() => {
    log.warn('drain timed out; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
  await store.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
