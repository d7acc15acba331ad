import type { Person } from '@insideout/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeopleFilter, PersonPageResult, RequestOptions } from '../api/client.ts';
import { PeopleSearch } from './people-search.svelte.ts';

const person = (n: number): Person => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  email: `p${n}@acme.test`,
  displayName: `Person ${n}`,
  unitId: '00000000-0000-4000-8000-000000000099',
  unitPath: ['Sales'],
  role: 'employee',
  attributes: {},
  active: true,
  managedUnitIds: [],
});

/** Answers each request when the test says so, so that their order can be scripted. */
function controlledFetch() {
  const pending: { filter: PeopleFilter; signal: AbortSignal | undefined; answer: (page: PersonPageResult) => void }[] =
    [];
  const fetchPage = vi.fn(
    (filter: PeopleFilter, options: RequestOptions) =>
      new Promise<PersonPageResult>((resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        pending.push({ filter, signal: options.signal, answer: resolve });
      }),
  );
  return { fetchPage, pending };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PeopleSearch', () => {
  it('searches once typing pauses, with the trimmed query', async () => {
    const { fetchPage, pending } = controlledFetch();
    const search = new PeopleSearch(fetchPage, { debounceMs: 300, pageSize: 2 });

    search.setQuery('an');
    await vi.advanceTimersByTimeAsync(200);
    search.setQuery('ana ');
    await vi.advanceTimersByTimeAsync(299);
    expect(fetchPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(pending[0]?.filter).toEqual({ limit: 2, q: 'ana' });
    pending[0]?.answer({ people: [person(1), person(2)], total: 3, nextCursor: 'c1' });
    await vi.runAllTimersAsync();

    expect(search.people).toHaveLength(2);
    expect(search.total).toBe(3);
    expect(search.hasMore).toBe(true);
    expect(search.loaded).toBe(true);
    expect(search.searching).toBe(false);
  });

  it('filters at once, and sends only the filters that are set', async () => {
    const { fetchPage, pending } = controlledFetch();
    const search = new PeopleSearch(fetchPage, { pageSize: 50 });
    search.setFilter('role', 'manager');
    search.setFilter('active', 'false');
    expect(pending.at(-1)?.filter).toEqual({ limit: 50, role: 'manager', active: false });
  });

  it('appends the next page with the cursor', async () => {
    const { fetchPage, pending } = controlledFetch();
    const search = new PeopleSearch(fetchPage, { pageSize: 2 });
    void search.search();
    pending[0]?.answer({ people: [person(1), person(2)], total: 3, nextCursor: 'c1' });
    await vi.runAllTimersAsync();

    void search.loadMore();
    expect(search.loadingMore).toBe(true);
    expect(pending[1]?.filter).toEqual({ limit: 2, cursor: 'c1' });
    pending[1]?.answer({ people: [person(3)], total: 3, nextCursor: null });
    await vi.runAllTimersAsync();

    expect(search.people.map((p) => p.displayName)).toEqual(['Person 1', 'Person 2', 'Person 3']);
    expect(search.hasMore).toBe(false);
    expect(search.loadingMore).toBe(false);
  });

  it('never lets an old answer replace a newer one', async () => {
    const { fetchPage, pending } = controlledFetch();
    const search = new PeopleSearch(fetchPage);
    void search.search();
    search.setFilter('role', 'hr_admin');

    expect(pending[0]?.signal?.aborted).toBe(true);
    pending[1]?.answer({ people: [person(9)], total: 1, nextCursor: null });
    pending[0]?.answer({ people: [person(1), person(2)], total: 2, nextCursor: null });
    await vi.runAllTimersAsync();

    expect(search.people.map((p) => p.displayName)).toEqual(['Person 9']);
    expect(search.error).toBeNull();
  });

  it('keeps the rows shown and reports a failure', async () => {
    const failure = new Error('down');
    let calls = 0;
    const search = new PeopleSearch(async () => {
      calls += 1;
      if (calls > 1) throw failure;
      return { people: [person(1)], total: 1, nextCursor: null };
    });
    await search.search();
    await search.search();
    expect(search.error).toBe(failure);
    expect(search.people).toHaveLength(1);
    expect(search.searching).toBe(false);
  });

  it('stops a pending search when disposed', async () => {
    const { fetchPage } = controlledFetch();
    const search = new PeopleSearch(fetchPage);
    search.setQuery('x');
    search.dispose();
    await vi.runAllTimersAsync();
    expect(fetchPage).not.toHaveBeenCalled();
  });
});
