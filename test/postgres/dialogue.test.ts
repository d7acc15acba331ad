import { sendDialogueDigests } from '@insideout/api';
import type { CommentList, Conversation, OrgDialogueHealth, Pulse, StaffComment } from '@insideout/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

/**
 * Anonymous dialogue over HTTP. The org (k = 5, k_comments = 10):
 *   Division (8 people) ─┬─ Big team (12)   → its comments show at Big team
 *                        └─ Small team (4)  → too small: its comments show at Division
 *   Elsewhere (10)                           → another manager's unit
 * Every person answers with one general comment saying where they sit.
 */
let store: TestDatabase;
let client: TestApp;
let hr: StaffClient;
let divisionManager: StaffClient;
let smallManager: StaffClient;
let elsewhereManager: StaffClient;
let pulse: Pulse;
const unit = {} as Record<'division' | 'big' | 'small' | 'elsewhere', TestUnit>;
/** The receipt code each comment was sent with, by its text. */
const receipts = new Map<string, string>();
const named = 'Jean Martin';

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  unit.division = await newUnit(store, org.id, org.root, 'Division');
  unit.big = await newUnit(store, org.id, unit.division, 'Big team');
  unit.small = await newUnit(store, org.id, unit.division, 'Small team');
  unit.elsewhere = await newUnit(store, org.id, org.root, 'Elsewhere');
  const sizes = { division: 8, big: 12, small: 4, elsewhere: 10 } as const;
  const people: Array<{ email: string; where: keyof typeof unit; index: number }> = [];
  for (const [where, size] of Object.entries(sizes) as Array<[keyof typeof unit, number]>) {
    for (let index = 0; index < size; index++) {
      const person = await newPerson(store, unit[where]);
      people.push({ email: person.email, where, index });
    }
  }
  await store.db
    .updateTable('people')
    .set({ displayName: named })
    .where('email', '=', people[0]?.email ?? '')
    .execute();
  const staff = {
    hr: await newPerson(store, org.root, { role: 'hr_admin' }),
    division: await newPerson(store, unit.division, { role: 'manager', manages: [unit.division] }),
    small: await newPerson(store, unit.small, { role: 'manager', manages: [unit.small] }),
    elsewhere: await newPerson(store, unit.elsewhere, { role: 'manager', manages: [unit.elsewhere] }),
  };
  hr = await client.signIn(staff.hr.email, testPassword);
  divisionManager = await client.signIn(staff.division.email, testPassword);
  smallManager = await client.signIn(staff.small.email, testPassword);
  elsewhereManager = await client.signIn(staff.elsewhere.email, testPassword);

  const audience = [unit.division, unit.big, unit.small, unit.elsewhere];
  pulse = (await (await hr.request('POST', '/api/v1/pulses', pulseInput(audience))).json()) as Pulse;
  expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`)).status).toBe(200);
  const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
  const invitations = invitationsIn(outbox.messages);
  for (const person of people) {
    const { survey, ballot } = await takeBallot(client, invitations.get(person.email) ?? '');
    const code = receipt();
    const body =
      person.where === 'big' && person.index === 1
        ? `${named} talks over everyone; I would call it harassment.`
        : `A thought from ${person.where} #${person.index}`;
    receipts.set(body, code.code);
    const response = await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: [{ position: 0, value: 4 }],
      comments: [{ position: null, body }],
      receiptHash: code.hash,
    });
    expect(response.status).toBe(201);
  }
  expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`)).status).toBe(200);
});
afterAll(() => store.close());

async function list(staff: StaffClient, query = '') {
  const response = await staff.get(`/api/v1/comments?pulseId=${pulse.id}&limit=200${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as CommentList;
}
const bodies = (comments: readonly StaffComment[]) => comments.map((c) => c.body).sort();
const from = (where: string) => (c: StaffComment) => c.body.startsWith(`A thought from ${where} `);
async function commentOf(text: string) {
  const comment = (await list(hr)).comments.find((c) => c.body === text);
  if (!comment) throw new Error(`no comment ${text}`);
  return comment;
}
const lookup = (code: string) => client.postJson('/api/v1/conversations/lookup', { receipt: code });

