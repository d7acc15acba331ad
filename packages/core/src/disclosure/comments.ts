import { type TreeUnit, unitTree } from './unit-tree.ts';

/**
 * Where each unit's comments are shown (DESIGN.md: comments need n ≥ k_comments; those of a
 * smaller group roll up to the nearest ancestor that qualifies).
 *
 * A comment is a whole text, not a sum, so what protects its author is the set of people it could
 * have come from. A unit shows the comments "homed" at it: those of its own respondents and of
 * sub-units too small to show their own. Since a manager can read a unit's comments and each
 * sub-unit's, a comment homed at a unit is known to come from that unit minus its qualifying
 * sub-units — its pool. So a unit qualifies when its pool, not its whole subtree, has
 * ≥ k_comments respondents; a smaller pool flows up to the parent's.
 *
 * At a root there is nowhere further up: if its pool is still small, the smallest qualifying
 * sub-units give up their own home and join it (the complementary rule), until it is large
 * enough or there is nothing left to join. A null home means the comments are not shown at all
 * (the whole tree has fewer than k_comments respondents).
 *
 * Comments are never broken down by attribute: a filtered list and the full list would differ by
 * the comments of the complement, however small.
 */
export function commentHomes(
  units: readonly TreeUnit[],
  respondentsByUnit: ReadonlyMap<string, number>,
  kComments: number,
): Map<string, string | null> {
  const tree = unitTree(units);
  const pool = new Map<string, number>();
  const qualifies = new Set<string>();
  for (const id of tree.bottomUp) {
    let size = respondentsByUnit.get(id) ?? 0;
    for (const child of tree.children.get(id) ?? []) if (!qualifies.has(child)) size += pool.get(child) ?? 0;
    pool.set(id, size);
    if (size >= kComments) qualifies.add(id);
  }
  for (const root of tree.roots) {
    let size = pool.get(root) ?? 0;
    if (size === 0 || qualifies.has(root)) continue;
    // The qualifying units whose pool would flow straight into the root's.
    const frontier = [...(tree.children.get(root) ?? [])].flatMap((c) =>
      nearestQualifying(c, tree.children, qualifies),
    );
    while (size < kComments && frontier.length > 0) {
      frontier.sort((a, b) => (pool.get(a) ?? 0) - (pool.get(b) ?? 0));
      const joining = frontier.shift();
      if (joining === undefined) break;
      qualifies.delete(joining);
      size += pool.get(joining) ?? 0;
      for (const child of tree.children.get(joining) ?? [])
        frontier.push(...nearestQualifying(child, tree.children, qualifies));
    }
    pool.set(root, size);
    if (size >= kComments) qualifies.add(root);
  }
  const homes = new Map<string, string | null>();
  // Top-down: a unit's home is itself if it qualifies, else its parent's home (set as we pass it).
  for (const id of [...tree.bottomUp].reverse()) {
    const home = qualifies.has(id) ? id : (homes.get(id) ?? null);
    homes.set(id, home);
    for (const child of tree.children.get(id) ?? []) homes.set(child, home);
  }
  return homes;
}

/** The unit itself if it qualifies, else the qualifying units nearest below it. */
function nearestQualifying(id: string, children: ReadonlyMap<string, readonly string[]>, qualifies: Set<string>) {
  if (qualifies.has(id)) return [id];
  const found: string[] = [];
  for (const child of children.get(id) ?? []) found.push(...nearestQualifying(child, children, qualifies));
  return found;
}
