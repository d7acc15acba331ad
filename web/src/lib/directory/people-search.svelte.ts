import type { Person, Role } from '@insideout/contracts';
import type { PeopleFilter, PersonPageResult, RequestOptions } from '../api/client.ts';

export interface PeopleFilters {
  /** Matches names and e-mail addresses. */
  q: string;
  /** A unit and its sub-units; '' for all. */
  unitId: string;
  role: Role | '';
  active: 'true' | 'false' | '';
}

type FetchPage = (filter: PeopleFilter, options: RequestOptions) => Promise<PersonPageResult>;

export interface PeopleSearchOptions {
  /** How long typing must pause before the search runs. */
  debounceMs?: number;
  pageSize?: number;
}

/**
 * The people list: filters, the rows read so far, how many match in all, and "load more". A new
 * search cancels the one in flight, so a slow answer to an old query never replaces a newer one.
 */
export class PeopleSearch {
  filters: PeopleFilters = $state({ q: '', unitId: '', role: '', active: '' });
  people: readonly Person[] = $state.raw([]);
  total = $state(0);
  nextCursor: string | null = $state(null);
  /** A first page is on its way (new filters). */
  searching = $state(false);
  loadingMore = $state(false);
  /** At least one search has answered. */
  loaded = $state(false);
  error: unknown = $state.raw(null);

  readonly #fetchPage: FetchPage;
  readonly #debounceMs: number;
  readonly #pageSize: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;

  constructor(fetchPage: FetchPage, options: PeopleSearchOptions = {}) {
    this.#fetchPage = fetchPage;
    this.#debounceMs = options.debounceMs ?? 300;
    this.#pageSize = options.pageSize ?? 50;
  }

  get hasMore(): boolean {
    return this.nextCursor !== null;
  }

  /** Typing in the search box: searches once typing pauses. */
  setQuery(q: string): void {
    this.filters.q = q;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.search(), this.#debounceMs);
  }

  /** A filter picked from a list: searches at once. */
  setFilter<K extends Exclude<keyof PeopleFilters, 'q'>>(name: K, value: PeopleFilters[K]): void {
    this.filters[name] = value;
    void this.search();
  }

  /** Reads the first page for the current filters, dropping the rows shown. */
  async search(): Promise<void> {
    clearTimeout(this.#timer);
    const controller = this.#restart();
    this.searching = true;
    this.loadingMore = false;
    try {
      const page = await this.#fetchPage(this.#query(), { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.people = page.people;
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      this.error = null;
      this.loaded = true;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.searching = false;
    }
  }

  /** Appends the next page to the rows shown. */
  async loadMore(): Promise<void> {
    if (this.nextCursor === null || this.loadingMore || this.searching) return;
    const controller = this.#restart();
    this.loadingMore = true;
    try {
      const page = await this.#fetchPage({ ...this.#query(), cursor: this.nextCursor }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.people = [...this.people, ...page.people];
      this.total = page.total;
      this.nextCursor = page.nextCursor;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loadingMore = false;
    }
  }

  /** Stops what is pending (the page is being left). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  #restart(): AbortController {
    this.#controller?.abort();
    this.#controller = new AbortController();
    return this.#controller;
  }

  #query(): PeopleFilter {
    const { q, unitId, role, active } = this.filters;
    return {
      limit: this.#pageSize,
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(unitId ? { unitId } : {}),
      ...(role ? { role } : {}),
      ...(active ? { active: active === 'true' } : {}),
    };
  }
}
