import { createApp, createKeyring, createMailer, forgetReleases, type Services } from '@insideout/api';
import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { startCluster } from '../support/cluster.ts';
import { testPassword } from '../support/factories.ts';
import { addWeeklyPulses, generateOrg } from './generate-org.ts';
import { percentiles } from './load.ts';
import { recordFigures } from './results.ts';

// Dashboards read rollups, never answers: the org heatmap of the newest pulse and a team's trend
// over up to 52 pulses, through the api in-process (`app.request`: routing, session, validation,
// JSON), warm (the pulse's release plan is cached, as after close) and cold (the first call builds
// it), beside a plain GROUP BY over the raw answers for the same figure (driver means, without any
// disclosure control) on the same PostgreSQL. An org of 10,000 people in 248 units (generate-org.ts)
// whose history grows from 4 to 13 to 52 weekly pulses of 10 items: the figures should stay flat.
process.env.LOG_LEVEL ??= 'warn';

const cluster = await startCluster();
process.on('exit', () => cluster.destroy());
const store = await createDb({ databaseUrl: cluster.url() });
await migrateToLatest(store.db);
const seeding = performance.now();
const org = await generateOrg(store);

const services: Services = {
  store,
  mailer: createMailer({ from: 'InsideOut <no-reply@insideout.test>' }),
  keyring: createKeyring(new Uint8Array(32).fill(7)),
  publicUrl: 'http://insideout.test',
  session: { idleMinutes: 120, absoluteHours: 12 },
  now: () => new Date(),
};
const app = createApp({ services });
const login = await app.request('/api/v1/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: org.hr.email, password: testPassword }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

async function call(path: string) {
  const response = await app.request(`/api/v1${path}`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

async function timed(times: number, before: () => void, run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    before();
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

// The team of the trend: the largest team (about 100 people), so its figures are released.
const team = [...org.units].filter((u) => u.depth === 3).sort((a, b) => b.size - a.size)[0];
if (!team) throw new Error('no team');
const nothing = () => {};

async function measureAt(history: number) {
  await addWeeklyPulses(store, org, history - org.pulseIds.length);
  const newest = org.pulseIds.at(-1) ?? '';
  // Cold: the first call on a pulse builds its plan (heatmap: the 4 newest pulses in turn).
  forgetReleases();
  let next = 0;
  const recent = org.pulseIds.slice(-4);
  const heatmapCold = await timed(recent.length, forgetReleases, () =>
    call(`/results/heatmap?pulseId=${recent[next++ % recent.length]}`),
  );
  const trendCold = await timed(5, forgetReleases, () => call(`/results/units/${team?.id}/trend?limit=52`));
  const heatmap = await timed(200, nothing, () => call(`/results/heatmap?pulseId=${newest}`));
  const trend = await timed(300, nothing, () => call(`/results/units/${team?.id}/trend?limit=52`));

  // The references: the same kind of figure straight from the answers, one GROUP BY, no plan.
  const naiveHeatmap = await timed(30, nothing, () =>
    sql`select c.unit_id, i.driver, avg(case when i.kind = 'nps11' then a.value * 10 else (a.value - 1) * 25 end)
      from answers a
      join responses r on r.org_id = a.org_id and r.pulse_id = a.pulse_id and r.id = a.response_id
      join cohorts c on c.org_id = r.org_id and c.pulse_id = r.pulse_id and c.id = r.cohort_id
      join pulse_items i on i.org_id = a.org_id and i.pulse_id = a.pulse_id and i.position = a.position
      where a.org_id = ${org.id} and a.pulse_id = ${newest}
      group by c.unit_id, i.driver`.execute(store.db),
  );
  const naiveTrend = await timed(20, nothing, () =>
    sql`select a.pulse_id, i.driver, avg(case when i.kind = 'nps11' then a.value * 10 else (a.value - 1) * 25 end)
      from answers a
      join responses r on r.org_id = a.org_id and r.pulse_id = a.pulse_id and r.id = a.response_id
      join cohorts c on c.org_id = r.org_id and c.pulse_id = r.pulse_id and c.id = r.cohort_id
      join pulse_items i on i.org_id = a.org_id and i.pulse_id = a.pulse_id and i.position = a.position
      where a.org_id = ${org.id} and c.unit_path like ${`${team?.path}%`}
      group by a.pulse_id, i.driver`.execute(store.db),
  );
  const measured = { history, heatmap, heatmapCold, trend, trendCold, naiveHeatmap, naiveTrend };
  console.log(JSON.stringify(measured));
  return measured;
}

const at4 = await measureAt(4);
const at13 = await measureAt(13);
const at52 = await measureAt(52);
const counts = await sql<{ answers: number; rollups: number; cohorts: number }>`select
  (select count(*) from answers)::int as answers, (select count(*) from rollups)::int as rollups,
  (select count(*) from cohorts)::int as cohorts`.execute(store.db);
const size = `${org.people} people, ${org.units.length + 1} units, 10 items`;
console.log(`${size}, ${Math.round((performance.now() - seeding) / 1000)} s in all:`, counts.rows[0]);

const p95 = (value: { p50: number; p95: number }) => value.p95;
// Flat: at 52 pulses of history, within twice (or 10 ms of) the figure at 4 pulses.
const flat = (pick: (m: typeof at4) => { p95: number }) =>
  pick(at52).p95 <= Math.max(2 * pick(at4).p95, pick(at4).p95 + 10);
const flatTarget = '≤ 50 ms and flat as history grows (at 52 pulses ≤ 2× or +10 ms of the figure at 4)';
const history = (pick: (m: typeof at4) => { p95: number }) =>
  `4 pulses ${pick(at4).p95} ms, 13 pulses ${pick(at13).p95} ms, 52 pulses ${pick(at52).p95} ms`;
const naiveHeatmapReference = {
  value: p95(at52.naiveHeatmap),
  unit: 'ms',
  what: 'naive_heatmap_p95_ms: a GROUP BY unit × driver over one pulse’s raw answers',
};
const naiveTrendReference = (m: typeof at4) => ({
  value: p95(m.naiveTrend),
  unit: 'ms',
  what: `a GROUP BY pulse × driver over the team’s raw answers, ${m.history} pulses`,
});
recordFigures({
  heatmap_p95_ms: {
    value: p95(at52.heatmap),
    unit: 'ms',
    target: flatTarget,
    met: p95(at52.heatmap) <= 50 && flat((m) => m.heatmap),
    reference: naiveHeatmapReference,
    note: `org heatmap of the newest pulse, plan cached; ${size}, 52 weekly pulses; p50 ${at52.heatmap.p50} ms; by history: ${history((m) => m.heatmap)}`,
  },
  heatmap_cold_p95_ms: {
    value: p95(at52.heatmapCold),
    unit: 'ms',
    target: 'informational: the first call on a pulse builds its release plan (done in the background at close)',
    reference: naiveHeatmapReference,
    note: `p50 ${at52.heatmapCold.p50} ms; by history: ${history((m) => m.heatmapCold)}`,
  },
  trend52_p95_ms: {
    value: p95(at52.trend),
    unit: 'ms',
    target: flatTarget,
    met: p95(at52.trend) <= 50 && flat((m) => m.trend),
    reference: naiveTrendReference(at52),
    note: `a team of ${team.size} over 52 weekly pulses, plans cached; p50 ${at52.trend.p50} ms; by history: ${history((m) => m.trend)}`,
  },
  trend52_p95_ms_at_4_pulses: {
    value: p95(at4.trend),
    unit: 'ms',
    target: '≤ 50 ms; trend52_p95_ms within 2× (or +10 ms) of it',
    met: p95(at4.trend) <= 50,
    reference: naiveTrendReference(at4),
    note: `the same 52-pulse trend request while the org has 4 pulses of history; p50 ${at4.trend.p50} ms; 13 pulses: ${p95(at13.trend)} ms`,
  },
  trend52_cold_p95_ms: {
    value: p95(at52.trendCold),
    unit: 'ms',
    target: 'informational: every plan of the 52 pulses built in the call',
    reference: naiveTrendReference(at52),
    note: `p50 ${at52.trendCold.p50} ms; by history: ${history((m) => m.trendCold)}`,
  },
  naive_heatmap_p95_ms: {
    value: p95(at52.naiveHeatmap),
    unit: 'ms',
    target: 'reference of heatmap_p95_ms: a plain GROUP BY over one pulse’s raw answers (no disclosure control)',
    note: `by history: ${history((m) => m.naiveHeatmap)}; the team trend as a GROUP BY: ${history((m) => m.naiveTrend)}`,
  },
});

await store.close();
