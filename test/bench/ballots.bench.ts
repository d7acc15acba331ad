import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
// Two cores are shared by the load generator (this process), the api and PostgreSQL. Left to the
// scheduler, PostgreSQL's backends and the generator keep preempting the api on its core; so the
// api gets CPU 1 to itself, and this process and PostgreSQL share CPU 0 (BENCH_PIN=0: unpinned;
// BENCH_PG_CPUS=0,1 lets PostgreSQL use both). Each phase reports who used the cores. For the
// direct inserts PostgreSQL gets every core back: the reference is what the whole machine stores.
process.env.LOG_LEVEL ??= 'warn';
const people = 5_000;
const concurrency = 32;
const poolSize = Number(process.env.POOL ?? 10);
const secretKey = randomBytes(32).toString('base64');

const cluster = await startCluster();
try {
  const store = await createDb({ databaseUrl: cluster.url() });
  await migrateToLatest(store.db);
  const load = await prepareSurvey(store, { people, units: 20, secretKey });

  const app = await startApp(
    { DATABASE_URL: cluster.url(), SECRET_KEY: secretKey, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: String(poolSize) },
    process.env.PROFILE_API ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_API}`] : [],
  );
  const apiPid = app.process.pid ?? 0;
  const postmaster = Number(readFileSync(join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pinned = process.env.BENCH_PIN !== '0' && pin(apiPid, '1') && pin(process.pid, '0');
  const postgresCpus = process.env.BENCH_PG_CPUS ?? '0';
  // Backends are forked by the postmaster (the api's pool connects later) and inherit its CPUs.
  if (pinned) for (const pid of [postmaster, ...childrenOf(postmaster)]) pin(pid, postgresCpus);

  const postgresCpu = () => childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  /** Runs a phase and says who used the cores meanwhile, in % of one core and in CPU ms per request. */
  const measured = async <T>(phase: () => Promise<T & { seconds: number }>) => {
    const before = {
      api: cpuSeconds(apiPid),
      postgres: postgresCpu(),
      bench: process.cpuUsage(),
      all: machineBusySeconds(),
    };
    const result = await phase();
    const usage = process.cpuUsage(before.bench);
    const api = cpuSeconds(apiPid) - before.api;
    const postgres = postgresCpu() - before.postgres;
    const generator = (usage.user + usage.system) / 1e6;
    const others = Math.max(0, machineBusySeconds() - before.all - api - postgres - generator);
    const share = (seconds: number) => Math.round((100 * seconds) / result.seconds);
    const perRequest = (seconds: number) => Math.round((1e6 * seconds) / people) / 1000;
    const cpu = `CPU in % of one core: api ${share(api)}, PostgreSQL ${share(postgres)}, load generator ${share(generator)}, other processes ${share(others)}; CPU ms per request: api ${perRequest(api)}, PostgreSQL ${perRequest(postgres)}`;
    console.log(cpu);
    return { ...result, cpu };
  };

  const rss = sampleRss(apiPid);
  const ballots = await measured(() => takeBallots(app.url, load, concurrency));
  const submitted = await measured(() => submitResponses(app.url, load, concurrency));
  const memory = rss.stop();
  await app.stop();

  const stored = await sql<{ responses: number; ballots: number }>`select
    (select count(*) from responses where pulse_id = ${load.pulseId})::int as responses,
    (select count(*) from ballot_issuance where pulse_id = ${load.pulseId})::int as ballots`.execute(store.db);
  if (stored.rows[0]?.responses !== people || stored.rows[0]?.ballots !== people) {
    throw new Error(`expected ${people} ballots and responses, found ${JSON.stringify(stored.rows[0])}`);
  }

  // The physical limit: the same rows through a pg Pool as large as the api's, same concurrency, with
  // PostgreSQL free to use every core again (the api no longer needs one): what the machine can store.
  const everyCpu = `0-${cpus().length - 1}`;
  if (pinned) for (const pid of [postmaster, ...childrenOf(postmaster)]) pin(pid, everyCpu);
  const compiled = load.employees.map((e) =>
    directInsertStatement(load.orgId, load.pulseId, e.submission).compile(store.db),
  );
  const pool = new pg.Pool({ connectionString: cluster.url(), max: poolSize });
  const direct = await runTasks(concurrency, compiled.length, async (index) => {
    const query = compiled[index];
    if (query) await pool.query(query.sql, [...query.parameters]);
  });
  await pool.end();
  await store.close();

  const perSecond = (seconds: number) => Math.round(people / seconds);
  const submissionsPerSecond = perSecond(submitted.seconds);
  const directPerSecond = perSecond(direct.seconds);
  const ballotsPerSecond = perSecond(ballots.seconds);
  const conditions = `${concurrency} clients, api pool ${poolSize}, ${pinned ? `api pinned to CPU 1, load generator to CPU 0, PostgreSQL to CPU ${postgresCpus}` : 'unpinned'}, LOG_LEVEL=warn`;
  recordFigures({
    ballots_issued_per_s: {
      value: ballotsPerSecond,
      unit: 'ballots/s',
      target: '≥ 1000/s',
      met: ballotsPerSecond >= 1000,
      note: `PostgreSQL, ${people} invitations, ${load.cohorts} cohort keys, RSA-2048 blind signatures; ${conditions}. ${ballots.cpu}`,
    },
    submissions_per_s_postgres: {
      value: submissionsPerSecond,
      unit: 'responses/s',
      target: '≥ 1500/s and ≥ 50% of raw_insert_per_s_postgres',
      met: submissionsPerSecond >= 1500 && submissionsPerSecond >= directPerSecond / 2,
      reference: {
        value: directPerSecond,
        unit: 'responses/s',
        what: `raw_insert_per_s_postgres: the same rows via pg; ${Math.round((100 * submissionsPerSecond) / directPerSecond)}% of it reached`,
      },
      note: `HTTP + signature check + commit, ${people} responses of 3 answers (1 in 5 with a comment); ${conditions}. ${submitted.cpu}`,
    },
    raw_insert_per_s_postgres: {
      value: directPerSecond,
      unit: 'responses/s',
      target: 'reference: the physical limit of submissions_per_s_postgres',
      note: `the same rows straight through a pg Pool of ${poolSize}, ${concurrency} concurrent, one statement (response, answers, comment) per response, as the api sends it; same run, same cluster, PostgreSQL on every core`,
    },
    api_rss_mib: {
      value: memory.peakMiB,
      unit: 'MiB',
      target: '≤ 200 MiB RSS on PostgreSQL',
      met: memory.peakMiB <= 200,
      note: `peak RSS of the api process, sampled every 100 ms while it issued ${people} ballots and took ${people} responses from ${concurrency} clients (median ${memory.medianMiB} MiB)`,
    },
    pulse_open_5000_people_s: {
      value: Math.round(load.openSeconds * 100) / 100,
      unit: 's',
      target: `informational (${load.cohorts} cohort keys, ${people} invitations)`,
    },
  });
} finally {
  cluster.destroy();
}
