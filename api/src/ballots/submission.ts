import { createHash } from 'node:crypto';
import { fromBase64Url, nullifierOf, verifyBallot } from '@insideout/ballot/server';
import type { Submission } from '@insideout/contracts';
import { checkAnswers } from '@insideout/core';
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
  const pulse = await db.selectFrom('pulses').select(['orgId', 'state']).where('id', '=', pulseId).executeTakeFirst();
  if (!pulse || pulse.state === 'draft') throw new ApiError('not_found', 'No such pulse.');
  if (pulse.state === 'closed')
    throw new ApiError('pulse_closed', 'This pulse has closed: responses are no longer accepted.');
  const { orgId } = pulse;

  const message = fromBase64Url(submission.message);
  const signature = fromBase64Url(submission.signature);
  const { publicKey } = await cohortKeys(services, orgId, pulseId, submission.cohortId, false);
  if (!verifyBallot(publicKey, message, signature)) {
    throw new ApiError('forbidden', 'This ballot was not signed for this cohort of this pulse.');
  }

  const items = await db
    .selectFrom('pulseItems')
    .select(['position', 'kind', 'required'])
    .where('orgId', '=', orgId)
    .where('pulseId', '=', pulseId)
    .execute();
  const problems = checkAnswers(items, submission.answers, submission.comments);
  if (problems.length > 0)
    throw ApiError.invalidInput(problems, `The answers do not fit this pulse: ${problems[0]?.message}.`);

  const nullifier = nullifierOf(message);
  const payloadHash = hashPayload(submission);
  return db.transaction().execute(async (trx) => {
    // Holds the pulse open until this response commits: closing (and sealing) waits for it.
    const current = await trx
      .selectFrom('pulses')
      .select('state')
      .where('orgId', '=', orgId)
      .where('id', '=', pulseId)
      .forShare()
      .executeTakeFirstOrThrow();
    if (current.state !== 'open')
      throw new ApiError('pulse_closed', 'This pulse has closed: responses are no longer accepted.');
    const responseId = crypto.randomUUID();
    const inserted = await trx
      .insertInto('responses')
      .values({
        orgId,
        pulseId,
        cohortId: submission.cohortId,
        id: responseId,
        nullifier,
        payloadHash,
        receiptHash: submission.receiptHash,
      })
      .onConflict((conflict) => conflict.columns(['orgId', 'pulseId', 'nullifier']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const stored = await trx
        .selectFrom('responses')
        .select('payloadHash')
        .where('orgId', '=', orgId)
        .where('pulseId', '=', pulseId)
        .where('nullifier', '=', nullifier)
        .executeTakeFirstOrThrow();
      if (stored.payloadHash === payloadHash) return 'replayed';
      throw new ApiError(
        'conflict',
        'This ballot has already been used for a different response; a ballot counts once.',
      );
    }
    const values = submission.answers.filter((a) => items.some((i) => i.position === a.position && i.kind !== 'text'));
    if (values.length > 0) {
      await trx
        .insertInto('answers')
        .values(values.map((a) => ({ orgId, pulseId, responseId, position: a.position, value: a.value })))
        .execute();
    }
    if (submission.comments.length > 0) {
      await trx
        .insertInto('comments')
        .values(
          submission.comments.map((comment) => ({
            orgId,
            pulseId,
            cohortId: submission.cohortId,
            responseId,
            id: crypto.randomUUID(),
            position: comment.position,
            body: comment.body,
            receiptHash: submission.receiptHash,
          })),
        )
        .execute();
    }
    return 'accepted';
  });
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
