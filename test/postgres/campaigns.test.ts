import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverDueWebhooks } from '@insideout/api';
import type {
  AuditEntry,
  Campaign,
  GateEvaluationList,
  GateFailure,
  GatePolicySettings,
  Pulse,
  UnitReadiness,
  WebhookDeliveryList,
  WebhookWithSecret,
} from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

/**
 * A campaign through the readiness gate, over HTTP against real PostgreSQL: blocked (412 with the
 * failing criteria) after a poor pulse, live after a better one closes, paused when a worse one
 * closes — with the owner mailed and a signed `campaign.paused` webhook delivered to a receiver on
 * loopback, which checks the signature with the secret it was given, refuses the first attempt and
 * takes the retry. Then overrides: refused without a reason or to a manager, accepted with one.
 */

const items = ['bank:engagement.1', 'bank:engagement.2', 'bank:ambassadorship.enps', 'bank:ambassadorship.2'];

let store: TestDatabase;
let client: TestApp;
let hr: StaffClient;
let manager: StaffClient;
let hrEmail: string;
let team: TestUnit;
let tiny: TestUnit;
let elsewhere: TestUnit;
const teamMembers: string[] = [];
const tinyMembers: string[] = [];

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** The receiver refuses the first `campaign.paused` it gets (HTTP 503), to make us retry. */
let refusedOnce = false;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  team = await newUnit(store, org.id, org.root, 'Ambassadors');
  tiny = await newUnit(store, org.id, org.root, 'Trio');
  elsewhere = await newUnit(store, org.id, org.root, 'Elsewhere');
  for (let i = 0; i < 12; i++) teamMembers.push((await newPerson(store, team)).email);
  for (let i = 0; i < 3; i++) tinyMembers.push((await newPerson(store, tiny)).email);
  const hrPerson = await newPerson(store, org.root, { role: 'hr_admin' });
  hrEmail = hrPerson.email;
  hr = await client.signIn(hrEmail, testPassword);
  manager = await client.signIn(
    (await newPerson(store, org.root, { role: 'manager', manages: [team] })).email,
    testPassword,
  );

  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const refuse = request.headers['x-insideout-event'] === 'campaign.paused' && !refusedOnce;
      if (refuse) refusedOnce = true;
      const status = refuse ? 503 : 204;
      received.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/insideout`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await store?.close();
});

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A pulse on these units, answered through the real ballot flow by `answers(i)` of the i-th invitee (null: no answer), then closed. */
async function runPulse(title: string, units: TestUnit[], emails: string[], answers: (i: number) => number[] | null) {
  const pulse = await ok<Pulse>(
    await hr.request('POST', '/api/v1/pulses', { ...pulseInput(units, { items }), title }),
    201,
  );
  await ok(await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`));
  const mails = await store.db
    .selectFrom('mailOutbox')
    .select(['to', 'text'])
    .where('subject', '=', `Your voice: ${title}`)
    .execute();
  const tokens = invitationsIn(mails);
  for (const [i, email] of emails.entries()) {
    const values = answers(i);
    if (!values) continue;
    const { survey, ballot } = await takeBallot(client, tokens.get(email) ?? '');
    const response = await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: values.map((value, position) => ({ position, value })),
      comments: [],
      receiptHash: receipt().hash,
    });
    expect(response.status).toBe(201);
  }
  await ok(await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`));
  return pulse;
}

/** Verifies `x-insideout-signature` as a receiver would: HMAC-SHA256 of "<t>.<body>", fresh timestamp. */
function verifySignature(request: Received, secret: string): boolean {
  const header = String(request.headers['x-insideout-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const [, t, v1] = match as unknown as [string, string, string];
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${request.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const campaignInput = (name: string, targets: TestUnit[]) => ({
  name,
  channel: 'linkedin',
  targetUnitIds: targets.map((u) => u.id),
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  message: 'Our teams tell you what it is like to work here, in their own words.',
});

describe('a campaign through the readiness gate', () => {
  let webhook: WebhookWithSecret;
  let campaign: Campaign;

  it('is a draft until it is launched', async () => {
    webhook = await ok<WebhookWithSecret>(
      await hr.request('POST', '/api/v1/webhooks', {
        url: receiverUrl,
        description: 'Social scheduler',
        events: ['campaign.paused', 'campaign.launched'],
      }),
      201,
    );
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = await ok<{ webhooks: Array<Record<string, unknown>> }>(await hr.get('/api/v1/webhooks'));
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);

    campaign = await ok<Campaign>(
      await hr.request('POST', '/api/v1/campaigns', campaignInput('Life at Ambassadors', [team])),
      201,
    );
    expect(campaign).toMatchObject({
      state: 'draft',
      channel: 'linkedin',
      targetUnits: [{ id: team.id, name: 'Ambassadors' }],
      owner: { email: hrEmail },
      startsOn: '2026-12-01',
      ownPolicy: false,
      evaluation: null,
      actions: ['edit', 'check', 'launch', 'override', 'cancel'],
    });
    expect(campaign.policy.minRespondents).toBe(10);
  });

  it('is blocked after a poor pulse: the launch answers 412 with the failing criteria', async () => {
    // 7 of 12 answer: too few voices, 58% participation, unfavourable ambassadorship, negative eNPS.
    await runPulse('Poor pulse', [team], teamMembers, (i) => (i < 7 ? [3, 3, 4 + (i % 3), 2] : null));
    const refused = await hr.request('POST', `/api/v1/campaigns/${campaign.id}/launch`);
    const body = await expectError(refused, 412, 'gate_not_passed');
    const details = body.error.details as GateFailure;
    expect(details.verdict).toBe('fail');
    expect(details.units).toHaveLength(1);
    const unit = details.units[0];
    expect(unit?.unitId).toBe(team.id);
    expect(unit?.failing.map((c) => c.criterion).sort()).toEqual(['ambassadorship', 'enps', 'participation', 'voices']);
    expect(unit?.failing.find((c) => c.criterion === 'participation')).toMatchObject({
      value: 58,
      threshold: 60,
      detail: { responses: 7, audience: 12 },
      gap: { kind: 'more_responses', count: 1 },
    });
    expect(unit?.failing.find((c) => c.criterion === 'voices')).toMatchObject({ value: 7, threshold: 10 });
    expect(unit?.missingData).toEqual([]);

    campaign = await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`));
    expect(campaign.state).toBe('blocked');
    expect(campaign.evaluation).toMatchObject({
      id: details.evaluationId,
      trigger: 'launch',
      verdict: 'fail',
      fromState: 'draft',
      toState: 'blocked',
    });
    // Kept with what it read: released figures only.
    expect(campaign.evaluation?.units[0]?.input.participation).toEqual({
      released: true,
      audience: 12,
      responses: 7,
      rate: 58,
    });
  });

  it('goes live after a better pulse closes', async () => {
    // 11 of 12 answer, enthusiastic.
    await runPulse('Better pulse', [team], teamMembers, (i) => (i < 11 ? [5, 4 + (i % 2), 9 + (i % 2), 5] : null));
    expect((await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`))).state).toBe('blocked');
    campaign = await ok<Campaign>(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/launch`));
    expect(campaign.state).toBe('live');
    const unit = campaign.evaluation?.units[0];
    expect(unit?.verdict).toBe('pass');
    expect(unit?.criteria.map((c) => [c.criterion, c.verdict])).toEqual([
      ['voices', 'pass'],
      ['participation', 'pass'],
      ['ambassadorship', 'pass'],
      ['enps', 'pass'],
      ['trend', 'pass'],
      ['dialogue', 'pass'],
      ['freshness', 'pass'],
    ]);
    expect(unit?.criteria.find((c) => c.criterion === 'dialogue')?.note).toBe('nothing_due');
    expect(campaign.actions).toEqual(['pause', 'complete', 'cancel']);
  });

  it('is paused when a worse pulse closes: the owner is mailed and a signed webhook delivered', async () => {
    const launched = await until(() => received.find((r) => r.headers['x-insideout-event'] === 'campaign.launched'));
    expect(verifySignature(launched, webhook.secret)).toBe(true);

    const worse = await runPulse('Worse pulse', [team], teamMembers, (i) => (i < 11 ? [1, 2, 3 + (i % 2), 1] : null));
    campaign = await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`));
    expect(campaign.state).toBe('paused');
    expect(campaign.evaluation).toMatchObject({
      trigger: 'pulse_closed',
      pulseId: worse.id,
      verdict: 'fail',
      fromState: 'live',
      toState: 'paused',
      actor: { id: null, label: 'InsideOut' },
    });
    const failing = campaign.evaluation?.units[0]?.criteria.filter((c) => c.verdict === 'fail').map((c) => c.criterion);
    expect(failing).toEqual(expect.arrayContaining(['ambassadorship', 'enps', 'trend']));

    const mail = await store.db
      .selectFrom('mailOutbox')
      .select(['to', 'text'])
      .where('subject', '=', 'Campaign paused: Life at Ambassadors')
      .executeTakeFirstOrThrow();
    expect(mail.to).toBe(hrEmail);
    expect(mail.text).toContain('Ambassadorship favourability');
    expect(mail.text).toContain(`http://insideout.test/campaigns/${campaign.id}`);

    // The receiver refused the first attempt: it is logged, and the retry is due after the backoff.
    const deliveries = `/api/v1/webhooks/${webhook.id}/deliveries`;
    const first = await until(async () => {
      const { deliveries: log } = await ok<WebhookDeliveryList>(await hr.get(deliveries));
      return log.find((d) => d.event === 'campaign.paused' && d.attempts === 1 && d.lastStatus === 503);
    });
    expect(first).toMatchObject({ state: 'pending', lastError: 'answered HTTP 503' });
    const retryAt = new Date(Date.parse(first.lastAttemptAt ?? '') + 30_000);
    expect(Date.parse(first.nextAttemptAt ?? '')).toBe(retryAt.getTime());
    expect(await deliverDueWebhooks(client.services, new Date(retryAt.getTime() - 1000))).toBe(0);
    expect(await deliverDueWebhooks(client.services, retryAt)).toBe(1);

    const { deliveries: log } = await ok<WebhookDeliveryList>(await hr.get(deliveries));
    expect(log.find((d) => d.id === first.id)).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 204 });

    const attempts = received.filter((r) => r.headers['x-insideout-event'] === 'campaign.paused');
    expect(attempts.map((r) => r.status)).toEqual([503, 204]);
    // The same body both times, each signed afresh; a wrong secret does not verify.
    expect(attempts[1]?.body).toBe(attempts[0]?.body);
    for (const attempt of attempts) expect(verifySignature(attempt, webhook.secret)).toBe(true);
    expect(verifySignature(attempts[1] as Received, `${webhook.secret}x`)).toBe(false);
    expect(attempts[1]?.headers['x-insideout-delivery']).toBe(first.id);
    const payload = JSON.parse(attempts[1]?.body ?? '{}');
    expect(payload).toMatchObject({
      id: first.id,
      event: 'campaign.paused',
      data: {
        campaign: { id: campaign.id, name: 'Life at Ambassadors', state: 'paused', previousState: 'live' },
        evaluation: { trigger: 'pulse_closed', pulseId: worse.id, verdict: 'fail' },
      },
    });
    expect(payload.data.evaluation.units[0].failing).toEqual(expect.arrayContaining(['ambassadorship', 'trend']));
  });

  it('keeps every evaluation, newest first, and audits every move', async () => {
    const { evaluations } = await ok<GateEvaluationList>(await hr.get(`/api/v1/campaigns/${campaign.id}/evaluations`));
    expect(evaluations.map((e) => [e.trigger, e.fromState, e.toState])).toEqual([
      ['pulse_closed', 'live', 'paused'],
      ['launch', 'blocked', 'live'],
      ['launch', 'draft', 'blocked'],
    ]);
    const { entries } = await ok<{ entries: AuditEntry[] }>(await hr.get('/api/v1/audit?action=campaign.'));
    const ours = entries.filter((e) => e.target?.id === campaign.id).map((e) => e.action);
    expect(ours).toEqual(['campaign.paused', 'campaign.launched', 'campaign.launch_refused', 'campaign.created']);
  });

  it('resumes only when the gate passes again: a paused launch stays paused with a 412', async () => {
    await expectError(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/launch`), 412, 'gate_not_passed');
    expect((await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`))).state).toBe('paused');
  });

  it('refuses moves its state does not allow with 409', async () => {
    await expectError(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/pause`), 409, 'conflict');
    await expectError(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/check`), 409, 'conflict');
    const done = await ok<Campaign>(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/complete`));
    expect(done.state).toBe('completed');
    await expectError(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/cancel`), 409, 'conflict');
    await expectError(
      await hr.request('PATCH', `/api/v1/campaigns/${campaign.id}`, { name: 'Renamed' }),
      409,
      'conflict',
    );
  });
});

