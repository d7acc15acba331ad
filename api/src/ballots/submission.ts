import { createHash } from 'node:crypto';
import { nullifierOf, verifyBallot } from '@insideout/ballot/server';
import type { Submission } from '@insideout/contracts';
import { checkAnswers } from '@insideout/core';
import type { QuestionKind } from '@insideout/db';
import { sql } from 'kysely';
import type { Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { cohortKeys } from './cohort-keys.ts';

export type SubmissionOutcome = 'accepted' | 'replayed';

/**
 * Stores one anonymous response: exactly once per ballot (its nullifier), acknowledged only once
 * committed. Nothing about the sender is read or kept: no session, no address, no time.
 */
export async function submitResponse(
  services: Services,
  pulseId: string,
  submission: Submission,
): Promise<SubmissionOutcome> {
  const { db } = services.store;
  const pulse = await pulseShape(services, pulseId);
  const { orgId, items } = pulse;

  // Node's own decoder: the schema has checked the alphabet, and a length no encoder produces (4n + 1
  // characters) decodes to bytes no ballot verifies (403), where `atob` threw (a 500). Also several
  // times faster than the browser-compatible decoder on this hot path.
  const message = Buffer.from(submission.message, 'base64url');
  const signature = Buffer.from(submission.signature, 'base64url');
  const { publicKey } = await cohortKeys(services, orgId, pulseId, submission.cohortId, false);
  if (!verifyBallot(publicKey, message, signature)) {
    throw new ApiError('forbidden', 'This ballot was not signed for this cohort of this pulse.');
  }
  const problems = checkAnswers(items, submission.answers, submission.comments);
  if (problems.length > 0)
    throw ApiError.invalidInput(problems, `The answers do not fit this pulse: ${problems[0]?.message}.`);

  const nullifier = nullifierOf(message);
  const payloadHash = hashPayload(submission);
  const values = submission.answers.filter((a) => items.some((i) => i.position === a.position && i.kind !== 'text'));
  const comments = submission.comments.map((c) => ({ id: crypto.randomUUID(), position: c.position, body: c.body }));
  // One statement, so one round trip and one implicit transaction: it holds the pulse row (FOR
  // SHARE) so closing and sealing wait for it, and stores the response with its answers and
  // comments only while the pulse is open and the ballot unused.
  const { rows } = await sql<{ open: boolean; inserted: boolean }>`
    with open_pulse as (
      select 1 from pulses where org_id = ${orgId} and id = ${pulseId} and state = 'open' for share
    ), response as (
      insert into responses (org_id, pulse_id, cohort_id, id, nullifier, payload_hash, receipt_hash)
      select ${orgId}, ${pulseId}, ${submission.cohortId}, ${crypto.randomUUID()}, ${nullifier}, ${payloadHash}, ${submission.receiptHash}
      from open_pulse
      on conflict (org_id, pulse_id, nullifier) do nothing
      returning id
    ), stored_answers as (
      insert into answers (org_id, pulse_id, response_id, position, value)
      select ${orgId}, ${pulseId}, response.id, a.position, a.value
      from response, jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as a(position int, value int)
    ), stored_comments as (
      insert into comments (org_id, pulse_id, cohort_id, response_id, id, position, body, receipt_hash)
      select ${orgId}, ${pulseId}, ${submission.cohortId}, response.id, c.id, c.position, c.body, ${submission.receiptHash}
      from response, jsonb_to_recordset(${JSON.stringify(comments)}::jsonb) as c(id uuid, position int, body text)
    )
    select exists (select 1 from open_pulse) as open, exists (select 1 from response) as inserted`.execute(db);
  const outcome = rows[0];
  if (!outcome?.open) throw new ApiError('pulse_closed', 'This pulse has closed: responses are no longer accepted.');
  if (outcome.inserted) return 'accepted';
  const stored = await db
    .selectFrom('responses')
    .select('payloadHash')
    .where('orgId', '=', orgId)
    .where('pulseId', '=', pulseId)
    .where('nullifier', '=', nullifier)
    .executeTakeFirstOrThrow();
  if (stored.payloadHash === payloadHash) return 'replayed';
  throw new ApiError('conflict', 'This ballot has already been used for a different response; a ballot counts once.');
}

interface PulseShape {
  orgId: string;
  items: Array<{ position: number; kind: QuestionKind; required: boolean }>;
}

// A pulse's org and items never change once it has opened: kept in memory for the pulse's life.
// Whether it is still open is checked in the write itself, never from here.
const shapes = new Map<string, PulseShape>();

async function pulseShape(services: Services, pulseId: string): Promise<PulseShape> {
  const known = shapes.get(pulseId);
  if (known) return known;
  const { db } = services.store;
  const pulse = await db.selectFrom('pulses').select(['orgId', 'state']).where('id', '=', pulseId).executeTakeFirst();
  if (!pulse || pulse.state === 'draft') throw new ApiError('not_found', 'No such pulse.');
  if (pulse.state === 'closed')
    throw new ApiError('pulse_closed', 'This pulse has closed: responses are no longer accepted.');
  const items = await db
    .selectFrom('pulseItems')
    .select(['position', 'kind', 'required'])
    .where('orgId', '=', pulse.orgId)
    .where('pulseId', '=', pulseId)
    .execute();
  const shape = { orgId: pulse.orgId, items };
  if (shapes.size > 1_000) shapes.delete(shapes.keys().next().value ?? '');
  shapes.set(pulseId, shape);
  return shape;
}

/** A canonical hash of what was answered: the same ballot sent again with it is a retry. */
function hashPayload(submission: Submission): string {
  const canonical = JSON.stringify({
    cohortId: submission.cohortId,
    answers: [...submission.answers].sort((a, b) => a.position - b.position).map((a) => [a.position, a.value]),
    comments: submission.comments.map((c) => [c.position, c.body]),
    receiptHash: submission.receiptHash,
  });
  return createHash('sha256').update(canonical).digest('base64url');
}
