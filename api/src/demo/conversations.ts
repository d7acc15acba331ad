import type { Acknowledgement, Database } from '@insideout/db';
import type { Insertable } from 'kysely';
import { receiptHashOf } from '../dialogue/conversations.ts';
import { closedPulses, visibleComments } from '../dialogue/visible.ts';
import type { Services } from '../http/env.ts';
import { seededRandom } from './random.ts';
import type { DemoOrg } from './seed.ts';

/** The receipt code of one demo comment, so the employee's conversation page can be tried (README). */
export const demoReceiptCode = 'DEMO-7KQ2-M9XD-4TRB';

const replies: Array<[Acknowledgement | null, string]> = [
  ['thanks', 'Thank you for raising this — it helps to hear it plainly.'],
  ['on_it', 'We are on it: the team leads meet on Thursday to rework the plan.'],
  ['need_detail', 'Could you tell us a bit more about when this happens? Reply here, it stays anonymous.'],
  ['done', 'Done: from next month, Friday afternoons are free of meetings.'],
  [null, 'Agreed. I will bring this to the next all-hands and come back to you here.'],
];
const followUps = [
  'Thanks — it is mostly in the last week of each month.',
  'Good to hear. Will the new plan be shared with everyone?',
  'Still the same this month, unfortunately.',
];

/**
 * Conversations in every state on the demo's closed pulses: answered within days, answered late,
 * unanswered, answered back by the employee, and addressed. Each comment is answered by a manager
 * of the unit it shows at (or above it), else by the HR leader. Operations answers slowly, so its
 * dialogue health — and the readiness gate — has something to say.
 */
export async function seedDemoConversations(services: Services, demo: DemoOrg, hrId: string) {
  const { db } = services.store;
  const next = seededRandom(23);
  const pulses = await closedPulses(db, demo.orgId);
  const comments = await visibleComments(db, demo.orgId, pulses);
  const [staff, managers] = await Promise.all([
    db
      .selectFrom('people')
      .select(['id', 'displayName'])
      .where('orgId', '=', demo.orgId)
      .where('role', '!=', 'employee')
      .execute(),
    db.selectFrom('unitManagers').select(['unitId', 'personId']).where('orgId', '=', demo.orgId).execute(),
  ]);
  const nameOf = new Map(staff.map((s) => [s.id, s.displayName]));
  const pathOf = new Map([...demo.units.values()].map((u) => [u.id, u.path]));
  const slow = demo.units.get('Operations')?.path ?? '∅';
  const closedAt = new Map(pulses.map((p) => [p.id, p.closedAt]));
  const day = 86_400_000;

  const rows: Insertable<Database['replies']>[] = [];
  const addressed: Insertable<Database['commentStatus']>[] = [];
  for (const comment of comments) {
    const path = pathOf.get(comment.homeId) ?? '';
    const answerer = managers.find((m) => path.includes(`/${m.unitId}/`))?.personId ?? hrId;
    const closed = closedAt.get(comment.pulseId)?.getTime() ?? 0;
    const isSlow = path.startsWith(slow);
    const roll = next();
    if (roll < (isSlow ? 0.45 : 0.1)) continue; // unanswered
    const delay = isSlow ? 3 + next() * 12 : 0.2 + next() * (roll < 0.2 ? 10 : 4);
    const [acknowledgement, body] = replies[Math.floor(next() * replies.length)] ?? [null, ''];
    const key = { orgId: demo.orgId, pulseId: comment.pulseId, commentId: comment.id };
    const staffReply = (at: number, text: string, ack: Acknowledgement | null) =>
      rows.push({
        ...key,
        author: 'staff',
        authorId: answerer,
        authorName: nameOf.get(answerer) ?? 'HR',
        acknowledgement: ack,
        body: text,
        createdAt: new Date(at),
      });
    staffReply(closed + delay * day, body, acknowledgement);
    const after = next();
    if (after < 0.3) {
      const dayOf = new Date(closed + (delay + 1 + next() * 3) * day);
      dayOf.setUTCHours(0, 0, 0, 0);
      rows.push({
        ...key,
        author: 'employee',
        authorId: null,
        authorName: null,
        acknowledgement: null,
        body: followUps[Math.floor(next() * followUps.length)] ?? '',
        createdAt: dayOf,
      });
      if (after < 0.15)
        staffReply(
          dayOf.getTime() + 1.5 * day,
          'Thank you, that helps. We will come back to you after the next team meeting.',
          'thanks',
        );
    } else if (after < 0.6) {
      addressed.push({ ...key, addressedAt: new Date(closed + (delay + 2) * day), addressedBy: answerer });
    }
  }
  // One conversation the README's demo receipt opens: the newest pulse's first comment shown to Platform's manager.
  const platform = demo.units.get('Platform')?.path ?? '∅';
  const example = comments.find(
    (c) =>
      c.pulseId === pulses[0]?.id &&
      (pathOf.get(c.homeId) ?? '').startsWith(platform) &&
      rows.some((r) => r.commentId === c.id),
  );
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('replies')
        .values(rows.slice(i, i + 500))
        .execute();
    if (addressed.length > 0) await trx.insertInto('commentStatus').values(addressed).execute();
    if (example) {
      const receiptHash = receiptHashOf(demoReceiptCode);
      await trx
        .updateTable('comments')
        .set({ receiptHash })
        .where('orgId', '=', demo.orgId)
        .where('id', '=', example.id)
        .execute();
    }
  });
}
