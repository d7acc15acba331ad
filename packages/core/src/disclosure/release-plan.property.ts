import fc from 'fast-check';
import { expect } from 'vitest';
import { commentHomes } from './comments.ts';
import type { Release } from './release.ts';
import { type PlanCell, type PlanCohort, releaseItem, releasePlan } from './release-plan.ts';
import { type ResultsRequest, resultsView } from './results-view.ts';

/**
 * Whatever the org looks like, no figure the plan releases — alone, subtracted from another, or
 * combined with several — describes between 1 and k − 1 people.
 */

const locations = ['Lyon', 'Paris', 'Berlin'] as const;
const tenures = ['junior', 'senior'] as const;

const arbitraryOrg = fc.record({
  // Unit i + 1 hangs under one of the earlier units of depth < 4 (the root has depth 1).
  parents: fc.array(fc.nat(), { maxLength: 12 }),
  cohorts: fc.array(
    fc.record({
      unit: fc.nat(),
      location: fc.option(fc.constantFrom(...locations), { nil: undefined }),
      tenure: fc.option(fc.constantFrom(...tenures), { nil: undefined }),
      respondents: fc.integer({ min: 0, max: 30 }),
      absent: fc.integer({ min: 0, max: 5 }),
      // Answers to an optional item: at most the respondents.
      answered: fc.integer({ min: 0, max: 30 }),
    }),
    { maxLength: 24 },
  ),
  k: fc.integer({ min: 3, max: 8 }),
  closed: fc.constantFrom(true, true, true, false),
  requests: fc.array(
    fc.record({
      unit: fc.nat(),
      breakdown: fc.constantFrom('none', 'subunits', 'location', 'tenure'),
      filter: fc.option(fc.tuple(fc.constantFrom('location', 'tenure'), fc.nat()), { nil: undefined }),
    }),
    { maxLength: 12 },
  ),
  combinations: fc.array(fc.array(fc.tuple(fc.nat(), fc.constantFrom(1, -1)), { minLength: 2, maxLength: 4 }), {
    maxLength: 40,
  }),
});

type Org = typeof arbitraryOrg extends fc.Arbitrary<infer T> ? T : never;

function build(org: Org) {
  const units = [{ id: 'u0', parentId: null as string | null, depth: 1 }];
  org.parents.forEach((choice, i) => {
    const eligible = units.filter((u) => u.depth < 4);
    const parent = eligible[choice % eligible.length] ?? units[0];
    units.push({ id: `u${i + 1}`, parentId: parent?.id ?? null, depth: (parent?.depth ?? 0) + 1 });
  });
  const cohorts: PlanCohort[] = org.cohorts.map((c, i) => ({
    id: `c${i}`,
    unitId: units[c.unit % units.length]?.id ?? 'u0',
    attributes: {
      ...(c.location ? { location: c.location } : {}),
      ...(c.tenure ? { tenure: c.tenure } : {}),
    },
    audience: c.respondents + c.absent,
    respondents: c.respondents,
  }));
  const answered = new Map(org.cohorts.map((c, i) => [`c${i}`, Math.min(c.answered, c.respondents)]));
  return { units: units.map(({ id, parentId }) => ({ id, parentId })), cohorts, answered };
}

interface Figure {
  cohorts: ReadonlySet<string>;
  n: number;
}

/** (a), (b) and the linear-combination checks for one kind of figure. */
function expectSafe(figures: readonly Figure[], threshold: number, combinations: Org['combinations'] = []) {
  const tooFew = (n: number) => n > 0 && n < threshold;
  for (const figure of figures) expect(figure.n).toBeGreaterThanOrEqual(threshold);
  for (const a of figures) {
    for (const b of figures) {
      if (a !== b && [...b.cohorts].every((id) => a.cohorts.has(id)))
        expect(tooFew(a.n - b.n), 'leak: a difference of two released figures').toBe(false);
    }
  }
  // Signed sums of a few released figures: whenever the sum is a group of whole cohorts, it is not small.
  for (const combination of combinations) {
    const weight = new Map<string, number>();
    let n = 0;
    for (const [index, sign] of combination) {
      const figure = figures[index % Math.max(1, figures.length)];
      if (!figure) return;
      n += sign * figure.n;
      for (const id of figure.cohorts) weight.set(id, (weight.get(id) ?? 0) + sign);
    }
    if ([...weight.values()].every((w) => w === 0 || w === 1))
      expect(tooFew(n), 'leak: a sum of released figures').toBe(false);
  }
}

/** (c): a released parent minus its released, disjoint children — sub-units, or the values of one attribute. */
function expectFamiliesSafe(
  cells: readonly PlanCell[],
  children: ReadonlyMap<string, readonly string[]>,
  stage: Stage,
) {
  const shown = cells.filter((cell) => stage.release(cell).released);
  for (const parent of shown) {
    const families: PlanCell[][] = [
      shown.filter(
        (c) =>
          (children.get(parent.unitId) ?? []).includes(c.unitId) &&
          c.filter?.name === parent.filter?.name &&
          c.filter?.value === parent.filter?.value,
      ),
    ];
    if (!parent.filter) {
      for (const name of ['location', 'tenure']) {
        families.push(shown.filter((c) => c.unitId === parent.unitId && c.filter?.name === name));
      }
    }
    for (const family of families) {
      const rest = stage.count(parent) - family.reduce((t, c) => t + stage.count(c), 0);
      expect(rest === 0 || rest >= stage.threshold, `leak: ${parent.key} minus ${family.map((c) => c.key)}`).toBe(true);
    }
  }
}

