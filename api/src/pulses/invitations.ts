import { createHash } from 'node:crypto';
import type { Database, PulseRow } from '@insideout/db';
import type { Kysely } from 'kysely';
import { composeToken } from '../auth/secrets.ts';
import type { Services } from '../http/env.ts';
import { log } from '../http/log.ts';

/**
 * An invitation link authenticates one person for one pulse, only to take their ballot. Its secret
 * is derived from the server key (so the same link can be exported again), and only its hash is
 * stored. The secret travels in the URL fragment: browsers never send it to a server or a Referer.
 */
export function invitationToken(services: Services, orgId: string, pulseId: string, personId: string): string {
  return composeToken(orgId, services.keyring.invitationToken(orgId, pulseId, personId));
}

export function invitationHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function invitationLink(services: Services, token: string): string {
  return `${services.publicUrl}/survey#${token}`;
}

interface Invitee {
  personId: string;
  email: string;
  displayName: string;
}

/** Mails the invitations (or reminders) of a pulse; a failed delivery is logged, not fatal. */
export async function mailInvitations(
  services: Services,
  pulse: PulseRow,
  people: Invitee[],
  kind: 'invitation' | 'reminder',
) {
  const org = await services.store.db
    .selectFrom('orgs')
    .select('name')
    .where('id', '=', pulse.orgId)
    .executeTakeFirstOrThrow();
  const closes = pulse.closesAt.toISOString().slice(0, 10);
  let failed = 0;
  for (const person of people) {
    const link = invitationLink(services, invitationToken(services, pulse.orgId, pulse.id, person.personId));
    const text = [
      `Hello ${person.displayName},`,
      '',
      kind === 'reminder'
        ? `A reminder: "${pulse.title}", the ${org.name} pulse survey, is open until ${closes}.`
        : `${org.name} asks for your view in a short pulse survey, "${pulse.title}" (2 to 3 minutes), open until ${closes}.`,
      '',
      'Your answers are anonymous by construction: your link lets you take a ballot, and the answers you send with it',
      'cannot be linked back to you, not even by the people who run InsideOut. Results are shown only for groups large enough.',
      '',
      link,
      '',
      'This link is personal: please do not forward it.',
    ].join('\n');
    const subject = kind === 'reminder' ? `Reminder: ${pulse.title}` : `Your voice: ${pulse.title}`;
    try {
      await services.mailer.send(services.store.db, { orgId: pulse.orgId, to: person.email, subject, text });
    } catch (error) {
      failed += 1;
      if (failed === 1) log.warn('invitation mail failed', { pulseId: pulse.id, error: String(error) });
    }
  }
  if (failed > 0) log.warn('invitation mails failed', { pulseId: pulse.id, failed, of: people.length });
}

/** People invited to a pulse who have not taken a ballot: the only ones a reminder may go to. */
export function withoutBallot(db: Kysely<Database>, orgId: string, pulseId: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('people as p', (join) => join.onRef('p.orgId', '=', 'i.orgId').onRef('p.id', '=', 'i.personId'))
    .select(['i.personId', 'p.email', 'p.displayName'])
    .where('i.orgId', '=', orgId)
    .where('i.pulseId', '=', pulseId)
    .where('p.active', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ballotIssuance as b')
            .whereRef('b.orgId', '=', 'i.orgId')
            .whereRef('b.pulseId', '=', 'i.pulseId')
            .whereRef('b.personId', '=', 'i.personId'),
        ),
      ),
    );
}
