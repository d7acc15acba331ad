import type { Database } from '@insideout/db';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { splitToken } from '../auth/secrets.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { invitationHash } from '../pulses/invitations.ts';

/** The invitation a request carries in `Authorization: Invitation <token>`, with its pulse. */
export async function invitationOf(c: Context<AppEnv>) {
  const header = c.req.header('authorization') ?? '';
  const token = /^Invitation ([\w.-]{20,200})$/.exec(header)?.[1];
  const parts = token ? splitToken(token) : null;
  if (!token || !parts) throw new ApiError('unauthenticated', 'Open the survey from your invitation link.');
  const row = await findInvitation(c.var.services.store.db, parts.orgId, invitationHash(token));
  if (!row)
    throw new ApiError('unauthenticated', 'This invitation link is not valid. Check that you opened the whole link.');
  if (row.state === 'closed')
    throw new ApiError('pulse_closed', 'This pulse has closed: thank you, and see you at the next one.');
  if (row.state !== 'open') throw new ApiError('not_found', 'This pulse is not open yet.');
  if (!row.active) throw new ApiError('forbidden', 'This invitation is no longer valid.');
  return row;
}

function findInvitation(db: Kysely<Database>, orgId: string, tokenHash: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('pulses as p', (join) => join.onRef('p.orgId', '=', 'i.orgId').onRef('p.id', '=', 'i.pulseId'))
    .innerJoin('people as person', (join) =>
      join.onRef('person.orgId', '=', 'i.orgId').onRef('person.id', '=', 'i.personId'),
    )
    .select([
      'i.orgId',
      'i.pulseId',
      'i.personId',
      'i.cohortId',
      'p.state',
      'p.title',
      'p.closesAt',
      'p.k',
      'p.kComments',
      'person.active',
    ])
    .where('i.orgId', '=', orgId)
    .where('i.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}
