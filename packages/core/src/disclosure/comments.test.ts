import { describe, expect, it } from 'vitest';
import { commentHomes } from './comments.ts';

// org ─┬─ sales ─┬─ north
//      │         └─ south
//      └─ tech
const units = [
  { id: 'org', parentId: null },
  { id: 'sales', parentId: 'org' },
  { id: 'north', parentId: 'sales' },
  { id: 'south', parentId: 'sales' },
  { id: 'tech', parentId: 'org' },
];
const homes = (counts: Record<string, number>, kComments = 10) =>
  Object.fromEntries(commentHomes(units, new Map(Object.entries(counts)), kComments));

describe('commentHomes', () => {
  it('shows each unit of at least k_comments its own comments', () => {
    expect(homes({ org: 10, sales: 11, north: 10, south: 12, tech: 15 })).toEqual({
      org: 'org',
      sales: 'sales',
      north: 'north',
      south: 'south',
      tech: 'tech',
    });
  });

  it('rolls a small team up to the nearest ancestor whose own pool qualifies', () => {
    // north (4) is too small: with sales' own 6 people its pool is 10, so sales is its home.
    expect(homes({ org: 0, sales: 6, north: 4, south: 12, tech: 15 })).toMatchObject({
      north: 'sales',
      sales: 'sales',
      south: 'south',
    });
  });

  it('counts the pool, not the subtree: a qualifying sub-unit does not lend its people', () => {
    // sales' subtree is 2 + 3 + 12 = 17, but once south shows its own comments, those left at sales
    // (its own 2 + north's 3) could only come from 5 people: they go up to org. org's pool is then
    // 5, and a root has nowhere further up, so the smallest qualifying unit below (south, 12) joins.
    expect(homes({ org: 0, sales: 2, north: 3, south: 12, tech: 15 })).toEqual({
      org: 'org',
      sales: 'org',
      north: 'org',
      south: 'org',
      tech: 'tech',
    });
  });

  it('shows no comments when the whole tree has fewer than k_comments respondents', () => {
    expect(Object.values(homes({ org: 1, sales: 2, north: 3, south: 1, tech: 2 }))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('takes nothing from the sub-units of a root with no comments of its own to hide', () => {
    expect(homes({ org: 0, sales: 0, north: 10, south: 10, tech: 10 })).toEqual({
      org: null,
      sales: null,
      north: 'north',
      south: 'south',
      tech: 'tech',
    });
  });
});
