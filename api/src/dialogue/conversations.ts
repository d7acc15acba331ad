import { createHash } from 'node:crypto';
import type { Conversation } from '@insideout/contracts';
import { canonicalReceiptCode } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { ApiError } from '../http/errors.ts';
import { orgUnits } from '../results/queries.ts';
import { itemsOf, unitsById } from './comments.ts';
import { threadsOf } from './threads.ts';
import { homesOf } from './visible.ts';

/** The stored form of a receipt code: SHA-256 of its canonical form, as the device computed it. */
export function receiptHashOf(code: string): string {
  return createHash('sha256').update(canonicalReceiptCode(code)).digest('base64url');
}

const noMatch = () => new ApiError('not_found', 'No comment has this receipt code. Check it, character by character.');

/**
 * The employee's side: every comment sent with the response this receipt belongs to, where each
 * shows, and its conversation. Possession of the code is the only proof; nothing else about the
 * employee is asked or kept.
 */
export async function conversationOf(db: Kysely<Database>, receipt: string): Promise<Conversation> {
  const comments = await db
    .selectFrom('comments as c')
    .innerJoin('cohorts as co', (join) =>
      join.onRef('co.orgId', '=', 'c.orgId').onRef('co.pulseId', '=', 'c.pulseId').onRef('co.id', '=', 'c.cohortId'),
    )
    .innerJoin('pulses as p', (join) => join.onRef('p.orgId', '=', 'c.orgId').onRef('p.id', '=', 'c.pulseId'))
    .select(['c.orgId', 'c.pulseId', 'c.id', 'c.position', 'c.body', 'co.unitId'])
    .select(['p.title', 'p.state', 'p.closedAt', 'p.k', 'p.kComments'])
    .where('c.receiptHash', '=', receiptHashOf(receipt))
    .orderBy('c.position', (ob) => ob.asc().nullsLast())
    .execute();
  const first = comments[0];
  if (!first) throw noMatch();
  const { orgId, pulseId } = first;
  if (first.state === 'draft') throw noMatch();
  const pulse = { ...first, id: pulseId, state: first.state };
  const closed = pulse.state === 'closed';
  const [homes, units, items, threads] = await Promise.all([
    closed ? homesOf(db, orgId, [pulse]) : Promise.resolve(undefined),
    orgUnits(db, orgId).then(unitsById),
    itemsOf(db, orgId, pulseId),
    threadsOf(
      db,
      orgId,
      comments.map((c) => c.id),
    ),
  ]);
  return {
    pulse: { id: pulseId, title: pulse.title, state: pulse.state, closedAt: pulse.closedAt?.toISOString() ?? null },
    kComments: pulse.kComments,
    comments: comments.map((c) => {
      const home = homes?.get(pulseId)?.get(c.unitId);
      const thread = threads.get(c.id);
      return {
        id: c.id,
        item: c.position === null ? null : (items.get(c.position) ?? null),
        body: c.body,
        visibility: !closed ? 'pending' : home ? 'shown' : 'not_shown',
        shownAt: home ? { name: units.get(home)?.name ?? 'A unit since removed' } : null,
        state: thread?.state ?? 'unanswered',
        messages: thread?.messages ?? [],
      };
    }),
  };
}

/**
 * The employee answers back. It keeps only the day it was written, and opens an addressed
 * conversation again: the employee has more to say.
 */
export async function followUp(
  db: Kysely<Database>,
  commentId: string,
  input: { receipt: string; body: string },
  now: Date,
): Promise<Conversation> {
  const conversation = await conversationOf(db, input.receipt);
  const comment = conversation.comments.find((c) => c.id === commentId);
  if (!comment) throw noMatch();
  if (comment.visibility === 'pending') {
    throw new ApiError('conflict', 'The pulse is still open: comments are read, and can be answered, once it closes.');
  }
  if (comment.visibility === 'not_shown') {
    throw new ApiError(
      'conflict',
      'This comment is not shown to anyone (too few people answered to keep it anonymous), so nobody could read a follow-up.',
    );
  }
  if (comment.messages.filter((m) => m.author === 'employee').length >= 20) {
    throw new ApiError(
      'conflict',
      'This conversation has reached 20 follow-ups; please raise anything new in the next pulse.',
    );
  }
  const row = await db
    .selectFrom('comments')
    .select(['orgId', 'pulseId'])
    .where('id', '=', commentId)
    .where('receiptHash', '=', receiptHashOf(input.receipt))
    .executeTakeFirstOrThrow();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('replies')
      .values({
        ...row,
        commentId,
        author: 'employee',
        authorId: null,
        authorName: null,
        acknowledgement: null,
        body: input.body,
        createdAt: day,
      })
      .execute();
    await trx
      .deleteFrom('commentStatus')
      .where('orgId', '=', row.orgId)
      .where('pulseId', '=', row.pulseId)
      .where('commentId', '=', commentId)
      .execute();
  });
  return conversationOf(db, input.receipt);
}
