import type { Services } from '../http/env.ts';
import { log } from '../http/log.ts';
import { purgeExpiredIntroductions } from './introductions.ts';
import { purgeSignInLinks } from './sign-in.ts';

/** The ambassadors' share of the scheduler: expired introductions and spent sign-in links go. */
export async function runAmbassadorWork(services: Services, now = services.now()) {
  const introductions = await purgeExpiredIntroductions(services.store.db, now);
  const links = await purgeSignInLinks(services.store.db, now);
  if (introductions > 0) log.info('expired introductions deleted', { introductions });
  return { introductions, links };
}

export function startAmbassadorWork(services: Services, everyMs = 10 * 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runAmbassadorWork(services)
      .catch((error: unknown) => log.error('ambassador purge failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
