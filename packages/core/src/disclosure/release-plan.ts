import { commentHomes } from './comments.ts';
import { type CandidateCell, hidden, type Release, releaseCells } from './release.ts';
import { minimumK, type Thresholds } from './thresholds.ts';
import { type TreeUnit, unitTree } from './unit-tree.ts';

/**
 * The release plan of a pulse: every figure that may ever leave the API about it, decided once for
 * the whole unit tree and every attribute slice together.
 *
 * Why once and whole: a manager can ask for a unit, then its sub-units, then "Lyon only", in
 * separate calls. Suppression decided per request would hide the Lyon figure from a request that
 * also shows its complement, and release it to the next request that does not — and the two
 * answers, subtracted, expose the complement. Here every request is answered from this one plan
 * (`resultsView`), so any two figures a person ever sees, in one call or many, come from one set
 * of released cells that was checked as a whole (see `releaseCells`). The plan depends only on
 * the pulse's cohorts, their counts and the thresholds in force when the pulse opened, which are
 * all fixed once it closes: asking again, in any order, gives the same answer.
 *
 * Stages, each starting from what the previous one released, so each set of figures is a subset
 * of the one before and every check still holds for their union:
 * 1. participation (audience and responses): released where every revealable group of invited
 *    people has 0 or ≥ k of them — otherwise response counts would tell who took part;
 * 2. scores (closed pulses only): every revealable group of respondents has 0 or ≥ k;
 * 3. distributions: the same with 2k, because a histogram of a small unanimous group is a list
 *    of everyone's answers.
 * An item answered by fewer than all respondents (an optional item) is checked on its own answer
 * counts with `releaseItem`.
 */

export interface PlanCohort {
  id: string;
  unitId: string;
  /** Empty for a unit-level cohort. */
  attributes: Readonly<Record<string, string>>;
  /** Invited at open. */
  audience: number;
  /** Responses received. */
  respondents: number;
}

export interface AttributeFilter {
  name: string;
  value: string;
}

export interface PlanCell {
  key: string;
  unitId: string;
  /** null: the unit's whole subtree; otherwise the cohorts of its subtree with that attribute value. */
  filter: AttributeFilter | null;
  cohortIds: readonly string[];
  audience: number;
  respondents: number;
  participation: Release;
  scores: Release;
  distribution: Release;
}

export interface ReleasePlan {
  closed: boolean;
  /** The thresholds applied, after the floor (k ≥ 3, k_comments ≥ k). */
  thresholds: Thresholds;
  cells: ReadonlyMap<string, PlanCell>;
  children: ReadonlyMap<string, readonly string[]>;
  /** For each unit, the unit whose comment list shows its respondents' comments; null: none. */
  commentHomes: ReadonlyMap<string, string | null>;
}

export interface PulseResults {
  closed: boolean;
  units: readonly TreeUnit[];
  cohorts: readonly PlanCohort[];
}

export function cellKey(unitId: string, filter: AttributeFilter | null = null): string {
  return JSON.stringify(filter ? [unitId, filter.name, filter.value] : [unitId]);
}

