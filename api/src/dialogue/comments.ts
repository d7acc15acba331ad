import type {
  CommentList,
  CommentStatus,
  CommentsSelection,
  ConversationState,
  Driver,
  NewReply,
  StaffComment,
} from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { orgUnits, type UnitRecord } from '../results/queries.ts';
import { flagsOf } from './sensitive.ts';
import { type Thread, threadsOf } from './threads.ts';
import { closedPulses, homeInScope, type VisibleComment, visibleComments } from './visible.ts';

type ClosedPulse = Awaited<ReturnType<typeof closedPulses>>[number];

export interface PulseItemText {
  position: number;
  driver: Driver;
  text: { en: string; fr: string };
}

/**
 * A pulse's comments an actor may read: those shown at units in their scope, in the sealed
 * random order (never by time), filtered by unit, driver, state and — for HR leaders — flag.
 */
export async function listComments(db: Kysely<Database>, actor: Actor, query: CommentsSelection): Promise<CommentList> {
  const pulses = await closedPulses(db, actor.orgId);
  const units = unitsById(await orgUnits(db, actor.orgId));
  const pulse = query.pulseId
    ? pulses.find((p) => p.id === query.pulseId)
    : await latestWithComments(db, actor, pulses, units);
  if (query.pulseId && !pulse) throw new ApiError('not_found', 'No closed pulse with this id.');
  const empty = { unanswered: 0, answered: 0, follow_up: 0, addressed: 0, flagged: 0 };
  if (!pulse) return { pulse: null, kComments: null, counts: empty, total: 0, comments: [] };

  const within = query.unitId ? units.get(query.unitId) : undefined;
  if (query.unitId && !(within && homeInScope(actor, within))) throw new ApiError('not_found', 'No such unit.');
  const items = await itemsOf(db, actor.orgId, pulse.id);
  const driverOf = (c: VisibleComment) => (c.position === null ? 'general' : items.get(c.position)?.driver);
  const readable = (await visibleComments(db, actor.orgId, [pulse])).filter((c) => {
    const home = units.get(c.homeId);
    return (
      homeInScope(actor, home) &&
      (!within || (home?.path.startsWith(within.path) ?? false)) &&
      (!query.driver || driverOf(c) === query.driver)
    );
  });
  const [threads, flags] = await Promise.all([
    threadsOf(
      db,
      actor.orgId,
      readable.map((c) => c.id),
    ),
    actor.role === 'hr_admin' ? flagsOf(db, actor.orgId, readable) : Promise.resolve(undefined),
  ]);
  const counts = { ...empty };
  const selected = readable.filter((c) => {
    const state = threads.get(c.id)?.state ?? 'unanswered';
    const flagged = (flags?.get(c.id)?.flags.length ?? 0) > 0;
    counts[state] += 1;
    if (flagged) counts.flagged += 1;
    return (!query.state || query.state === state) && (query.flagged === undefined || query.flagged === flagged);
  });
  return {
    pulse: pulseView(pulse),
    kComments: pulse.kComments,
    counts,
    total: selected.length,
    comments: selected
      .slice(query.offset, query.offset + query.limit)
      .map((c) => staffView(c, pulse, units, items, threads.get(c.id), flags?.get(c.id))),
  };
}

/** One comment an actor may read, with its conversation; 404 for any other. */
export async function readComment(db: Kysely<Database>, actor: Actor, commentId: string): Promise<StaffComment> {
  return viewOf(db, actor, await findReadable(db, actor, commentId));
}

async function viewOf(db: Kysely<Database>, actor: Actor, { comment, pulse, units }: Readable): Promise<StaffComment> {
  const [items, threads, flags] = await Promise.all([
    itemsOf(db, actor.orgId, pulse.id),
    threadsOf(db, actor.orgId, [comment.id]),
    actor.role === 'hr_admin' ? flagsOf(db, actor.orgId, [comment]) : Promise.resolve(undefined),
  ]);
  return staffView(comment, pulse, units, items, threads.get(comment.id), flags?.get(comment.id));
}

/** A staff reply, signed with the staff member's name: the conversation is anonymous on one side only. */
export async function replyTo(
  db: Kysely<Database>,
  actor: Actor,
  commentId: string,
  reply: NewReply,
  now: Date,
): Promise<StaffComment> {
  const readable = await findReadable(db, actor, commentId);
  const { comment } = readable;
  await db
    .insertInto('replies')
    .values({
      orgId: actor.orgId,
      pulseId: comment.pulseId,
      commentId: comment.id,
      author: 'staff',
      authorId: actor.personId,
      authorName: actor.displayName,
      acknowledgement: reply.acknowledgement,
      body: reply.body,
      createdAt: now,
    })
    .execute();
  return viewOf(db, actor, readable);
}

