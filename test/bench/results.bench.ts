import { createApp, createKeyring, createMailer, forgetReleases, type Services } from '@insideout/api';
import { formCohorts } from '@insideout/core';
import { createDb, migrateToLatest } from '@insideout/db';
import { sql } from 'kysely';
import { computeRollups } from '../../api/src/results/rollups.ts';
import { startCluster } from '../support/cluster.ts';
import { newOrg, newPerson, testPassword } from '../support/factories.ts';
import { recordFigures } from './results.ts';

// Dashboards read rollups, never answers: the heatmap of one pulse and a unit's 52-week trend,
// through the api in-process (`app.request`: routing, session, validation, JSON), cold (the first
// call builds the pulse's release plan and reads its rollups) and warm (the plan is cached), beside
// a plain GROUP BY over the raw answers for the same figure (driver means, without any disclosure
// control) on the same PostgreSQL. An org of ~2,000 people in 79 units, 52 closed weekly pulses of
// 10 items (the first required); the trend is also timed over the newest 4 and 13.
process.env.LOG_LEVEL ??= 'warn';
const people = 10_000;
const weeks = 52;
const items = [
  'engagement.1',
  'engagement.2',
  'engagement.3',
  'ambassadorship.enps',
  'ambassadorship.2',
  'ambassadorship.3',
  'growth.1',
  'recognition.1',
  'wellbeing_workload.1',
  'freedom_of_opinion.1',
].map((key) => `bank:${key}`);

const cluster = await startCluster();
const store = await createDb({ databaseUrl: cluster.url() });
await migrateToLatest(store.db);
const org = await newOrg(store, 'Bench Org');
const hr = await newPerson(store, org.root, { role: 'hr_admin' });

// Units: 6 divisions × 10 teams, the first two teams of each with 1 sub-team: 3 to 4 levels.
const units: Array<{ id: string; parentId: string; path: string; name: string }> = [];
const addUnit = (parent: { id: string; path: string }, name: string) => {
  const id = crypto.randomUUID();
  const unit = { id, parentId: parent.id, path: `${parent.path}${id}/`, name };
  units.push(unit);
  return unit;
};
const teams: string[] = [];
for (let d = 0; d < 6; d++) {
  const division = addUnit(org.root, `Division ${d}`);
  for (let t = 0; t < 10; t++) {
    const team = addUnit(division, `Team ${d}.${t}`);
    teams.push(team.id);
    if (t < 2) teams.push(addUnit(team, `Team ${d}.${t}.a`).id);
  }
}
await store.db
  .insertInto('units')
  .values(units.map((u) => ({ orgId: org.id, ...u })))
  .execute();
// Team sizes from 2 to 49 (some too small to ever show), scaled to ~2,000 people.
const weights = teams.map((_, i) => 2 + ((i * 37) % 48));
const total = weights.reduce((a, b) => a + b, 0);
const assignment = teams.flatMap((id, i) => new Array(Math.round(((weights[i] ?? 0) * people) / total)).fill(id));
await sql`insert into people (org_id, email, display_name, unit_id, role, attributes)
  select ${org.id}, 'p' || n || '@bench.test', 'Person ' || n, (${JSON.stringify(assignment)}::jsonb ->> (n - 1))::uuid,
    'employee', jsonb_build_object('location', (array['Lyon', 'Paris', 'Berlin'])[1 + n % 3])
  from generate_series(1, ${assignment.length}) as n`.execute(store.db);

const members = await store.db
  .selectFrom('people')
  .select(['id as personId', 'unitId', 'attributes'])
  .where('orgId', '=', org.id)
  .where('role', '=', 'employee')
  .execute();
const cohorts = formCohorts(members, 5, ['location']);

