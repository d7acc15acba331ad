import type { Unit } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { buildUnitTree, flatten, subtreeIds, TreeExpansion, unitLabel } from './unit-tree.svelte.ts';

const unit = (id: string, parentId: string | null, name: string, path: string[], headcount = 0): Unit => ({
  id,
  parentId,
  name,
  path,
  headcount,
  managerIds: [],
});

// Acme ─┬─ Sales ─┬─ France ── Paris
//       │         └─ Germany
//       └─ Engineering
const units = [
  unit('root', null, 'Acme', [], 1),
  unit('sales', 'root', 'Sales', ['Sales'], 2),
  unit('paris', 'france', 'Paris', ['Sales', 'France', 'Paris'], 5),
  unit('france', 'sales', 'France', ['Sales', 'France'], 3),
  unit('germany', 'sales', 'Germany', ['Sales', 'Germany'], 4),
  unit('eng', 'root', 'Engineering', ['Engineering'], 10),
];

const names = (rows: { unit: Unit }[]) => rows.map((row) => row.unit.name);

describe('buildUnitTree', () => {
  it('nests units under their parents, sorted by name, whatever the order of the list', () => {
    const tree = buildUnitTree(units);
    expect(names(tree.roots)).toEqual(['Acme']);
    expect(names(flatten(tree))).toEqual(['Acme', 'Engineering', 'Sales', 'France', 'Paris', 'Germany']);
    expect(tree.byId.get('paris')?.depth).toBe(3);
    expect(tree.byId.get('paris')?.parent?.unit.id).toBe('france');
  });

  it('counts the people of a unit with its sub-units', () => {
    const tree = buildUnitTree(units);
    expect(tree.byId.get('france')?.totalHeadcount).toBe(8);
    expect(tree.byId.get('sales')?.totalHeadcount).toBe(14);
    expect(tree.byId.get('root')?.totalHeadcount).toBe(25);
  });

  it('makes a root of each unit whose parent is out of sight (a manager’s view)', () => {
    const tree = buildUnitTree(units.filter((u) => ['france', 'paris', 'eng'].includes(u.id)));
    expect(names(tree.roots)).toEqual(['Engineering', 'France']);
    expect(tree.byId.get('france')?.depth).toBe(0);
  });

  it('gives the subtree of a unit, itself included', () => {
    const tree = buildUnitTree(units);
    const sales = tree.byId.get('sales');
    expect(sales && [...subtreeIds(sales)].sort()).toEqual(['france', 'germany', 'paris', 'sales']);
  });
});

describe('unitLabel', () => {
  it('names a unit by its path, the root by its own name', () => {
    expect(unitLabel(unit('paris', 'france', 'Paris', ['Sales', 'France', 'Paris']))).toBe('Sales / France / Paris');
    expect(unitLabel(unit('root', null, 'Acme', []))).toBe('Acme');
  });
});

describe('TreeExpansion', () => {
  it('shows only the children of open units', () => {
    const tree = buildUnitTree(units);
    const expansion = new TreeExpansion();
    expect(names(expansion.visible(tree))).toEqual(['Acme']);

    expansion.toggle('root');
    expect(names(expansion.visible(tree))).toEqual(['Acme', 'Engineering', 'Sales']);

    expansion.toggle('sales');
    expect(expansion.isExpanded('sales')).toBe(true);
    expect(names(expansion.visible(tree))).toEqual(['Acme', 'Engineering', 'Sales', 'France', 'Germany']);

    expansion.toggle('root');
    expect(names(expansion.visible(tree))).toEqual(['Acme']);
  });

  it('remembers what was open inside a closed unit', () => {
    const tree = buildUnitTree(units);
    const expansion = new TreeExpansion();
    expansion.expand('root');
    expansion.expand('sales');
    expansion.collapse('root');
    expansion.expand('root');
    expect(names(expansion.visible(tree))).toContain('France');
  });

  it('expands and collapses everything', () => {
    const tree = buildUnitTree(units);
    const expansion = new TreeExpansion();
    expansion.expandAll(tree);
    expect(names(expansion.visible(tree))).toEqual(names(flatten(tree)));
    expect(expansion.isExpanded('paris')).toBe(false);
    expansion.collapseAll();
    expect(names(expansion.visible(tree))).toEqual(['Acme']);
  });

  it('reveals a unit deep in the tree by opening its ancestors', () => {
    const tree = buildUnitTree(units);
    const expansion = new TreeExpansion();
    expansion.reveal(tree, 'paris');
    expect(names(expansion.visible(tree))).toEqual(['Acme', 'Engineering', 'Sales', 'France', 'Paris', 'Germany']);
  });

  it('keeps what was open when the units are reloaded', () => {
    const expansion = new TreeExpansion();
    expansion.expand('root');
    const reloaded = buildUnitTree([...units, unit('lyon', 'france', 'Lyon', ['Sales', 'France', 'Lyon'])]);
    expect(names(expansion.visible(reloaded))).toEqual(['Acme', 'Engineering', 'Sales']);
  });
});
