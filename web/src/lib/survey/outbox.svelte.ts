import type { Submission } from '@insideout/contracts';
import { ApiRequestError } from '../api/client.ts';
import type { OutboxEntry, SurveyStore } from './device-store.ts';

/**
 * - `idle`: nothing to send yet.
 * - `sending`: an attempt is under way.
 * - `waiting`: saved on the device, the last attempt failed (offline, server busy); another follows.
 * - `delivered`: the server acknowledged it (201, or 200 for a retry of the same response).
 * - `rejected`: the server refused it for good (400, 409, 410…): retrying would not help.
 */
export type DeliveryState = 'idle' | 'sending' | 'waiting' | 'delivered' | 'rejected';

/** Where the outbox listens for the browser coming back online. */
export interface OnlineSignal {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

export interface OutboxOptions {
  store: Pick<SurveyStore, 'saveEntry' | 'forgetBallot'>;
  /** Sends a response; resolves with the HTTP status, rejects with an `ApiRequestError`. */
  send: (pulseId: string, submission: Submission) => Promise<number>;
  online?: OnlineSignal | null;
  /** Delay before the given retry (1 for the first), in ms. */
  backoff?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** 1 s, 2 s, 4 s… up to a minute, each ±20 % so that many devices coming back online spread out. */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A refusal that another attempt would meet again: the request itself is wrong, or too late. */
export function isFinalRefusal(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return false;
  return error.status >= 400 && error.status < 500 && ![408, 425, 429].includes(error.status);
}

/**
 * Delivers one anonymous response, exactly once, whatever the network does: the response is
 * written to the device first, then sent, and sent again with backoff (and as soon as the browser
 * is back online) until the server acknowledges it. Sending the same ballot and answers again is
 * safe: the server answers 200 to a retry and stores nothing twice.
 */
export class SubmissionOutbox {
  state: DeliveryState = $state('idle');
  entry: OutboxEntry | null = $state.raw(null);
  /** Attempts made for the current entry. */
  attempts = $state(0);
  /** The last failure: the reason of a refusal, or why the last attempt did not get through. */
  error: unknown = $state.raw(null);
  /** False when the device could not keep the response (storage blocked or full). */
  savedOnDevice = $state(true);

  readonly #options: OutboxOptions;
  readonly #backoff: (attempt: number) => number;
  readonly #setTimer: (run: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;
  #timer: unknown = null;
  #inFlight: Promise<void> | null = null;
  #stopped = false;
  readonly #onOnline = () => {
    if (this.state === 'waiting') void this.retryNow();
  };

  constructor(options: OutboxOptions) {
    this.#options = options;
    this.#backoff = options.backoff ?? ((attempt) => defaultBackoff(attempt));
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
    options.online?.addEventListener('online', this.#onOnline);
  }

  /**
   * Saves a new response on the device, then sends it. Resolves after the first attempt (the
   * outbox keeps trying on its own after a failure).
   */
  async submit(
    entry: Pick<OutboxEntry, 'key' | 'pulseId' | 'submission' | 'receiptCode' | 'pulseTitle' | 'commented'>,
  ): Promise<void> {
    const pending: OutboxEntry = { ...entry, state: 'pending', rejection: null };
    this.entry = pending;
    this.attempts = 0;
    this.error = null;
    await this.#save(pending);
    await this.#attempt();
  }

  /** Takes over an entry found on the device: sends it if it is still pending. */
  async resume(entry: OutboxEntry): Promise<void> {
    this.entry = entry;
    this.attempts = 0;
    this.error = null;
    switch (entry.state) {
      case 'pending':
        await this.#attempt();
        return;
      case 'delivered':
        this.state = 'delivered';
        return;
      case 'rejected':
        this.state = 'rejected';
        return;
    }
  }

  /** Tries at once instead of waiting for the next scheduled attempt. */
  async retryNow(): Promise<void> {
    if (this.state !== 'waiting') return this.#inFlight ?? undefined;
    this.#clearTimer(this.#timer);
    this.#timer = null;
    await this.#attempt();
  }

  /** Stops retrying and listening (the page was left); what is on the device stays there. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer(this.#timer);
    this.#timer = null;
    this.#options.online?.removeEventListener('online', this.#onOnline);
  }

  #attempt(): Promise<void> {
    // One attempt at a time: an `online` event during an attempt does not start a second one.
    this.#inFlight ??= this.#send().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #send(): Promise<void> {
    const entry = this.entry;
    if (!entry?.submission || this.#stopped) return;
    this.state = 'sending';
    this.attempts += 1;
    try {
      await this.#options.send(entry.pulseId, entry.submission);
    } catch (error) {
      this.error = error;
      if (isFinalRefusal(error)) {
        const code = error instanceof ApiRequestError ? error.code : null;
        // Refused for good: the answers leave the device too (they could never be counted). The
        // ballot stays, so a response the server found invalid can be corrected and sent again.
        await this.#finish({ ...entry, submission: null, state: 'rejected', rejection: code });
        this.state = 'rejected';
        return;
      }
      this.state = 'waiting';
      if (!this.#stopped) {
        this.#timer = this.#setTimer(() => {
          this.#timer = null;
          void this.#attempt();
        }, this.#backoff(this.attempts));
      }
      return;
    }
    this.error = null;
    // Acknowledged: the answers and the ballot leave the device; the receipt code stays.
    await this.#finish({ ...entry, submission: null, state: 'delivered', rejection: null });
    await this.#options.store.forgetBallot(entry.key).catch(() => undefined);
    this.state = 'delivered';
  }

  async #finish(entry: OutboxEntry): Promise<void> {
    this.entry = entry;
    await this.#save(entry);
  }

  async #save(entry: OutboxEntry): Promise<void> {
    try {
      await this.#options.store.saveEntry(entry);
    } catch {
      // Storage full or blocked: the response is still sent from memory, and the page says it
      // could not be kept if the page is closed before it is delivered.
      this.savedOnDevice = false;
    }
  }
}
