import type { HiddenReason, Release } from './release.ts';
import { type AttributeFilter, cellKey, type PlanCell, type ReleasePlan } from './release-plan.ts';

/**
 * The only way results leave the plan: a request names a unit, optionally an attribute filter, and
 * optionally a breakdown (its sub-units, or the values of one attribute). Every cell returned is a
 * cell of the plan — a figure the plan did not release comes back as its reason, never as a
 * number — so no sequence of requests yields more than the plan released.
 *
 * Access control (which units a manager may see) is the caller's job and only ever narrows what
 * is seen; it does not change the plan, so a manager's view is never "safer" or "riskier" than HR's.
 */
export type ResultsRequest =
  | { unitId: string; filter?: AttributeFilter; breakdown?: 'subunits' }
  // Breakdowns by attribute are of the unfiltered unit only: crossing two attributes would describe
  // groups the plan never considered.
  | { unitId: string; breakdown: { attribute: string } };

export type Disclosed<T> = ({ released: true } & T) | { released: false; reason: HiddenReason };

export interface CellView {
  key: string;
  unitId: string;
  filter: AttributeFilter | null;
  participation: Disclosed<{ audience: number; respondents: number }>;
  /** The cohorts whose rollups to merge for this cell's scores, and its respondents. */
  scores: Disclosed<{ n: number; cohortIds: readonly string[] }>;
  distribution: Disclosed<{ n: number; cohortIds: readonly string[] }>;
}

export interface ResultsView {
  group: CellView;
  breakdown: CellView[];
}

export function resultsView(plan: ReleasePlan, request: ResultsRequest): ResultsView {
  const filter = 'filter' in request && request.filter ? request.filter : null;
  const group = viewOf(plan, request.unitId, filter);
  let breakdown: CellView[] = [];
  if (request.breakdown === 'subunits') {
    breakdown = (plan.children.get(request.unitId) ?? []).map((child) => viewOf(plan, child, filter));
  } else if (request.breakdown) {
    const { attribute } = request.breakdown;
    breakdown = [...plan.cells.values()]
      .filter((cell) => cell.unitId === request.unitId && cell.filter?.name === attribute)
      .map((cell) => view(cell));
  }
  return { group, breakdown };
}

function viewOf(plan: ReleasePlan, unitId: string, filter: AttributeFilter | null): CellView {
  const cell = plan.cells.get(cellKey(unitId, filter));
  if (cell) return view(cell);
  // No cohort of that unit carries that value (or the unit was not in the audience): nobody to show.
  const none = { released: false, reason: 'below_threshold' } as const;
  return { key: cellKey(unitId, filter), unitId, filter, participation: none, scores: none, distribution: none };
}

function view(cell: PlanCell): CellView {
  const { key, unitId, filter, cohortIds, audience, respondents } = cell;
  const figures = { n: respondents, cohortIds };
  return {
    key,
    unitId,
    filter,
    participation: disclose(cell.participation, { audience, respondents }),
    scores: disclose(cell.scores, figures),
    distribution: disclose(cell.distribution, figures),
  };
}

function disclose<T>(release: Release, figures: T): Disclosed<T> {
  return release.released ? { released: true, ...figures } : release;
}
