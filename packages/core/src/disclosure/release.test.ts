import { describe, expect, it } from 'vitest';
import { type CandidateCell, releaseCells } from './release.ts';

const cell = (key: string, ...cohortIds: string[]): CandidateCell => ({ key, cohortIds });
const sizes = (entries: Record<string, number>) => new Map(Object.entries(entries));
const decisions = (result: Map<string, { released: boolean; reason?: string }>) =>
  Object.fromEntries([...result].map(([key, r]) => [key, r.released ? 'released' : (r.reason ?? '')]));

describe('releaseCells', () => {
  it('hides a cell under the threshold', () => {
    const result = releaseCells([cell('team', 't')], sizes({ t: 4 }), 5);
    expect(decisions(result)).toEqual({ team: 'below_threshold' });
  });

  it('releases a cell of exactly k', () => {
    expect(decisions(releaseCells([cell('team', 't')], sizes({ t: 5 }), 5))).toEqual({ team: 'released' });
  });

  it('hides the next-smallest sub-unit when the rest of the parent would be 1..k−1 people', () => {
    // 20 = 8 + 9 + 3 people attached to the parent itself: showing both children gives away the 3.
    const cells = [cell('parent', 'a', 'b', 'own'), cell('a', 'a'), cell('b', 'b')];
    const result = releaseCells(cells, sizes({ a: 8, b: 9, own: 3 }), 5);
    expect(decisions(result)).toEqual({ parent: 'released', a: 'complementary', b: 'released' });
  });

  it('hides a sibling whose release would expose a sub-unit below the threshold', () => {
    const cells = [cell('parent', 'big', 'tiny'), cell('big', 'big'), cell('tiny', 'tiny')];
    const result = releaseCells(cells, sizes({ big: 10, tiny: 2 }), 5);
    expect(decisions(result)).toEqual({ parent: 'released', big: 'complementary', tiny: 'below_threshold' });
  });

  it('keeps both children when the rest is 0 or at least k', () => {
    const cells = [cell('parent', 'a', 'b', 'own'), cell('a', 'a'), cell('b', 'b')];
    expect(decisions(releaseCells(cells, sizes({ a: 8, b: 9, own: 0 }), 5))).toEqual({
      parent: 'released',
      a: 'released',
      b: 'released',
    });
    expect(decisions(releaseCells(cells, sizes({ a: 8, b: 9, own: 5 }), 5))).toEqual({
      parent: 'released',
      a: 'released',
      b: 'released',
    });
  });

  it('repeats until the rest is large enough', () => {
    // 6 + 6 + 7 + 1: hiding a (6) leaves a rest of 7 — enough.
    const cells = [cell('p', 'a', 'b', 'c', 'own'), cell('a', 'a'), cell('b', 'b'), cell('c', 'c')];
    const result = releaseCells(cells, sizes({ a: 6, b: 6, c: 7, own: 1 }), 5);
    expect(decisions(result)).toEqual({ p: 'released', a: 'complementary', b: 'released', c: 'released' });
    // With k = 8 the children are all under the threshold: only the parent shows.
    expect(decisions(releaseCells(cells, sizes({ a: 6, b: 6, c: 7, own: 1 }), 8))).toEqual({
      p: 'released',
      a: 'below_threshold',
      b: 'below_threshold',
      c: 'below_threshold',
    });
  });

  it('hides a filtered group whose complement in the unit is 1..k−1 people', () => {
    const cells = [cell('unit', 'lyon', 'rest'), cell('unit|lyon', 'lyon')];
    expect(decisions(releaseCells(cells, sizes({ lyon: 10, rest: 2 }), 5))).toEqual({
      unit: 'released',
      'unit|lyon': 'complementary',
    });
  });

  it('stops the attack across the tree that pairwise parent/child checks miss', () => {
    // Unit u has sub-units c1 (Lyon 6 + 2 others) and c2 (Lyon 6 + 7 others). Hiding "c1, Lyon"
    // (its complement in c1 is 2) is not enough: (u, Lyon) − (c2, Lyon) = c1's Lyon people, and
    // c1 minus that is the 2 others again. Some cell on that path must go as well.
    const cells = [
      cell('u', 'c1L', 'c1r', 'c2L', 'c2r'),
      cell('c1', 'c1L', 'c1r'),
      cell('c2', 'c2L', 'c2r'),
      cell('u|L', 'c1L', 'c2L'),
      cell('c1|L', 'c1L'),
      cell('c2|L', 'c2L'),
    ];
    const counts = sizes({ c1L: 6, c1r: 2, c2L: 6, c2r: 7 });
    const result = decisions(releaseCells(cells, counts, 5));
    expect(result['c1|L']).toBe('complementary');
    const shown = (key: string) => result[key] === 'released';
    const attack = shown('c1') && shown('u|L') && shown('c2|L');
    expect(attack).toBe(false);
    expect(shown('u')).toBe(true);
  });

  it('treats cells with the same cohorts as one figure', () => {
    // A unit whose only sub-unit holds all its people: the two are the same figure.
    const cells = [cell('unit', 'x'), cell('only-child', 'x')];
    expect(decisions(releaseCells(cells, sizes({ x: 7 }), 5))).toEqual({ unit: 'released', 'only-child': 'released' });
  });

  it('ignores cohorts with nobody in them', () => {
    const cells = [cell('parent', 'a', 'empty'), cell('a', 'a')];
    expect(decisions(releaseCells(cells, sizes({ a: 9, empty: 0 }), 5))).toEqual({ parent: 'released', a: 'released' });
  });
});