describe('overrides', () => {
  let campaign: Campaign;
  const reason = 'The team asked for this campaign themselves at the town hall of 12 November.';

  beforeAll(async () => {
    campaign = await ok<Campaign>(
      await hr.request('POST', '/api/v1/campaigns', campaignInput('Careers fair', [team])),
      201,
    );
    await expectError(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/launch`), 412, 'gate_not_passed');
  });

  it.each([
    ['without a reason', {}],
    ['with a reason under 30 characters', { reason: 'Because we want it.' }],
    ['with a reason of spaces', { reason: ' '.repeat(40) }],
  ])('is refused %s', async (_, input) => {
    const body = await expectError(
      await hr.request('POST', `/api/v1/campaigns/${campaign.id}/override`, input),
      400,
      'invalid_input',
    );
    expect(JSON.stringify(body.error.details)).toContain('reason');
    expect((await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`))).state).toBe('blocked');
  });

  it('is refused to a manager, even with a reason', async () => {
    await expectError(
      await manager.request('POST', `/api/v1/campaigns/${campaign.id}/override`, { reason }),
      403,
      'forbidden',
    );
    expect((await ok<Campaign>(await hr.get(`/api/v1/campaigns/${campaign.id}`))).state).toBe('blocked');
  });

  it('goes live with an HR leader’s written reason, kept with the campaign and in the audit log', async () => {
    const live = await ok<Campaign>(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/override`, { reason }));
    expect(live.state).toBe('live');
    expect(live.override).toMatchObject({ reason, by: { id: hr.session.person.id } });
    expect(live.evaluation).toMatchObject({
      trigger: 'override',
      verdict: 'fail',
      fromState: 'blocked',
      toState: 'live',
    });
    const { entries } = await ok<{ entries: AuditEntry[] }>(await hr.get('/api/v1/audit?action=campaign.overridden'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: hr.session.person.id },
      target: { type: 'campaign', id: campaign.id },
      details: { reason, fromState: 'blocked', toState: 'live', verdict: 'fail' },
    });
  });
});

describe('insufficient data', () => {
  it('judges a unit whose results are hidden insufficient_data, never a guess', async () => {
    await runPulse('Trio pulse', [tiny], tinyMembers, () => [5, 5, 10, 5]);
    const campaign = await ok<Campaign>(
      await hr.request('POST', '/api/v1/campaigns', campaignInput('Trio story', [tiny])),
      201,
    );
    const checked = await ok<Campaign>(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/check`));
    expect(checked.state).toBe('blocked');
    const unit = checked.evaluation?.units[0];
    expect(unit?.verdict).toBe('insufficient_data');
    expect(unit?.criteria.find((c) => c.criterion === 'voices')).toMatchObject({
      verdict: 'insufficient_data',
      value: null,
      missing: { reason: 'hidden', hiddenReason: 'below_threshold' },
    });
    // Nothing hidden was read: no score of three people is in what the evaluation kept.
    expect(unit?.input.ambassadorship).toEqual({ released: false, reason: 'below_threshold' });
    expect(unit?.input.enps).toEqual({ released: false, reason: 'below_threshold' });
    const body = await expectError(
      await hr.request('POST', `/api/v1/campaigns/${campaign.id}/launch`),
      412,
      'gate_not_passed',
    );
    expect((body.error.details as GateFailure).units[0]?.missingData).toEqual(
      expect.arrayContaining(['voices', 'ambassadorship', 'enps']),
    );
  });

  it('judges a unit no pulse has asked insufficient_data', async () => {
    const campaign = await ok<Campaign>(
      await hr.request('POST', '/api/v1/campaigns', campaignInput('Quiet', [elsewhere])),
      201,
    );
    const checked = await ok<Campaign>(await hr.request('POST', `/api/v1/campaigns/${campaign.id}/check`));
    expect(checked.evaluation?.units[0]).toMatchObject({ verdict: 'insufficient_data', pulse: null });
  });
});

