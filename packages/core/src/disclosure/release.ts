/**
 * Complementary suppression over groups of cohorts — the engine behind the release plan.
 *
 * A figure (a score, a count) about a cell is a sum over its cohorts' rollups. Whoever sees several
 * released figures can add and subtract them, so protecting each figure on its own is not enough:
 * a unit of 12 and its sub-team of 10, both ≥ k, give away the 2 others by subtraction.
 *
 * The rule applied here covers every such combination, not only pairs: group the cohorts by the
 * exact set of released cells that contain them (their "signature"). Any sum or difference of
 * released figures is constant on each of these classes, so whatever group an attacker isolates is
 * a union of classes. If every class inside some released cell has 0 or ≥ threshold respondents,
 * nothing isolatable is smaller than the threshold: parent minus released children, a filtered
 * group's complement, a slice of a unit minus the same slice of a sub-unit — all included.
 * The rule can be stricter than needed (not every class is isolatable), never looser.
 *
 * While some class is too small, one more cell is hidden: among the cells that tell the small class
 * apart from its nearest class, the smallest — the DESIGN.md rule "hide the next-smallest released
 * subgroup, and repeat". Hiding only ever merges classes, so the loop ends and never undoes safety.
 */

/** Why a figure is not shown. */
export type HiddenReason = 'below_threshold' | 'complementary' | 'not_closed';

export type Release = { released: true } | { released: false; reason: HiddenReason };

// Frozen: one object is shared by every released cell.
export const released: Release = Object.freeze({ released: true });
export const hidden = (reason: HiddenReason): Release => ({ released: false, reason });

/** A group a figure may describe: a unit's subtree, an attribute slice… as its cohorts. */
export interface CandidateCell {
  key: string;
  cohortIds: readonly string[];
}

/**
 * Decides which cells may be released when every class of cohorts they reveal must hold 0 or at
 * least `threshold` people, counted by `sizes` (respondents, audience, or one item's answers).
 * Cells with the same cohorts are one figure and share one decision.
 */
export function releaseCells(
  cells: readonly CandidateCell[],
  sizes: ReadonlyMap<string, number>,
  threshold: number,
): Map<string, Release> {
  const figures = new Map<string, Figure>();
  const figureOfCell = new Map<string, Figure>();
  for (const cell of cells) {
    const cohortIds = [...new Set(cell.cohortIds)].sort();
    const setKey = cohortIds.join('\n');
    let figure = figures.get(setKey);
    if (!figure) {
      const n = cohortIds.reduce((total, id) => total + (sizes.get(id) ?? 0), 0);
      figure = { index: figures.size, cohortIds, n, release: n >= threshold ? released : hidden('below_threshold') };
      figures.set(setKey, figure);
    }
    figureOfCell.set(cell.key, figure);
  }
  const ordered = [...figures.values()];
  for (;;) {
    const classes = classesOf(ordered, sizes);
    const small = classes.filter((c) => c.n > 0 && c.n < threshold).sort(bySizeThenSignature)[0];
    if (!small) break;
    const cell = cellToHide(small, classes, ordered);
    cell.release = hidden('complementary');
  }
  return new Map([...figureOfCell].map(([key, figure]) => [key, figure.release]));
}

interface Figure {
  index: number;
  cohortIds: readonly string[];
  n: number;
  release: Release;
}

interface CohortClass {
  /** Indexes of the released figures containing these cohorts, ascending. */
  signature: number[];
  key: string;
  n: number;
}

/** Cohorts grouped by the released figures that contain them; cohorts in none are never shown. */
function classesOf(figures: readonly Figure[], sizes: ReadonlyMap<string, number>): CohortClass[] {
  const signatures = new Map<string, number[]>();
  for (const figure of figures) {
    if (!figure.release.released) continue;
    for (const id of figure.cohortIds) {
      const signature = signatures.get(id);
      if (signature) signature.push(figure.index);
      else signatures.set(id, [figure.index]);
    }
  }
  const classes = new Map<string, CohortClass>();
  for (const [id, signature] of signatures) {
    const key = signature.join(',');
    const found = classes.get(key) ?? { signature, key, n: 0 };
    found.n += sizes.get(id) ?? 0;
    classes.set(key, found);
  }
  return [...classes.values()];
}

/**
 * The smallest released figure that separates the small class from its nearest neighbour: another
 * non-empty class, or "outside every released cell" (signature []), which is always a way out.
 */
function cellToHide(small: CohortClass, classes: readonly CohortClass[], figures: readonly Figure[]): Figure {
  const outside: CohortClass = { signature: [], key: '', n: 0 };
  let nearest = Number.POSITIVE_INFINITY;
  let separating = new Set<number>();
  for (const other of [outside, ...classes]) {
    if (other === small || (other !== outside && other.n === 0)) continue;
    const difference = symmetricDifference(small.signature, other.signature);
    if (difference.length < nearest) {
      nearest = difference.length;
      separating = new Set(difference);
    } else if (difference.length === nearest) {
      for (const index of difference) separating.add(index);
    }
  }
  const candidates = [...separating].map((index) => figures[index]).filter((f): f is Figure => f !== undefined);
  candidates.sort((a, b) => a.n - b.n || a.cohortIds.length - b.cohortIds.length || a.index - b.index);
  const chosen = candidates[0];
  if (!chosen) throw new Error('a small class always has a released figure to hide');
  return chosen;
}

/** Elements in exactly one of two ascending lists. */
function symmetricDifference(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || x < y)) {
      out.push(x);
      i++;
    } else if (y !== undefined && (x === undefined || y < x)) {
      out.push(y);
      j++;
    } else {
      i++;
      j++;
    }
  }
  return out;
}

function bySizeThenSignature(a: CohortClass, b: CohortClass): number {
  return a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
