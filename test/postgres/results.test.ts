import { forgetReleases } from '@insideout/api';
import type { GroupFigures, Heatmap, Pulse, ResultsPulseList, Trend, UnitResults } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, pulseInput, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { invitationsIn, receipt, takeBallot } from '../support/survey.ts';

/**
 * Results over HTTP for an org of teams of 12 (Lyon 7, Paris 5), 7, 6 and 3 people, two and three
 * levels deep, after two pulses answered through the real ballot flow. Every released number is
 * checked against a computation from the answers this file sent, written out here from the
 * published definitions (DESIGN.md "Metrics") — not with core's functions.
 */

const items = [
  'bank:engagement.1',
  'bank:engagement.2',
  'bank:ambassadorship.enps',
  'bank:ambassadorship.2',
  'bank:growth.1',
];
const [E1, E2, NPS, A2, GROWTH] = [0, 1, 2, 3, 4];
const driverItems = { engagement: [E1, E2], ambassadorship: [NPS, A2], growth: [GROWTH] } as const;
type TeamName = 'sales' | 'platform' | 'mobile' | 'tiny';

interface Member {
  email: string;
  team: TeamName;
  location: 'Lyon' | 'Paris' | null;
  /** Answers to each pulse by position; null: did not answer the pulse. */
  answers: [Map<number, number> | null, Map<number, number> | null];
}

let store: TestDatabase;
let client: TestApp;
let hr: StaffClient;
let salesManager: StaffClient;
let techManager: StaffClient;
const unit = {} as Record<
  'root' | 'staff' | 'division' | 'sales' | 'tech' | 'platform' | 'mobile' | 'tiny' | 'foreign',
  TestUnit
>;
const members: Member[] = [];
const pulses: Pulse[] = [];
let whileOpen: { division: UnitResults; tech: UnitResults; defaultPulseId: string; heatmap: Heatmap };

/** Pulse one: varied answers; two of Paris skip the optional growth item; one of Platform does not answer. */
function firstAnswers(g: number, team: TeamName, j: number, location: Member['location']) {
  if (team === 'platform' && j === 6) return null;
  const answers = new Map([
    [E1, team === 'sales' ? 4 + (g % 2) : 1 + ((g * 3 + 1) % 5)],
    [E2, team === 'sales' ? 5 - (g % 2) : 1 + ((g * 2 + 3) % 5)],
    [NPS, (g * 7 + 2) % 11],
    [A2, 1 + ((g + 2) % 5)],
    [GROWTH, 1 + ((g * 4) % 5)],
  ]);
  if (location === 'Paris' && j < 2) answers.delete(GROWTH);
  return answers;
}

/** Pulse two: Sales' engagement collapses; one growth answer moves by one step. */
function secondAnswers(first: Map<number, number> | null, team: TeamName, g: number) {
  if (!first) return null;
  const answers = new Map(first);
  if (team === 'sales') {
    answers.set(E1, 1 + (g % 2));
    answers.set(E2, 1);
    const growth = answers.get(GROWTH);
    if (g === 0 && growth !== undefined) answers.set(GROWTH, growth < 5 ? growth + 1 : growth - 1);
  }
  return answers;
}

async function answer(pulse: Pulse, who: Member[], index: 0 | 1) {
  const mails = await store.db
    .selectFrom('mailOutbox')
    .select(['to', 'text'])
    .where('subject', '=', `Your voice: ${pulse.title}`)
    .execute();
  const tokens = invitationsIn(mails);
  for (const member of who) {
    const answers = member.answers[index];
    if (!answers) continue;
    const { survey, ballot } = await takeBallot(client, tokens.get(member.email) ?? '');
    const response = await client.postJson(`/api/v1/pulses/${pulse.id}/responses`, {
      cohortId: survey.cohort.id,
      ...ballot,
      answers: [...answers].map(([position, value]) => ({ position, value })),
      comments: [],
      receiptHash: receipt().hash,
    });
    expect(response.status).toBe(201);
  }
}

