import type { Participation, Pulse } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

let store: TestDatabase;
let client: TestApp;
let hr: StaffClient;
let team: TestUnit;
let pulse: Pulse;
let invitations: Map<string, string>;
const emails: string[] = [];

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  team = await newUnit(store, org.id, org.root, 'Support');
  for (let i = 0; i < 6; i++) emails.push((await newPerson(store, team, { attributes: { location: 'Lyon' } })).email);
  const hrPerson = await newPerson(store, org.root, { role: 'hr_admin' });
  hr = await client.signIn(hrPerson.email, testPassword);

  const created = await hr.request('POST', '/api/v1/pulses', pulseInput([team]));
  expect(created.status).toBe(201);
  pulse = (await created.json()) as Pulse;
  expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`)).status).toBe(200);
  const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
  invitations = invitationsIn(outbox.messages);
});
afterAll(() => store.close());

const submit = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.postJson(`/api/v1/pulses/${pulse.id}/responses`, body, headers);

describe('an anonymous pulse, over HTTP', () => {
  it('invites every member of the audience by mail, each with a link of their own', () => {
    expect([...invitations.keys()].sort()).toEqual([...emails].sort());
    expect(new Set(invitations.values()).size).toBe(emails.length);
  });

  it('takes a ballot, accepts the response once, and treats a retry as the same response', async () => {
    const { survey, ballot } = await takeBallot(client, invitations.get(emails[0] ?? '') ?? '');
    expect(survey.pulse.items.map((i) => i.questionKey)).toEqual(pulseInput([team]).items.map((i) => i.questionKey));
    const { hash } = receipt();
    const response = {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: [
        { position: 0, value: 4 },
        { position: 1, value: 9 },
      ],
      comments: [{ position: null, body: 'More time for the backlog, please.' }],
      receiptHash: hash,
    };
    const first = await submit(response);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'accepted', receiptHash: hash });

    const again = await submit(response);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'accepted', receiptHash: hash });

    const otherAnswers = await submit({ ...response, answers: [{ position: 0, value: 1 }] });
    await expectError(otherAnswers, 409, 'conflict');
    const stored = await store.db.selectFrom('responses').select('id').where('pulseId', '=', pulse.id).execute();
    expect(stored).toHaveLength(1);
  });

  it('gives a person one ballot: the same request again gets the same signature, another is refused', async () => {
    const invitation = invitations.get(emails[1] ?? '') ?? '';
    const { blinded } = await takeBallot(client, invitation);
    const headers = { authorization: `Invitation ${invitation}` };
    const again = await client.postJson(
      '/api/v1/survey/ballot',
      { blinded: Buffer.from(blinded.blinded).toString('base64url') },
      headers,
    );
    expect(again.status).toBe(200);
    const other = Buffer.from(blinded.blinded);
    other[255] = (other[255] ?? 0) ^ 1;
    await expectError(
      await client.postJson('/api/v1/survey/ballot', { blinded: other.toString('base64url') }, headers),
      409,
      'conflict',
    );
  });

  it('refuses forged ballots and ballots of another cohort', async () => {
    const { survey, ballot } = await takeBallot(client, invitations.get(emails[2] ?? '') ?? '');
    const base = {
      cohortId: survey.cohort.id,
      answers: [{ position: 0, value: 3 }],
      comments: [],
      receiptHash: receipt().hash,
    };
    const forged = Buffer.from(ballot.signature, 'base64url');
    forged[10] = (forged[10] ?? 0) ^ 0xff;
    await expectError(await submit({ ...base, ...ballot, signature: forged.toString('base64url') }), 403, 'forbidden');
    await expectError(await submit({ ...base, ...ballot, cohortId: crypto.randomUUID() }), 403, 'forbidden');
    await expectError(
      await submit({ ...base, message: ballot.message, signature: 'not base64!' }),
      400,
      'invalid_input',
    );
  });

  it('validates answers against the pulse, pointing at the field', async () => {
    const { survey, ballot } = await takeBallot(client, invitations.get(emails[3] ?? '') ?? '');
    const base = { cohortId: survey.cohort.id, ...ballot, comments: [], receiptHash: receipt().hash };
    const outOfRange = await expectError(
      await submit({ ...base, answers: [{ position: 0, value: 6 }] }),
      400,
      'invalid_input',
    );
    expect(outOfRange.error.details).toEqual({
      issues: [{ path: ['answers', 0, 'value'], message: 'must be from 1 to 5' }],
    });
    await expectError(await submit({ ...base, answers: [{ position: 1, value: 5 }] }), 400, 'invalid_input'); // item 1 is required
    await expectError(
      await submit({
        ...base,
        answers: [{ position: 0, value: 3 }],
        comments: [{ position: null, body: 'x'.repeat(2001) }],
      }),
      400,
      'invalid_input',
    );
    // The ballot was not spent by the refused attempts.
    expect((await submit({ ...base, answers: [{ position: 0, value: 3 }] })).status).toBe(201);
  });

  it('refuses requests without a valid invitation', async () => {
    await expectError(await client.get('/api/v1/survey'), 401, 'unauthenticated');
    const wrong = `${crypto.randomUUID()}.${'A'.repeat(43)}`;
    await expectError(
      await client.get('/api/v1/survey', { authorization: `Invitation ${wrong}` }),
      401,
      'unauthenticated',
    );
  });

  it('shows participation while open: ballots taken and responses per cohort', async () => {
    const participation = (await (await hr.get(`/api/v1/pulses/${pulse.id}/participation`)).json()) as Participation;
    expect(participation).toMatchObject({ state: 'open', audience: 6, ballotsTaken: 4, responses: 2, rate: 33 });
    expect(participation.cohorts.map((c) => c.audience).reduce((a, b) => a + b)).toBe(6);
  });

  it('reminds only those who have not taken a ballot', async () => {
    const reminded = await hr.request('POST', `/api/v1/pulses/${pulse.id}/reminders`);
    expect(await reminded.json()).toEqual({ reminded: 2 });
  });

  it('exports the invitation links as CSV, and records the export', async () => {
    const response = await hr.get(`/api/v1/pulses/${pulse.id}/invitation-links`);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await response.text()).split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines.slice(1).every((line) => /\/survey#[\w.-]+"$/.test(line))).toBe(true);
    const audit = await store.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'pulse.links_exported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 410 once the pulse has closed', async () => {
    const { survey, ballot } = await takeBallot(client, invitations.get(emails[4] ?? '') ?? '');
    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`)).status).toBe(200);
    const late = {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: [{ position: 0, value: 3 }],
      comments: [],
      receiptHash: receipt().hash,
    };
    await expectError(await submit(late), 410, 'pulse_closed');
    await expectError(
      await client.get('/api/v1/survey', { authorization: `Invitation ${invitations.get(emails[5] ?? '')}` }),
      410,
      'pulse_closed',
    );
  });
});
