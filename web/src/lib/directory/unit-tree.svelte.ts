import type { Unit } from '@insideout/contracts';
import { SvelteSet } from 'svelte/reactivity';

export interface UnitNode {
  unit: Unit;
  parent: UnitNode | null;
  children: UnitNode[];
  /** 0 for the top of what the reader may see (the org's root unit, or a manager's own units). */
  depth: number;
  /** Active people in the unit and all its sub-units. */
  totalHeadcount: number;
}

export interface UnitTree {
  roots: UnitNode[];
  byId: ReadonlyMap<string, UnitNode>;
}

/**
 * Builds the tree from the flat list the API gives. A unit whose parent is not in the list (a
 * manager sees only the subtrees they manage) is a root. Children are sorted by name.
 */
export function buildUnitTree(units: readonly Unit[]): UnitTree {
  const byId = new Map<string, UnitNode>();
  for (const unit of units) {
    byId.set(unit.id, { unit, parent: null, children: [], depth: 0, totalHeadcount: unit.headcount });
  }
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.unit.parentId === null ? undefined : byId.get(node.unit.parentId);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const byName = (a: UnitNode, b: UnitNode) => a.unit.name.localeCompare(b.unit.name);
  const settle = (node: UnitNode, depth: number): number => {
    node.depth = depth;
    node.children.sort(byName);
    node.totalHeadcount = node.unit.headcount + node.children.reduce((sum, child) => sum + settle(child, depth + 1), 0);
    return node.totalHeadcount;
  };
  roots.sort(byName);
  for (const root of roots) settle(root, 0);
  return { roots, byId };
}

/** The node and everything under it. */
export function subtreeIds(node: UnitNode): Set<string> {
  const ids = new Set<string>();
  const visit = (current: UnitNode) => {
    ids.add(current.unit.id);
    for (const child of current.children) visit(child);
  };
  visit(node);
  return ids;
}

/** Every node in display order (parents before children), with nothing collapsed. */
export function flatten(tree: UnitTree): UnitNode[] {
  const rows: UnitNode[] = [];
  const visit = (node: UnitNode) => {
    rows.push(node);
    for (const child of node.children) visit(child);
  };
  for (const root of tree.roots) visit(root);
  return rows;
}

/** How a unit is named to a reader: its path below the root (`Sales / France`), the root by its own name. */
export function unitLabel(unit: Pick<Unit, 'name' | 'path'>): string {
  return unit.path.length > 0 ? unit.path.join(' / ') : unit.name;
}

/**
 * Which units of the tree are open. Kept apart from the tree so that reloading the units after a
 * change keeps what the reader had opened.
 */
export class TreeExpansion {
  readonly #open = new SvelteSet<string>();

  isExpanded(id: string): boolean {
    return this.#open.has(id);
  }

  toggle(id: string): void {
    if (this.#open.has(id)) this.#open.delete(id);
    else this.#open.add(id);
  }

  expand(id: string): void {
    this.#open.add(id);
  }

  collapse(id: string): void {
    this.#open.delete(id);
  }

  /** Opens every unit that has sub-units. */
  expandAll(tree: UnitTree): void {
    for (const node of tree.byId.values()) if (node.children.length > 0) this.#open.add(node.unit.id);
  }

  collapseAll(): void {
    this.#open.clear();
  }

  /** Opens the ancestors of a unit so that it shows. */
  reveal(tree: UnitTree, id: string): void {
    for (let node = tree.byId.get(id)?.parent; node; node = node.parent) this.#open.add(node.unit.id);
  }

  /** The nodes a reader sees: children of open units only. */
  visible(tree: UnitTree): UnitNode[] {
    const rows: UnitNode[] = [];
    const visit = (node: UnitNode) => {
      rows.push(node);
      if (this.#open.has(node.unit.id)) for (const child of node.children) visit(child);
    };
    for (const root of tree.roots) visit(root);
    return rows;
  }
}