async function json<T>(staff: StaffClient, path: string): Promise<T> {
  const response = await staff.get(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store);
  unit.root = org.root;
  unit.staff = await newUnit(store, org.id, org.root, 'Staff');
  unit.division = await newUnit(store, org.id, org.root, 'Division');
  unit.sales = await newUnit(store, org.id, unit.division, 'Sales');
  unit.tech = await newUnit(store, org.id, unit.division, 'Tech');
  unit.platform = await newUnit(store, org.id, unit.tech, 'Platform');
  unit.mobile = await newUnit(store, org.id, unit.tech, 'Mobile');
  unit.tiny = await newUnit(store, org.id, unit.tech, 'Tiny');
  const other = await newOrg(store);
  unit.foreign = await newUnit(store, other.id, other.root, 'Foreign');

  const sizes: Array<[TeamName, number]> = [
    ['sales', 12],
    ['platform', 7],
    ['mobile', 6],
    ['tiny', 3],
  ];
  let g = 0;
  for (const [team, size] of sizes) {
    for (let j = 0; j < size; j++, g++) {
      const location = team === 'sales' ? (j < 7 ? 'Lyon' : 'Paris') : null;
      const index = location === 'Paris' ? j - 7 : j;
      const person = await newPerson(store, unit[team], location ? { attributes: { location } } : {});
      const first = firstAnswers(g, team, index, location);
      members.push({ email: person.email, team, location, answers: [first, secondAnswers(first, team, g)] });
    }
  }
  const staffPerson = (options: Parameters<typeof newPerson>[2]) => newPerson(store, unit.staff, options);
  hr = await client.signIn((await staffPerson({ role: 'hr_admin' })).email, testPassword);
  salesManager = await client.signIn(
    (await staffPerson({ role: 'manager', manages: [unit.sales] })).email,
    testPassword,
  );
  techManager = await client.signIn((await staffPerson({ role: 'manager', manages: [unit.tech] })).email, testPassword);

  for (const [index, title] of ['Pulse one', 'Pulse two'].entries()) {
    const created = await hr.request('POST', '/api/v1/pulses', { ...pulseInput([unit.division], { items }), title });
    expect(created.status).toBe(201);
    const pulse = (await created.json()) as Pulse;
    pulses.push(pulse);
    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/open`)).status).toBe(200);
    if (index === 0) {
      await answer(pulse, members, 0);
    } else {
      // Half the org answers; results are read while the pulse is open, then the rest answer.
      await answer(pulse, members.slice(0, 14), 1);
      whileOpen = {
        division: await json(hr, `/api/v1/results/units/${unit.division.id}?pulseId=${pulse.id}`),
        tech: await json(hr, `/api/v1/results/units/${unit.tech.id}?pulseId=${pulse.id}`),
        defaultPulseId: (await json<UnitResults>(hr, `/api/v1/results/units/${unit.division.id}`)).pulse.id,
        heatmap: await json(hr, `/api/v1/results/heatmap?pulseId=${pulse.id}`),
      };
      await answer(pulse, members.slice(14), 1);
    }
    expect((await hr.request('POST', `/api/v1/pulses/${pulse.id}/close`)).status).toBe(200);
  }
}, 120_000);
afterAll(() => store.close());

// ——— The expected figures, from the answers sent ———

const roundHalfAway = (x: number) => {
  const magnitude = Math.round(Math.abs(x) * 1e9) / 1e9;
  return Math.sign(x) * Math.floor(magnitude + 0.5) || 0;
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function expected(group: Member[], pulse: 0 | 1 = 0) {
  const answered = group.map((m) => m.answers[pulse]).filter((a): a is Map<number, number> => a !== null);
  const values = (position: number) => answered.flatMap((a) => (a.has(position) ? [a.get(position) as number] : []));
  // 0–100: Likert (v − 1) × 25; the 0–10 item v × 10.
  const points = (position: number) => values(position).map((v) => (position === NPS ? v * 10 : (v - 1) * 25));
  const itemScore = (position: number) => mean(points(position));
  const favourable = (positions: readonly number[]) => {
    const likert = positions.filter((p) => p !== NPS).flatMap(values);
    return roundHalfAway((100 * likert.filter((v) => v >= 4).length) / likert.length);
  };
  const driver = (positions: readonly number[]) => ({
    score: roundHalfAway(mean(positions.map(itemScore))),
    favourability: favourable(positions),
  });
  const nps = values(NPS);
  const p = nps.filter((v) => v >= 9).length / nps.length;
  const d = nps.filter((v) => v <= 6).length / nps.length;
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / nps.length);
  return {
    respondents: answered.length,
    audience: group.length,
    engagement: driver(driverItems.engagement).score,
    enps: {
      value: roundHalfAway(100 * (p - d)),
      low: roundHalfAway(Math.max(-100, 100 * (p - d) - 1.645 * se)),
      high: roundHalfAway(Math.min(100, 100 * (p - d) + 1.645 * se)),
    },
    drivers: Object.fromEntries(Object.entries(driverItems).map(([name, positions]) => [name, driver(positions)])),
    items: items.map((_, position) => ({
      score: roundHalfAway(itemScore(position)),
      favourability: position === NPS ? null : favourable([position]),
      n: values(position).length,
      shares: (position === NPS ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5]).map(
        (option) => (100 * values(position).filter((v) => v === option).length) / values(position).length,
      ),
    })),
  };
}

const teams = (...names: TeamName[]) => members.filter((m) => names.includes(m.team));
const everyone = () => members;

/** Every released figure equals the expected one; `hiddenDrivers` lists drivers hidden with their reason. */
function expectFigures(actual: GroupFigures, group: Member[], hiddenDrivers: Record<string, string> = {}) {
  const want = expected(group);
  expect(actual.respondents).toEqual({ released: true, value: want.respondents });
  expect(actual.participation).toEqual({
    released: true,
    audience: want.audience,
    responses: want.respondents,
    rate: roundHalfAway((100 * want.respondents) / want.audience),
  });
  expect(actual.engagement).toEqual({ released: true, value: want.engagement });
  expect(actual.enps).toEqual({ released: true, ...want.enps });
  for (const { driver, score, favourability } of actual.drivers) {
    const reason = hiddenDrivers[driver];
    if (reason) {
      expect(score).toEqual({ released: false, reason });
      continue;
    }
    const wanted = want.drivers[driver];
    expect(score, driver).toEqual({ released: true, value: wanted?.score });
    expect(favourability, driver).toEqual({ released: true, value: wanted?.favourability });
  }
}

const results = (path: string, staff = hr) => json<UnitResults>(staff, `/api/v1/results${path}`);
const first = () => `pulseId=${pulses[0]?.id}`;

describe('results of a closed pulse', () => {
  it('gives a unit its figures, each equal to a computation from the raw answers', async () => {
    const division = await results(`/units/${unit.division.id}?${first()}`);
    expect(division.pulse).toMatchObject({ id: pulses[0]?.id, state: 'closed', k: 5 });
    expectFigures(division.group, everyone());
    const want = expected(everyone());
    for (const item of division.group.items) {
      const wanted = want.items[item.position];
      expect(item.score).toEqual({ released: true, value: wanted?.score });
      expect(item.favourability).toEqual(
        wanted?.favourability === null ? null : { released: true, value: wanted?.favourability },
      );
      // n ≥ 2k: whole percents per option, within one point of the exact share, adding up to 100.
      if (!item.distribution.released) throw new Error(`distribution of item ${item.position} hidden`);
      const percents = item.distribution.options.map((o) => o.percent);
      expect(percents.reduce((a, b) => a + b, 0)).toBe(100);
      const off = percents.map((percent, i) => Math.abs(percent - (wanted?.shares[i] ?? -9)));
      expect(Math.max(...off)).toBeLessThan(1);
    }
    expect(division.subunits.map((s) => s.name)).toEqual(['Sales', 'Tech']);
    expectFigures(division.subunits[0] as GroupFigures, teams('sales'));
    expectFigures(division.subunits[1] as GroupFigures, teams('platform', 'mobile', 'tiny'));
  });

  it('hides a unit of 3 below the threshold, and the sibling that would reveal it by difference', async () => {
    const tech = await results(`/units/${unit.tech.id}?${first()}`);
    const [mobile, platform, tiny] = tech.subunits;
    expectFigures(platform as GroupFigures, teams('platform'));
    // Tech − Platform − Mobile = Tiny's 3: Mobile goes too (the smaller of the two that tell it apart).
    for (const [row, reason] of [
      [mobile, 'complementary'],
      [tiny, 'below_threshold'],
    ] as const) {
      const hidden = { released: false, reason };
      expect(row).toMatchObject({ respondents: hidden, participation: hidden, engagement: hidden, enps: hidden });
      for (const d of row?.drivers ?? []) expect(d).toEqual({ driver: d.driver, score: hidden, favourability: hidden });
      expect(JSON.stringify(row)).not.toMatch(/"value"|"audience"|"low"/);
    }
    // Asked directly, the same answer: one plan for every request.
    const direct = await results(`/units/${unit.tiny.id}?${first()}`);
    expect(direct.group.respondents).toEqual({ released: false, reason: 'below_threshold' });
    expect(direct.group.items.every((i) => !i.score.released && !i.distribution.released)).toBe(true);
    expect((await results(`/units/${unit.mobile.id}?${first()}`)).group.engagement).toEqual({
      released: false,
      reason: 'complementary',
    });
  });

  it('shows a distribution only from 2k answers', async () => {
    const platform = await results(`/units/${unit.platform.id}?${first()}`);
    for (const item of platform.group.items) {
      expect(item.score.released).toBe(true);
      expect(item.distribution).toEqual({ released: false, reason: 'below_threshold' });
    }
  });

  it('breaks a unit down by location and filters it, from the same plan', async () => {
    const byLocation = await results(`/units/${unit.sales.id}?${first()}&attribute=location`);
    expect(byLocation.breakdown?.rows.map((r) => r.value)).toEqual(['Lyon', 'Paris']);
    const [lyon, paris] = byLocation.breakdown?.rows ?? [];
    // Two of Paris skipped the optional growth item: 3 answers there, and Lyon's would give them away.
    expectFigures(
      lyon as GroupFigures,
      teams('sales').filter((m) => m.location === 'Lyon'),
      { growth: 'complementary' },
    );
    expectFigures(
      paris as GroupFigures,
      teams('sales').filter((m) => m.location === 'Paris'),
      {
        growth: 'below_threshold',
      },
    );

    const filtered = await results(`/units/${unit.sales.id}?${first()}&filter=location:Lyon`);
    expect(filtered.filter).toEqual({ name: 'location', value: 'Lyon' });
    expectFigures(
      filtered.group,
      teams('sales').filter((m) => m.location === 'Lyon'),
      { growth: 'complementary' },
    );
    expect(filtered.group.items.every((i) => !i.distribution.released)).toBe(true);
    const nobody = await results(`/units/${unit.tech.id}?${first()}&filter=location:Lyon`);
    expect(nobody.group.engagement).toEqual({ released: false, reason: 'below_threshold' });
  });

  it('draws the heatmap of the caller’s scope from the same cells', async () => {
    const map = await json<Heatmap>(hr, `/api/v1/results/heatmap?${first()}`);
    expect(map.drivers).toEqual(['engagement', 'ambassadorship', 'growth']);
    expect(map.scope.map((r) => [r.unitId, r.depth])).toEqual([[unit.root.id, 0]]);
    expect(map.units.map((r) => [r.name, r.depth])).toEqual([
      ['Division', 1],
      ['Sales', 2],
      ['Tech', 2],
      ['Mobile', 3],
      ['Platform', 3],
      ['Tiny', 3],
    ]);
    const groups: Record<string, Member[]> = {
      [unit.root.id]: everyone(),
      [unit.division.id]: everyone(),
      [unit.sales.id]: teams('sales'),
      [unit.tech.id]: teams('platform', 'mobile', 'tiny'),
      [unit.platform.id]: teams('platform'),
    };
    for (const row of [...map.scope, ...map.units]) {
      const group = groups[row.unitId];
      if (!group) {
        expect(row.drivers.every((d) => !d.score.released) && !row.respondents.released).toBe(true);
        continue;
      }
      const want = expected(group);
      expect(row.respondents).toEqual({ released: true, value: want.respondents });
      expect(row.enps).toEqual({ released: true, ...want.enps });
      for (const { driver, score } of row.drivers)
        expect(score, `${row.name} ${driver}`).toEqual({ released: true, value: want.drivers[driver]?.score });
    }

    const managers = await json<Heatmap>(techManager, `/api/v1/results/heatmap?${first()}`);
    expect(managers.scope.map((r) => r.name)).toEqual(['Tech']);
    expect(managers.units.map((r) => r.name)).toEqual(['Mobile', 'Platform', 'Tiny']);
    expect(managers.units[0]?.drivers[0]?.score).toEqual({ released: false, reason: 'complementary' });
  });

  it('lists the closed pulses a caller may read', async () => {
    const list = await json<ResultsPulseList>(salesManager, '/api/v1/results/pulses');
    expect(list.pulses.map((p) => p.title)).toEqual(['Pulse two', 'Pulse one']);
  });
});

describe('an open pulse', () => {
  it('releases participation and nothing else', () => {
    const { division, tech } = whileOpen;
    expect(division.pulse.state).toBe('open');
    const answered = members.slice(0, 14).filter((m) => m.answers[1]).length;
    expect(division.group.participation).toEqual({
      released: true,
      audience: 28,
      responses: answered,
      rate: roundHalfAway((100 * answered) / 28),
    });
    const notClosed = { released: false, reason: 'not_closed' };
    const { participation, items: groupItems, ...figures } = division.group;
    expect(JSON.stringify(figures).match(/"released":true/g)).toBeNull();
    expect(figures.respondents).toEqual(notClosed);
    for (const item of groupItems) expect([item.score, item.distribution]).toEqual([notClosed, notClosed]);
    // Participation follows the audience rule: Tiny (3 invited) stays hidden.
    expect(tech.subunits.map((s) => [s.name, s.participation.released])).toEqual([
      ['Mobile', false],
      ['Platform', true],
      ['Tiny', false],
    ]);
    expect(JSON.stringify(whileOpen.heatmap.units.map((r) => r.drivers))).not.toMatch(/"released":true/);
  });

  it('is not the default while a closed pulse exists', () => {
    expect(whileOpen.defaultPulseId).toBe(pulses[0]?.id);
  });
});

describe('who may see what', () => {
  it('lets a manager read their subtree, and nothing of another subtree or org', async () => {
    expectFigures((await results(`/units/${unit.sales.id}?${first()}`, salesManager)).group, teams('sales'));
    for (const path of [
      `/units/${unit.tech.id}`,
      `/units/${unit.platform.id}?${first()}`,
      `/units/${unit.division.id}`,
      `/units/${unit.tech.id}/trend`,
      `/units/${unit.tech.id}/export.csv`,
      `/units/${unit.foreign.id}`,
    ])
      await expectError(await salesManager.get(`/api/v1/results${path}`), 404, 'not_found');
    const map = await (await salesManager.get('/api/v1/results/heatmap')).text();
    for (const other of [unit.tech, unit.platform, unit.mobile, unit.tiny, unit.division, unit.root])
      expect(map).not.toContain(other.id);
  });

  it('exports as CSV exactly what may be seen: a hidden cell is its reason, never a number', async () => {
    const response = await hr.get(`/api/v1/results/units/${unit.tech.id}/export.csv?${first()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await response.text())
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['pulse', 'group', 'figure', 'value']);
    const of = (group: string) => rows.filter((r) => r[1] === group);
    expect(of('Mobile').length).toBeGreaterThan(5);
    for (const [, , figure, value] of of('Mobile')) expect([figure, value]).toEqual([figure, 'complementary']);
    for (const [, , figure, value] of of('Tiny')) expect([figure, value]).toEqual([figure, 'below_threshold']);
    const want = expected(teams('platform'));
    expect(of('Platform').find((r) => r[2] === 'engagement index')?.[3]).toBe(String(want.engagement));
    expect(of('Tech').find((r) => r[2] === 'eNPS')?.[3]).toBe(
      String(expected(teams('platform', 'mobile', 'tiny')).enps.value),
    );
  });
});

