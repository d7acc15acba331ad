import { serve } from '@hono/node-server';
import { startAmbassadorWork } from './ambassadors/work.ts';
import { createApp } from './app.ts';
import { startCampaignWork } from './campaigns/reevaluate.ts';
import { loadConfig } from './config.ts';
import { startDigests } from './dialogue/digests.ts';
import { log } from './http/log.ts';
import { startScheduler } from './pulses/lifecycle.ts';
import { openServices } from './services.ts';

const { config, services } = await open().catch((error: unknown) => {
  log.error('cannot start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});

async function open() {
  const config = loadConfig();
  return { config, services: await openServices(config) };
}

const app = createApp({ services, webDir: config.WEB_DIR });
const stopScheduler = startScheduler(services);
const stopCampaignWork = startCampaignWork(services);
const stopDigests = startDigests(services);
const stopAmbassadorWork = startAmbassadorWork(services);
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  log.info('listening', {
    url: `http://${host}:${info.port}`,
    database: services.store.kind,
    mail: services.mailer.kind,
  });
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
  stopScheduler();
  stopCampaignWork();
  stopDigests();
  stopAmbassadorWork();
  services.mailer.close();
  await services.store.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
