import type { Migration } from 'kysely';
import * as orgs from './2026-11-21-0001-orgs.ts';
import * as directory from './2026-11-21-0002-directory.ts';
import * as directoryIndexes from './2026-11-21-0003-directory-indexes.ts';
import * as pulses from './2026-11-21-0010-pulses.ts';
import * as rollups from './2026-11-21-0020-rollups.ts';
import * as cohortUnitPaths from './2026-11-21-0030-cohort-unit-paths.ts';
import * as dialogue from './2026-11-22-0040-dialogue.ts';
import * as campaigns from './2026-11-22-0050-campaigns.ts';
import * as ambassadors from './2026-11-22-0060-ambassadors.ts';

/**
 * Every migration, by name. Names are date-prefixed so they sort in the order they were written;
 * listed statically (not read from disk) so the bundled api carries them.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-21-0001-orgs': orgs,
  '2026-11-21-0002-directory': directory,
  '2026-11-21-0003-directory-indexes': directoryIndexes,
  '2026-11-21-0010-pulses': pulses,
  '2026-11-21-0020-rollups': rollups,
  '2026-11-21-0030-cohort-unit-paths': cohortUnitPaths,
  '2026-11-22-0040-dialogue': dialogue,
  '2026-11-22-0050-campaigns': campaigns,
  '2026-11-22-0060-ambassadors': ambassadors,
};