describe('who reads which comment', () => {
  it('shows a group under k_comments at the nearest ancestor that qualifies, never at its own unit', async () => {
    const all = await list(hr);
    expect(all.total).toBe(34);
    expect(all.comments.filter(from('small')).map((c) => c.shownAt.name)).toEqual(Array(4).fill('Division'));
    expect(all.comments.filter(from('big')).map((c) => c.shownAt.name)).toEqual(Array(11).fill('Big team'));
    expect(all.comments.filter(from('division')).every((c) => c.shownAt.name === 'Division')).toBe(true);

    // The small team's manager manages no unit where comments show.
    expect((await list(smallManager)).total).toBe(0);
    const small = all.comments.find(from('small'));
    await expectError(await smallManager.get(`/api/v1/comments/${small?.id}`), 404, 'not_found');
    // The division's manager reads their unit and everything shown below it.
    const division = await list(divisionManager);
    expect(division.total).toBe(24);
    expect((await list(divisionManager, `&unitId=${unit.big.id}`)).total).toBe(12);
  });

  it('lists comments in their sealed random order, without any time', async () => {
    const comments = (await list(hr)).comments;
    const sent = comments.map((c) => c.body);
    expect(sent).not.toEqual([...sent].sort());
    expect(JSON.stringify(comments)).not.toMatch(/"(createdAt|submittedAt|at)":/);
  });

  it('refuses a manager of another unit, as if the comment did not exist', async () => {
    const comment = await commentOf('A thought from big #0');
    await expectError(await elsewhereManager.get(`/api/v1/comments/${comment.id}`), 404, 'not_found');
    const reply = await elsewhereManager.request('POST', `/api/v1/comments/${comment.id}/replies`, { body: 'Hello' });
    await expectError(reply, 404, 'not_found');
    expect(bodies((await list(elsewhereManager)).comments)).toEqual(
      Array.from({ length: 10 }, (_, i) => `A thought from elsewhere #${i}`).sort(),
    );
  });

  it('flags a comment naming someone or using a listed word to HR leaders only', async () => {
    const text = `${named} talks over everyone; I would call it harassment.`;
    const flagged = await list(hr, '&flagged=true');
    expect(flagged.comments.map((c) => [c.body, c.flags, c.sensitiveWords])).toEqual([
      [text, ['names_person', 'sensitive_words'], ['harassment']],
    ]);
    const seenByManager = (await list(divisionManager)).comments.find((c) => c.body === text);
    expect(seenByManager?.flags).toEqual([]);
    await expectError(await divisionManager.get(`/api/v1/comments?flagged=true`), 403, 'forbidden');
  });
});

