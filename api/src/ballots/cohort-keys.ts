import type { KeyObject } from 'node:crypto';
import { loadPrivateKey, loadPublicKey } from '@insideout/ballot/server';
import type { Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

interface CohortKeys {
  publicKey: KeyObject;
  privateKey: KeyObject | null;
}

// Parsed keys of recent cohorts: unsealing and parsing a key costs more than signing with it.
const cache = new Map<string, CohortKeys>();
const cacheSize = 2_000;

/** The keys of a cohort of a pulse; the private key only when `forSigning`. */
export async function cohortKeys(
  services: Services,
  orgId: string,
  pulseId: string,
  cohortId: string,
  forSigning: boolean,
) {
  const cacheKey = `${orgId}/${pulseId}/${cohortId}`;
  const cached = cache.get(cacheKey);
  if (cached && (cached.privateKey || !forSigning)) return cached;
  const row = await services.store.db
    .selectFrom('cohorts')
    .select(['publicKey', 'privateKeySealed'])
    .where('orgId', '=', orgId)
    .where('pulseId', '=', pulseId)
    .where('id', '=', cohortId)
    .executeTakeFirst();
  if (!row) throw new ApiError('forbidden', 'This ballot is not for a cohort of this pulse.');
  const keys: CohortKeys = {
    publicKey: loadPublicKey(row.publicKey),
    privateKey: forSigning ? loadPrivateKey(services.keyring.openCohortKey(row.privateKeySealed)) : null,
  };
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value ?? '');
  cache.set(cacheKey, keys);
  return keys;
}
