import type { Heatmap } from '@insideout/contracts';
import type { RequestOptions } from '../api/client.ts';
import type { ResultsView } from './results-view.svelte.ts';

type FetchHeatmap = (pulseId: string | null, options: RequestOptions) => Promise<Heatmap>;

/**
 * The HR leader's overview: the org root's results (trends, filter, breakdown) through a
 * `ResultsView`, and the heatmap of every unit for the same pulse. The heatmap takes no attribute
 * filter (the API offers none): a filtered view shows the root and its sub-units, filtered.
 */
export class OrgOverview {
  heatmap: Heatmap | null = $state.raw(null);
  loading = $state(false);
  error: unknown = $state.raw(null);

  readonly view: ResultsView;
  readonly #fetch: FetchHeatmap;
  #controller: AbortController | null = null;

  constructor(view: ResultsView, fetchHeatmap: FetchHeatmap) {
    this.view = view;
    this.#fetch = fetchHeatmap;
  }

  async load(): Promise<void> {
    await Promise.all([this.view.load(), this.loadHeatmap()]);
  }

  /** The heatmap of the selected pulse (the API's default until one is picked). */
  async loadHeatmap(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const heatmap = await this.#fetch(this.view.selection.pulseId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.heatmap = heatmap;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  async selectPulse(pulseId: string): Promise<void> {
    await Promise.all([this.view.selectPulse(pulseId), this.loadHeatmap()]);
  }

  dispose(): void {
    this.#controller?.abort();
    this.view.dispose();
  }
}
