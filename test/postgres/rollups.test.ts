import type { Pulse } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, testPassword } from '../support/factories.ts';
import { testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

let store: TestDatabase;
let pulse: Pulse;

beforeAll(async () => {
  store = await freshDatabase();
  const client = testApp(store);
  const org = await newOrg(store);
  const lyon = await newUnit(store, org.id, org.root, 'Lyon team');
  const paris = await newUnit(store, org.id, org.root, 'Paris team');
  for (let i = 0; i < 7; i++) await newPerson(store, i < 4 ? lyon : paris);
  const hr = await client.signIn((await newPerson(store, org.root, { role: 'hr_admin' })).email, testPassword);
  pulse = (await (await hr.request('POST', '/api/v1/pulses', pulseInput([lyon, paris]))).json()) as Pulse;
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`);
  const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
  let i = 0;
  for (const token of invitationsIn(outbox.messages).values()) {
    if (i === 6) break; // one person does not answer
    const { survey, ballot } = await takeBallot(client, token);
    const answers = [
      { position: 0, value: 1 + ((i * 3) % 5) },
      ...(i % 3 === 0 ? [] : [{ position: 1, value: (i * 4) % 11 }]),
    ];
    await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, {
      cohortId: survey.cohort.id,
      ...ballot,
      answers,
      comments: [],
      receiptHash: receipt().hash,
    });
    i++;
  }
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`);
});
afterAll(() => store.close());

describe('rollups of a closed pulse', () => {
  it('equal an independent tally of the raw answers, per cohort and item', async () => {
    const raw = await store.db
      .selectFrom('answers as a')
      .innerJoin('responses as r', (join) =>
        join.onRef('r.id', '=', 'a.responseId').onRef('r.pulseId', '=', 'a.pulseId'),
      )
      .select(['r.cohortId', 'a.position', 'a.value'])
      .where('a.pulseId', '=', pulse.id)
      .execute();
    const expected = new Map<string, { n: number; sum: number; sumSq: number; histogram: Record<string, number> }>();
    for (const { cohortId, position, value } of raw) {
      const key = `${cohortId}/${position}`;
      const cell = expected.get(key) ?? { n: 0, sum: 0, sumSq: 0, histogram: {} };
      cell.n += 1;
      cell.sum += value;
      cell.sumSq += value * value;
      cell.histogram[value] = (cell.histogram[value] ?? 0) + 1;
      expected.set(key, cell);
    }
    const rollups = await store.db.selectFrom('rollups').selectAll().where('pulseId', '=', pulse.id).execute();
    expect(rollups).toHaveLength(expected.size);
    for (const rollup of rollups) {
      const { n, sum, sumSq, histogram } = rollup;
      expect({ n, sum, sumSq, histogram }).toEqual(expected.get(`${rollup.cohortId}/${rollup.position}`));
    }
    // The skipped optional item counts fewer answers than the required one.
    const byPosition = (p: number) => rollups.filter((r) => r.position === p).reduce((total, r) => total + r.n, 0);
    expect(byPosition(0)).toBe(6);
    expect(byPosition(1)).toBe(4);
  });

  it('fix each cohort’s respondents and ballots at close', async () => {
    const cohorts = await store.db
      .selectFrom('cohorts')
      .select(['audience', 'respondents', 'ballotsTaken'])
      .where('pulseId', '=', pulse.id)
      .execute();
    expect(cohorts.reduce((t, c) => t + (c.respondents ?? 0), 0)).toBe(6);
    expect(cohorts.reduce((t, c) => t + (c.ballotsTaken ?? 0), 0)).toBe(6);
    expect(cohorts.reduce((t, c) => t + c.audience, 0)).toBe(7);
  });
});
