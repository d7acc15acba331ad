import type { Submission } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { memorySurveyStore, type OutboxEntry } from './device-store.ts';
import { defaultBackoff, isFinalRefusal, type OnlineSignal, SubmissionOutbox } from './outbox.svelte.ts';

const submission: Submission = {
  cohortId: '7d1f6c1e-6a59-4c43-9d0e-4c8d1f8f0a11',
  message: 'bWVzc2FnZQ',
  signature: 'c2lnbmF0dXJl',
  answers: [{ position: 0, value: 4 }],
  comments: [{ position: null, body: 'More time for the backlog.' }],
  receiptHash: 'A'.repeat(43),
};
const entry = { key: 'k1', pulseId: 'p1', submission, receiptCode: 'ABCD-EFGH-JKMN-PQRS' };

const offline = () => new ApiRequestError({ status: 0, code: 'network', message: 'Failed to fetch' });
const refused = (status: number, code: ApiRequestError['code']) =>
  new ApiRequestError({ status, code, message: code, requestId: 'r1' });

/** A network whose outcomes the test scripts, a clock moved by hand, and an `online` event to fire. */
function harness(outcomes: Array<number | ApiRequestError>) {
  const store = memorySurveyStore(true);
  const sent: Array<{ pulseId: string; submission: Submission }> = [];
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const listeners = new Set<() => void>();
  const online: OnlineSignal = {
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  const outbox = new SubmissionOutbox({
    store,
    send: async (pulseId, body) => {
      sent.push({ pulseId, submission: body });
      const outcome = outcomes.shift() ?? 201;
      if (typeof outcome !== 'number') throw outcome;
      return outcome;
    },
    online,
    backoff: (attempt) => 1_000 * attempt,
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      if (timer) (timer as { cancelled: boolean }).cancelled = true;
    },
  });
  /** Runs the next scheduled retry and waits for it to settle. */
  const tick = async () => {
    const timer = timers.find((t) => !t.cancelled);
    if (!timer) throw new Error('no retry scheduled');
    timer.cancelled = true;
    timer.run();
    await settle();
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const comeOnline = async () => {
    for (const listener of listeners) listener();
    await settle();
  };
  return { store, sent, timers, outbox, tick, comeOnline, listeners, settle };
}

describe('SubmissionOutbox', () => {
  it('saves the response on the device before sending it, then keeps only the receipt once acknowledged', async () => {
    const h = harness([201]);
    const saved: OutboxEntry[] = [];
    const saveEntry = h.store.saveEntry;
    h.store.saveEntry = async (e) => {
      saved.push(structuredClone(e));
      expect(h.sent).toHaveLength(e.state === 'pending' ? 0 : 1);
      return saveEntry(e);
    };
    await h.store.saveBallot({
      key: 'k1',
      pulseId: 'p1',
      cohortId: submission.cohortId,
      publicKey: 'pk',
      request: { prepared: 'a', blinded: 'b', inverse: 'c' },
      signed: { message: submission.message, signature: submission.signature },
    });

    await h.outbox.submit(entry);

    expect(saved.map((e) => e.state)).toEqual(['pending', 'delivered']);
    expect(saved[0]?.submission).toEqual(submission);
    expect(h.sent).toEqual([{ pulseId: 'p1', submission }]);
    expect(h.outbox.state).toBe('delivered');
    expect(await h.store.entry('k1')).toEqual({
      key: 'k1',
      pulseId: 'p1',
      submission: null,
      receiptCode: entry.receiptCode,
      state: 'delivered',
      rejection: null,
    });
    expect(await h.store.ballot('k1')).toBeUndefined();
  });

  it('keeps a response that could not be sent, and retries with growing delays until acknowledged', async () => {
    const h = harness([offline(), offline(), refused(503, 'unavailable'), 200]);
    await h.outbox.submit(entry);
    expect(h.outbox.state).toBe('waiting');
    expect((await h.store.entry('k1'))?.state).toBe('pending');
    expect((await h.store.entry('k1'))?.submission).toEqual(submission);

    await h.tick();
    await h.tick();
    expect(h.outbox.state).toBe('waiting');
    await h.tick();

    expect(h.timers.map((t) => t.ms)).toEqual([1_000, 2_000, 3_000]);
    expect(h.sent).toHaveLength(4);
    expect(new Set(h.sent.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify(h.sent[0])]));
    expect(h.outbox.state).toBe('delivered');
    expect(h.outbox.attempts).toBe(4);
  });

  it('sends at once when the browser comes back online, without waiting for the scheduled retry', async () => {
    const h = harness([offline(), 201]);
    await h.outbox.submit(entry);
    expect(h.outbox.state).toBe('waiting');

    await h.comeOnline();

    expect(h.outbox.state).toBe('delivered');
    expect(h.sent).toHaveLength(2);
    expect(h.timers[0]?.cancelled).toBe(true);
  });

  it('never has two attempts under way at once', async () => {
    let release: (status: number) => void = () => {};
    let calls = 0;
    const listeners = new Set<() => void>();
    const outbox = new SubmissionOutbox({
      store: memorySurveyStore(true),
      send: () => {
        calls += 1;
        return new Promise<number>((resolve) => (release = resolve));
      },
      online: {
        addEventListener: (_type, listener) => listeners.add(listener),
        removeEventListener: (_type, listener) => listeners.delete(listener),
      },
    });
    const first = outbox.resume({ ...entry, state: 'pending', rejection: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outbox.state).toBe('sending');

    for (const listener of listeners) listener();
    const again = outbox.retryNow();
    release(201);
    await Promise.all([first, again]);

    expect(calls).toBe(1);
    expect(outbox.state).toBe('delivered');
  });

  it.each([
    [400, 'invalid_input'],
    [403, 'forbidden'],
    [409, 'conflict'],
    [410, 'pulse_closed'],
  ] as const)('stops for good on %i %s, and drops the answers from the device', async (status, code) => {
    const h = harness([refused(status, code)]);
    await h.outbox.submit(entry);

    expect(h.outbox.state).toBe('rejected');
    expect(h.outbox.error).toMatchObject({ code });
    expect(h.timers).toEqual([]);
    expect(await h.store.entry('k1')).toMatchObject({ state: 'rejected', rejection: code, submission: null });
    await h.comeOnline();
    expect(h.sent).toHaveLength(1);
  });

  it('resumes a response left pending on the device (the page was closed before it got through)', async () => {
    const h = harness([201]);
    await h.outbox.resume({ ...entry, state: 'pending', rejection: null });
    expect(h.sent).toHaveLength(1);
    expect(h.outbox.state).toBe('delivered');
  });

  it('shows a delivered response without sending it again', async () => {
    const h = harness([]);
    await h.outbox.resume({ ...entry, submission: null, state: 'delivered', rejection: null });
    expect(h.outbox.state).toBe('delivered');
    expect(h.outbox.entry?.receiptCode).toBe(entry.receiptCode);
    expect(h.sent).toEqual([]);
  });

  it('still sends when the device cannot keep the response, and says it could not', async () => {
    const h = harness([201]);
    h.store.saveEntry = async () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    await h.outbox.submit(entry);
    expect(h.outbox.savedOnDevice).toBe(false);
    expect(h.outbox.state).toBe('delivered');
  });

  it('stops retrying and listening when stopped', async () => {
    const h = harness([offline()]);
    await h.outbox.submit(entry);
    h.outbox.stop();
    expect(h.timers.every((t) => t.cancelled)).toBe(true);
    expect(h.listeners.size).toBe(0);
  });
});

describe('isFinalRefusal', () => {
  it.each([
    [refused(400, 'invalid_input'), true],
    [refused(409, 'conflict'), true],
    [refused(410, 'pulse_closed'), true],
    [refused(429, 'rate_limited'), false],
    [refused(500, 'internal'), false],
    [refused(503, 'unavailable'), false],
    [offline(), false],
    [new TypeError('Failed to fetch'), false],
  ])('%s → %s', (error, final) => {
    expect(isFinalRefusal(error)).toBe(final);
  });
});

describe('defaultBackoff', () => {
  it('doubles from one second up to a minute, within ±20 %', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => defaultBackoff(attempt, () => 0.5))).toEqual([
      1_000, 2_000, 4_000, 8_000, 60_000,
    ]);
    expect(defaultBackoff(1, () => 0)).toBe(800);
    expect(defaultBackoff(1, () => 1)).toBe(1_200);
  });
});
