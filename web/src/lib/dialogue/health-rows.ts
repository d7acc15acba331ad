import type { Unit } from '@insideout/contracts';
import type { UnitHealth } from '../api/client.ts';
import { buildUnitTree, flatten } from '../directory/unit-tree.svelte.ts';

export interface HealthRow extends UnitHealth {
  /** 0 for the top of the tree; a unit the reader's tree does not have is shown at 0, last. */
  depth: number;
}

/** Each unit's dialogue health in the order of the unit tree (parents before children), with its depth. */
export function healthRows(units: readonly Unit[], health: readonly UnitHealth[]): HealthRow[] {
  const order = new Map(flatten(buildUnitTree(units)).map((node, index) => [node.unit.id, { index, node }]));
  const rank = (row: UnitHealth) => order.get(row.unit.id)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...health]
    .sort((a, b) => rank(a) - rank(b))
    .map((row) => ({ ...row, depth: order.get(row.unit.id)?.node.depth ?? 0 }));
}