const seeding = performance.now();
const start = Date.now() - (weeks + 1) * 7 * 86_400_000;
const pulseIds: string[] = [];
for (let w = 0; w < weeks; w++) {
  const opensAt = new Date(start + w * 7 * 86_400_000);
  const closesAt = new Date(opensAt.getTime() + 5 * 86_400_000);
  const pulse = await store.db
    .insertInto('pulses')
    .values({
      orgId: org.id,
      title: `Week ${w + 1}`,
      state: 'closed',
      opensAt,
      closesAt,
      recurrence: 'weekly',
      audienceUnitIds: JSON.stringify([org.root.id]),
      k: 5,
      kComments: 10,
      previousId: pulseIds.at(-1) ?? null,
      createdBy: hr.id,
      openedAt: opensAt,
      closedAt: closesAt,
      sealedAt: closesAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  pulseIds.push(pulse.id);
  await sql`insert into pulse_items (org_id, pulse_id, position, question_key, driver, kind, text_en, text_fr, required)
    select ${org.id}, ${pulse.id}, position - 1, key, split_part(substr(key, 6), '.', 1),
      case when key like '%.enps' then 'nps11' else 'likert5' end, key, key, false
    from unnest(${items}::text[]) with ordinality as item(key, position)`.execute(store.db);
  await store.db
    .insertInto('cohorts')
    .values(
      cohorts.map((c) => ({
        orgId: org.id,
        pulseId: pulse.id,
        unitId: c.unitId,
        attributes: c.attributes,
        audience: c.personIds.length,
        publicKey: 'bench',
        privateKeySealed: 'bench',
      })),
    )
    .execute();
  // ~75% answer, and skip 3% of the optional items (all but the first); the climate drifts week to week.
  await sql`insert into responses (org_id, pulse_id, cohort_id, id, nullifier, payload_hash, receipt_hash)
    select c.org_id, c.pulse_id, c.id, gen_random_uuid(), gen_random_uuid()::text, 'bench', 'bench'
    from cohorts c cross join lateral generate_series(1, c.audience) as g
    where c.org_id = ${org.id} and c.pulse_id = ${pulse.id} and random() < 0.75`.execute(store.db);
  await sql`insert into answers (org_id, pulse_id, response_id, position, value)
    select r.org_id, r.pulse_id, r.id, i.position,
      case when i.kind = 'nps11' then least(10, floor(random() * 8 + ${(w % 7) / 2}))
           else least(5, 1 + floor(random() * 4 + ${(w % 5) / 4})) end
    from responses r
    join pulse_items i on i.org_id = r.org_id and i.pulse_id = r.pulse_id
    where r.org_id = ${org.id} and r.pulse_id = ${pulse.id} and (i.position = 0 or random() >= 0.03)`.execute(store.db);
  await store.db.transaction().execute((trx) => computeRollups(trx, org.id, pulse.id));
}
await sql`analyze`.execute(store.db);
const counts = await sql<{ answers: number; rollups: number; cohorts: number }>`select
  (select count(*) from answers)::int as answers, (select count(*) from rollups)::int as rollups,
  (select count(*) from cohorts)::int as cohorts`.execute(store.db);
console.log(
  `seeded ${assignment.length} people, ${units.length + 1} units, ${weeks} pulses in ${Math.round(performance.now() - seeding)} ms:`,
  counts.rows[0],
);

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
  body: JSON.stringify({ email: hr.email, password: testPassword }),
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
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

const nothing = () => {};
const division = units[0]?.id ?? '';
const newest = pulseIds.at(-1) ?? '';

// Cold heatmap: the first call on each of the 52 pulses builds its plan.
let next = 0;
const heatmapCold = await timed(weeks, forgetReleases, () => call(`/results/heatmap?pulseId=${pulseIds[next++]}`));
const heatmapWarm = await timed(200, nothing, () => call(`/results/heatmap?pulseId=${newest}`));
const trend = async (limit: number) => ({
  cold: await timed(10, forgetReleases, () => call(`/results/units/${division}/trend?limit=${limit}`)),
  warm: await timed(100, nothing, () => call(`/results/units/${division}/trend?limit=${limit}`)),
});
const trends = { 4: await trend(4), 13: await trend(13), 52: await trend(52) };

// The reference: the same kind of figure straight from the answers, one GROUP BY, no plan.
const heatmapGroupBy = await timed(50, nothing, () =>
  sql`select c.unit_id, i.driver, avg(case when i.kind = 'nps11' then a.value * 10 else (a.value - 1) * 25 end)
    from answers a
    join responses r on r.org_id = a.org_id and r.pulse_id = a.pulse_id and r.id = a.response_id
    join cohorts c on c.org_id = r.org_id and c.pulse_id = r.pulse_id and c.id = r.cohort_id
    join pulse_items i on i.org_id = a.org_id and i.pulse_id = a.pulse_id and i.position = a.position
    where a.org_id = ${org.id} and a.pulse_id = ${newest}
    group by c.unit_id, i.driver`.execute(store.db),
);
const divisionPath = units[0]?.path ?? '';
const trendGroupBy = await timed(20, nothing, () =>
  sql`select a.pulse_id, i.driver, avg(case when i.kind = 'nps11' then a.value * 10 else (a.value - 1) * 25 end)
    from answers a
    join responses r on r.org_id = a.org_id and r.pulse_id = a.pulse_id and r.id = a.response_id
    join cohorts c on c.org_id = r.org_id and c.pulse_id = r.pulse_id and c.id = r.cohort_id
    join units u on u.org_id = c.org_id and u.id = c.unit_id
    join pulse_items i on i.org_id = a.org_id and i.pulse_id = a.pulse_id and i.position = a.position
    where a.org_id = ${org.id} and u.path like ${`${divisionPath}%`}
    group by a.pulse_id, i.driver`.execute(store.db),
);

console.log(JSON.stringify({ heatmapCold, heatmapWarm, trends, heatmapGroupBy, trendGroupBy }));
const reference = (value: { p95: number }, what: string) => ({ value: value.p95, unit: 'ms', what });
const size = `${assignment.length} people, ${units.length + 1} units, 10 items`;
recordFigures({
  heatmap_p95_ms: {
    value: heatmapWarm.p95,
    unit: 'ms',
    target: `≤ 50 ms (warm, plan cached; ${size}; p50 ${heatmapWarm.p50} ms)`,
    reference: reference(heatmapGroupBy, 'p95 of a GROUP BY unit × driver over one pulse’s raw answers'),
  },
  heatmap_cold_p95_ms: {
    value: heatmapCold.p95,
    unit: 'ms',
    target: `informational (first call per pulse: plan built, rollups read; p50 ${heatmapCold.p50} ms)`,
    reference: reference(heatmapGroupBy, 'p95 of a GROUP BY unit × driver over one pulse’s raw answers'),
  },
  trend52_p95_ms: {
    value: trends[52].warm.p95,
    unit: 'ms',
    target: `≤ 50 ms and flat with history (warm, a division over 52 weekly pulses; p50 ${trends[52].warm.p50} ms; 13 pulses ${trends[13].warm.p95} ms, 4 pulses ${trends[4].warm.p95} ms)`,
    reference: reference(trendGroupBy, 'p95 of a GROUP BY pulse × driver over the division’s raw answers, 52 pulses'),
  },
  trend52_cold_p95_ms: {
    value: trends[52].cold.p95,
    unit: 'ms',
    target: `informational (52 plans built at once; p50 ${trends[52].cold.p50} ms; 13 pulses ${trends[13].cold.p95} ms, 4 pulses ${trends[4].cold.p95} ms)`,
    reference: reference(trendGroupBy, 'p95 of a GROUP BY pulse × driver over the division’s raw answers, 52 pulses'),
  },
  naive_heatmap_p95_ms: {
    value: heatmapGroupBy.p95,
    unit: 'ms',
    target: 'reference: the heatmap as a plain GROUP BY over one pulse’s raw answers (no disclosure control)',
  },
});

await store.close();
cluster.destroy();
