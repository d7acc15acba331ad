import type { Migration } from 'kysely';
import * as orgs from './2026-11-21-0001-orgs.ts';
import * as directory from './2026-11-21-0002-directory.ts';

/**
 * Every migration, by name. Names are date-prefixed so they sort in the order they were written;
 * listed statically (not read from disk) so the bundled api carries them.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-21-0001-orgs': orgs,
  '2026-11-21-0002-directory': directory,
};
