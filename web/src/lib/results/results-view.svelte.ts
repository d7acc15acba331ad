import type { Participation, Trend, UnitResults } from '@insideout/contracts';
import type { RequestOptions, UnitResultsQuery } from '../api/client.ts';
import { type TrendSeries, trendSeries } from './trend.ts';

export interface AttributeFilter {
  name: string;
  value: string;
}

/** What the team page shows: a unit, a pulse, and at most one of a breakdown or a filter. */
export interface ResultsSelection {
  unitId: string;
  /** null: the API's default, the latest closed pulse that asked the unit. */
  pulseId: string | null;
  /** Break the unit down by this attribute's values. */
  attribute: string | null;
  /** Only the people with this attribute value. */
  filter: AttributeFilter | null;
}

export interface ResultsSources {
  results(unitId: string, query: UnitResultsQuery, options: RequestOptions): Promise<UnitResults>;
  trend(unitId: string, options: RequestOptions): Promise<Trend>;
  /** The pulse's cohorts the reader may see (to offer attribute breakdowns); may fail without harm. */
  cohorts(pulseId: string, options: RequestOptions): Promise<Participation['cohorts']>;
}

/**
 * The state of the team results page. Each change of selection asks again for what it affects
 * (the trend depends on the unit only), cancelling the request it replaces, so a slow answer for an
 * old selection never replaces a newer one. What was shown stays shown while the next loads.
 */
export class ResultsView {
  selection: ResultsSelection = $state({ unitId: '', pulseId: null, attribute: null, filter: null });
  results: UnitResults | null = $state.raw(null);
  trend: Trend | null = $state.raw(null);
  cohorts: Participation['cohorts'] = $state.raw([]);
  /** The line the trend chart draws; falls back to the first available. */
  series: TrendSeries = $state('engagement');
  loading = $state(false);
  trendLoading = $state(false);
  error: unknown = $state.raw(null);
  trendError: unknown = $state.raw(null);

  readonly #sources: ResultsSources;
  #results: AbortController | null = null;
  #trend: AbortController | null = null;
  #cohorts: AbortController | null = null;
  #cohortsOf: string | null = null;

  constructor(sources: ResultsSources, initial: ResultsSelection) {
    this.#sources = sources;
    this.selection = { ...initial };
  }

  /** The lines the trend can draw. */
  get seriesChoices(): TrendSeries[] {
    return this.trend ? trendSeries(this.trend) : [];
  }

  /** The line drawn: the one chosen when the trend has it, else the first it has. */
  get activeSeries(): TrendSeries | null {
    const choices = this.seriesChoices;
    return choices.includes(this.series) ? this.series : (choices[0] ?? null);
  }

  /** The pulse shown (the API's default until one is picked). */
  get pulseId(): string | null {
    return this.results?.pulse.id ?? this.selection.pulseId;
  }

  /** Another unit: its results and its trend. A filter's value may not exist there, so it is dropped. */
  selectUnit(unitId: string): Promise<void> {
    if (unitId === this.selection.unitId) return Promise.resolve();
    this.selection = { ...this.selection, unitId, filter: null };
    return this.load();
  }

  selectPulse(pulseId: string): Promise<void> {
    this.selection = { ...this.selection, pulseId };
    return this.loadResults();
  }

  /** Breaks the unit down by an attribute (null: no breakdown); a breakdown is of the whole unit. */
  breakDownBy(attribute: string | null): Promise<void> {
    this.selection = { ...this.selection, attribute, filter: null };
    return this.loadResults();
  }

  /** Shows only the people with this attribute value (null: everyone); replaces any breakdown. */
  filterBy(filter: AttributeFilter | null): Promise<void> {
    this.selection = { ...this.selection, filter, attribute: null };
    return this.loadResults();
  }

  /** Everything for the current selection. */
  async load(): Promise<void> {
    await Promise.all([this.loadResults(), this.loadTrend()]);
  }

  async loadResults(): Promise<void> {
    const controller = restart(this.#results);
    this.#results = controller;
    this.loading = true;
    const { unitId, pulseId, attribute, filter } = this.selection;
    const query: UnitResultsQuery = {
      ...(pulseId ? { pulseId } : {}),
      ...(attribute ? { attribute } : {}),
      ...(filter ? { filter } : {}),
    };
    try {
      const results = await this.#sources.results(unitId, query, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.results = results;
      this.error = null;
      void this.#loadCohorts(results.pulse.id);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  async loadTrend(): Promise<void> {
    const controller = restart(this.#trend);
    this.#trend = controller;
    this.trendLoading = true;
    try {
      const trend = await this.#sources.trend(this.selection.unitId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.trend = trend;
      this.trendError = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.trendError = error;
    } finally {
      if (!controller.signal.aborted) this.trendLoading = false;
    }
  }

  /** Stops what is pending (the page is being left). */
  dispose(): void {
    this.#results?.abort();
    this.#trend?.abort();
    this.#cohorts?.abort();
  }

  // The cohorts only say which attributes can be asked for: without them the page simply offers
  // no breakdown, so a failure here is not an error to show.
  async #loadCohorts(pulseId: string): Promise<void> {
    if (pulseId === this.#cohortsOf) return;
    const controller = restart(this.#cohorts);
    this.#cohorts = controller;
    this.#cohortsOf = pulseId;
    try {
      const cohorts = await this.#sources.cohorts(pulseId, { signal: controller.signal });
      if (!controller.signal.aborted) this.cohorts = cohorts;
    } catch {
      if (controller.signal.aborted) return;
      this.cohorts = [];
      this.#cohortsOf = null;
    }
  }
}

function restart(previous: AbortController | null): AbortController {
  previous?.abort();
  return new AbortController();
}

const params = { unit: 'unit', pulse: 'pulse', by: 'by', filter: 'filter' } as const;

/** The selection a page address names (`?unit=…&pulse=…&by=location` or `&filter=location:Lyon`). */
export function selectionFromSearch(search: URLSearchParams, unitId: string): ResultsSelection {
  const filterText = search.get(params.filter) ?? '';
  const at = filterText.indexOf(':');
  const filter =
    at > 0 && at < filterText.length - 1 ? { name: filterText.slice(0, at), value: filterText.slice(at + 1) } : null;
  const attribute = filter ? null : search.get(params.by) || null;
  return { unitId, pulseId: search.get(params.pulse) || null, attribute, filter };
}

/** The address of a selection, so the page can be bookmarked, shared and reloaded as it is. */
export function selectionToSearch(selection: ResultsSelection): URLSearchParams {
  const search = new URLSearchParams();
  if (selection.unitId) search.set(params.unit, selection.unitId);
  if (selection.pulseId) search.set(params.pulse, selection.pulseId);
  if (selection.filter) search.set(params.filter, `${selection.filter.name}:${selection.filter.value}`);
  else if (selection.attribute) search.set(params.by, selection.attribute);
  return search;
}
