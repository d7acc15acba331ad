import type { Heatmap, Participation, Trend, UnitResults } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../api/client.ts';
import { OrgOverview } from './org-overview.svelte.ts';
import { ResultsView } from './results-view.svelte.ts';

const never = <T>(_: unknown, options: RequestOptions) =>
  new Promise<T>((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(new Error('aborted'))));

function heatmap(pulseId: string): Heatmap {
  return {
    pulse: { id: pulseId, title: pulseId, state: 'closed', closedAt: null, k: 5 },
    drivers: [],
    scope: [],
    units: [],
  };
}

describe('OrgOverview', () => {
  it('asks for the heatmap of the pulse the view shows, and only the newest answer counts', async () => {
    const asked: (string | null)[] = [];
    const answers: Array<(h: Heatmap) => void> = [];
    const view = new ResultsView(
      {
        results: (_u, _q, o) => never<UnitResults>(_u, o),
        trend: (_u, o) => never<Trend>(_u, o),
        cohorts: (_p, o) => never<Participation['cohorts']>(_p, o),
      },
      { unitId: 'root', pulseId: null, attribute: null, filter: null },
    );
    const overview = new OrgOverview(view, (pulseId) => {
      asked.push(pulseId);
      return new Promise((resolve) => answers.push(resolve));
    });

    void overview.load();
    void overview.selectPulse('p2');
    expect(asked).toEqual([null, 'p2']);
    answers[1]?.(heatmap('p2'));
    answers[0]?.(heatmap('default'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(overview.heatmap?.pulse.id).toBe('p2');
    expect(overview.loading).toBe(false);
    overview.dispose();
  });
});