describe('readiness of a unit', () => {
  it('shows a manager what stands between their team and readiness', async () => {
    const readiness = await ok<UnitReadiness>(await manager.get(`/api/v1/readiness/units/${team.id}`));
    expect(readiness.unit).toEqual({ id: team.id, name: 'Ambassadors' });
    expect(readiness.pulse?.title).toBe('Worse pulse');
    expect(readiness.verdict).toBe('fail');
    expect(readiness.criteria).toHaveLength(7);
    expect(readiness.policy.minParticipation).toBe(60);
  });

  it('is not found for a unit outside the manager’s scope', async () => {
    await expectError(await manager.get(`/api/v1/readiness/units/${elsewhere.id}`), 404, 'not_found');
  });
});

describe('gate policies', () => {
  it('never let enough voices go below k, and audit a change', async () => {
    const current = await ok<GatePolicySettings>(await hr.get('/api/v1/gate/policy'));
    expect(current).toMatchObject({ k: 5, policy: current.defaults, updatedAt: null });
    const body = await expectError(
      await hr.request('PUT', '/api/v1/gate/policy', { ...current.policy, minRespondents: 4 }),
      400,
      'invalid_input',
    );
    expect(JSON.stringify(body.error.details)).toContain('minRespondents');
    await expectError(
      await hr.request('PUT', '/api/v1/gate/policy', { ...current.policy, minParticipation: 120 }),
      400,
      'invalid_input',
    );
    const changed = await ok<GatePolicySettings>(
      await hr.request('PUT', '/api/v1/gate/policy', { ...current.policy, minParticipation: 50, minRespondents: 5 }),
    );
    expect(changed.policy).toMatchObject({ minParticipation: 50, minRespondents: 5 });
    const { entries } = await ok<{ entries: AuditEntry[] }>(await hr.get('/api/v1/audit?action=gate_policy.'));
    expect(entries[0]?.details).toMatchObject({ before: { minParticipation: 60 }, after: { minParticipation: 50 } });
  });

  it('give a campaign a policy of its own, within the same bounds', async () => {
    const policy = {
      ...(await ok<GatePolicySettings>(await hr.get('/api/v1/gate/policy'))).defaults,
      minAmbassadorship: 90,
    };
    await expectError(
      await hr.request('POST', '/api/v1/campaigns', {
        ...campaignInput('Strict', [team]),
        policy: { ...policy, minRespondents: 2 },
      }),
      400,
      'invalid_input',
    );
    const strict = await ok<Campaign>(
      await hr.request('POST', '/api/v1/campaigns', { ...campaignInput('Strict', [team]), policy }),
      201,
    );
    expect(strict).toMatchObject({ ownPolicy: true, policy: { minAmbassadorship: 90 } });
  });

  it('are for HR leaders only', async () => {
    await expectError(await manager.get('/api/v1/gate/policy'), 403, 'forbidden');
    await expectError(await manager.get('/api/v1/campaigns'), 403, 'forbidden');
  });
});

