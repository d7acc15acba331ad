import { createHash } from 'node:crypto';
import { BallotError, signBlinded } from '@insideout/ballot/server';
import type { Survey } from '@insideout/contracts';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { sensitiveWordsOf } from '../dialogue/sensitive.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { toPulses } from '../pulses/compose.ts';
import { cohortKeys } from './cohort-keys.ts';
import { invitationOf } from './invitation.ts';

/** What an invitation opens: the pulse, the person's cohort and key, the thresholds. */
export async function surveyFor(c: Context<AppEnv>): Promise<Survey> {
  const { db } = c.var.services.store;
  const invitation = await invitationOf(c);
  const pulse = await db
    .selectFrom('pulses')
    .selectAll()
    .where('orgId', '=', invitation.orgId)
    .where('id', '=', invitation.pulseId)
    .executeTakeFirstOrThrow();
  const [view] = await toPulses(db, invitation.orgId, [pulse]);
  const org = await db
    .selectFrom('orgs')
    .select(['name', 'settings'])
    .where('id', '=', invitation.orgId)
    .executeTakeFirstOrThrow();
  const cohort = await db
    .selectFrom('cohorts')
    .select(['id', 'publicKey', 'audience'])
    .where('orgId', '=', invitation.orgId)
    .where('pulseId', '=', invitation.pulseId)
    .where('id', '=', invitation.cohortId)
    .executeTakeFirstOrThrow();
  const ballot = await db
    .selectFrom('ballotIssuance')
    .select('personId')
    .where('orgId', '=', invitation.orgId)
    .where('pulseId', '=', invitation.pulseId)
    .where('personId', '=', invitation.personId)
    .executeTakeFirst();
  return {
    pulse: {
      id: pulse.id,
      orgName: org.name,
      title: pulse.title,
      closesAt: pulse.closesAt.toISOString(),
      state: pulse.state,
      items: view?.items ?? [],
    },
    cohort,
    ballotTaken: ballot !== undefined,
    thresholds: { k: pulse.k, kComments: pulse.kComments },
    sensitiveWords: sensitiveWordsOf(org.settings),
  };
}

/**
 * Signs the person's blinded ballot, once per pulse. The ledger records that they took a ballot;
 * the blinding means the signature it hands out cannot be matched to the ballot later submitted.
 * The same request again (a lost answer) gets the same signature; a different one is refused.
 */
export async function issueBallot(c: Context<AppEnv>, blindedText: string) {
  const invitation = await invitationOf(c);
  const services = c.var.services;
  // Node's own codec (the schema has checked the alphabet): a malformed length is a wrong-sized
  // message (400) instead of an exception from `atob` (500), and it is faster on this hot path.
  const blinded = Buffer.from(blindedText, 'base64url');
  const blindedHash = createHash('sha256').update(blinded).digest('base64url');
  const keys = await cohortKeys(services, invitation.orgId, invitation.pulseId, invitation.cohortId, true);
  let signature: Uint8Array;
  try {
    if (!keys.privateKey) throw new Error('cohort private key not loaded');
    signature = signBlinded(keys.privateKey, keys.publicKey, blinded);
  } catch (error) {
    if (error instanceof BallotError) {
      throw ApiError.invalidInput([{ path: ['blinded'], message: error.message }], 'This is not a blinded ballot.');
    }
    throw error;
  }
  const { db } = services.store;
  // SQL rather than the query builder, as for the invitation lookup: every ballot runs it.
  const { rows: recorded } = await sql<{ personId: string }>`
    insert into ballot_issuance (org_id, pulse_id, person_id, cohort_id, blinded_hash)
    values (${invitation.orgId}, ${invitation.pulseId}, ${invitation.personId}, ${invitation.cohortId}, ${blindedHash})
    on conflict (org_id, pulse_id, person_id) do nothing
    returning person_id`.execute(db);
  if (recorded.length === 0) {
    const earlier = await db
      .selectFrom('ballotIssuance')
      .select('blindedHash')
      .where('orgId', '=', invitation.orgId)
      .where('pulseId', '=', invitation.pulseId)
      .where('personId', '=', invitation.personId)
      .executeTakeFirstOrThrow();
    if (earlier.blindedHash !== blindedHash) {
      throw new ApiError('conflict', 'You have already taken your ballot for this pulse: each person answers once.');
    }
  }
  return { cohortId: invitation.cohortId, blindSignature: Buffer.from(signature).toString('base64url') };
}
