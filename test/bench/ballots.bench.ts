import { constants, createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import { createKeyring } from '@insideout/api';
import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import pg from 'pg';
import { startApp } from '../support/app-process.ts';
import { startCluster } from '../support/cluster.ts';
import { newOrg, newPerson, testPassword } from '../support/factories.ts';
import { recordFigures } from './results.ts';

// Ballots issued and anonymous responses accepted per second, end to end (HTTP, RSA, commit) on
// PostgreSQL, against the built product in its own process; beside it, the physical limit: the same
// rows inserted straight through pg at the same concurrency. Clients here make their ballots with
// node:crypto (blinding and unblinding are the browser's work, not the server's): a blinded message
// is any number below the modulus, and a finalized ballot is an RSASSA-PSS signature of the message.
const people = 5_000;
const concurrency = 32;
const secretKey = randomBytes(32).toString('base64');

const cluster = await startCluster();
const store = await createDb({ databaseUrl: cluster.url() });
await migrateToLatest(store.db);
const org = await newOrg(store, 'Bench Org');
const hr = await newPerson(store, org.root, { role: 'hr_admin' });
const unitIds: string[] = [];
for (let u = 0; u < 20; u++) {
  const id = crypto.randomUUID();
  unitIds.push(id);
  await store.db
    .insertInto('units')
    .values({ orgId: org.id, id, parentId: org.root.id, name: `Team ${u}`, path: `${org.root.path}${id}/` })
    .execute();
}
await sql`insert into people (org_id, email, display_name, unit_id, role)
  select ${org.id}, 'person' || n || '@bench.test', 'Person ' || n, (${JSON.stringify(unitIds)}::jsonb ->> (n % 20))::uuid, 'employee'
  from generate_series(1, ${people}) as n`.execute(store.db);

const app = await startApp(
  {
    DATABASE_URL: cluster.url(),
    SECRET_KEY: secretKey,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: process.env.POOL ?? '10',
  },
  process.env.PROFILE_API ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_API}`] : [],
);
const login = await fetch(`${app.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: hr.email, password: testPassword }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const { csrfToken } = (await login.json()) as { csrfToken: string };
const staff = (path: string, body?: unknown) =>
  fetch(`${app.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const now = Date.now();
const pulse = (await (
  await staff('/pulses', {
    title: 'Bench pulse',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    audienceUnitIds: unitIds,
    items: ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:growth.1'].map((questionKey) => ({ questionKey })),
  })
).json()) as { id: string };
const opening = performance.now();
await staff(`/pulses/${pulse.id}/open`, {});
const openSeconds = (performance.now() - opening) / 1000;

const invitations = (await store.db.selectFrom('mailOutbox').select('text').execute())
  .map((m) => /\/survey#([\w.-]+)/.exec(m.text)?.[1])
  .filter((t): t is string => Boolean(t));
const cohorts = await store.db
  .selectFrom('cohorts')
  .select(['id', 'privateKeySealed'])
  .where('pulseId', '=', pulse.id)
  .execute();
const keyring = createKeyring(Buffer.from(secretKey, 'base64'));
const cohortKey = new Map(
  cohorts.map((c) => [
    c.id,
    createPrivateKey({ key: Buffer.from(keyring.openCohortKey(c.privateKeySealed)), format: 'der', type: 'pkcs8' }),
  ]),
);

// node:http with keep-alive: a lighter client than fetch, so the load generator (which shares the
// machine's two cores with the api and PostgreSQL) takes less from what is measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(path, app.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function run<T>(tasks: Array<() => Promise<T>>): Promise<{ seconds: number; results: T[] }> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await (tasks[index] as () => Promise<T>)();
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, results };
}

// Ballots: one per invitation.
const ballots = await run(
  invitations.map((token) => async () => {
    const blinded = Buffer.concat([Buffer.from([0]), randomBytes(255)]).toString('base64url');
    const response = await post('/api/v1/survey/ballot', { blinded }, { authorization: `Invitation ${token}` });
    if (response.status !== 200) throw new Error(`ballot: ${response.status} ${response.body}`);
    return (JSON.parse(response.body) as { cohortId: string }).cohortId;
  }),
);

// Submissions: a finalized ballot per person, with three answers and, for one in five, a comment.
const submissions = ballots.results.map((cohortId, index) => {
  const message = randomBytes(64);
  const key = cohortKey.get(cohortId);
  if (!key) throw new Error('unknown cohort');
  const signature = sign('sha384', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 });
  return {
    cohortId,
    message: message.toString('base64url'),
    signature: signature.toString('base64url'),
    answers: [
      { position: 0, value: 1 + (index % 5) },
      { position: 1, value: index % 11 },
      { position: 2, value: 1 + ((index * 7) % 5) },
    ],
    comments: index % 5 === 0 ? [{ position: null, body: 'More focus time, fewer meetings.' }] : [],
    receiptHash: createHash('sha256').update(randomBytes(16)).digest('base64url'),
  };
});
const submitted = await run(
  submissions.map((body) => async () => {
    const response = await post(`/api/v1/pulses/${pulse.id}/responses`, body);
    if (response.status !== 201) throw new Error(`submission: ${response.status} ${response.body}`);
    return response.status;
  }),
);

// The physical limit: the same rows, straight through pg at the same concurrency (10 connections, as the api's pool).
const pool = new pg.Pool({ connectionString: cluster.url(), max: 10 });
const direct = await run(
  submissions.map((s) => async () => {
    const client = await pool.connect();
    try {
      const id = crypto.randomUUID();
      await client.query('begin');
      await client.query(
        'insert into responses (org_id, pulse_id, cohort_id, id, nullifier, payload_hash, receipt_hash) values ($1, $2, $3, $4, $5, $6, $7)',
        [org.id, pulse.id, s.cohortId, id, randomBytes(32).toString('base64url'), 'bench', s.receiptHash],
      );
      await client.query(
        'insert into answers (org_id, pulse_id, response_id, position, value) values ($1, $2, $3, 0, $4), ($1, $2, $3, 1, $5), ($1, $2, $3, 2, $6)',
        [org.id, pulse.id, id, ...s.answers.map((a) => a.value)],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
  }),
);
await pool.end();

const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
const submissionsPerSecond = perSecond(submitted.results.length, submitted.seconds);
const directPerSecond = perSecond(direct.results.length, direct.seconds);
recordFigures({
  ballots_issued_per_s: {
    value: perSecond(ballots.results.length, ballots.seconds),
    unit: 'ballots/s',
    target: '≥ 1000/s',
  },
  submissions_per_s_postgres: {
    value: submissionsPerSecond,
    unit: 'responses/s',
    target: '≥ 1500/s and ≥ 50% of the direct insert rate',
    reference: {
      value: directPerSecond,
      unit: 'responses/s',
      what: `same rows via pg, ${concurrency} concurrent, ${Math.round((100 * submissionsPerSecond) / directPerSecond)}% reached`,
    },
  },
  pulse_open_5000_people_s: {
    value: Math.round(openSeconds * 100) / 100,
    unit: 's',
    target: 'informational (20 cohort keys, 5,000 invitations)',
  },
});

agent.destroy();
await app.stop();
await store.close();
cluster.destroy();