describe('a conversation', () => {
  it('takes a signed staff reply, then the employee reads it with the receipt and answers back', async () => {
    const text = 'A thought from small #2';
    const comment = await commentOf(text);
    const replied = await divisionManager.request('POST', `/api/v1/comments/${comment.id}/replies`, {
      acknowledgement: 'on_it',
      body: 'Thank you — we will look at the rota this week.',
    });
    expect(replied.status).toBe(201);
    const afterReply = (await replied.json()) as StaffComment;
    expect(afterReply.state).toBe('answered');
    expect(afterReply.messages).toEqual([
      expect.objectContaining({
        author: 'staff',
        authorName: divisionManager.session.person.displayName,
        acknowledgement: 'on_it',
      }),
    ]);

    const code = receipts.get(text) ?? '';
    const read = await lookup(code.toLowerCase().replace(/-/g, ' '));
    expect(read.status).toBe(200);
    const conversation = (await read.json()) as Conversation;
    expect(conversation.comments).toEqual([
      expect.objectContaining({ body: text, visibility: 'shown', shownAt: { name: 'Division' }, state: 'answered' }),
    ]);
    expect(conversation.comments[0]?.messages[0]?.body).toBe('Thank you — we will look at the rota this week.');

    const answered = await client.postJson(`/api/v1/conversations/comments/${comment.id}/follow-ups`, {
      receipt: code,
      body: 'It is mostly the Sunday shifts.',
    });
    expect(answered.status).toBe(201);
    const after = (await answered.json()) as Conversation;
    const employeeMessage = after.comments[0]?.messages[1];
    expect(employeeMessage).toMatchObject({
      author: 'employee',
      authorName: null,
      body: 'It is mostly the Sunday shifts.',
    });
    // Only the day is kept of the employee's message.
    expect(employeeMessage?.at).toMatch(/T00:00:00\.000Z$/);
    expect((await (await divisionManager.get(`/api/v1/comments/${comment.id}`)).json()).state).toBe('follow_up');
  });

  it('refuses a follow-up with a wrong receipt, or with another comment’s receipt', async () => {
    const comment = await commentOf('A thought from small #2');
    const wrong = await client.postJson(`/api/v1/conversations/comments/${comment.id}/follow-ups`, {
      receipt: '0000-0000-0000-0000',
      body: 'Pretending to be them.',
    });
    await expectError(wrong, 404, 'not_found');
    const other = await client.postJson(`/api/v1/conversations/comments/${comment.id}/follow-ups`, {
      receipt: receipts.get('A thought from small #3') ?? '',
      body: 'Pretending to be them.',
    });
    await expectError(other, 404, 'not_found');
    await expectError(await lookup('0000-0000-0000-0000'), 404, 'not_found');
    await expectError(await lookup('not a code!'), 400, 'invalid_input');
    const messages = (await (await hr.get(`/api/v1/comments/${comment.id}`)).json()) as StaffComment;
    expect(messages.messages.filter((m) => m.body === 'Pretending to be them.')).toEqual([]);
  });

  it('marks a conversation addressed; a follow-up opens it again', async () => {
    const text = 'A thought from big #3';
    const comment = await commentOf(text);
    await divisionManager.request('POST', `/api/v1/comments/${comment.id}/replies`, { acknowledgement: 'done' });
    const addressed = await divisionManager.request('PUT', `/api/v1/comments/${comment.id}/status`, {
      addressed: true,
    });
    expect(((await addressed.json()) as StaffComment).state).toBe('addressed');
    expect((await list(divisionManager, '&state=addressed')).comments.map((c) => c.body)).toContain(text);
    await client.postJson(`/api/v1/conversations/comments/${comment.id}/follow-ups`, {
      receipt: receipts.get(text) ?? '',
      body: 'Not quite done yet.',
    });
    expect(((await (await hr.get(`/api/v1/comments/${comment.id}`)).json()) as StaffComment).state).toBe('follow_up');
  });

  it('needs a reply text or an acknowledgement', async () => {
    const comment = await commentOf('A thought from big #4');
    await expectError(await hr.request('POST', `/api/v1/comments/${comment.id}/replies`, {}), 400, 'invalid_input');
    const thanks = await hr.request('POST', `/api/v1/comments/${comment.id}/replies`, { acknowledgement: 'thanks' });
    expect(thanks.status).toBe(201);
  });
});