interface Stage {
  release: (cell: PlanCell) => Release;
  count: (cell: PlanCell) => number;
  threshold: number;
}

/** The property both the test and its mutation check run: no released figure, difference or combination covers 1..k−1 people. */
export const planNeverRevealsFewerThanK = fc.property(arbitraryOrg, (org) => {
  const { units, cohorts, answered } = build(org);
  const plan = releasePlan({ closed: org.closed, units, cohorts }, { k: org.k, kComments: 2 * org.k });
  const cells = [...plan.cells.values()];
  const items = releaseItem(plan, answered);
  const item = (cell: PlanCell) => {
    const found = items.get(cell.key);
    if (!found) throw new Error(`no item decision for ${cell.key}`);
    return found;
  };
  const sum = (cell: PlanCell, counts: ReadonlyMap<string, number>) =>
    cell.cohortIds.reduce((t, id) => t + (counts.get(id) ?? 0), 0);
  const audience = new Map(cohorts.map((c) => [c.id, c.audience]));
  const respondents = new Map(cohorts.map((c) => [c.id, c.respondents]));
  const k = org.k;
  const stages: Stage[] = [
    { release: (c) => c.participation, count: (c) => c.audience, threshold: k },
    { release: (c) => c.scores, count: (c) => c.respondents, threshold: k },
    // (d) distributions need 2k.
    { release: (c) => c.distribution, count: (c) => c.respondents, threshold: 2 * k },
    { release: (c) => item(c).scores, count: (c) => sum(c, answered), threshold: k },
    { release: (c) => item(c).distribution, count: (c) => sum(c, answered), threshold: 2 * k },
  ];
  for (const stage of stages) {
    const shown = cells.filter((cell) => stage.release(cell).released);
    const figures = shown.map((cell) => ({ cohorts: new Set(cell.cohortIds), n: stage.count(cell) }));
    expectSafe(figures, stage.threshold, org.combinations);
    expectFamiliesSafe(cells, plan.children, stage);
  }
  for (const cell of cells) {
    if (cell.distribution.released) expect(cell.scores.released).toBe(true);
    if (cell.scores.released) expect(cell.participation.released).toBe(true);
    if (!org.closed) expect(cell.scores).toEqual({ released: false, reason: 'not_closed' });
    if (item(cell).scores.released) expect(cell.scores.released).toBe(true);
    expect(sum(cell, audience)).toBe(cell.audience);
    expect(sum(cell, respondents)).toBe(cell.respondents);
  }

  // A sequence of requests, as a manager or HR leader would make them, sees only safe figures.
  const seenScores: Figure[] = [];
  const seenParticipation: Figure[] = [];
  for (const request of org.requests) {
    const view = resultsView(plan, toRequest(request, units));
    for (const cell of [view.group, ...view.breakdown]) {
      if (cell.scores.released) {
        expect(cell.scores.n).toBeGreaterThanOrEqual(k);
        seenScores.push({ cohorts: new Set(cell.scores.cohortIds), n: cell.scores.n });
      }
      const planned = plan.cells.get(cell.key);
      if (cell.participation.released && planned) {
        seenParticipation.push({ cohorts: new Set(planned.cohortIds), n: cell.participation.audience });
      }
    }
  }
  expectSafe(seenScores, k);
  expectSafe(seenParticipation, k);

  // Comments: every home's pool of respondents is at least k_comments.
  const respondentsByUnit = new Map<string, number>();
  for (const c of cohorts) respondentsByUnit.set(c.unitId, (respondentsByUnit.get(c.unitId) ?? 0) + c.respondents);
  const homes = commentHomes(units, respondentsByUnit, plan.thresholds.kComments);
  const pools = new Map<string, number>();
  for (const [unit, home] of homes)
    if (home) pools.set(home, (pools.get(home) ?? 0) + (respondentsByUnit.get(unit) ?? 0));
  for (const pool of pools.values()) expect(pool).toBeGreaterThanOrEqual(plan.thresholds.kComments);
});

function toRequest(request: Org['requests'][number], units: readonly { id: string }[]): ResultsRequest {
  const unitId = units[request.unit % units.length]?.id ?? 'u0';
  const filter = request.filter
    ? {
        name: request.filter[0],
        value:
          request.filter[0] === 'location'
            ? (locations[request.filter[1] % locations.length] ?? 'Lyon')
            : (tenures[request.filter[1] % tenures.length] ?? 'junior'),
      }
    : undefined;
  switch (request.breakdown) {
    case 'none':
      return filter ? { unitId, filter } : { unitId };
    case 'subunits':
      return filter ? { unitId, filter, breakdown: 'subunits' } : { unitId, breakdown: 'subunits' };
    case 'location':
    case 'tenure':
      return { unitId, breakdown: { attribute: request.breakdown } };
  }
}
