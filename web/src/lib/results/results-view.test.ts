import type { Participation, Trend, UnitResults } from '@insideout/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { RequestOptions, UnitResultsQuery } from '../api/client.ts';
import { type ResultsSelection, ResultsView, selectionFromSearch, selectionToSearch } from './results-view.svelte.ts';

const hidden = { released: false, reason: 'below_threshold' } as const;

function results(unitId: string, pulseId: string): UnitResults {
  return {
    pulse: { id: pulseId, title: `Pulse ${pulseId}`, state: 'closed', closedAt: '2025-05-01T00:00:00.000Z', k: 5 },
    unit: { id: unitId, name: unitId },
    filter: null,
    group: {
      respondents: hidden,
      participation: hidden,
      engagement: null,
      enps: null,
      drivers: [],
      items: [],
    },
    subunits: [],
    breakdown: null,
  };
}

function trend(unitId: string, withEngagement = true): Trend {
  return {
    unit: { id: unitId, name: unitId },
    drivers: ['growth'],
    points: [
      {
        pulseId: 'p1',
        title: 'P1',
        closedAt: '2025-05-01T00:00:00.000Z',
        respondents: hidden,
        engagement: withEngagement ? hidden : null,
        enps: null,
        drivers: [{ driver: 'growth', score: hidden }],
      },
    ],
  };
}

interface Pending<T> {
  args: unknown[];
  signal: AbortSignal | undefined;
  answer: (value: T) => void;
  fail: (error: unknown) => void;
}

/** Sources whose answers the test gives, one request at a time, so their order can be scripted. */
function controlledSources() {
  const calls = {
    results: [] as Pending<UnitResults>[],
    trend: [] as Pending<Trend>[],
    cohorts: [] as Pending<Participation['cohorts']>[],
  };
  const pending =
    <T>(list: Pending<T>[]) =>
    (...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const options = args.at(-1) as RequestOptions;
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        list.push({ args: args.slice(0, -1), signal: options.signal, answer: resolve, fail: reject });
      });
  const sources = {
    results: vi.fn(pending(calls.results)) as (
      u: string,
      q: UnitResultsQuery,
      o: RequestOptions,
    ) => Promise<UnitResults>,
    trend: vi.fn(pending(calls.trend)) as (u: string, o: RequestOptions) => Promise<Trend>,
    cohorts: vi.fn(pending(calls.cohorts)) as (p: string, o: RequestOptions) => Promise<Participation['cohorts']>,
  };
  return { sources, calls };
}