describe('dialogue health', () => {
  it('equals a computation from the stored replies', async () => {
    // Spread first replies over time: each reply's age is set as if written days after the close.
    const comments = (await list(hr)).comments;
    const delays = [0.5, 2, 6.9, 7.5, 12];
    for (const i of delays.keys()) {
      const comment = comments.find((c) => c.body === `A thought from elsewhere #${i}`);
      await hr.request('POST', `/api/v1/comments/${comment?.id}/replies`, { acknowledgement: 'thanks' });
    }
    const closedAt = new Date(comments[0]?.pulse.closedAt ?? 0);
    // The pulse closed 20 days ago, so every comment is due.
    const shift = 20 * 86_400_000;
    await store.db
      .updateTable('pulses')
      .set({ closedAt: new Date(closedAt.getTime() - shift) })
      .where('id', '=', pulse.id)
      .execute();
    for (const [i, days] of delays.entries()) {
      const comment = comments.find((c) => c.body === `A thought from elsewhere #${i}`);
      await sql`update replies set created_at = ${new Date(closedAt.getTime() - shift + days * 86_400_000)}
        where comment_id = ${comment?.id}`.execute(store.db);
    }

    const stored = await sql<{ comment_id: string; first: Date }>`
      select comment_id, min(created_at) as first from replies where author = 'staff' group by comment_id`.execute(
      store.db.withoutPlugins(),
    );
    const closed = closedAt.getTime() - shift;
    const visibleIds = new Set(comments.map((c) => c.id));
    const elsewhereIds = new Set(comments.filter(from('elsewhere')).map((c) => c.id));
    const expected = (ids: Set<string>) => {
      const replies = stored.rows
        .filter((r) => ids.has(r.comment_id))
        .map((r) => (r.first.getTime() - closed) / 86_400_000);
      const within = replies.filter((d) => d <= 7).length;
      const sorted = [...replies].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      return {
        visibleComments: ids.size,
        due: ids.size,
        answeredWithin7Days: within,
        answeredWithin7DaysPercent: Math.floor((100 * within) / ids.size),
        medianDaysToFirstReply: Math.round((median ?? 0) * 10) / 10,
      };
    };

    const report = (await (await hr.get('/api/v1/dialogue/health')).json()) as OrgDialogueHealth;
    expect(report.org).toMatchObject(expected(visibleIds));
    const elsewhere = report.units.find((u) => u.unit.id === unit.elsewhere.id)?.health;
    expect(elsewhere).toMatchObject({
      ...expected(elsewhereIds),
      answeredWithin7Days: 3,
      answeredWithin7DaysPercent: 30,
    });
    expect(elsewhere?.medianDaysToFirstReply).toBe(6.9);

    // The small team's people are counted with the comments shown for them at Division.
    const small = await smallManager.get(`/api/v1/dialogue/units/${unit.small.id}/health`);
    const atDivision = new Set(comments.filter((c) => c.shownAt.name === 'Division').map((c) => c.id));
    expect(((await small.json()) as { health: unknown }).health).toMatchObject(expected(atDivision));
    await expectError(await smallManager.get(`/api/v1/dialogue/units/${unit.elsewhere.id}/health`), 404, 'not_found');
  });
});

describe('digests', () => {
  it('tell managers how many comments and follow-ups wait, without any comment text, once a day', async () => {
    const now = new Date();
    await store.db
      .updateTable('pulses')
      .set({ closedAt: new Date(now.getTime() - 3_600_000) })
      .where('id', '=', pulse.id)
      .execute();
    await sendDialogueDigests(client.services, now);
    const mails = await store.db
      .selectFrom('mailOutbox')
      .select(['to', 'subject', 'text'])
      .where('subject', 'like', 'New comments%')
      .execute();
    const toDivision = mails.find((m) => m.to === divisionManager.session.person.email);
    expect(toDivision?.text).toContain('24 new anonymous comments');
    expect(toDivision?.text).toContain('2 follow-ups from employees');
    expect(toDivision?.text).toContain('http://insideout.test/comments');
    for (const mail of mails) expect(mail.text).not.toMatch(/thought from|harassment|Sunday shifts/);
    expect(mails.some((m) => m.to === smallManager.session.person.email)).toBe(false);
    const toHr = mails.find((m) => m.to === hr.session.person.email);
    expect(toHr?.text).toContain('34 new anonymous comments');
    expect(toHr?.text).toContain('1 of them is flagged as sensitive');

    await sendDialogueDigests(client.services, new Date(now.getTime() + 3_600_000));
    const again = await store.db
      .selectFrom('mailOutbox')
      .select('to')
      .where('subject', 'like', 'New comments%')
      .execute();
    expect(again.length).toBe(mails.length);
  });
});

describe('receipt lookups', () => {
  it('are limited per address, so codes cannot be tried in bulk', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await lookup('0000-0000-0000-0000')).status);
    expect(statuses).toContain(429);
    await expectError(await lookup('0000-0000-0000-0000'), 429, 'rate_limited');
  });
});
