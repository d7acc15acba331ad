import type { Pulse, Question } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let hr: StaffClient;
let team: TestUnit;
let orgName: string;

beforeAll(async () => {
  store = await freshDatabase();
  const client = testApp(store);
  const org = await newOrg(store, 'Acme');
  orgName = org.name;
  team = await newUnit(store, org.id, org.root, 'Team');
  for (let i = 0; i < 5; i++) await newPerson(store, team);
  hr = await client.signIn((await newPerson(store, org.root, { role: 'hr_admin' })).email, testPassword);
});
afterAll(() => store.close());

const listQuestions = async () =>
  ((await (await hr.get('/api/v1/questions')).json()) as { questions: Question[] }).questions;
const text = { en: 'I have what I need to learn on the job.', fr: "J'ai ce qu'il faut pour apprendre au travail." };

describe('the question bank', () => {
  it('has the eleven drivers, three items each, in English and French, with eNPS under Ambassadorship', async () => {
    const bank = (await listQuestions()).filter((q) => q.source === 'bank');
    expect(bank).toHaveLength(33);
    const drivers = new Set(bank.map((q) => q.driver));
    expect(drivers.size).toBe(11);
    for (const driver of drivers) expect(bank.filter((q) => q.driver === driver)).toHaveLength(3);
    const enps = bank.filter((q) => q.kind === 'nps11');
    expect(enps).toEqual([expect.objectContaining({ driver: 'ambassadorship' })]);
    expect(enps[0]?.text.en).toBe(`How likely are you to recommend ${orgName} as a place to work?`);
    expect(bank.every((q) => q.text.fr.length > 0 && q.text.fr !== q.text.en)).toBe(true);
  });

  it('edits an unused org item in place, and versions a used one', async () => {
    const created = await hr.request('POST', '/api/v1/questions', { driver: 'growth', kind: 'likert5', text });
    expect(created.status).toBe(201);
    const question = (await created.json()) as Question;

    const edited = (await (
      await hr.request('PATCH', `/api/v1/questions/${question.key}`, { text: { ...text, en: 'I learn on the job.' } })
    ).json()) as Question;
    expect(edited).toMatchObject({ key: question.key, version: 1, text: { en: 'I learn on the job.' } });

    const pulse = (await (
      await hr.request('POST', '/api/v1/pulses', pulseInput([team], { items: [question.key] }))
    ).json()) as Pulse;
    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`)).status).toBe(200);

    const versioned = (await (
      await hr.request('PATCH', `/api/v1/questions/${question.key}`, { text })
    ).json()) as Question;
    expect(versioned).toMatchObject({ version: 2, text, retired: false });
    expect(versioned.key).not.toBe(question.key);
    const all = await listQuestions();
    expect(all.find((q) => q.key === question.key)).toMatchObject({
      retired: true,
      used: true,
      text: { en: 'I learn on the job.' },
    });
    // The opened pulse keeps the wording it was sent with.
    const sent = (await (await hr.get(`/api/v1/pulses/${pulse.id}`)).json()) as Pulse;
    expect(sent.items[0]?.text.en).toBe('I learn on the job.');
  });

  it('refuses retired items and unknown keys in a new pulse, and edits of built-in items', async () => {
    const retired = (await listQuestions()).find((q) => q.retired);
    const refused = await hr.request(
      'POST',
      '/api/v1/pulses',
      pulseInput([team], { items: [retired?.key ?? '', 'bank:nope.1'] }),
    );
    const body = await expectError(refused, 400, 'invalid_input');
    expect(body.error.details).toEqual({
      issues: [
        { path: ['items', 0, 'questionKey'], message: 'is retired' },
        { path: ['items', 1, 'questionKey'], message: 'is not a question of the bank' },
      ],
    });
    await expectError(await hr.request('PATCH', '/api/v1/questions/bank:growth.1', { text }), 400, 'invalid_input');
  });
});
