export { commentHomes } from './comments.ts';
export { type CandidateCell, type HiddenReason, type Release, releaseCells } from './release.ts';
export {
  type AttributeFilter,
  cellKey,
  type ItemRelease,
  type PlanCell,
  type PlanCohort,
  type PulseResults,
  type ReleasePlan,
  releaseItem,
  releasePlan,
} from './release-plan.ts';
export { type CellView, type Disclosed, type ResultsRequest, type ResultsView, resultsView } from './results-view.ts';
export type { TreeUnit } from './unit-tree.ts';