const start: ResultsSelection = { unitId: 'ops', pulseId: null, attribute: null, filter: null };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ResultsView', () => {
  it('loads the results and the trend of the unit, then the pulse’s cohorts', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    const loading = view.load();
    expect(view.loading).toBe(true);
    expect(view.trendLoading).toBe(true);
    expect(calls.results[0]?.args).toEqual(['ops', {}]);
    expect(calls.trend[0]?.args).toEqual(['ops']);

    calls.results[0]?.answer(results('ops', 'p1'));
    calls.trend[0]?.answer(trend('ops'));
    await loading;
    expect(view.loading).toBe(false);
    expect(view.trendLoading).toBe(false);
    expect(view.pulseId).toBe('p1');
    expect(view.seriesChoices).toEqual(['engagement', 'growth']);
    expect(calls.cohorts[0]?.args).toEqual(['p1']);
  });

  it('asks for a breakdown or a filter, never both, as the API requires', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    void view.breakDownBy('location');
    expect(calls.results.at(-1)?.args).toEqual(['ops', { attribute: 'location' }]);

    void view.filterBy({ name: 'location', value: 'Lyon' });
    expect(view.selection.attribute).toBeNull();
    expect(calls.results.at(-1)?.args).toEqual(['ops', { filter: { name: 'location', value: 'Lyon' } }]);

    void view.breakDownBy('location');
    expect(view.selection.filter).toBeNull();
    void view.selectPulse('p2');
    expect(calls.results.at(-1)?.args).toEqual(['ops', { pulseId: 'p2', attribute: 'location' }]);
  });

  it('drops the filter on another unit, and asks for both its results and its trend', () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, { ...start, pulseId: 'p1', filter: { name: 'location', value: 'Lyon' } });
    void view.selectUnit('wh');
    expect(view.selection).toEqual({ unitId: 'wh', pulseId: 'p1', attribute: null, filter: null });
    expect(calls.results.at(-1)?.args).toEqual(['wh', { pulseId: 'p1' }]);
    expect(calls.trend.at(-1)?.args).toEqual(['wh']);
    void view.selectUnit('wh');
    expect(calls.results).toHaveLength(1);
  });

  it('never lets an old answer replace a newer one', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    void view.selectPulse('p1');
    void view.selectPulse('p2');
    expect(calls.results[0]?.signal?.aborted).toBe(true);
    calls.results[1]?.answer(results('ops', 'p2'));
    await settle();
    expect(view.results?.pulse.id).toBe('p2');
    expect(view.loading).toBe(false);
  });

  it('keeps what was shown and reports the error when a request fails', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    void view.loadResults();
    calls.results[0]?.answer(results('ops', 'p1'));
    await settle();
    void view.selectPulse('p2');
    const failure = new Error('down');
    calls.results[1]?.fail(failure);
    await settle();
    expect(view.error).toBe(failure);
    expect(view.results?.pulse.id).toBe('p1');
    expect(view.loading).toBe(false);

    void view.selectPulse('p1');
    calls.results[2]?.answer(results('ops', 'p1'));
    await settle();
    expect(view.error).toBeNull();
  });

  it('offers no breakdown, without an error, when the cohorts cannot be read', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    void view.loadResults();
    calls.results[0]?.answer(results('ops', 'p1'));
    await settle();
    calls.cohorts[0]?.fail(new Error('forbidden'));
    await settle();
    expect(view.cohorts).toEqual([]);
    expect(view.error).toBeNull();
  });

  it('draws the chosen line when the trend has it, else the first it has', async () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    view.series = 'growth';
    void view.loadTrend();
    calls.trend[0]?.answer(trend('ops'));
    await settle();
    expect(view.activeSeries).toBe('growth');
    view.series = 'enps';
    expect(view.activeSeries).toBe('engagement');

    void view.loadTrend();
    calls.trend[1]?.answer(trend('ops', false));
    await settle();
    expect(view.activeSeries).toBe('growth');
  });

  it('stops what is pending when disposed', () => {
    const { sources, calls } = controlledSources();
    const view = new ResultsView(sources, start);
    void view.load();
    view.dispose();
    expect(calls.results[0]?.signal?.aborted).toBe(true);
    expect(calls.trend[0]?.signal?.aborted).toBe(true);
  });
});

describe('the selection in the page address', () => {
  it.each<[string, ResultsSelection]>([
    ['', { unitId: 'u', pulseId: null, attribute: null, filter: null }],
    ['pulse=p1&by=location', { unitId: 'u', pulseId: 'p1', attribute: 'location', filter: null }],
    [
      'filter=location%3ASaint-%C3%89tienne%3A+Nord',
      {
        unitId: 'u',
        pulseId: null,
        attribute: null,
        filter: { name: 'location', value: 'Saint-Étienne: Nord' },
      },
    ],
    // A filter wins over a breakdown, as the API accepts only one.
    [
      'by=location&filter=location%3ALyon',
      {
        unitId: 'u',
        pulseId: null,
        attribute: null,
        filter: { name: 'location', value: 'Lyon' },
      },
    ],
    ['filter=location%3A', { unitId: 'u', pulseId: null, attribute: null, filter: null }],
  ])('reads "%s"', (search, expected) => {
    expect(selectionFromSearch(new URLSearchParams(search), 'u')).toEqual(expected);
  });

  it('writes what it reads', () => {
    const selection: ResultsSelection = {
      unitId: 'u',
      pulseId: 'p1',
      attribute: null,
      filter: { name: 'location', value: 'Lyon' },
    };
    const search = selectionToSearch(selection);
    expect(search.toString()).toBe('unit=u&pulse=p1&filter=location%3ALyon');
    expect(selectionFromSearch(search, 'u')).toEqual(selection);
  });
});
