import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process.ts';
import { newOrg, newPerson, newUnit, pulseInput, testPassword } from '../support/factories.ts';
import { expectError, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import {
  arbitraryOf,
  hostileArbitrary,
  hostileStrings,
  type JsonSchema,
  leafPaths,
  replaceAt,
  type SchemaContext,
} from '../support/schema-arbitrary.ts';
import { invitationsIn, takeBallot } from '../support/survey.ts';

// Hostile input on every route of the OpenAPI document (read from the api itself, so a route added
// tomorrow is fuzzed tomorrow): path parameters, query strings and JSON bodies generated from the
// route's schemas, then broken — malformed JSON, wrong types, missing and extra fields, huge and
// unicode-edge strings, traversal and SQL metacharacters — and sent anonymously, as a manager and
// as an HR leader (with the CSRF token). Whatever comes in: never a 5xx, and every refusal is the
// error envelope. FUZZ_RUNS raises the number of requests per route, FUZZ_SEED replays a run.
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 80);
const seed = Number(process.env.FUZZ_SEED ?? 20261122);

interface Operation {
  method: string;
  path: string;
  access: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  body: JsonSchema | undefined;
}

interface Doc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const store: TestDatabase = await freshDatabase();
const client: TestApp = testApp(store);
const doc = (await (await client.get('/api/openapi.json')).json()) as Doc;
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    access: String(op['x-access'] ?? 'unknown'),
    parameters: (op.parameters as Operation['parameters'] | undefined) ?? [],
    body: (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content?.[
      'application/json'
    ]?.schema,
  })),
);

type Caller = 'anonymous' | 'manager' | 'hr' | 'hr-without-csrf' | 'invitation';
const callers: Record<Exclude<Caller, 'anonymous'>, Record<string, string>> = {
  manager: {},
  hr: {},
  'hr-without-csrf': {},
  invitation: {},
};
let context: SchemaContext;
const staff = { orgId: '', hrId: '', managerId: '', teamId: '', pulseId: '', cohortId: '', spareInvitation: '' };

/**
 * Sessions opened straight in the database, as sign-in would (sign-in itself is rate limited, and
 * the fuzz of the login route spends that budget). Restored after every accepted write: the fuzz
 * may sign them out, demote or deactivate them, or take the manager's unit away.
 */
