/** A unit of the org tree, as the disclosure rules need it. */
export interface TreeUnit {
  id: string;
  parentId: string | null;
}

export interface UnitTree {
  roots: string[];
  children: ReadonlyMap<string, readonly string[]>;
  /** Every unit after all of its descendants: the order for bottom-up passes. */
  bottomUp: string[];
}

/** Builds the tree once; a parent missing from the list makes its child a root. */
export function unitTree(units: readonly TreeUnit[]): UnitTree {
  const known = new Set(units.map((u) => u.id));
  const children = new Map<string, string[]>(units.map((u) => [u.id, []]));
  const roots: string[] = [];
  for (const unit of units) {
    if (unit.parentId !== null && known.has(unit.parentId)) children.get(unit.parentId)?.push(unit.id);
    else roots.push(unit.id);
  }
  const bottomUp: string[] = [];
  const visited = new Set<string>();
  // Iterative depth-first walk: deep trees do not blow the stack, and a cycle (bad data) is cut.
  for (const root of roots) {
    const stack: { id: string; expanded: boolean }[] = [{ id: root, expanded: false }];
    for (let top = stack.pop(); top; top = stack.pop()) {
      if (top.expanded) {
        bottomUp.push(top.id);
        continue;
      }
      if (visited.has(top.id)) continue;
      visited.add(top.id);
      stack.push({ id: top.id, expanded: true });
      for (const child of children.get(top.id) ?? []) stack.push({ id: child, expanded: false });
    }
  }
  return { roots, children, bottomUp };
}
