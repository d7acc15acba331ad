import type { CommentList, ConversationState, Driver, NewReply, StaffComment } from '@insideout/contracts';
import type { CommentsFilter, RequestOptions } from '../api/client.ts';

/** The tabs of the comments page: every comment, one state, or (HR leaders) the flagged ones. */
export type CommentsTab = 'all' | ConversationState | 'flagged';
export type CommentCounts = CommentList['counts'];

export interface CommentsSelection {
  /** null: the API's default, the latest closed pulse with comments the reader may read. */
  pulseId: string | null;
  /** null: every unit the reader may see. */
  unitId: string | null;
  driver: Driver | 'general' | null;
  tab: CommentsTab;
}

export interface CommentsSources {
  list(filter: CommentsFilter, options: RequestOptions): Promise<CommentList>;
  reply(commentId: string, reply: NewReply): Promise<StaffComment>;
  markAddressed(commentId: string, addressed: boolean): Promise<StaffComment>;
}

/** Comments asked for at a time; "Show more" asks for the next ones. */
export const pageSize = 50;

/** What the API is asked for a selection (and the comments already shown, for the next page). */
export function commentsFilter(selection: CommentsSelection, offset = 0): CommentsFilter {
  const { pulseId, unitId, driver, tab } = selection;
  return {
    ...(pulseId ? { pulseId } : {}),
    ...(unitId ? { unitId } : {}),
    ...(driver ? { driver } : {}),
    ...(tab === 'flagged' ? { flagged: true } : tab === 'all' ? {} : { state: tab }),
    limit: pageSize,
    ...(offset > 0 ? { offset } : {}),
  };
}

/** The tab counts after one comment moved from one state to another (a reply, a mark). */
export function recount(counts: CommentCounts, before: ConversationState, after: ConversationState): CommentCounts {
  if (before === after) return counts;
  return { ...counts, [before]: Math.max(0, counts[before] - 1), [after]: counts[after] + 1 };
}

/** How many comments a tab holds. */
export function tabCount(counts: CommentCounts, tab: CommentsTab): number {
  if (tab === 'all') return counts.unanswered + counts.answered + counts.follow_up + counts.addressed;
  return counts[tab];
}

/**
 * The state of the staff comments page. A new selection asks again, cancelling the request it
 * replaces. A comment answered or marked stays where it is in the list, with its new state, so it
 * does not vanish from under the reader's eyes; the tab counts follow at once.
 */
export class CommentsView {
  selection: CommentsSelection = $state({ pulseId: null, unitId: null, driver: null, tab: 'all' });
  /** The pulse, thresholds and counts of the latest answer. */
  list: CommentList | null = $state.raw(null);
  comments: StaffComment[] = $state.raw([]);
  counts: CommentCounts | null = $state.raw(null);
  loading = $state(false);
  loadingMore = $state(false);
  error: unknown = $state.raw(null);

  readonly #sources: CommentsSources;
  #controller: AbortController | null = null;

  constructor(sources: CommentsSources, initial: Partial<CommentsSelection> = {}) {
    this.#sources = sources;
    this.selection = { ...this.selection, ...initial };
  }

  /** The pulse shown (the API's default until one is picked). */
  get pulseId(): string | null {
    return this.list?.pulse?.id ?? this.selection.pulseId;
  }

  /** Whether more comments than those shown match the selection. */
  get hasMore(): boolean {
    return this.list !== null && this.comments.length < this.list.total;
  }

  select(change: Partial<CommentsSelection>): Promise<void> {
    this.selection = { ...this.selection, ...change };
    return this.load();
  }

  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const list = await this.#sources.list(commentsFilter(this.selection), { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.list = list;
      this.comments = list.comments;
      this.counts = list.counts;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  /** The next comments of the same selection, after those shown. */
  async more(): Promise<void> {
    if (this.loadingMore || !this.hasMore) return;
    const controller = this.#controller ?? new AbortController();
    this.loadingMore = true;
    try {
      const filter = commentsFilter({ ...this.selection, pulseId: this.pulseId }, this.comments.length);
      const list = await this.#sources.list(filter, { signal: controller.signal });
      if (controller.signal.aborted) return;
      const shown = new Set(this.comments.map((comment) => comment.id));
      this.comments = [...this.comments, ...list.comments.filter((comment) => !shown.has(comment.id))];
      this.list = { ...list, comments: [] };
      this.error = null;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Replies to a comment; rejects with the API's error (the form shows it). */
  async reply(commentId: string, reply: NewReply): Promise<StaffComment> {
    return this.#update(await this.#sources.reply(commentId, reply));
  }

  async markAddressed(commentId: string, addressed: boolean): Promise<StaffComment> {
    return this.#update(await this.#sources.markAddressed(commentId, addressed));
  }

  dispose(): void {
    this.#controller?.abort();
  }

  #update(updated: StaffComment): StaffComment {
    const before = this.comments.find((comment) => comment.id === updated.id);
    if (before) {
      this.comments = this.comments.map((comment) => (comment.id === updated.id ? updated : comment));
      if (this.counts) this.counts = recount(this.counts, before.state, updated.state);
    }
    return updated;
  }
}

const params = { pulse: 'pulse', unit: 'unit', driver: 'driver', tab: 'show' } as const;
const tabs: readonly CommentsTab[] = ['all', 'unanswered', 'answered', 'follow_up', 'addressed', 'flagged'];

/** The selection a page address names (`?pulse=…&unit=…&driver=growth&show=unanswered`). */
export function selectionFromSearch(
  search: URLSearchParams,
  isDriver: (value: string) => value is Driver,
): CommentsSelection {
  const driver = search.get(params.driver) ?? '';
  const tab = search.get(params.tab) ?? '';
  return {
    pulseId: search.get(params.pulse) || null,
    unitId: search.get(params.unit) || null,
    driver: driver === 'general' || isDriver(driver) ? driver : null,
    tab: (tabs as readonly string[]).includes(tab) ? (tab as CommentsTab) : 'all',
  };
}

/** The address of a selection, so the page can be bookmarked and shared as it is. */
export function selectionToSearch(selection: CommentsSelection): URLSearchParams {
  const search = new URLSearchParams();
  if (selection.pulseId) search.set(params.pulse, selection.pulseId);
  if (selection.unitId) search.set(params.unit, selection.unitId);
  if (selection.driver) search.set(params.driver, selection.driver);
  if (selection.tab !== 'all') search.set(params.tab, selection.tab);
  return search;
}
