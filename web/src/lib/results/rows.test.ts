import type { Heatmap, HeatmapRow } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { distributionSegments } from './distribution.ts';
import { heatmapRows } from './rows.ts';

const hidden = { released: false, reason: 'complementary' } as const;

const row = (unitId: string, parentId: string | null, depth: number): HeatmapRow => ({
  unitId,
  name: unitId,
  parentId,
  depth,
  respondents: { released: true, value: 9 },
  engagement: { released: true, value: 70 },
  enps: null,
  drivers: [
    { driver: 'engagement', score: { released: true, value: 70 } },
    { driver: 'growth', score: hidden },
  ],
});

describe('heatmapRows', () => {
  it('puts each unit under its parent, depth first, with every driver’s cell as the API gave it', () => {
    const heatmap: Heatmap = {
      pulse: { id: crypto.randomUUID(), title: 'May', state: 'closed', closedAt: null, k: 5 },
      drivers: ['engagement', 'growth'],
      scope: [row('org', null, 0)],
      units: [row('ops', 'org', 1), row('wh', 'ops', 2), row('eng', 'org', 1), row('stray', 'gone', 3)],
    };
    const rows = heatmapRows(heatmap);
    expect(rows.map((r) => [r.key, r.depth])).toEqual([
      ['org', 0],
      ['ops', 1],
      ['wh', 2],
      ['eng', 1],
      ['stray', 3],
    ]);
    expect(rows[0]?.scores.get('growth')).toEqual(hidden);
    expect(rows[0]?.scores.get('engagement')).toEqual({ released: true, value: 70 });
  });
});

describe('distributionSegments', () => {
  it('keeps the five Likert options', () => {
    const options = [1, 2, 3, 4, 5].map((value) => ({ value, percent: value * 2 + 14 }));
    const segments = distributionSegments('likert5', options);
    expect(segments.map((s) => [s.label, s.percent])).toEqual([
      ['Strongly disagree', 16],
      ['Disagree', 18],
      ['Neither agree nor disagree', 20],
      ['Agree', 22],
      ['Strongly agree', 24],
    ]);
  });

  it('groups the eleven eNPS options as detractors, passives and promoters', () => {
    const options = Array.from({ length: 11 }, (_, value) => ({ value, percent: value === 10 ? 10 : 9 }));
    expect(distributionSegments('nps11', options).map((s) => [s.key, s.percent])).toEqual([
      ['detractors', 63],
      ['passives', 18],
      ['promoters', 19],
    ]);
  });
});