describe('campaign input', () => {
  it.each([
    ['a unit of no one', { targetUnitIds: [crypto.randomUUID()] }, 'targetUnitIds'],
    ['no unit', { targetUnitIds: [] }, 'targetUnitIds'],
    ['an unknown channel', { channel: 'billboard' }, 'channel'],
    ['an end before the start', { startsOn: '2026-12-10', endsOn: '2026-12-01' }, 'endsOn'],
    ['a day that does not exist', { startsOn: '2026-02-30' }, 'startsOn'],
    ['a year the store cannot hold', { startsOn: '0000-01-01' }, 'startsOn'],
    ['a NUL character', { name: 'Bad\u0000name' }, 'name'],
  ])('refuses %s', async (_, change, field) => {
    const body = await expectError(
      await hr.request('POST', '/api/v1/campaigns', { ...campaignInput('Bad', [team]), ...change }),
      400,
      'invalid_input',
    );
    expect(JSON.stringify(body.error.details)).toContain(field);
  });

  it('refuses an employee as owner', async () => {
    const employee = await store.db
      .selectFrom('people')
      .select('id')
      .where('role', '=', 'employee')
      .executeTakeFirstOrThrow();
    const body = await expectError(
      await hr.request('POST', '/api/v1/campaigns', { ...campaignInput('Bad', [team]), ownerId: employee.id }),
      400,
      'invalid_input',
    );
    expect(JSON.stringify(body.error.details)).toContain('ownerId');
  });

  it.each([
    ['over plain http to another machine', 'http://example.com/hook'],
    ['that is not a URL', 'not a url'],
    ['with a password in it', 'https://user:secret@example.com/hook'],
  ])('refuses a webhook %s', async (_, url) => {
    await expectError(
      await hr.request('POST', '/api/v1/webhooks', { url, events: ['campaign.paused'] }),
      400,
      'invalid_input',
    );
  });
});