/** Marks a conversation addressed, or opens it again. */
export async function setStatus(
  db: Kysely<Database>,
  actor: Actor,
  commentId: string,
  status: CommentStatus,
  now: Date,
): Promise<StaffComment> {
  const readable = await findReadable(db, actor, commentId);
  const { comment } = readable;
  await db.transaction().execute(async (trx) => {
    const key = { orgId: actor.orgId, pulseId: comment.pulseId, commentId: comment.id };
    const changed = status.addressed
      ? await trx
          .insertInto('commentStatus')
          .values({ ...key, addressedAt: now, addressedBy: actor.personId })
          .onConflict((c) => c.columns(['orgId', 'pulseId', 'commentId']).doNothing())
          .executeTakeFirst()
      : await trx
          .deleteFrom('commentStatus')
          .where('orgId', '=', key.orgId)
          .where('pulseId', '=', key.pulseId)
          .where('commentId', '=', key.commentId)
          .executeTakeFirst();
    const rows = 'numInsertedOrUpdatedRows' in changed ? changed.numInsertedOrUpdatedRows : changed.numDeletedRows;
    if (rows === 0n) return;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actor: staffActor(actor),
      action: status.addressed ? 'comment.addressed' : 'comment.reopened',
      target: { type: 'comment', id: comment.id },
    });
  });
  return viewOf(db, actor, readable);
}

type Readable = Awaited<ReturnType<typeof findReadable>>;

async function findReadable(db: Kysely<Database>, actor: Actor, commentId: string) {
  const row = await db
    .selectFrom('comments')
    .select('pulseId')
    .where('orgId', '=', actor.orgId)
    .where('id', '=', commentId)
    .executeTakeFirst();
  const [pulse] = row ? await closedPulses(db, actor.orgId, { id: row.pulseId }) : [];
  const [comment] = pulse ? await visibleComments(db, actor.orgId, [pulse], { commentId }) : [];
  const units = unitsById(await orgUnits(db, actor.orgId));
  if (!pulse || !comment || !homeInScope(actor, units.get(comment.homeId))) {
    throw new ApiError('not_found', 'No such comment, or not one you may read.');
  }
  return { comment, pulse, units };
}

async function latestWithComments(
  db: Kysely<Database>,
  actor: Actor,
  pulses: readonly ClosedPulse[],
  units: ReadonlyMap<string, UnitRecord>,
) {
  // Newest first; most orgs find theirs in the first pulse or two.
  for (const pulse of pulses.slice(0, 12)) {
    const comments = await visibleComments(db, actor.orgId, [pulse]);
    if (comments.some((c) => homeInScope(actor, units.get(c.homeId)))) return pulse;
  }
  return pulses[0];
}

export async function itemsOf(db: Kysely<Database>, orgId: string, pulseId: string) {
  const rows = await db
    .selectFrom('pulseItems')
    .select(['position', 'driver', 'textEn', 'textFr'])
    .where('orgId', '=', orgId)
    .where('pulseId', '=', pulseId)
    .execute();
  return new Map<number, PulseItemText>(
    rows.map((r) => [
      r.position,
      { position: r.position, driver: r.driver as Driver, text: { en: r.textEn, fr: r.textFr } },
    ]),
  );
}

export function unitsById(units: readonly UnitRecord[]) {
  return new Map(units.map((u) => [u.id, u]));
}

export const pulseView = (pulse: ClosedPulse) => ({
  id: pulse.id,
  title: pulse.title,
  closedAt: pulse.closedAt.toISOString(),
});

function staffView(
  comment: VisibleComment,
  pulse: ClosedPulse,
  units: ReadonlyMap<string, UnitRecord>,
  items: ReadonlyMap<number, PulseItemText>,
  thread: Thread | undefined,
  flags: { flags: StaffComment['flags']; sensitiveWords: string[] } | undefined,
): StaffComment {
  return {
    id: comment.id,
    pulse: pulseView(pulse),
    shownAt: { id: comment.homeId, name: units.get(comment.homeId)?.name ?? 'A unit since removed' },
    item: comment.position === null ? null : (items.get(comment.position) ?? null),
    body: comment.body,
    state: thread?.state ?? ('unanswered' satisfies ConversationState),
    messages: thread?.messages ?? [],
    flags: flags?.flags ?? [],
    sensitiveWords: flags?.sensitiveWords ?? [],
  };
}
