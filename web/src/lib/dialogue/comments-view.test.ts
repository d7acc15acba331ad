import type { CommentList, ConversationState, StaffComment } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import type { CommentsFilter, RequestOptions } from '../api/client.ts';
import {
  CommentsView,
  commentsFilter,
  pageSize,
  recount,
  selectionFromSearch,
  selectionToSearch,
  tabCount,
} from './comments-view.svelte.ts';

const pulse = { id: 'p1', title: 'Autumn', closedAt: '2026-10-01T00:00:00.000Z' };

function comment(id: string, state: ConversationState = 'unanswered'): StaffComment {
  return {
    id,
    pulse,
    shownAt: { id: 'u1', name: 'Platform' },
    item: null,
    body: `Comment ${id}`,
    state,
    messages: [],
    flags: [],
    sensitiveWords: [],
  };
}

function list(comments: StaffComment[], total = comments.length): CommentList {
  return {
    pulse,
    kComments: 10,
    counts: { unanswered: 2, answered: 1, follow_up: 0, addressed: 0, flagged: 1 },
    total,
    comments,
  };
}

const isDriver = (value: string): value is 'growth' | 'engagement' => value === 'growth' || value === 'engagement';

describe('commentsFilter', () => {
  it('asks for a state, the flagged comments, or everything', () => {
    const base = { pulseId: null, unitId: null, driver: null } as const;
    expect(commentsFilter({ ...base, tab: 'all' })).toEqual({ limit: pageSize });
    expect(commentsFilter({ ...base, tab: 'follow_up' })).toEqual({ state: 'follow_up', limit: pageSize });
    expect(commentsFilter({ ...base, tab: 'flagged' })).toEqual({ flagged: true, limit: pageSize });
  });

  it('narrows by pulse, unit and driver, and pages on', () => {
    expect(commentsFilter({ pulseId: 'p', unitId: 'u', driver: 'general', tab: 'all' }, 50)).toEqual({
      pulseId: 'p',
      unitId: 'u',
      driver: 'general',
      limit: pageSize,
      offset: 50,
    });
  });
});

describe('recount', () => {
  const counts = { unanswered: 2, answered: 1, follow_up: 1, addressed: 0, flagged: 1 };

  it('moves one comment from its old state to its new one, flagged unchanged', () => {
    expect(recount(counts, 'unanswered', 'answered')).toEqual({ ...counts, unanswered: 1, answered: 2 });
    expect(recount(counts, 'follow_up', 'addressed')).toEqual({ ...counts, follow_up: 0, addressed: 1 });
  });

  it('changes nothing when the state stays', () => {
    expect(recount(counts, 'answered', 'answered')).toBe(counts);
  });

  it('counts every comment under “all”, flagged ones once', () => {
    expect(tabCount(counts, 'all')).toBe(4);
    expect(tabCount(counts, 'flagged')).toBe(1);
  });
});

describe('the address of a selection', () => {
  it('round-trips, and drops what it does not know', () => {
    const selection = { pulseId: 'p', unitId: 'u', driver: 'growth', tab: 'unanswered' } as const;
    expect(selectionFromSearch(selectionToSearch(selection), isDriver)).toEqual(selection);
    expect(selectionFromSearch(new URLSearchParams('driver=nonsense&show=everything'), isDriver)).toEqual({
      pulseId: null,
      unitId: null,
      driver: null,
      tab: 'all',
    });
    expect(selectionToSearch({ pulseId: null, unitId: null, driver: null, tab: 'all' }).toString()).toBe('');
  });
});

describe('CommentsView', () => {
  function harness(pages: CommentList[]) {
    const asked: CommentsFilter[] = [];
    const view = new CommentsView({
      list: async (filter: CommentsFilter, _options: RequestOptions) => {
        asked.push(filter);
        const next = pages.shift();
        if (!next) throw new Error('no more pages');
        return next;
      },
      reply: async (id) => ({ ...comment(id, 'answered'), messages: [] }),
      markAddressed: async (id, addressed) => comment(id, addressed ? 'addressed' : 'answered'),
    });
    return { view, asked };
  }

  it('keeps a replied comment in place with its new state, and the counts follow', async () => {
    const { view } = harness([list([comment('a'), comment('b')])]);
    await view.select({ tab: 'unanswered' });
    await view.reply('a', { acknowledgement: 'thanks', body: '' });
    expect(view.comments.map((c) => [c.id, c.state])).toEqual([
      ['a', 'answered'],
      ['b', 'unanswered'],
    ]);
    expect(view.counts).toMatchObject({ unanswered: 1, answered: 2 });

    await view.markAddressed('a', true);
    expect(view.comments[0]?.state).toBe('addressed');
    expect(view.counts).toMatchObject({ answered: 1, addressed: 1 });
  });

  it('shows more of the same pulse, without repeating a comment', async () => {
    const { view, asked } = harness([list([comment('a'), comment('b')], 3), list([comment('b'), comment('c')], 3)]);
    await view.load();
    expect(view.hasMore).toBe(true);
    await view.more();
    expect(asked[1]).toMatchObject({ pulseId: 'p1', offset: 2 });
    expect(view.comments.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(view.hasMore).toBe(false);
  });

  it('keeps only the newest answer when the selection changes quickly', async () => {
    const answers: Array<(list: CommentList) => void> = [];
    const view = new CommentsView({
      list: (_filter, options) =>
        new Promise((resolve, reject) => {
          answers.push(resolve);
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
      reply: async () => comment('x'),
      markAddressed: async () => comment('x'),
    });
    void view.select({ tab: 'answered' });
    const newest = view.select({ tab: 'addressed' });
    answers[1]?.(list([comment('new')]));
    answers[0]?.(list([comment('old')]));
    await newest;
    expect(view.comments.map((c) => c.id)).toEqual(['new']);
    expect(view.error).toBeNull();
    expect(view.loading).toBe(false);
  });

  it('keeps the error to show when the list cannot be read', async () => {
    const { view } = harness([]);
    await view.load();
    expect(view.error).toBeInstanceOf(Error);
    expect(view.loading).toBe(false);
  });
});
