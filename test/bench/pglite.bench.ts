import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { startApp } from '../support/app-process.ts';
import { prepareSurvey } from '../support/survey-load.ts';
import { pin, runTasks, sampleRss } from './load.ts';
import { recordFigures } from './results.ts';
import { directInsertStatement, submitResponses, takeBallots } from './survey-runs.ts';

// The same load as ballots.bench.ts on the embedded store: the built product on PGlite (no
// DATABASE_URL), its store prepared beforehand in this process; beside it, the same rows written
// straight into the same PGlite store from this process, at the same concurrency (PGlite is one
// Postgres session: every statement waits its turn, in the api as here).
process.env.LOG_LEVEL ??= 'warn';
const people = 5_000;
const concurrency = 32;
const secretKey = randomBytes(32).toString('base64');
const dataDir = mkdtempSync(join(tmpdir(), 'insideout-bench-pglite-'));

try {
  const preparing = await createDb({ dataDir });
  await migrateToLatest(preparing.db);
  const load = await prepareSurvey(preparing, { people, units: 20, secretKey });
  await preparing.close();

  const app = await startApp({ DATA_DIR: dataDir, SECRET_KEY: secretKey, LOG_LEVEL: 'warn' });
  const apiPid = app.process.pid ?? 0;
  const pinned = pin(apiPid, '1') && pin(process.pid, '0');
  const rss = sampleRss(apiPid);
  const ballots = await takeBallots(app.url, load, concurrency);
  const submitted = await submitResponses(app.url, load, concurrency);
  const memory = rss.stop();
  if ((await app.stop()) !== 0) throw new Error(`the api did not stop cleanly:\n${app.output()}`);

  const store = await createDb({ dataDir });
  const stored = await sql<{ responses: number }>`select count(*)::int as responses from responses
    where pulse_id = ${load.pulseId}`.execute(store.db);
  if (stored.rows[0]?.responses !== people)
    throw new Error(`expected ${people} responses: ${stored.rows[0]?.responses}`);
  const compiled = load.employees.map((e) =>
    directInsertStatement(load.orgId, load.pulseId, e.submission).compile(store.db),
  );
  const direct = await runTasks(concurrency, compiled.length, async (index) => {
    const query = compiled[index];
    if (query) await store.db.executeQuery(query);
  });
  await store.close();

  const perSecond = (seconds: number) => Math.round(people / seconds);
  const conditions = `${concurrency} clients, ${pinned ? 'api pinned to CPU 1, load generator to CPU 0' : 'unpinned'}`;
  recordFigures({
    submissions_per_s_pglite: {
      value: perSecond(submitted.seconds),
      unit: 'responses/s',
      target: '≥ 50% of raw_insert_per_s_pglite',
      met: submitted.seconds <= 2 * direct.seconds,
      reference: {
        value: perSecond(direct.seconds),
        unit: 'responses/s',
        what: `raw_insert_per_s_pglite: the same rows straight into PGlite, ${Math.round((100 * direct.seconds) / submitted.seconds)}% reached`,
      },
      note: `HTTP + signature check + commit on the built product with PGlite, ${people} responses; ${conditions}`,
    },
    raw_insert_per_s_pglite: {
      value: perSecond(direct.seconds),
      unit: 'responses/s',
      target: 'reference: the physical limit of submissions_per_s_pglite',
      note: `the same rows written by this process into the same PGlite store, ${concurrency} concurrent, one statement per response`,
    },
    ballots_issued_per_s_pglite: {
      value: perSecond(ballots.seconds),
      unit: 'ballots/s',
      target: 'informational',
      note: `${people} invitations, ${load.cohorts} cohort keys; ${conditions}`,
    },
    api_rss_mib_pglite: {
      value: memory.peakMiB,
      unit: 'MiB',
      target: 'informational (PGlite keeps its database in the api process)',
      note: `peak RSS of the api process on PGlite under the same load (median ${memory.medianMiB} MiB)`,
    },
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
