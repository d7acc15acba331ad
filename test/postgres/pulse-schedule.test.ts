import { runDuePulses } from '@insideout/api';
import type { Pulse } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, testPassword } from '../support/factories.ts';
import { type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let client: TestApp;
let hr: StaffClient;
let pulse: Pulse;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  const team = await newUnit(store, org.id, org.root, 'Team');
  for (let i = 0; i < 5; i++) await newPerson(store, team);
  hr = await client.signIn((await newPerson(store, org.root, { role: 'hr_admin' })).email, testPassword);
  pulse = (await (
    await hr.request('POST', '/api/v1/pulses', pulseInput([team], { recurrence: 'weekly' }))
  ).json()) as Pulse;
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`);
});
afterAll(() => store.close());

const states = async () =>
  (
    await store.db
      .selectFrom('pulses')
      .select(['id', 'state', 'opensAt', 'closesAt', 'previousId'])
      .orderBy('opensAt')
      .execute()
  ).map((p) => ({ ...p, opensAt: p.opensAt.toISOString(), closesAt: p.closesAt.toISOString() }));

describe('the pulse scheduler', () => {
  it('leaves a pulse open before its end date', async () => {
    expect(await runDuePulses(client.services, new Date())).toBe(0);
    expect((await states()).map((p) => p.state)).toEqual(['open']);
  });

  it('closes a pulse at its end date and schedules the next of a weekly series, a week later', async () => {
    const end = new Date(pulse.closesAt);
    await runDuePulses(client.services, new Date(end.getTime() + 1000));
    const [closed, next] = await states();
    expect(closed).toMatchObject({ id: pulse.id, state: 'closed' });
    expect(next).toMatchObject({
      state: 'draft',
      previousId: pulse.id,
      opensAt: new Date(new Date(pulse.opensAt).getTime() + 7 * 86_400_000).toISOString(),
      closesAt: new Date(end.getTime() + 7 * 86_400_000).toISOString(),
    });
    const items = await store.db
      .selectFrom('pulseItems')
      .select('questionKey')
      .where('pulseId', '=', next?.id ?? '')
      .execute();
    expect(items).toHaveLength(pulse.items.length);
  });

  it('opens the next pulse by itself when its time comes, inviting the audience again', async () => {
    const next = (await states())[1];
    await runDuePulses(client.services, new Date(new Date(next?.opensAt ?? 0).getTime() + 1000));
    expect((await states())[1]?.state).toBe('open');
    const invited = await store.db
      .selectFrom('invitations')
      .select('personId')
      .where('pulseId', '=', next?.id ?? '')
      .execute();
    expect(invited).toHaveLength(5);
  });
});
