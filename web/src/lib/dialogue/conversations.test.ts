import type { Conversation } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { memorySurveyStore, type OutboxEntry } from '../survey/device-store.ts';
import { ConversationsView, isReceiptCode } from './conversations.svelte.ts';

function conversation(title: string, body = 'More training'): Conversation {
  return {
    pulse: { id: 'p1', title, state: 'closed', closedAt: '2026-10-01T00:00:00.000Z' },
    kComments: 10,
    comments: [
      {
        id: 'c1',
        item: null,
        body,
        visibility: 'shown',
        shownAt: { name: 'Platform' },
        state: 'unanswered',
        messages: [],
      },
    ],
  };
}

const notFound = () => new ApiRequestError({ status: 404, code: 'not_found', message: 'no' });

function entry(key: string, receiptCode: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { key, pulseId: 'p1', submission: null, receiptCode, state: 'delivered', rejection: null, ...extra };
}

/** An API that knows some receipts (by canonical code) and records what it was sent. */
function fakeApi(known: Record<string, Conversation>) {
  const sent: string[] = [];
  return {
    sent,
    sources: {
      conversation: async (receipt: string) => {
        sent.push(receipt);
        const found = known[receipt];
        if (!found) throw notFound();
        return found;
      },
      followUp: async (commentId: string, receipt: string, body: string) => {
        sent.push(`${commentId} ${receipt} ${body}`);
        const found = known[receipt];
        if (!found) throw notFound();
        return {
          ...found,
          comments: found.comments.map((comment) => ({
            ...comment,
            state: 'follow_up' as const,
            messages: [
              ...comment.messages,
              {
                id: 'm1',
                author: 'employee' as const,
                authorName: null,
                acknowledgement: null,
                body,
                at: '2026-10-02T00:00:00.000Z',
              },
            ],
          })),
        };
      },
    },
  };
}

describe('isReceiptCode', () => {
  it('takes 16 letters and digits however they are grouped and cased', () => {
    expect(isReceiptCode('7kq2 m9xd-4trb-0hzf')).toBe(true);
    expect(isReceiptCode('7KQ2-M9XD-4TRB')).toBe(false);
    expect(isReceiptCode('7KQ2-M9XD-4TRB-0HZF!')).toBe(false);
  });
});

describe('ConversationsView', () => {
  it('opens the receipts delivered from this device that carried comments, with the canonical code', async () => {
    const store = memorySurveyStore(true);
    await store.saveEntry(entry('a', '7KQ2-M9XD-4TRB-0HZF', { pulseTitle: 'Autumn', commented: true }));
    await store.saveEntry(entry('b', 'AAAA-BBBB-CCCC-DDDD', { commented: false }));
    await store.saveEntry(entry('c', 'EEEE-FFFF-GGGG-HHHH', { state: 'pending' }));
    const api = fakeApi({ '7KQ29XD4TRB0HZF': conversation('x'), '7KQ2M9XD4TRB0HZF': conversation('Autumn') });
    const view = new ConversationsView(api.sources);

    await view.loadDevice(store.deliveredEntries());
    expect(api.sent).toEqual(['7KQ2M9XD4TRB0HZF']);
    expect(view.readingDevice).toBe(false);
    expect(view.receipts).toHaveLength(1);
    expect(view.receipts[0]).toMatchObject({ code: '7KQ2-M9XD-4TRB-0HZF', from: 'device', loading: false });
    expect(view.receipts[0]?.conversation?.pulse.title).toBe('Autumn');
  });

  it('says which device receipt has no comment rather than failing', async () => {
    const store = memorySurveyStore(true);
    await store.saveEntry(entry('a', '1111-2222-3333-4444'));
    const view = new ConversationsView(fakeApi({}).sources);
    await view.loadDevice(store.deliveredEntries());
    expect(view.receipts[0]?.error).toBeInstanceOf(ApiRequestError);
    expect(view.receipts[0]?.conversation).toBeNull();
  });

  it('opens a typed code once, however it is spelled, and adds nothing for an unknown one', async () => {
    const view = new ConversationsView(fakeApi({ '7KQ2M9XD4TRB0HZF': conversation('Autumn') }).sources);
    await view.loadDevice(Promise.resolve([]));
    const opened = await view.open('7kq2 m9xd 4trb ohzf');
    expect(opened).toMatchObject({ key: '7KQ2M9XD4TRB0HZF', from: 'typed' });
    await view.open('7KQ2-M9XD-4TRB-0HZF');
    expect(view.receipts).toHaveLength(1);

    await expect(view.open('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).rejects.toMatchObject({ code: 'not_found' });
    expect(view.receipts).toHaveLength(1);
  });

  it('answers back with the receipt and shows the conversation as the server now has it', async () => {
    const api = fakeApi({ '7KQ2M9XD4TRB0HZF': conversation('Autumn') });
    const view = new ConversationsView(api.sources);
    await view.open('7KQ2-M9XD-4TRB-0HZF');
    await view.followUp('7KQ2M9XD4TRB0HZF', 'c1', 'Thank you, and what next?');
    expect(api.sent.at(-1)).toBe('c1 7KQ2M9XD4TRB0HZF Thank you, and what next?');
    const comment = view.receipts[0]?.conversation?.comments[0];
    expect(comment?.state).toBe('follow_up');
    expect(comment?.messages.map((m) => m.body)).toEqual(['Thank you, and what next?']);
  });

  it('still lets a code be typed when the device cannot be read', async () => {
    const view = new ConversationsView(fakeApi({}).sources);
    await view.loadDevice(Promise.reject(new Error('blocked')));
    expect(view.readingDevice).toBe(false);
    expect(view.receipts).toEqual([]);
  });
});