async function restoreCallers() {
  const { hrId, managerId, orgId, teamId } = staff;
  await store.db.updateTable('people').set({ role: 'hr_admin', active: true }).where('id', '=', hrId).execute();
  await store.db.updateTable('people').set({ role: 'manager', active: true }).where('id', '=', managerId).execute();
  await store.db
    .insertInto('unitManagers')
    .values({ orgId, unitId: teamId, personId: managerId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const open = async (personId: string) => {
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await store.db
      .insertInto('sessions')
      .values({
        orgId,
        personId,
        tokenHash: createHash('sha256').update(secret).digest('base64url'),
        csrfToken,
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      .execute();
    return { cookie: `__Host-insideout_session=${orgId}.${secret}`, csrfToken };
  };
  const hr = await open(hrId);
  callers.hr = { cookie: hr.cookie, 'x-csrf-token': hr.csrfToken };
  callers['hr-without-csrf'] = { cookie: hr.cookie };
  const manager = await open(managerId);
  callers.manager = { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken };
}

beforeAll(async () => {
  // An org with something behind every kind of id: units, people, an open pulse with invitations.
  const org = await newOrg(store);
  const team = await newUnit(store, org.id, org.root, 'Platform');
  const other = await newUnit(store, org.id, org.root, 'Sales');
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await newPerson(store, team, { attributes: { location: 'Lyon' } }));
  const manager = await newPerson(store, team, { role: 'manager', manages: [team] });
  const hrPerson = await newPerson(store, org.root, { role: 'hr_admin' });
  Object.assign(staff, { orgId: org.id, hrId: hrPerson.id, managerId: manager.id, teamId: team.id });
  const hr = await client.signIn(hrPerson.email, testPassword);
  const pulse = (await (await hr.request('POST', '/api/v1/pulses', pulseInput([team]))).json()) as { id: string };
  await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`);
  const draft = (await (await hr.request('POST', '/api/v1/pulses', pulseInput([other]))).json()) as { id: string };
  const outbox = (await (await hr.get('/api/v1/outbox')).json()) as { messages: Array<{ to: string; text: string }> };
  const [token, spare] = invitationsIn(outbox.messages).values();
  callers.invitation = { authorization: `Invitation ${token}` };
  staff.spareInvitation = spare ?? '';
  const cohorts = await store.db.selectFrom('cohorts').select('id').execute();
  Object.assign(staff, { pulseId: pulse.id, cohortId: cohorts[0]?.id ?? '' });
  context = {
    components: doc.components?.schemas ?? {},
    ids: [
      org.id,
      org.root.id,
      team.id,
      other.id,
      manager.id,
      hrPerson.id,
      pulse.id,
      draft.id,
      ...people.map((p) => p.id),
      ...cohorts.map((c) => c.id),
    ],
  };
  await restoreCallers();
}, 60_000);
afterAll(() => store.close());

/** A path parameter: a real id, one that fits the schema, or something hostile (sent raw or encoded). */
function parameterArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<{ value: string; raw: boolean }> {
  return fc.record({
    value: fc.oneof(
      { weight: 3, arbitrary: arbitraryOf(schema ?? { type: 'string' }, context).map(String) },
      { weight: 3, arbitrary: fc.constantFrom(...context.ids, 'bank:engagement.1', 'org:x') },
      { weight: 2, arbitrary: fc.constantFrom(...hostileStrings.filter((s) => s.length < 100_000)) },
    ),
    raw: fc.boolean(),
  });
}

const malformedJson = fc.constantFrom(
  '{',
  '{"email": "a@b.test", "password": ',
  '[1, 2',
  'nul',
  '{"a": 1}}',
  '{"a": 01}',
  "{'single': 'quotes'}",
  '{"a": NaN}',
  '{"a": "\\ud800"}',
  '{"a": "\u0000"}',
  '\u0000',
  '',
  ' ',
  '"just a string"',
  '12345678901234567890123456789',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"a": "${'x'.repeat(300 * 1024)}"}`,
);

/** A JSON body: one that fits the schema, the same broken in one place, or no JSON at all. */
function bodyArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<{ text: string | undefined }> {
  const valid = schema ? arbitraryOf(schema, context) : fc.constant({});
  const json = (value: unknown) => ({ text: value === undefined ? undefined : JSON.stringify(value) });
  return fc.oneof(
    { weight: 2, arbitrary: valid.map(json) },
    {
      // One value anywhere replaced by a hostile one (wrong type, huge, unicode edge, SQL…).
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(), hostileArbitrary).map(([value, at, hostile]) => {
        const paths = leafPaths(value);
        return json(replaceAt(value, paths[at % paths.length] ?? [], hostile));
      }),
    },
    {
      // A field removed (a required one, often).
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, at]) => {
        const paths = leafPaths(value).filter((p) => p.length > 0);
        return json(paths.length ? replaceAt(value, paths[at % paths.length] ?? [], undefined, true) : value);
      }),
    },
    {
      // Extra fields, including prototype-polluting names.
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom('__proto__', 'constructor', 'extra', 'isAdmin', 'orgId', 'role'),
          hostileArbitrary,
        )
        .map(([value, key, extra]) =>
          value && typeof value === 'object' && !Array.isArray(value)
            ? {
                text: JSON.stringify(value)
                  .replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(extra) ?? 'null'},`)
                  .replace(/,}$/, '}'),
              }
            : json(value),
        ),
    },
    // The body as an array, a string, a number, or null; or text that is not JSON.
    { weight: 1, arbitrary: valid.map((value) => json([value])) },
    { weight: 1, arbitrary: fc.constantFrom(...([null, 'a string', 2 ** 64, true] as unknown[])).map(json) },
    { weight: 2, arbitrary: malformedJson.map((text) => ({ text })) },
  );
}

function requestArbitrary(operation: Operation) {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const query = operation.parameters.filter((p) => p.in === 'query');
  return fc.record({
    caller: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Caller>('hr') },
      { weight: 2, arbitrary: fc.constant<Caller>('manager') },
      { weight: 1, arbitrary: fc.constantFrom<Caller>('anonymous', 'hr-without-csrf', 'invitation') },
    ),
    path: fc.tuple(...pathParams.map((p) => parameterArbitrary(p.schema))),
    query: fc.tuple(
      ...query.map((p) =>
        fc.option(
          fc.oneof(
            arbitraryOf(p.schema ?? { type: 'string' }, context).map(String),
            fc.constantFrom(...hostileStrings.filter((s) => s.length < 10_000)),
          ),
          { nil: undefined },
        ),
      ),
    ),
    body:
      operation.body || operation.method !== 'GET' ? bodyArbitrary(operation.body) : fc.constant({ text: undefined }),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'APPLICATION/JSON',
          'text/plain',
          'application/x-www-form-urlencoded',
          undefined,
        ),
      },
    ),
  });
}

function urlOf(
  operation: Operation,
  request: ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer R> ? R : never,
) {
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => {
    const param = request.path[index++];
    if (!param) return '';
    return param.raw ? param.value : encodeLoosely(param.value);
  });
  const query = operation.parameters
    .filter((p) => p.in === 'query')
    .map((p, i) => [p.name, request.query[i]] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeLoosely(value)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** encodeURIComponent, except that a lone surrogate is sent as the bytes of its UTF-16 code unit (invalid UTF-8). */
function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((char) => {
        const code = char.charCodeAt(0);
        if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
        }
        return encodeURIComponent(char);
      })
      .join('');
  }
}

async function send(operation: Operation, request: Parameters<typeof urlOf>[1]) {
  const headers: Record<string, string> = request.caller === 'anonymous' ? {} : { ...callers[request.caller] };
  const hasBody = request.body.text !== undefined && operation.method !== 'GET';
  if (hasBody && request.contentType) headers['content-type'] = request.contentType;
  let url = urlOf(operation, request);
  try {
    new URL(url, 'http://insideout.test');
  } catch {
    url = encodeURI(url);
  }
  const response = await client.app.request(url, {
    method: operation.method,
    headers,
    ...(hasBody ? { body: request.body.text ?? '' } : {}),
  });
  return { response, url, headers };
}

// What the fuzz found, kept as plain regressions (each was a 500 before its fix in api/src); they
// run first, while the seeded pulse is still open.
describe('inputs that once gave a 500', () => {
  const as = (caller: Exclude<Caller, 'anonymous'>) => callers[caller];
  const receiptHash = 'A'.repeat(43);
  it.each([
    {
      what: 'a question key of 36 hex digits and dashes that is no UUID',
      send: () =>
        client.request('DELETE', '/api/v1/questions/org:1-a-d-9--7-c-2c7cbee-f0-3f-d-ab-22d-', undefined, as('hr')),
      status: 404,
      code: 'not_found',
    },
    {
      what: 'a NUL character in a query string',
      send: () => client.request('GET', '/api/v1/audit?action=a%00b', undefined, as('hr')),
      status: 400,
      code: 'invalid_input',
    },
    {
      what: 'a NUL character in a JSON body',
      send: () => client.request('POST', '/api/v1/units', { name: 'a\u0000b', parentId: staff.teamId }, as('hr')),
      status: 400,
      code: 'invalid_input',
    },
    {
      what: 'a ballot message of 4n + 1 base64url characters (no encoder makes it)',
      send: () =>
        client.postJson(`/api/v1/pulses/${staff.pulseId}/responses`, {
          cohortId: staff.cohortId,
          message: 'AAAAA',
          signature: 'AAAAA',
          answers: [{ position: 0, value: 3 }],
          comments: [],
          receiptHash,
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      what: 'half a surrogate pair in the comment of a genuine response',
      send: async () => {
        const { survey, ballot } = await takeBallot(client, staff.spareInvitation);
        return client.postJson(`/api/v1/pulses/${staff.pulseId}/responses`, {
          cohortId: survey.cohort.id,
          ...ballot,
          answers: [{ position: 0, value: 4 }],
          comments: [{ position: null, body: 'lone \ud83d half' }],
          receiptHash,
        });
      },
      status: 400,
      code: 'invalid_input',
    },
    {
      what: 'a blinded ballot of 4n + 1 base64url characters',
      send: () => client.postJson('/api/v1/survey/ballot', { blinded: 'AAAAA' }, as('invitation')),
      status: 400,
      code: 'invalid_input',
    },
  ])('$what → $status $code', async ({ send, status, code }) => {
    await expectError(await send(), status, code);
  });
});

const statusesSeen = new Map<string, Map<string, number>>();
afterAll(() => {
  if (process.env.FUZZ_REPORT) {
    for (const [route, seen] of statusesSeen) console.info(route, Object.fromEntries(seen));
  }
});

describe('every route, fed hostile input', () => {
  it('covers the routes of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.some((op) => op.body)).toBe(true);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: never a 5xx, every refusal in the error envelope',
    async (_, operation) => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          const { response, url } = await send(operation, request);
          const text = await response.text();
          const key = `${operation.method} ${operation.path}`;
          const seen = statusesSeen.get(key) ?? new Map<string, number>();
          const label = `${response.status}${response.status >= 400 ? ` ${/"code":"(\w+)"/.exec(text)?.[1]}` : ''}`;
          seen.set(label, (seen.get(label) ?? 0) + 1);
          statusesSeen.set(key, seen);
          const where = `${operation.method} ${url.slice(0, 300)} as ${request.caller} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, where).toBeLessThan(500);
          if (response.status >= 400) {
            let body: { error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown } };
            try {
              body = JSON.parse(text);
            } catch {
              throw new Error(`not JSON: ${where}`);
            }
            expect(body.error?.code, where).toEqual(expect.any(String));
            expect(body.error?.message, where).toEqual(expect.any(String));
            expect(body.error?.requestId, where).toBe(response.headers.get('x-request-id'));
            expect(Object.keys(body), where).toEqual(['error']);
          }
          // A sign-out, a demotion or a deactivation must not leave the rest of the run anonymous.
          if (operation.method !== 'GET' && response.ok) await restoreCallers();
        }),
        { numRuns: runsPerRoute, seed, endOnFailure: true },
      );
    },
    30_000,
  );
});

describe('the built product, asked for files outside its web root', () => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp({ DATABASE_URL: store.url, LOG_LEVEL: 'warn' });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/_app/..%2f..%2f..%2fpackage.json',
    '/_app/immutable/%2e%2e/%2e%2e/%2e%2e/%2e%2e/api/dist/main.js',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/%00',
    '/favicon.svg%00.js',
    '/api/docs/..%2f..%2f..%2fpackage.json',
    '/api/v1/%2e%2e/%2e%2e/etc/passwd',
  ])('%s', async (path) => {
    // A raw socket request: fetch would normalise the dot segments before sending them.
    const response = await rawGet(app.url, path);
    expect(response.status).toBeLessThan(500);
    expect(response.body).not.toMatch(/root:x:0:0|"name": "insideout"|createApp/);
  });
});

async function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve({ status: Number(data.slice(9, 12)), body: data }));
    socket.on('error', reject);
  });
}
