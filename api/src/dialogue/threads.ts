import type { ConversationState, Message } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';

export interface Thread {
  messages: Message[];
  addressed: boolean;
  state: ConversationState;
  firstStaffReplyAt: Date | null;
}

/** The conversations of these comments (of one org): their messages in order and their state. */
export async function threadsOf(
  db: Kysely<Database>,
  orgId: string,
  commentIds: readonly string[],
): Promise<Map<string, Thread>> {
  const threads = new Map<string, Thread>();
  for (const id of commentIds)
    threads.set(id, { messages: [], addressed: false, state: 'unanswered', firstStaffReplyAt: null });
  if (commentIds.length === 0) return threads;
  const [replies, addressed] = await Promise.all([
    db
      .selectFrom('replies')
      .select(['commentId', 'id', 'author', 'authorName', 'acknowledgement', 'body', 'createdAt'])
      .where('orgId', '=', orgId)
      .where('commentId', 'in', commentIds)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('commentStatus')
      .select('commentId')
      .where('orgId', '=', orgId)
      .where('commentId', 'in', commentIds)
      .execute(),
  ]);
  for (const reply of replies) {
    const thread = threads.get(reply.commentId);
    if (!thread) continue;
    thread.messages.push({
      id: reply.id,
      author: reply.author,
      authorName: reply.authorName,
      acknowledgement: reply.acknowledgement,
      body: reply.body,
      at: reply.createdAt.toISOString(),
    });
    if (reply.author === 'staff' && !thread.firstStaffReplyAt) thread.firstStaffReplyAt = reply.createdAt;
  }
  for (const row of addressed) {
    const thread = threads.get(row.commentId);
    if (thread) thread.addressed = true;
  }
  for (const thread of threads.values()) thread.state = stateOf(thread);
  return threads;
}

function stateOf(thread: Omit<Thread, 'state'>): ConversationState {
  if (thread.addressed) return 'addressed';
  const lastStaff = thread.messages.findLastIndex((m) => m.author === 'staff');
  if (lastStaff === -1) return 'unanswered';
  return lastStaff === thread.messages.length - 1 ? 'answered' : 'follow_up';
}
