import { describe, expect, it } from 'vitest';
import { cellKey, type PlanCohort, type PulseResults, releaseItem, releasePlan } from './release-plan.ts';
import { resultsView } from './results-view.ts';

const units = [
  { id: 'org', parentId: null },
  { id: 'sales', parentId: 'org' },
  { id: 'tech', parentId: 'org' },
];
const cohort = (
  id: string,
  unitId: string,
  respondents: number,
  attributes: Record<string, string> = {},
): PlanCohort => ({
  id,
  unitId,
  attributes,
  audience: respondents + 2,
  respondents,
});
const pulse = (cohorts: PlanCohort[], closed = true): PulseResults => ({ closed, units, cohorts });
const k5 = { k: 5, kComments: 10 };
const reason = (release: { released: boolean; reason?: string }) => (release.released ? 'released' : release.reason);

describe('releasePlan', () => {
  const cohorts = [
    cohort('sales-lyon', 'sales', 6, { location: 'Lyon' }),
    cohort('sales-rest', 'sales', 6),
    cohort('tech-paris', 'tech', 12, { location: 'Paris' }),
  ];

  it('releases nothing but participation while the pulse is open', () => {
    const plan = releasePlan(pulse(cohorts, false), k5);
    for (const cell of plan.cells.values()) {
      expect(reason(cell.scores)).toBe('not_closed');
      expect(reason(cell.distribution)).toBe('not_closed');
    }
    expect(plan.cells.get(cellKey('org'))?.participation.released).toBe(true);
    expect([...plan.commentHomes.values()].every((home) => home === null)).toBe(true);
  });

  it('decides units, sub-units and attribute slices together, at every level of the tree', () => {
    const plan = releasePlan(pulse(cohorts), k5);
    const scores = (unitId: string, filter: { name: string; value: string } | null = null) =>
      reason(plan.cells.get(cellKey(unitId, filter))?.scores ?? { released: false, reason: 'missing' });
    expect(scores('org')).toBe('released');
    expect(scores('sales')).toBe('released');
    expect(scores('tech')).toBe('released');
    expect(scores('sales', { name: 'location', value: 'Lyon' })).toBe('released');
    // org Paris = tech Paris = tech: one figure, already shown.
    expect(scores('org', { name: 'location', value: 'Paris' })).toBe('released');
    // Distributions need 2k = 10: sales (12) and tech (12) qualify, sales Lyon (6) does not.
    expect(reason(plan.cells.get(cellKey('sales'))?.distribution ?? { released: false })).toBe('released');
    expect(
      reason(
        plan.cells.get(cellKey('sales', { name: 'location', value: 'Lyon' }))?.distribution ?? { released: false },
      ),
    ).toBe('below_threshold');
  });

  it('never applies a k below 3, nor a k_comments below k', () => {
    const plan = releasePlan(pulse([cohort('a', 'sales', 2), cohort('b', 'tech', 3)]), { k: 1, kComments: 2 });
    expect(plan.thresholds).toEqual({ k: 3, kComments: 3 });
    expect(reason(plan.cells.get(cellKey('sales'))?.scores ?? { released: false })).toBe('below_threshold');
  });

  it('hides a sub-unit that would tell who took part, even when nobody of the others answered', () => {
    // tech: 8 respondents of 10 invited; sales: 0 of 2. Showing org and tech would reveal that the two
    // people of sales did not answer — and any org score is exactly tech's.
    const plan = releasePlan(
      pulse([
        { id: 'sales', unitId: 'sales', attributes: {}, audience: 2, respondents: 0 },
        { id: 'tech', unitId: 'tech', attributes: {}, audience: 10, respondents: 8 },
      ]),
      k5,
    );
    expect(reason(plan.cells.get(cellKey('org'))?.participation ?? { released: false })).toBe('released');
    expect(reason(plan.cells.get(cellKey('tech'))?.participation ?? { released: false })).toBe('complementary');
    expect(reason(plan.cells.get(cellKey('tech'))?.scores ?? { released: false })).toBe('complementary');
  });

  it('checks an optional item on its own answer counts', () => {
    const plan = releasePlan(pulse(cohorts), k5);
    // Everyone answered: the same decisions as the plan.
    const all = releaseItem(plan, new Map(cohorts.map((c) => [c.id, c.respondents])));
    for (const [key, item] of all) {
      expect(item.scores).toEqual(plan.cells.get(key)?.scores);
      expect(item.distribution).toEqual(plan.cells.get(key)?.distribution);
    }
    // Only 3 in sales Lyon and 2 in sales' rest answered: sales (5) and org − tech = 5 are fine, but
    // the Lyon slice has 3 answers (and would leave 2 by subtraction from sales).
    const optional = releaseItem(
      plan,
      new Map([
        ['sales-lyon', 3],
        ['sales-rest', 2],
        ['tech-paris', 12],
      ]),
    );
    expect(reason(optional.get(cellKey('sales'))?.scores ?? { released: false })).toBe('released');
    expect(optional.get(cellKey('sales'))?.n).toBe(5);
    expect(
      reason(optional.get(cellKey('sales', { name: 'location', value: 'Lyon' }))?.scores ?? { released: false }),
    ).toBe('below_threshold');
    expect(reason(optional.get(cellKey('tech'))?.scores ?? { released: false })).toBe('released');
  });
});

describe('resultsView', () => {
  const plan = releasePlan(
    pulse([
      cohort('sales-lyon', 'sales', 10, { location: 'Lyon' }),
      cohort('sales-rest', 'sales', 2),
      cohort('tech', 'tech', 4),
    ]),
    k5,
  );

  it('answers only from the plan: hidden cells carry a reason and no number', () => {
    const view = resultsView(plan, { unitId: 'org', breakdown: 'subunits' });
    expect(view.group.scores).toMatchObject({ released: true, n: 16 });
    // tech (4) is under k; then sales (12) would expose it by subtraction from org.
    expect(view.breakdown.map((cell) => [cell.unitId, cell.scores])).toEqual([
      ['sales', { released: false, reason: 'complementary' }],
      ['tech', { released: false, reason: 'below_threshold' }],
    ]);
    const hiddenFigures = view.breakdown.map((cell) => [cell.scores, cell.distribution]);
    expect(JSON.stringify(hiddenFigures)).not.toMatch(/"n"|cohortIds/);
  });

  it('hides a filter whose complement in the unit is too small, in every request that could show it', () => {
    const lyon = { name: 'location', value: 'Lyon' };
    const filtered = resultsView(plan, { unitId: 'sales', filter: lyon });
    const byAttribute = resultsView(plan, { unitId: 'sales', breakdown: { attribute: 'location' } });
    expect(filtered.group.scores).toEqual({ released: false, reason: 'complementary' });
    expect(byAttribute.breakdown.map((cell) => cell.scores)).toEqual([{ released: false, reason: 'complementary' }]);
  });

  it('reports a filter value nobody in the unit has as below the threshold', () => {
    const view = resultsView(plan, { unitId: 'tech', filter: { name: 'location', value: 'Lyon' } });
    expect(view.group.scores).toEqual({ released: false, reason: 'below_threshold' });
  });
});
