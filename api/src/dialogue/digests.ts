import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import type { Services } from '../http/env.ts';
import { log } from '../http/log.ts';
import { orgUnits } from '../results/queries.ts';
import { type Flags, flagsOf } from './sensitive.ts';
import { closedPulses, homeInScope, type Staff, visibleComments } from './visible.ts';

/** At most one digest a day per person; the first one looks back a week. */
const digestEveryMs = 86_400_000;
const firstLookBackMs = 7 * 86_400_000;

/**
 * E-mails each manager and HR leader a digest of what waits for them: comments newly shown in
 * their scope (their pulse closed since the last digest) and employees' follow-ups since then.
 * Counts and a link only — never a comment's text, which stays behind sign-in.
 */
export async function sendDialogueDigests(services: Services, now: Date): Promise<number> {
  const { db } = services.store;
  let sent = 0;
  const orgs = await db.selectFrom('orgs').select('id').execute();
  for (const { id: orgId } of orgs) {
    const due = (await staffOf(db, orgId)).filter(
      (person) => !person.sentAt || now.getTime() - person.sentAt.getTime() >= digestEveryMs,
    );
    if (due.length === 0) continue;
    const shown = await shownComments(db, orgId, now);
    for (const person of due) {
      const news = await newsFor(db, orgId, shown, person, person.sentAt ?? new Date(now.getTime() - firstLookBackMs));
      if (news.comments + news.followUps === 0) continue;
      try {
        await services.mailer.send(db, {
          orgId,
          to: person.email,
          subject: 'New comments and follow-ups from your teams',
          text: digestText(news, `${services.publicUrl}/comments`),
        });
      } catch (error) {
        log.warn('dialogue digest failed', { orgId, error: String(error) });
        continue;
      }
      await db
        .insertInto('dialogueDigests')
        .values({ orgId, personId: person.id, sentAt: now, replySeq: news.lastSeq })
        .onConflict((c) => c.columns(['orgId', 'personId']).doUpdateSet({ sentAt: now, replySeq: news.lastSeq }))
        .execute();
      sent += 1;
    }
  }
  return sent;
}

interface StaffMember extends Staff {
  id: string;
  email: string;
  sentAt: Date | null;
  replySeq: number;
}

async function staffOf(db: Kysely<Database>, orgId: string): Promise<StaffMember[]> {
  const [people, managed] = await Promise.all([
    db
      .selectFrom('people as p')
      .leftJoin('dialogueDigests as d', (join) =>
        join.onRef('d.orgId', '=', 'p.orgId').onRef('d.personId', '=', 'p.id'),
      )
      .select(['p.id', 'p.email', 'p.role', 'd.sentAt', 'd.replySeq'])
      .where('p.orgId', '=', orgId)
      .where('p.active', '=', true)
      .where('p.role', 'in', ['manager', 'hr_admin'])
      .execute(),
    db
      .selectFrom('unitManagers as m')
      .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'm.orgId').onRef('u.id', '=', 'm.unitId'))
      .select(['m.personId', 'u.path'])
      .where('m.orgId', '=', orgId)
      .execute(),
  ]);
  return people.map((p) => ({
    ...p,
    replySeq: p.replySeq ?? 0,
    managedPaths: managed.filter((m) => m.personId === p.id).map((m) => m.path),
  }));
}

/** The comments shown somewhere, of the pulses closed in the last 120 days, with their home unit. */
async function shownComments(db: Kysely<Database>, orgId: string, now: Date) {
  const [units, pulses] = await Promise.all([
    orgUnits(db, orgId),
    closedPulses(db, orgId, { closedSince: new Date(now.getTime() - 120 * 86_400_000) }),
  ]);
  const closedAt = new Map(pulses.map((p) => [p.id, p.closedAt]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  return (await visibleComments(db, orgId, pulses)).map((c) => ({
    ...c,
    home: unitOf.get(c.homeId),
    closedAt: closedAt.get(c.pulseId) ?? now,
  }));
}

async function newsFor(
  db: Kysely<Database>,
  orgId: string,
  shown: Awaited<ReturnType<typeof shownComments>>,
  staff: StaffMember,
  since: Date,
) {
  const visible = shown.filter((c) => homeInScope(staff, c.home));
  const fresh = visible.filter((c) => c.closedAt.getTime() > since.getTime());
  const flags = staff.role === 'hr_admin' ? await flagsOf(db, orgId, fresh) : new Map<string, Flags>();
  const flagged = [...flags.values()].filter((f) => f.flags.length > 0).length;
  const followUps = await db
    .selectFrom('replies')
    .select(['commentId', 'seq'])
    .where('orgId', '=', orgId)
    .where('author', '=', 'employee')
    .where('seq', '>', staff.replySeq)
    .execute();
  const readable = new Set(visible.map((c) => c.id));
  const lastSeq = followUps.reduce((last, r) => Math.max(last, r.seq), staff.replySeq);
  return {
    comments: fresh.length,
    flagged,
    followUps: followUps.filter((r) => readable.has(r.commentId)).length,
    lastSeq,
  };
}

function digestText(news: { comments: number; flagged: number; followUps: number }, link: string): string {
  const lines = ['Hello,', ''];
  if (news.comments > 0)
    lines.push(
      `${news.comments} new anonymous comment${news.comments === 1 ? '' : 's'} from your teams' latest pulse.`,
    );
  if (news.flagged > 0)
    lines.push(
      `${news.flagged} of them ${news.flagged === 1 ? 'is' : 'are'} flagged as sensitive (naming someone, or using a word of your list).`,
    );
  if (news.followUps > 0)
    lines.push(
      `${news.followUps} follow-up${news.followUps === 1 ? '' : 's'} from employees to conversations you can answer.`,
    );
  lines.push(
    '',
    `Read and answer them in InsideOut: ${link}`,
    '',
    'Comments are not copied into e-mail: they stay anonymous and behind your sign-in.',
  );
  return lines.join('\n');
}

/** Checks every quarter of an hour who is due a digest. */
export function startDigests(services: Services, everyMs = 15 * 60_000): () => void {
  const run = () =>
    void sendDialogueDigests(services, services.now()).catch((error: unknown) =>
      log.warn('dialogue digests failed', { error: String(error) }),
    );
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
