import { readFileSync } from 'node:fs';
import { seedDemoIfEmpty } from '@insideout/api';
import type {
  AmbassadorCampaignList,
  Campaign,
  CampaignAmbassadors,
  CampaignClicks,
  CampaignList,
  CommentList,
  ConsentedIntroductionList,
  Conversation,
  KudosList,
  ShareKit,
} from '@insideout/contracts';
import { createDb, type Db, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personSignIn } from '../support/ambassador.ts';
import { type TestApp, testApp } from '../support/http.ts';

let store: Db;
let client: TestApp;

beforeAll(async () => {
  store = await createDb({ dataDir: 'memory://' });
  await migrateToLatest(store.db);
  client = testApp(store);
});
afterAll(() => store?.close());

// The demo password as README.md documents it: the docs and the product must agree.
function readmeDemoPassword(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const line = readme.split('\n').find((l) => /password/i.test(l) && /`[^`]+`/.test(l)) ?? '';
  const words = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
  return words.find((w) => !w.includes('@')) ?? '';
}

describe('the demo organisation', () => {
  it('is seeded once, on an empty store only', async () => {
    expect(await seedDemoIfEmpty(client.services)).toBe(true);
    expect(await seedDemoIfEmpty(client.services)).toBe(false);
    expect(await store.db.selectFrom('orgs').select('name').execute()).toHaveLength(1);
  });

  it('has several hundred people in units three or more levels deep', async () => {
    const { count } = await store.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(count).toBeGreaterThanOrEqual(300);
    const { rows } = await sql<{ depth: number }>`
      select max(array_length(string_to_array(trim(both '/' from path), '/'), 1)) as depth from units`.execute(
      store.db,
    );
    expect(rows[0]?.depth).toBeGreaterThanOrEqual(3);
  });

  it('lets the staff logins of README sign in with the documented password', async () => {
    const password = readmeDemoPassword();
    expect(password.length).toBeGreaterThan(0);
    const hr = await client.signIn('hr@demo.test', password);
    expect(hr.session.person.role).toBe('hr_admin');
    const manager = await client.signIn('manager@demo.test', password);
    expect(manager.session.person.role).toBe('manager');
  });
});

describe('the demo pulses', () => {
  it('has five closed pulses with answers and one open pulse with invitations', async () => {
    const pulses = await store.db.selectFrom('pulses').select(['id', 'state']).orderBy('opensAt').execute();
    expect(pulses.map((p) => p.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed', 'open']);
    for (const pulse of pulses.slice(0, 5)) {
      const { count } = await store.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('pulseId', '=', pulse.id)
        .executeTakeFirstOrThrow();
      expect(count).toBeGreaterThan(150);
    }
    const invitations = await store.db
      .selectFrom('invitations')
      .select('personId')
      .where('pulseId', '=', pulses[5]?.id ?? '')
      .execute();
    expect(invitations.length).toBeGreaterThanOrEqual(300);
  });
});

describe('the demo conversations', () => {
  it('has comments in every conversation state, and a flagged one, for HR to explore', async () => {
    const manager = await client.signIn('hr@demo.test', readmeDemoPassword());
    const pulses = (await (await manager.get('/api/v1/results/pulses')).json()) as { pulses: Array<{ id: string }> };
    const states = new Set<string>();
    for (const pulse of pulses.pulses) {
      const list = (await (await manager.get(`/api/v1/comments?pulseId=${pulse.id}`)).json()) as CommentList;
      for (const [state, count] of Object.entries(list.counts)) if (count > 0) states.add(state);
    }
    expect([...states].sort()).toEqual(['addressed', 'answered', 'flagged', 'follow_up', 'unanswered']);
  });

  it("opens the README's demo receipt code on a conversation with a manager's reply", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = /receipt code `([0-9A-Z-]{19})`/i.exec(readme)?.[1] ?? '';
    const response = await client.postJson('/api/v1/conversations/lookup', { receipt: code });
    expect(response.status).toBe(200);
    const conversation = (await response.json()) as Conversation;
    expect(conversation.comments[0]?.messages[0]).toMatchObject({ author: 'staff', authorName: 'Marc Olivier' });
  });
});

describe('the demo ambassadors', () => {
  it('shows HR the live campaign’s opt-ins per unit, its clicks and only consented introductions', async () => {
    const hr = await client.signIn('hr@demo.test', readmeDemoPassword());
    const { campaigns } = (await (await hr.get('/api/v1/campaigns?state=live')).json()) as CampaignList;
    const live = campaigns[0] as Campaign;
    const roster = (await (await hr.get(`/api/v1/campaigns/${live.id}/ambassadors`)).json()) as CampaignAmbassadors;
    expect(roster.total).toBe(5);
    expect(roster.units.reduce((sum, unit) => sum + unit.count, 0)).toBe(5);
    const clicks = (await (await hr.get(`/api/v1/campaigns/${live.id}/clicks`)).json()) as CampaignClicks;
    expect(clicks.total).toBeGreaterThan(20);
    const kit = (await (await hr.get(`/api/v1/campaigns/${live.id}/share-kit`)).json()) as ShareKit;
    expect(kit.targetUrl).toMatch(/^https:\/\//);
    expect(kit.texts.fr.length).toBeGreaterThan(0);

    const { introductions } = (await (await hr.get('/api/v1/introductions')).json()) as ConsentedIntroductionList;
    expect(introductions.map((i) => i.recruiterState).sort()).toEqual(['contacted', 'interviewing', 'new']);
    // Two more wait for their contact's consent: nobody but their introducer sees them.
    expect(
      await store.db.selectFrom('introductions').select('id').where('consent', '=', 'pending').execute(),
    ).toHaveLength(2);
    expect(JSON.stringify(introductions)).not.toMatch(/Oskar|Chiara/);

    // The introducer of the interviewing contact finds the recruiter's thank-you on their page.
    const interviewing = introductions.find((i) => i.recruiterState === 'interviewing');
    const introducer = await store.db
      .selectFrom('people')
      .select(['id', 'orgId', 'email', 'role'])
      .where('id', '=', interviewing?.introducer.id ?? '')
      .executeTakeFirstOrThrow();
    const employee = await personSignIn(client, introducer);
    const { kudos } = (await (await employee.get('/api/v1/ambassador/kudos')).json()) as KudosList;
    expect(kudos.map((k) => k.message)).toContain(
      'Thank you for introducing Léa: her first interview went really well.',
    );
    const mine = (await (await employee.get('/api/v1/ambassador/campaigns')).json()) as AmbassadorCampaignList;
    expect(mine.campaigns).toContainEqual(expect.objectContaining({ id: live.id, joined: true }));
  });
});

describe('the demo campaigns', () => {
  it('has a campaign in every state, decided by the gate on the demo results', async () => {
    const hr = await client.signIn('hr@demo.test', readmeDemoPassword());
    const { campaigns } = (await (await hr.get('/api/v1/campaigns')).json()) as CampaignList;
    expect(campaigns.map((c) => c.state).sort()).toEqual([
      'blocked',
      'cancelled',
      'completed',
      'draft',
      'live',
      'paused',
      'ready',
    ]);
    const blocked = campaigns.find((c) => c.state === 'blocked');
    expect(blocked?.evaluation?.verdict).toBe('fail');
    expect(campaigns.find((c) => c.state === 'completed')?.override?.reason.length).toBeGreaterThanOrEqual(30);
  });

  it('pauses the live campaign when the current pulse closes, and tells its owner', async () => {
    const hr = await client.signIn('hr@demo.test', readmeDemoPassword());
    const { campaigns } = (await (await hr.get('/api/v1/campaigns?state=live')).json()) as CampaignList;
    expect(campaigns).toHaveLength(1);
    const open = await store.db.selectFrom('pulses').select('id').where('state', '=', 'open').executeTakeFirstOrThrow();
    expect((await hr.request('POST', `/api/v1/pulses/${open.id}/close`)).status).toBe(200);
    const after = (await (await hr.get(`/api/v1/campaigns/${campaigns[0]?.id}`)).json()) as Campaign;
    expect(after.state).toBe('paused');
    expect(after.evaluation).toMatchObject({ trigger: 'pulse_closed', pulseId: open.id, verdict: 'fail' });
    const mail = await store.db
      .selectFrom('mailOutbox')
      .select('to')
      .where('subject', '=', `Campaign paused: ${after.name}`)
      .executeTakeFirst();
    expect(mail?.to).toBe(after.owner.email);
  });
});
