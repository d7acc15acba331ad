import type { Trend, TrendPoint } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { significantChange, trendIntervals, trendRows, trendSeries, trendValues } from './trend.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const hidden = { released: false, reason: 'below_threshold' } as const;

function point(n: number, overrides: Partial<TrendPoint> = {}): TrendPoint {
  return {
    pulseId: id(n),
    title: `Pulse ${n}`,
    closedAt: `2025-0${n}-01T00:00:00.000Z`,
    respondents: { released: true, value: 12 },
    engagement: { released: true, value: 60 + n, change: null },
    enps: { released: true, value: 10, low: -5, high: 25, change: null },
    drivers: [
      { driver: 'engagement', score: { released: true, value: 60 + n, change: null } },
      { driver: 'wellbeing_workload', score: { released: true, value: 50, change: null } },
    ],
    ...overrides,
  };
}

const unit = { id: id(99), name: 'Warehouse' };

describe('trendSeries', () => {
  it('offers the engagement index, eNPS, then the other drivers asked', () => {
    const trend: Trend = { unit, drivers: ['engagement', 'wellbeing_workload'], points: [point(1), point(2)] };
    expect(trendSeries(trend)).toEqual(['engagement', 'enps', 'wellbeing_workload']);
  });

  it('leaves out what no pulse asked', () => {
    const trend: Trend = {
      unit,
      drivers: ['growth'],
      points: [point(1, { engagement: null, enps: null, drivers: [{ driver: 'growth', score: hidden }] })],
    };
    expect(trendSeries(trend)).toEqual(['growth']);
  });
});

describe('trendRows', () => {
  const trend: Trend = {
    unit,
    drivers: ['engagement', 'wellbeing_workload'],
    points: [
      point(1),
      point(2, { engagement: hidden, drivers: [{ driver: 'wellbeing_workload', score: null }] }),
      point(3, { engagement: { released: true, value: 55, change: { direction: 'down', p: 0.01 } } }),
    ],
  };

  it('keeps hidden points as gaps, never as numbers', () => {
    const rows = trendRows(trend, 'engagement');
    expect(rows.map((row) => row.title)).toEqual(['Pulse 1', 'Pulse 2', 'Pulse 3']);
    expect(trendValues(rows)).toEqual([61, null, 55]);
  });

  it('leaves out the pulses that did not ask the driver', () => {
    expect(trendRows(trend, 'wellbeing_workload').map((row) => row.title)).toEqual(['Pulse 1', 'Pulse 3']);
  });

  it('gives eNPS its interval, with gaps where hidden', () => {
    const rows = trendRows({ ...trend, points: [point(1), point(2, { enps: hidden })] }, 'enps');
    expect(trendIntervals(rows)).toEqual({ low: [-5, null], high: [25, null] });
    expect(trendIntervals(trendRows(trend, 'engagement')).low).toEqual([null, null, null]);
  });
});

describe('significantChange', () => {
  it('marks only the changes the test called significant', () => {
    expect(significantChange({ released: true, value: 50, change: { direction: 'up', p: 0.002 } })).toBe('up');
    expect(significantChange({ released: true, value: 50, change: { direction: 'down', p: 0.04 } })).toBe('down');
    expect(significantChange({ released: true, value: 50, change: { direction: 'none', p: 0.3 } })).toBeNull();
    expect(significantChange({ released: true, value: 50, change: null })).toBeNull();
    expect(significantChange(hidden)).toBeNull();
    expect(significantChange(null)).toBeNull();
  });
});
