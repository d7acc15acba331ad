import type { Conversation } from '@insideout/contracts';
import { canonicalReceiptCode } from '@insideout/core';
import { ApiRequestError } from '../api/client.ts';
import type { OutboxEntry } from '../survey/device-store.ts';

export interface ConversationSources {
  conversation(receipt: string, signal?: AbortSignal): Promise<Conversation>;
  followUp(commentId: string, receipt: string, body: string): Promise<Conversation>;
}

/** One receipt code and what it opens. */
export interface ReceiptConversation {
  /** The code as the person has it, to show. */
  code: string;
  /** Its canonical form: what is sent, and how two spellings of one code are told to be the same. */
  key: string;
  from: 'device' | 'typed';
  /** Known from the device before the server answers. */
  pulseTitle: string | null;
  conversation: Conversation | null;
  /** Why it could not be read; `not_found` for answers sent without a comment. */
  error: unknown;
  loading: boolean;
}

/** A receipt code as the survey page makes it: 16 letters and digits, in any case and grouping. */
export function isReceiptCode(code: string): boolean {
  return canonicalReceiptCode(code).length === 16 && /^[0-9A-Za-z\s-]+$/.test(code.trim());
}

/** Whether the server answered that no comment has this receipt (answers sent without one). */
export function isUnknownReceipt(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'not_found';
}

/**
 * The employee's conversation page: the receipt codes kept on this device and any typed in, each
 * with the comments it proves to be the reader's and the replies to them. Nothing is kept about the
 * reader: the receipt code goes with every request, and no cookie.
 */
export class ConversationsView {
  receipts: ReceiptConversation[] = $state.raw([]);
  /** True until the device's codes have been read. */
  readingDevice = $state(true);

  readonly #sources: ConversationSources;

  constructor(sources: ConversationSources) {
    this.#sources = sources;
  }

  /** Opens every receipt of answers delivered from this device that carried comments. */
  async loadDevice(entries: Promise<OutboxEntry[]>): Promise<void> {
    let kept: OutboxEntry[] = [];
    try {
      kept = (await entries).filter((entry) => entry.commented !== false);
    } catch {
      // Nothing readable on the device: the reader can still type a code.
    }
    const added: ReceiptConversation[] = [];
    for (const entry of kept) {
      const key = canonicalReceiptCode(entry.receiptCode);
      if (this.#find(key) || added.some((receipt) => receipt.key === key)) continue;
      added.push({
        code: entry.receiptCode,
        key,
        from: 'device',
        pulseTitle: entry.pulseTitle ?? null,
        conversation: null,
        error: null,
        loading: true,
      });
    }
    this.receipts = [...this.receipts, ...added];
    this.readingDevice = false;
    await Promise.all(added.map((receipt) => this.refresh(receipt.key)));
  }

  /**
   * Opens a typed code. Resolves with its conversation (the one already shown when the code was
   * open); rejects with the API's error (`not_found`, `rate_limited`…) and adds nothing then.
   */
  async open(code: string): Promise<ReceiptConversation> {
    const key = canonicalReceiptCode(code);
    const known = this.#find(key);
    if (known?.conversation) return known;
    const conversation = await this.#sources.conversation(key);
    const opened: ReceiptConversation = {
      code: code.trim().toUpperCase(),
      key,
      from: known?.from ?? 'typed',
      pulseTitle: conversation.pulse.title,
      conversation,
      error: null,
      loading: false,
    };
    this.receipts = known
      ? this.receipts.map((receipt) => (receipt.key === key ? opened : receipt))
      : [opened, ...this.receipts];
    return opened;
  }

  /** Reads one receipt's conversation again. */
  async refresh(key: string): Promise<void> {
    this.#set(key, { loading: true });
    try {
      const conversation = await this.#sources.conversation(key);
      this.#set(key, { conversation, pulseTitle: conversation.pulse.title, error: null, loading: false });
    } catch (error) {
      this.#set(key, { error, loading: false });
    }
  }

  /** Answers back on a comment; rejects with the API's error (the form shows it). */
  async followUp(key: string, commentId: string, body: string): Promise<Conversation> {
    const conversation = await this.#sources.followUp(commentId, key, body);
    this.#set(key, { conversation, error: null });
    return conversation;
  }

  #find(key: string): ReceiptConversation | undefined {
    return this.receipts.find((receipt) => receipt.key === key);
  }

  #set(key: string, change: Partial<ReceiptConversation>): void {
    this.receipts = this.receipts.map((receipt) => (receipt.key === key ? { ...receipt, ...change } : receipt));
  }
}
