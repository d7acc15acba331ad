import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import pg from 'pg';
import { startApp } from '../support/app-process.ts';
import { startCluster } from '../support/cluster.ts';
import { prepareSurvey } from '../support/survey-load.ts';
import { childrenOf, cpuSeconds, machineBusySeconds, pin, runTasks, sampleRss } from './load.ts';
import { recordFigures } from './results.ts';
import { directInsertStatement, submitResponses, takeBallots } from './survey-runs.ts';

// Ballots issued and anonymous responses accepted per second, end to end (HTTP, RSA, commit) on
// PostgreSQL, against the built product in its own process, with the api's RSS sampled under that
// load; beside it, the physical limit: the same rows inserted straight through pg at the same
// concurrency, one statement per response as the api sends it.
//
// Two cores are shared by the load generator (this process), the api and PostgreSQL. Unpinned, the
// scheduler keeps moving them onto each other's core; the api gets a core of its own and this
// process and PostgreSQL share the other (BENCH_PIN=0 leaves everything unpinned).
process.env.LOG_LEVEL ??= 'warn';
const people = 5_000;
const concurrency = 32;
const poolSize = Number(process.env.POOL ?? 10);
const secretKey = randomBytes(32).toString('base64');
const pinning = process.env.BENCH_PIN !== '0';

const cluster = await startCluster();
const store = await createDb({ databaseUrl: cluster.url() });
await migrateToLatest(store.db);
const load = await prepareSurvey(store, { people, units: 20, secretKey });

const app = await startApp(
  { DATABASE_URL: cluster.url(), SECRET_KEY: secretKey, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: String(poolSize) },
  process.env.PROFILE_API ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_API}`] : [],
);
const apiPid = app.process.pid ?? 0;
const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const pinned = pinning && pin(apiPid, '1') && pin(process.pid, '0');
// PostgreSQL's backends are children of the postmaster, and a fork keeps its parent's CPUs.
if (pinned) for (const pid of [postmaster, ...childrenOf(postmaster)]) pin(pid, process.env.BENCH_PG_CPUS ?? '0');

const postgresCpu = () => childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
/** Who used the two cores during a phase, in % of one core: the api, PostgreSQL, this process, and everything else. */
async function measured<T>(phase: () => Promise<T & { seconds: number }>) {
  const before = {
    api: cpuSeconds(apiPid),
    postgres: postgresCpu(),
    bench: process.cpuUsage(),
    machine: machineBusySeconds(),
  };
  const result = await phase();
  const share = (seconds: number) => Math.round((100 * seconds) / result.seconds);
  const bench = process.cpuUsage(before.bench);
  const api = cpuSeconds(apiPid) - before.api;
  const postgres = postgresCpu() - before.postgres;
  const generator = (bench.user + bench.system) / 1e6;
  const others = machineBusySeconds() - before.machine - api - postgres - generator;
  const perRequest = (seconds: number) => Math.round((1e6 * seconds) / people) / 1000;
  return {
    ...result,
    cpu: {
      api: share(api),
      postgres: share(postgres),
      generator: share(generator),
      others: Math.max(0, share(others)),
    },
    msPerRequest: { api: perRequest(api), postgres: perRequest(postgres) },
  };
}

const rss = sampleRss(apiPid);
const ballots = await measured(() => takeBallots(app.url, load, concurrency));
const submitted = await measured(() => submitResponses(app.url, load, concurrency));
const memory = rss.stop();
for (const [what, phase] of Object.entries({ ballots, submissions: submitted })) {
  console.log(`${what}: CPU in % of one core`, phase.cpu, 'CPU ms per request', phase.msPerRequest);
}
await app.stop();

const stored = await sql<{ responses: number; ballots: number }>`select
  (select count(*) from responses where pulse_id = ${load.pulseId})::int as responses,
  (select count(*) from ballot_issuance where pulse_id = ${load.pulseId})::int as ballots`.execute(store.db);
if (stored.rows[0]?.responses !== people || stored.rows[0]?.ballots !== people) {
  throw new Error(`expected ${people} ballots and responses, found ${JSON.stringify(stored.rows[0])}`);
}

// The physical limit: the same rows through a pg Pool as large as the api's, same concurrency.
const statements = load.employees.map((e) => directInsertStatement(load.orgId, load.pulseId, e.submission));
const compiled = statements.map((statement) => statement.compile(store.db));
const pool = new pg.Pool({ connectionString: cluster.url(), max: poolSize });
const direct = await runTasks(concurrency, compiled.length, async (index) => {
  const query = compiled[index];
  if (query) await pool.query(query.sql, [...query.parameters]);
});
await pool.end();

const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
const submissionsPerSecond = perSecond(people, submitted.seconds);
const directPerSecond = perSecond(people, direct.seconds);
const ballotsPerSecond = perSecond(people, ballots.seconds);
const conditions = `${concurrency} clients, pool ${poolSize}, ${pinned ? 'api pinned to CPU 1, load generator and PostgreSQL to CPU 0' : 'unpinned'}`;
recordFigures({
  ballots_issued_per_s: {
    value: ballotsPerSecond,
    unit: 'ballots/s',
    target: '≥ 1000/s',
    met: ballotsPerSecond >= 1000,
    note: `PostgreSQL, ${people} invitations, ${load.cohorts} cohort keys; ${conditions}`,
  },
  submissions_per_s_postgres: {
    value: submissionsPerSecond,
    unit: 'responses/s',
    target: '≥ 1500/s and ≥ 50% of raw_insert_per_s_postgres',
    met: submissionsPerSecond >= 1500 && submissionsPerSecond >= directPerSecond / 2,
    reference: {
      value: directPerSecond,
      unit: 'responses/s',
      what: `raw_insert_per_s_postgres: the same rows via pg, ${Math.round((100 * submissionsPerSecond) / directPerSecond)}% reached`,
    },
    note: `HTTP + signature check + commit, ${people} responses of 3 answers (1 in 5 with a comment); ${conditions}`,
  },
  raw_insert_per_s_postgres: {
    value: directPerSecond,
    unit: 'responses/s',
    target: 'reference: the physical limit of submissions_per_s_postgres',
    note: `the same rows straight through a pg Pool of ${poolSize}, ${concurrency} concurrent, one statement (response, answers, comment) per response, in the same run`,
  },
  api_rss_mib: {
    value: memory.peakMiB,
    unit: 'MiB',
    target: '≤ 200 MiB RSS on PostgreSQL',
    met: memory.peakMiB <= 200,
    note: `peak RSS of the api process sampled every 100 ms while it issued ${people} ballots and took ${people} responses (median ${memory.medianMiB} MiB)`,
  },
  pulse_open_5000_people_s: {
    value: Math.round(load.openSeconds * 100) / 100,
    unit: 's',
    target: `informational (${load.cohorts} cohort keys, ${people} invitations)`,
  },
});

await store.close();
cluster.destroy();
