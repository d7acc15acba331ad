import type { Submission } from '@insideout/contracts';
import type { ApiErrorCode } from '../api/client.ts';

/**
 * A ballot taken on this device, kept from before the server is asked to sign it: the blinded
 * request (so a lost answer is retried with the same message, which the server signs again), then
 * the unblinded signature. Keyed by a hash of the invitation, never the invitation itself.
 */
export interface StoredBallot {
  key: string;
  pulseId: string;
  cohortId: string;
  publicKey: string;
  /** base64url of the prepared message, the blinded message and the inverse that unblinds. */
  request: { prepared: string; blinded: string; inverse: string };
  signed: { message: string; signature: string } | null;
}

/**
 * A response on its way to the server. The answers stay on the device only until the server has
 * acknowledged them; after that only the receipt code is kept.
 */
export interface OutboxEntry {
  key: string;
  pulseId: string;
  /** The request body; null once delivered or refused. */
  submission: Submission | null;
  receiptCode: string;
  state: 'pending' | 'delivered' | 'rejected';
  /** Why the server refused it, when it did. */
  rejection: ApiErrorCode | null;
  /** The pulse's title, to name the receipt on the conversation page (absent from older entries). */
  pulseTitle?: string;
  /** Whether the response carried comments, so has a conversation to follow (absent: unknown). */
  commented?: boolean;
}

/** What the survey keeps on the device. */
export interface SurveyStore {
  /** False when the browser cannot keep anything (storage blocked): the page then says so. */
  readonly persistent: boolean;
  ballot(key: string): Promise<StoredBallot | undefined>;
  saveBallot(ballot: StoredBallot): Promise<void>;
  forgetBallot(key: string): Promise<void>;
  entry(key: string): Promise<OutboxEntry | undefined>;
  saveEntry(entry: OutboxEntry): Promise<void>;
  pendingEntries(): Promise<OutboxEntry[]>;
  /** The responses the server has acknowledged: their receipt codes open the conversation page. */
  deliveredEntries(): Promise<OutboxEntry[]>;
}

/** A store in memory: for tests, and for browsers where IndexedDB is unavailable. */
export function memorySurveyStore(persistent = false): SurveyStore {
  const ballots = new Map<string, StoredBallot>();
  const entries = new Map<string, OutboxEntry>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    persistent,
    ballot: async (key) => (ballots.has(key) ? copy(ballots.get(key)) : undefined),
    saveBallot: async (ballot) => void ballots.set(ballot.key, copy(ballot)),
    forgetBallot: async (key) => void ballots.delete(key),
    entry: async (key) => (entries.has(key) ? copy(entries.get(key)) : undefined),
    saveEntry: async (entry) => void entries.set(entry.key, copy(entry)),
    pendingEntries: async () => [...entries.values()].filter((e) => e.state === 'pending').map(copy),
    deliveredEntries: async () => [...entries.values()].filter((e) => e.state === 'delivered').map(copy),
  };
}

const databaseName = 'insideout-survey';
const ballotStore = 'ballots';
const outboxStore = 'outbox';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The device's IndexedDB. Writes resolve only once their transaction has committed, with strict
 * durability, so what the page calls saved survives a closed tab or a crash.
 */
async function openIndexedDb(factory: IDBFactory): Promise<SurveyStore> {
  const open = factory.open(databaseName, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(ballotStore)) db.createObjectStore(ballotStore, { keyPath: 'key' });
    if (!db.objectStoreNames.contains(outboxStore)) db.createObjectStore(outboxStore, { keyPath: 'key' });
  };
  const db = await done(open);

  async function read<T>(store: string, use: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return done(use(db.transaction(store, 'readonly').objectStore(store)));
  }

  function write(store: string, use: (objects: IDBObjectStore) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, 'readwrite', { durability: 'strict' });
      use(transaction.objectStore(store));
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('aborted'));
    });
  }

  return {
    persistent: true,
    ballot: (key) => read<StoredBallot | undefined>(ballotStore, (s) => s.get(key)),
    saveBallot: (ballot) => write(ballotStore, (s) => s.put(ballot)),
    forgetBallot: (key) => write(ballotStore, (s) => s.delete(key)),
    entry: (key) => read<OutboxEntry | undefined>(outboxStore, (s) => s.get(key)),
    saveEntry: (entry) => write(outboxStore, (s) => s.put(entry)),
    pendingEntries: async () =>
      (await read<OutboxEntry[]>(outboxStore, (s) => s.getAll())).filter((e) => e.state === 'pending'),
    deliveredEntries: async () =>
      (await read<OutboxEntry[]>(outboxStore, (s) => s.getAll())).filter((e) => e.state === 'delivered'),
  };
}

/** The device's store, or one in memory (not persistent) where the browser keeps nothing. */
export async function openSurveyStore(): Promise<SurveyStore> {
  try {
    if (typeof indexedDB === 'undefined') return memorySurveyStore();
    return await openIndexedDb(indexedDB);
  } catch {
    return memorySurveyStore();
  }
}
