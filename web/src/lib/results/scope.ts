import type { Participation, Unit } from '@insideout/contracts';
import { buildUnitTree, flatten, subtreeIds, unitLabel } from '../directory/unit-tree.svelte.ts';

export interface UnitChoice {
  id: string;
  /** The unit's whole path, so a closed list still says which "Paris" it is. */
  label: string;
}

/**
 * The units whose results the reader may open, in tree order. The API lists a manager's managed
 * units and their subtrees, and everything for HR, so the first is the reader's natural start: the
 * org's root for HR, a manager's first managed unit.
 */
export function unitChoices(units: readonly Unit[]): UnitChoice[] {
  return flatten(buildUnitTree(units)).map((node) => ({ id: node.unit.id, label: unitLabel(node.unit) }));
}

/** The unit asked for when it is one of the reader's, else their first. */
export function chooseUnit(units: readonly Unit[], wanted: string | null): string | null {
  const choices = unitChoices(units);
  return choices.find((choice) => choice.id === wanted)?.id ?? choices[0]?.id ?? null;
}

export interface AttributeOption {
  /** e.g. `location` */
  name: string;
  /** The values the pulse's groups were split by, sorted. */
  values: string[];
}

/**
 * The attributes a unit's results can be broken down or filtered by, for one pulse: the coarse
 * attributes its cohorts were split by (a cohort is split only where every group stays at or above
 * the threshold), among the cohorts in the unit's subtree.
 */
export function attributeOptions(
  cohorts: Participation['cohorts'],
  units: readonly Unit[],
  unitId: string,
): AttributeOption[] {
  const node = buildUnitTree(units).byId.get(unitId);
  const inSubtree = node ? subtreeIds(node) : new Set<string>();
  const values = new Map<string, Set<string>>();
  for (const cohort of cohorts) {
    if (!inSubtree.has(cohort.unitId)) continue;
    for (const [name, value] of Object.entries(cohort.attributes)) {
      const known = values.get(name) ?? new Set<string>();
      known.add(value);
      values.set(name, known);
    }
  }
  return [...values]
    .map(([name, set]) => ({ name, values: [...set].sort((a, b) => a.localeCompare(b)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
