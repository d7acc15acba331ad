import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePulse, createKeyring, createMailer, type Services } from '@insideout/api';
import { createDb, type Db, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { staffActor } from '../../api/src/audit/record.ts';
import { sealPulse } from '../../api/src/pulses/lifecycle.ts';
import { computeRollups } from '../../api/src/results/rollups.ts';
import { startCluster } from '../support/cluster.ts';
import { addOpenPulse, addWeeklyPulses, type GeneratedOrg, generateOrg } from './generate-org.ts';
import { recordFigures } from './results.ts';

// Closing a pulse that 10,000 people answered (10 items each, 1 in 10 with a comment) in an org with
// a month of history: the closing transaction seals the responses, answers and comments (rewritten
// in random order) and rolls them up, through the api's own closePulse, on PostgreSQL and on the
// embedded PGlite. A second pulse of the same size is sealed and rolled up step by step to show
// where the time goes.
process.env.LOG_LEVEL ??= 'warn';

async function measure(store: Db) {
  await migrateToLatest(store.db);
  const org: GeneratedOrg = await generateOrg(store, { progress: false });
  // A month of history first, analyzed: the statistics know the org, not the pulse that closes.
  await addWeeklyPulses(store, org, 4, { progress: false });
  const first = await addOpenPulse(store, org);
  const second = await addOpenPulse(store, org);
  const services: Services = {
    store,
    mailer: createMailer({ from: 'InsideOut <no-reply@insideout.test>' }),
    keyring: createKeyring(new Uint8Array(32).fill(7)),
    publicUrl: 'http://insideout.test',
    session: { idleMinutes: 120, absoluteHours: 12 },
    now: () => new Date(),
  };
  const counts = await sql<{ responses: number; answers: number; comments: number }>`select
    (select count(*) from responses where pulse_id = ${first})::int as responses,
    (select count(*) from answers where pulse_id = ${first})::int as answers,
    (select count(*) from comments where pulse_id = ${first})::int as comments`.execute(store.db);
  const shape = counts.rows[0];
  if (!shape || shape.responses !== org.people)
    throw new Error(`expected ${org.people} responses: ${JSON.stringify(shape)}`);

  const actor = staffActor({ personId: org.hr.id, displayName: 'Bench HR' });
  const started = performance.now();
  await closePulse(services, org.id, first, actor);
  const closeMs = performance.now() - started;
  const rollups = await sql<{
    n: number;
  }>`select coalesce(sum(n), 0)::int as n from rollups where pulse_id = ${first}`.execute(store.db);
  if (rollups.rows[0]?.n !== shape.answers) throw new Error('the rollups do not count every answer');

  const steps = await store.db.transaction().execute(async (trx) => {
    const t0 = performance.now();
    await sealPulse(trx, org.id, second);
    const t1 = performance.now();
    await computeRollups(trx, org.id, second);
    return { sealMs: Math.round(t1 - t0), rollupMs: Math.round(performance.now() - t1) };
  });
  return { closeMs: Math.round(closeMs), ...steps, ...shape };
}

const cluster = await startCluster();
process.on('exit', () => cluster.destroy());
const postgresStore = await createDb({ databaseUrl: cluster.url() });
const postgres = await measure(postgresStore);
await postgresStore.close();
cluster.destroy();
console.log('postgres', postgres);

const dataDir = mkdtempSync(join(tmpdir(), 'insideout-seal-'));
const pgliteStore = await createDb({ dataDir });
const pglite = await measure(pgliteStore);
await pgliteStore.close();
rmSync(dataDir, { recursive: true, force: true });
console.log('pglite', pglite);

const what = (m: typeof postgres) =>
  `${m.responses} responses, ${m.answers} answers, ${m.comments} comments; sealing ${m.sealMs} ms + rollups ${m.rollupMs} ms when timed apart`;
recordFigures({
  seal_10k_ms: {
    value: postgres.closeMs,
    unit: 'ms',
    target: '≤ 3000 ms',
    met: postgres.closeMs <= 3000,
    reference: { value: pglite.closeMs, unit: 'ms', what: 'seal_10k_ms_pglite: the same close on the embedded PGlite' },
    note: `closePulse on PostgreSQL (one transaction: state, sealing, rollups, audit): ${what(postgres)}`,
  },
  seal_10k_ms_pglite: {
    value: pglite.closeMs,
    unit: 'ms',
    target: 'informational (the embedded store)',
    note: `closePulse on PGlite: ${what(pglite)}`,
  },
});
