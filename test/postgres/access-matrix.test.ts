import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personSignIn } from '../support/ambassador.ts';
import { newOrg, newPerson, newUnit, type TestPerson, type TestUnit, testPassword } from '../support/factories.ts';
import { type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * Every route of the OpenAPI document × every role × own org and another org. Each route states
 * who may call it (`x-access`); this matrix fails on any route that does not, on any route it does
 * not know (add it below), and on any answer that reaches across a scope or a tenant.
 */
type Scope = 'inScope' | 'outOfScope' | 'otherOrg';

interface World {
  unit: Record<Scope, TestUnit>;
  person: Record<Scope, TestPerson>;
  importId: Record<Scope, string>;
  pulseId: Record<Scope, string>;
  questionKey: Record<Scope, string>;
  /** A comment shown at the scope's unit (of a closed pulse with k_comments respondents there). */
  commentId: Record<Scope, string>;
  /** A campaign targeting the scope's unit, and a webhook of the scope's org. */
  campaignId: Record<Scope, string>;
  webhookId: Record<Scope, string>;
  manager: TestPerson;
}

interface RouteCase {
  /** Path parameters for a resource of the given scope. */
  params?: (w: World, scope: Scope) => Record<string, string>;
  /** Query parameters naming a resource of the given scope. */
  query?: (w: World, scope: Scope) => Record<string, string>;
  body?: (w: World, scope: Scope) => unknown;
  /** Needs a session of its own (it ends the session). */
  ownSession?: boolean;
  /** The body names no resource of a scope: nothing to reach across. */
  unscoped?: boolean;
}

const ids = (w: World, scope: Scope) => ({ id: w.unit[scope].id });
const pulseIds = (w: World, scope: Scope) => ({ id: w.pulseId[scope] });
const questionKeys = (w: World, scope: Scope) => ({ key: w.questionKey[scope] });
const question = {
  driver: 'growth',
  kind: 'likert5',
  text: { en: 'I learn every week.', fr: "J'apprends chaque semaine." },
};
const personIds = (w: World, scope: Scope) => ({ id: w.person[scope].id });
const campaignIds = (w: World, scope: Scope) => ({ id: w.campaignId[scope] });
const webhookIds = (w: World, scope: Scope) => ({ id: w.webhookId[scope] });
const gatePolicy = {
  minRespondents: 10,
  minParticipation: 60,
  minAmbassadorship: 70,
  minEnpsLowerBound: 0,
  blockOnEngagementDecline: true,
  minDialogueAnswered: 80,
  maxPulseAgeDays: 45,
};
const commentIds = (w: World, scope: Scope) => ({ id: w.commentId[scope] });

const routes: Record<string, RouteCase> = {
  'GET /api/v1/health': {},
  'POST /api/v1/auth/login': { body: () => ({ email: 'nobody@example.test', password: 'x' }) },
  'POST /api/v1/auth/logout': { ownSession: true },
  'GET /api/v1/auth/session': {},
  'POST /api/v1/auth/password-reset': { body: () => ({ email: 'nobody@example.test' }) },
  'POST /api/v1/auth/password-reset/confirm': {
    body: () => ({ token: `${crypto.randomUUID()}.${'A'.repeat(43)}`, password: 'a long enough password' }),
  },
  'GET /api/v1/setup': {},
  'POST /api/v1/setup': {
    body: () => ({
      orgName: 'Intruder',
      displayName: 'X',
      email: 'x@example.test',
      password: 'a long enough password',
    }),
  },
  'GET /api/v1/audit': {},
  'GET /api/v1/outbox': {},
  'GET /api/v1/units': {},
  'GET /api/v1/units/{id}': { params: ids },
  'POST /api/v1/units': { body: (w, scope) => ({ name: `New ${crypto.randomUUID()}`, parentId: w.unit[scope].id }) },
  'PATCH /api/v1/units/{id}': { params: ids, body: () => ({ name: `Renamed ${crypto.randomUUID()}` }) },
  'DELETE /api/v1/units/{id}': { params: ids },
  'PUT /api/v1/units/{id}/managers': { params: ids, body: (w) => ({ personIds: [w.manager.id] }) },
  'GET /api/v1/people': {},
  'GET /api/v1/people/{id}': { params: personIds },
  'POST /api/v1/people': {
    body: (w, scope) => ({
      email: `${crypto.randomUUID()}@example.test`,
      displayName: 'New',
      unitId: w.unit[scope].id,
    }),
  },
  'PATCH /api/v1/people/{id}': { params: personIds, body: () => ({ displayName: 'Renamed' }) },
  'GET /api/v1/imports': {},
  'GET /api/v1/imports/{id}': { params: (w, scope) => ({ id: w.importId[scope] }) },
  'POST /api/v1/imports': { body: () => ({ csv: 'email,name,unit\n', dryRun: true }), unscoped: true },
  'GET /api/v1/questions': {},
  'POST /api/v1/questions': { body: () => question, unscoped: true },
  'PATCH /api/v1/questions/{key}': { params: questionKeys, body: () => ({ text: question.text }) },
  'DELETE /api/v1/questions/{key}': { params: questionKeys },
  'GET /api/v1/pulses': {},
  'POST /api/v1/pulses': {
    body: (w, scope) => ({
      title: 'Matrix pulse',
      opensAt: '2026-11-01T08:00:00Z',
      closesAt: '2026-11-08T08:00:00Z',
      audienceUnitIds: [w.unit[scope].id],
      items: [{ questionKey: 'bank:growth.1' }],
    }),
  },
  'GET /api/v1/pulses/{id}': { params: pulseIds },
  'PATCH /api/v1/pulses/{id}': { params: pulseIds, body: () => ({ title: 'Renamed pulse' }) },
  'POST /api/v1/pulses/{id}/open': { params: pulseIds },
  'POST /api/v1/pulses/{id}/close': { params: pulseIds },
  'GET /api/v1/pulses/{id}/participation': { params: pulseIds },
  'POST /api/v1/pulses/{id}/reminders': { params: pulseIds },
  'GET /api/v1/pulses/{id}/invitation-links': { params: pulseIds },
  'GET /api/v1/pulses/{id}/manifest': { params: pulseIds },
  'GET /api/v1/survey': {},
  'POST /api/v1/survey/ballot': { body: () => ({ blinded: 'AAAA' }) },
  'POST /api/v1/pulses/{id}/responses': { params: pulseIds, body: () => ({ cohortId: crypto.randomUUID() }) },
  'GET /api/v1/results/pulses': {},
  'GET /api/v1/results/units/{id}': { params: ids },
  'GET /api/v1/results/units/{id}/export.csv': { params: ids },
  'GET /api/v1/results/units/{id}/trend': { params: ids },
  'GET /api/v1/results/heatmap': { query: (w, scope) => ({ pulseId: w.pulseId[scope] }) },
  'GET /api/v1/gate/policy': {},
  'PUT /api/v1/gate/policy': { body: () => gatePolicy, unscoped: true },
  'GET /api/v1/readiness/units/{id}': { params: ids },
  'GET /api/v1/campaigns': {},
  'POST /api/v1/campaigns': {
    body: (w, scope) => ({
      name: 'Matrix campaign',
      channel: 'event',
      targetUnitIds: [w.unit[scope].id],
      message: 'Come and meet the team.',
    }),
  },
  'GET /api/v1/campaigns/{id}': { params: campaignIds },
  'PATCH /api/v1/campaigns/{id}': { params: campaignIds, body: () => ({ name: 'Renamed campaign' }) },
  'POST /api/v1/campaigns/{id}/check': { params: campaignIds },
  'POST /api/v1/campaigns/{id}/launch': { params: campaignIds },
  'POST /api/v1/campaigns/{id}/override': {
    params: campaignIds,
    body: () => ({ reason: 'A reason long enough to be accepted by the API.' }),
  },
  'POST /api/v1/campaigns/{id}/pause': { params: campaignIds },
  'POST /api/v1/campaigns/{id}/complete': { params: campaignIds },
  'POST /api/v1/campaigns/{id}/cancel': { params: campaignIds },
  'GET /api/v1/campaigns/{id}/evaluations': { params: campaignIds },
  'GET /api/v1/webhooks': {},
  'POST /api/v1/webhooks': {
    body: () => ({ url: 'http://127.0.0.1:9/insideout', events: ['campaign.paused'] }),
    unscoped: true,
  },
  'PATCH /api/v1/webhooks/{id}': { params: webhookIds, body: () => ({ description: 'Renamed' }) },
  'DELETE /api/v1/webhooks/{id}': { params: webhookIds },
  'POST /api/v1/webhooks/{id}/ping': { params: webhookIds },
  'GET /api/v1/webhooks/{id}/deliveries': { params: webhookIds },
  'GET /api/v1/comments': { query: (w, scope) => ({ unitId: w.unit[scope].id }) },
  'GET /api/v1/comments/{id}': { params: commentIds },
  'POST /api/v1/comments/{id}/replies': { params: commentIds, body: () => ({ body: 'Thank you for this.' }) },
  'PUT /api/v1/comments/{id}/status': { params: commentIds, body: () => ({ addressed: true }) },
  'POST /api/v1/conversations/lookup': { body: () => ({ receipt: '0000-0000-0000-0000' }) },
  'POST /api/v1/conversations/comments/{id}/follow-ups': {
    params: commentIds,
    body: () => ({ receipt: '0000-0000-0000-0000', body: 'More.' }),
  },
  'GET /api/v1/dialogue/health': {},
  'GET /api/v1/dialogue/units/{id}/health': { params: ids },
  'GET /api/v1/dialogue/settings': {},
  'PUT /api/v1/dialogue/settings': { body: () => ({ sensitiveWords: ['harassment'] }), unscoped: true },
  'POST /api/v1/ambassador/sign-in': { body: () => ({ email: 'nobody@example.test' }) },
  'POST /api/v1/ambassador/sign-in/confirm': { body: () => ({ token: `${crypto.randomUUID()}.${'A'.repeat(43)}` }) },
  'POST /api/v1/ambassador/sign-in/invitation': {},
  'GET /api/v1/ambassador/session': {},
  'GET /api/v1/ambassador/campaigns': {},
  'PUT /api/v1/ambassador/campaigns/{id}/opt-in': { params: campaignIds },
  'DELETE /api/v1/ambassador/campaigns/{id}/opt-in': { params: campaignIds },
  'POST /api/v1/ambassador/campaigns/{id}/introductions': {
    params: campaignIds,
    body: () => ({ contactName: 'Ada', contactEmail: 'ada@example.test', contactRole: 'Engineer' }),
  },
  'GET /api/v1/ambassador/introductions': {},
  'GET /api/v1/ambassador/kudos': {},
  'POST /api/v1/consent/lookup': { body: () => ({ token: `${crypto.randomUUID()}.${'A'.repeat(43)}` }) },
  'POST /api/v1/consent': {
    body: () => ({ token: `${crypto.randomUUID()}.${'A'.repeat(43)}`, decision: 'accept' }),
  },
  'GET /api/v1/r/{id}': { params: campaignIds },
  'GET /api/v1/campaigns/{id}/ambassadors': { params: campaignIds },
  'GET /api/v1/campaigns/{id}/share-kit': { params: campaignIds },
  'PUT /api/v1/campaigns/{id}/share-kit': {
    params: campaignIds,
    body: () => ({ targetUrl: 'https://example.test/careers', texts: { en: 'Join us.', fr: 'Rejoignez-nous.' } }),
  },
  'GET /api/v1/campaigns/{id}/clicks': { params: campaignIds },
  'GET /api/v1/introductions': {},
  // No introduction is consented in this world: every scope gets the 404 of what does not exist.
  'PATCH /api/v1/introductions/{id}': {
    params: () => ({ id: crypto.randomUUID() }),
    body: () => ({ thanks: 'Thanks!' }),
  },
};

let store: TestDatabase;
let client: TestApp;
let world: World;
let operations: Array<{ method: string; path: string; access: string }>;
const sessions: Record<'manager' | 'hr', { person: TestPerson; client?: StaffClient }> = {} as never;
/** An employee, signed in by a one-time link: a `person` session. */
let employee: { person: TestPerson; client?: StaffClient };

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  const other = await newOrg(store);
  const managed = await newUnit(store, org.id, org.root, 'Managed');
  const inside = await newUnit(store, org.id, managed, 'Inside');
  const outside = await newUnit(store, org.id, org.root, 'Outside');
  const foreign = await newUnit(store, other.id, other.root, 'Foreign');
  const manager = await newPerson(store, managed, { role: 'manager', manages: [managed] });
  const hr = await newPerson(store, org.root, { role: 'hr_admin' });
  await newPerson(store, other.root, { role: 'hr_admin' });
  const importJob = (orgId: string) =>
    store.db
      .insertInto('imports')
      .values({ orgId, dryRun: true, allOrNothing: false, state: 'done' })
      .returning('id')
      .executeTakeFirstOrThrow();
  const draftPulse = async (orgId: string, unit: TestUnit) =>
    (
      await store.db
        .insertInto('pulses')
        .values({
          orgId,
          title: 'Draft',
          state: 'draft',
          opensAt: new Date(),
          closesAt: new Date(Date.now() + 86_400_000),
          recurrence: 'none',
          audienceUnitIds: JSON.stringify([unit.id]),
          k: 0,
          kComments: 0,
          previousId: null,
          createdBy: null,
          openedAt: null,
          closedAt: null,
          sealedAt: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const orgQuestion = async (orgId: string) =>
    `org:${
      (
        await store.db
          .insertInto('questions')
          .values({
            orgId,
            lineageId: crypto.randomUUID(),
            version: 1,
            driver: 'growth',
            kind: 'likert5',
            textEn: 'Q?',
            textFr: 'Q ?',
            retiredAt: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }`;
  // A closed pulse with ten respondents in the unit and one comment, written as closing leaves them.
  const commentIn = async (unit: TestUnit) => {
    const pulseId = await draftPulse(unit.orgId, unit);
    const closedAt = new Date();
    await store.db
      .updateTable('pulses')
      .set({ state: 'closed', k: 5, kComments: 10, openedAt: closedAt, closedAt, sealedAt: closedAt })
      .where('id', '=', pulseId)
      .execute();
    const cohort = await store.db
      .insertInto('cohorts')
      .values({
        orgId: unit.orgId,
        pulseId,
        unitId: unit.id,
        unitPath: unit.path,
        attributes: {},
        audience: 10,
        respondents: 10,
        ballotsTaken: 10,
        publicKey: 'unused',
        privateKeySealed: 'unused',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = { orgId: unit.orgId, pulseId, cohortId: cohort.id };
    const responseId = crypto.randomUUID();
    await store.db
      .insertInto('responses')
      .values({ ...ids, id: responseId, nullifier: responseId, payloadHash: 'x', receiptHash: 'x' })
      .execute();
    const id = crypto.randomUUID();
    await store.db
      .insertInto('comments')
      .values({ ...ids, responseId, id, position: null, body: 'A comment.', receiptHash: 'x' })
      .execute();
    return id;
  };
  const openPulseId = await draftPulse(org.id, inside);
  const campaignIn = async (unit: TestUnit) =>
    (
      await store.db
        .insertInto('campaigns')
        .values({
          orgId: unit.orgId,
          name: 'Matrix campaign',
          channel: 'event',
          targetUnitIds: JSON.stringify([unit.id]),
          ownerId: unit.orgId === org.id ? hr.id : (await newPerson(store, unit, { role: 'hr_admin' })).id,
          startsOn: null,
          endsOn: null,
          message: 'Come and meet the team.',
          state: 'draft',
          policy: null,
          overrideReason: null,
          overriddenBy: null,
          overriddenByLabel: null,
          overriddenAt: null,
          lastEvaluationId: null,
          lastEvaluatedAt: null,
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const webhookOf = async (orgId: string) =>
    (
      await store.db
        .insertInto('webhooks')
        .values({
          orgId,
          url: 'http://127.0.0.1:9/insideout',
          secretSealed: client.services.keyring.sealWebhookSecret('a matrix secret of 24+ characters'),
          events: JSON.stringify(['campaign.paused']),
          createdBy: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  world = {
    pulseId: {
      inScope: openPulseId,
      outOfScope: await draftPulse(org.id, outside),
      otherOrg: await draftPulse(other.id, foreign),
    },
    questionKey: {
      inScope: await orgQuestion(org.id),
      outOfScope: await orgQuestion(org.id),
      otherOrg: await orgQuestion(other.id),
    },
    commentId: {
      inScope: await commentIn(inside),
      outOfScope: await commentIn(outside),
      otherOrg: await commentIn(foreign),
    },
    unit: { inScope: inside, outOfScope: outside, otherOrg: foreign },
    person: {
      inScope: await newPerson(store, inside),
      outOfScope: await newPerson(store, outside),
      otherOrg: await newPerson(store, foreign),
    },
    importId: {
      inScope: (await importJob(org.id)).id,
      outOfScope: (await importJob(org.id)).id,
      otherOrg: (await importJob(other.id)).id,
    },
    campaignId: {
      inScope: await campaignIn(inside),
      outOfScope: await campaignIn(outside),
      otherOrg: await campaignIn(foreign),
    },
    webhookId: {
      inScope: await webhookOf(org.id),
      outOfScope: await webhookOf(org.id),
      otherOrg: await webhookOf(other.id),
    },
    manager,
  };
  sessions.manager = { person: manager };
  sessions.hr = { person: hr };
  employee = { person: await newPerson(store, inside) };
  await newPerson(store, inside);
  const opened = await (await client.signIn(hr.email, testPassword)).request(
    'POST',
    `/api/v1/pulses/${openPulseId}/open`,
  );
  expect(opened.status).toBe(200);

  const doc = (await (await client.get('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-access'?: string }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-access'] ?? '',
    })),
  );
});
afterAll(() => store.close());

async function call(
  role: 'anonymous' | 'employee' | 'manager' | 'hr',
  op: { method: string; path: string },
  scope: Scope,
) {
  const spec = routes[`${op.method} ${op.path}`] ?? {};
  const params = spec.params?.(world, scope) ?? {};
  const query = spec.query ? `?${new URLSearchParams(spec.query(world, scope))}` : '';
  const url = `${op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'missing')}${query}`;
  const body = spec.body?.(world, scope) as Record<string, unknown> | undefined;
  if (role === 'anonymous') return client.request(op.method, url, body);
  if (role === 'employee') {
    const person = spec.ownSession || !employee.client ? await personSignIn(client, employee.person) : employee.client;
    if (!spec.ownSession) employee.client = person;
    return person.request(op.method, url, body);
  }
  const session = sessions[role];
  const staff =
    spec.ownSession || !session.client ? await client.signIn(session.person.email, testPassword) : session.client;
  if (!spec.ownSession) session.client = staff;
  return staff.request(op.method, url, body);
}

describe('the access matrix', () => {
  it('knows every route, and every route states who may call it', () => {
    expect(operations.length).toBeGreaterThan(20);
    const undeclared = operations.filter((op) => !['public', 'person', 'staff', 'hr'].includes(op.access));
    expect(undeclared, 'routes without x-access').toEqual([]);
    const unknown = operations.filter((op) => !(`${op.method} ${op.path}` in routes));
    expect(unknown, 'routes missing from this matrix').toEqual([]);
  });

  it('refuses signed-out callers on every staff route', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const status = (await call('anonymous', op, 'inScope')).status;
      if (status !== 401) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses employees (a person session) on every staff and HR route, and lets them reach theirs', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.access === 'staff' || o.access === 'hr')) {
      const status = (await call('employee', op, 'inScope')).status;
      if (status !== 403) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    for (const op of operations.filter((o) => o.access === 'person' && o.method === 'GET')) {
      const status = (await call('employee', op, 'inScope')).status;
      if (status !== 200) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses managers on every HR route', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.access === 'hr')) {
      const status = (await call('manager', op, 'inScope')).status;
      if (status !== 403) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['manager', 'outOfScope'],
    ['manager', 'otherOrg'],
    ['hr', 'otherOrg'],
  ] as const)('gives a %s nothing about a resource %s', async (role, scope) => {
    const failures: string[] = [];
    const reachable = operations.filter((o) => (role === 'manager' ? o.access === 'staff' : o.access !== 'public'));
    for (const op of reachable) {
      const spec = routes[`${op.method} ${op.path}`];
      if (!spec?.params && !spec?.query && (!spec?.body || spec.unscoped)) continue;
      const status = (await call(role, op, scope)).status;
      const refused = status === 404 || status === 403 || (status === 400 && !spec.params);
      if (!refused) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(['manager', 'hr'] as const)('lists nothing outside what a %s may see', async (role) => {
    const hidden: string[] = [
      world.unit.otherOrg.id,
      world.person.otherOrg.id,
      world.importId.otherOrg,
      ...(role === 'manager' ? [world.unit.outOfScope.id, world.person.outOfScope.id] : []),
    ];
    const failures: string[] = [];
    const lists = operations.filter(
      (o) =>
        o.method === 'GET' && !o.path.includes('{') && (role === 'hr' ? o.access !== 'public' : o.access === 'staff'),
    );
    for (const op of lists) {
      const response = await call(role, op, 'inScope');
      const text = await response.text();
      if (response.status >= 500) failures.push(`${op.path}: ${response.status}`);
      for (const id of hidden) if (text.includes(id)) failures.push(`${op.path} reveals ${id}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(['manager', 'hr'] as const)('lets a %s reach what is theirs', async (role) => {
    const failures: string[] = [];
    const reads = operations.filter(
      (o) => o.method === 'GET' && (role === 'hr' ? o.access !== 'public' : o.access === 'staff'),
    );
    for (const op of reads) {
      const status = (await call(role, op, 'inScope')).status;
      if (status !== 200) failures.push(`${op.method} ${op.path}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('never answers 5xx, whoever calls', async () => {
    const failures: string[] = [];
    for (const role of ['anonymous', 'employee', 'manager', 'hr'] as const) {
      for (const op of operations) {
        // Public routes are the same for everyone: the anonymous pass covers them (and calling the
        // rate-limited sign-in routes once more per role would only test the limiter).
        if (role === 'employee' && op.access === 'public') continue;
        for (const scope of ['inScope', 'outOfScope', 'otherOrg'] as const) {
          const status = (await call(role, op, scope)).status;
          if (status >= 500) failures.push(`${role} ${op.method} ${op.path} (${scope}): ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