export function releasePlan(pulse: PulseResults, thresholds: Thresholds): ReleasePlan {
  const k = Math.max(minimumK, thresholds.k);
  const floor = { k, kComments: Math.max(k, thresholds.kComments) };
  const tree = unitTree(pulse.units);
  const cohortsByUnit = new Map<string, PlanCohort[]>();
  for (const cohort of pulse.cohorts) {
    const list = cohortsByUnit.get(cohort.unitId);
    if (list) list.push(cohort);
    else cohortsByUnit.set(cohort.unitId, [cohort]);
  }

  const subtree = new Map<string, PlanCohort[]>();
  for (const id of tree.bottomUp) {
    const below = (tree.children.get(id) ?? []).flatMap((child) => subtree.get(child) ?? []);
    subtree.set(id, [...(cohortsByUnit.get(id) ?? []), ...below]);
  }

  const candidates: Omit<PlanCell, 'participation' | 'scores' | 'distribution'>[] = [];
  for (const [unitId, cohorts] of subtree) {
    candidates.push(candidate(unitId, null, cohorts));
    for (const filter of attributeValues(cohorts)) {
      const slice = cohorts.filter((c) => c.attributes[filter.name] === filter.value);
      candidates.push(candidate(unitId, filter, slice));
    }
  }

  const audience = sizes(pulse.cohorts, (c) => c.audience);
  const respondents = sizes(pulse.cohorts, (c) => c.respondents);
  const participation = releaseCells(candidates, audience, k);
  const notClosed = hidden('not_closed');
  const scores = pulse.closed ? releaseStage(candidates, participation, respondents, k) : null;
  const distribution = scores ? releaseStage(candidates, scores, respondents, 2 * k) : null;

  const cells = new Map<string, PlanCell>();
  for (const cell of candidates) {
    cells.set(cell.key, {
      ...cell,
      participation: participation.get(cell.key) ?? hidden('below_threshold'),
      scores: scores?.get(cell.key) ?? notClosed,
      distribution: distribution?.get(cell.key) ?? notClosed,
    });
  }

  const respondentsByUnit = new Map(
    [...cohortsByUnit].map(([id, cs]) => [id, cs.reduce((t, c) => t + c.respondents, 0)]),
  );
  const homes = pulse.closed
    ? commentHomes(pulse.units, respondentsByUnit, floor.kComments)
    : new Map(pulse.units.map((u) => [u.id, null]));
  return { closed: pulse.closed, thresholds: floor, cells, children: tree.children, commentHomes: homes };
}

export interface ItemRelease {
  /** Answers to this item in the cell (only meaningful where released). */
  n: number;
  scores: Release;
  distribution: Release;
}

/**
 * The figures of one item per cell, from its answer counts per cohort. For an item every
 * respondent answered this repeats the plan's decisions; an optional item can be answered by
 * few people of a large group, and then it is checked on its own counts, from the cells whose
 * scores the plan released. A driver's score is shown where all of its items' scores are.
 */
export function releaseItem(plan: ReleasePlan, answersByCohort: ReadonlyMap<string, number>): Map<string, ItemRelease> {
  const cells = [...plan.cells.values()];
  const planned = new Map(cells.map((cell) => [cell.key, cell.scores]));
  const scores = releaseStage(cells, planned, answersByCohort, plan.thresholds.k);
  const distribution = releaseStage(cells, scores, answersByCohort, 2 * plan.thresholds.k);
  return new Map(
    cells.map((cell) => [
      cell.key,
      {
        n: cell.cohortIds.reduce((t, id) => t + (answersByCohort.get(id) ?? 0), 0),
        scores: scores.get(cell.key) ?? hidden('below_threshold'),
        distribution: distribution.get(cell.key) ?? hidden('below_threshold'),
      },
    ]),
  );
}

/** One more stage: cells hidden before keep their reason; the rest face the new threshold. */
function releaseStage(
  cells: readonly CandidateCell[],
  previous: ReadonlyMap<string, Release>,
  counts: ReadonlyMap<string, number>,
  threshold: number,
): Map<string, Release> {
  const open = cells.filter((cell) => previous.get(cell.key)?.released);
  const decided = releaseCells(open, counts, threshold);
  return new Map(
    cells.map((cell) => [cell.key, decided.get(cell.key) ?? previous.get(cell.key) ?? hidden('below_threshold')]),
  );
}

function candidate(unitId: string, filter: AttributeFilter | null, cohorts: readonly PlanCohort[]) {
  return {
    key: cellKey(unitId, filter),
    unitId,
    filter,
    cohortIds: cohorts.map((c) => c.id),
    audience: cohorts.reduce((t, c) => t + c.audience, 0),
    respondents: cohorts.reduce((t, c) => t + c.respondents, 0),
  };
}

/** Every (name, value) carried by some cohort, in a stable order. */
function attributeValues(cohorts: readonly PlanCohort[]): AttributeFilter[] {
  const seen = new Map<string, AttributeFilter>();
  for (const cohort of cohorts) {
    for (const [name, value] of Object.entries(cohort.attributes))
      seen.set(cellKey('', { name, value }), { name, value });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
}

function sizes(cohorts: readonly PlanCohort[], count: (cohort: PlanCohort) => number): Map<string, number> {
  return new Map(cohorts.map((c) => [c.id, count(c)]));
}