describe('a trend over two closed pulses', () => {
  it('marks a significant drop, and no change for a one-answer wobble', async () => {
    const trend = await json<Trend>(hr, `/api/v1/results/units/${unit.sales.id}/trend`);
    expect(trend.points.map((p) => p.title)).toEqual(['Pulse one', 'Pulse two']);
    const [before, after] = trend.points;
    const growth = (point: typeof before) => point?.drivers.find((d) => d.driver === 'growth')?.score;
    expect(before?.engagement).toEqual({ released: true, value: expected(teams('sales'), 0).engagement, change: null });
    expect(after?.engagement).toMatchObject({
      released: true,
      value: expected(teams('sales'), 1).engagement,
      change: { direction: 'down' },
    });
    const drop = after?.engagement?.released ? after.engagement.change : null;
    expect(drop?.p).toBeLessThan(0.05);
    expect(growth(after)).toMatchObject({
      released: true,
      value: expected(teams('sales'), 1).drivers.growth?.score,
      change: { direction: 'none' },
    });
  });

  it('never compares a hidden figure, and keeps only the drivers asked for', async () => {
    const tiny = await json<Trend>(hr, `/api/v1/results/units/${unit.tiny.id}/trend?drivers=growth`);
    expect(tiny.drivers).toEqual(['growth']);
    expect(tiny.points).toHaveLength(2);
    for (const point of tiny.points) {
      expect(point.engagement).toEqual({ released: false, reason: 'below_threshold' });
      expect(point.drivers).toEqual([{ driver: 'growth', score: { released: false, reason: 'below_threshold' } }]);
    }
  });
});

