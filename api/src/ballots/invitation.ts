import type { Database, PulseState } from '@insideout/db';
import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
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

interface InvitationRow {
  orgId: string;
  pulseId: string;
  personId: string;
  cohortId: string;
  state: PulseState;
  title: string;
  closesAt: Date;
  k: number;
  kComments: number;
  active: boolean;
}

// Written as SQL rather than with the query builder: this lookup runs on every ballot taken, and
// building and transforming the three-table query cost about as much of the api's CPU as sending
// it (the camelCase plugin still maps the columns).
async function findInvitation(db: Kysely<Database>, orgId: string, tokenHash: string) {
  const { rows } = await sql<InvitationRow>`
    select i.org_id, i.pulse_id, i.person_id, i.cohort_id, p.state, p.title, p.closes_at, p.k, p.k_comments, person.active
    from invitations i
    join pulses p on p.org_id = i.org_id and p.id = i.pulse_id
    join people person on person.org_id = i.org_id and person.id = i.person_id
    where i.org_id = ${orgId} and i.token_hash = ${tokenHash}`.execute(db);
  return rows[0];
}
