import type { AuditEntry } from '@insideout/contracts';
import type { AuditFilter, AuditPageResult, RequestOptions } from '../api/client.ts';

type FetchPage = (filter: AuditFilter, options: RequestOptions) => Promise<AuditPageResult>;

/** The audit log as the page reads it: newest first, filtered by action prefix, older pages on demand. */
export class AuditLog {
  entries: readonly AuditEntry[] = $state.raw([]);
  /** Entries whose action starts with this (`unit.`); '' for all. */
  prefix = $state('');
  nextBefore: number | null = $state(null);
  loading = $state(false);
  loaded = $state(false);
  error: unknown = $state.raw(null);

  readonly #fetchPage: FetchPage;
  readonly #pageSize: number;
  #controller: AbortController | null = null;

  constructor(fetchPage: FetchPage, pageSize = 50) {
    this.#fetchPage = fetchPage;
    this.#pageSize = pageSize;
  }

  get hasOlder(): boolean {
    return this.nextBefore !== null;
  }

  /** Reads the newest entries for a prefix, replacing what is shown. */
  async filter(prefix: string): Promise<void> {
    this.prefix = prefix;
    await this.#read(undefined);
  }

  async loadOlder(): Promise<void> {
    if (this.nextBefore === null || this.loading) return;
    await this.#read(this.nextBefore);
  }

  dispose(): void {
    this.#controller?.abort();
  }

  async #read(before: number | undefined): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    try {
      const page = await this.#fetchPage(
        {
          limit: this.#pageSize,
          ...(this.prefix ? { action: this.prefix } : {}),
          ...(before === undefined ? {} : { before }),
        },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      this.entries = before === undefined ? page.entries : [...this.entries, ...page.entries];
      this.nextBefore = page.nextBefore;
      this.error = null;
      this.loaded = true;
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }
}