describe.each([
  ['a unit id that is not a UUID', () => '/units/nope', 400, 'invalid_input'],
  ['a pulse id that is not a UUID', () => `/units/${unit.sales.id}?pulseId=1`, 400, 'invalid_input'],
  ['a filter without a value', () => `/units/${unit.sales.id}?filter=location`, 400, 'invalid_input'],
  [
    'a filter and a breakdown together',
    () => `/units/${unit.sales.id}?attribute=location&filter=location:Lyon`,
    400,
    'invalid_input',
  ],
  ['an unknown driver', () => `/units/${unit.sales.id}/trend?drivers=growth,luck`, 400, 'invalid_input'],
  ['a trend of no pulses', () => `/units/${unit.sales.id}/trend?limit=0`, 400, 'invalid_input'],
  ['a heatmap pulse id that is not a UUID', () => '/heatmap?pulseId=x', 400, 'invalid_input'],
  ['an unknown unit', () => `/units/${crypto.randomUUID()}`, 404, 'not_found'],
  ['an unknown pulse', () => `/units/${unit.sales.id}?pulseId=${crypto.randomUUID()}`, 404, 'not_found'],
  ['an unknown pulse, heatmap', () => `/heatmap?pulseId=${crypto.randomUUID()}`, 404, 'not_found'],
  ['an unknown unit, export', () => `/units/${crypto.randomUUID()}/export.csv`, 404, 'not_found'],
  ['a unit the pulse did not ask', () => `/units/${unit.staff.id}?${first()}`, 404, 'not_found'],
  ['a unit no pulse asked', () => `/units/${unit.staff.id}`, 404, 'not_found'],
])('%s', (_, path, status, code) => {
  it(`answers ${status} ${code}`, async () => {
    await expectError(await hr.get(`/api/v1/results${path()}`), status, code);
  });
});

describe('after a reorganisation', () => {
  it('keeps releasing a closed pulse on the unit tree of the day it opened', async () => {
    const pulseId = pulses[0]?.id ?? '';
    const before = (await (
      await hr.get(`/api/v1/results/units/${unit.tech.id}?pulseId=${pulseId}`)
    ).json()) as UnitResults;
    // Tiny (3 people) moves up next to Division: on today's tree, Tech minus Tiny would be a new figure.
    const moved = await hr.request('PATCH', `/api/v1/units/${unit.tiny.id}`, { parentId: unit.root.id });
    expect(moved.status).toBe(200);
    forgetReleases();
    const after = (await (
      await hr.get(`/api/v1/results/units/${unit.tech.id}?pulseId=${pulseId}`)
    ).json()) as UnitResults;
    expect(after.group).toEqual(before.group);
    expect(after.subunits.map((s) => [s.unitId, s.respondents])).toEqual(
      before.subunits.map((s) => [s.unitId, s.respondents]),
    );
  });
});
