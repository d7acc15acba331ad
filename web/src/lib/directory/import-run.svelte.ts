import type { ImportJob } from '@insideout/contracts';
import type { Api } from '../api/client.ts';

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing: boolean;
  deactivateMissing: boolean;
}

type ImportApi = Pick<Api, 'startImport' | 'importJob'>;

export interface ImportRunOptions {
  /** How often to ask for the job's progress while it runs. */
  intervalMs?: number;
  /** Failed progress checks in a row before giving up. */
  maxFailures?: number;
}

/**
 * One import from the page: sends the file, follows the job until it is done, and keeps the file
 * so that a dry run can be followed by the same import for real.
 */
export class ImportRun {
  job: ImportJob | null = $state.raw(null);
  error: unknown = $state.raw(null);
  sending = $state(false);
  /** The options of the job shown. */
  options: ImportOptions | null = $state.raw(null);

  readonly #api: ImportApi;
  readonly #intervalMs: number;
  readonly #maxFailures: number;
  #csv: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;

  constructor(importApi: ImportApi, options: ImportRunOptions = {}) {
    this.#api = importApi;
    this.#intervalMs = options.intervalMs ?? 500;
    this.#maxFailures = options.maxFailures ?? 3;
  }

  /** Sending, or the job is still running: no second import may start. */
  get busy(): boolean {
    return this.sending || this.job?.state === 'running';
  }

  /** Rows done out of rows in the file; null until the server has counted the rows. */
  get progress(): { value: number; max: number } | null {
    if (!this.job || this.job.totalRows === 0) return null;
    return { value: Math.min(this.job.processedRows, this.job.totalRows), max: this.job.totalRows };
  }

  /** A finished dry run, whose file can now be imported for real. */
  get canImportForReal(): boolean {
    return this.job?.state === 'done' && this.job.dryRun && this.#csv !== null && !this.busy;
  }

  async start(csv: string, options: ImportOptions): Promise<void> {
    if (this.busy) return;
    this.stop();
    this.sending = true;
    this.error = null;
    this.job = null;
    this.options = options;
    this.#csv = csv;
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const job = await this.#api.startImport({ csv, ...options });
      if (controller.signal.aborted) return;
      this.job = job;
      if (job.state === 'running') this.#schedule(controller, 0);
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      this.sending = false;
    }
  }

  /** Sends the file of the finished dry run again, this time to be written. */
  async importForReal(): Promise<void> {
    if (!this.canImportForReal || this.#csv === null || this.options === null) return;
    await this.start(this.#csv, { ...this.options, dryRun: false });
  }

  /** Follows the job again after its progress could not be read. */
  resume(): void {
    if (this.job?.state !== 'running') return;
    this.stop();
    this.error = null;
    const controller = new AbortController();
    this.#controller = controller;
    this.#schedule(controller, 0);
  }

  /** Stops following the job (the page is being left). The job itself runs on. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
  }

  #schedule(controller: AbortController, failures: number): void {
    this.#timer = setTimeout(() => void this.#poll(controller, failures), this.#intervalMs);
  }

  async #poll(controller: AbortController, failures: number): Promise<void> {
    const current = this.job;
    if (!current || controller.signal.aborted) return;
    try {
      const job = await this.#api.importJob(current.id, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.job = job;
      this.error = null;
      if (job.state === 'running') this.#schedule(controller, 0);
    } catch (error) {
      if (controller.signal.aborted) return;
      // A blip while following the job is not worth an alarm; a lasting failure is.
      if (failures + 1 >= this.#maxFailures) this.error = error;
      else this.#schedule(controller, failures + 1);
    }
  }
}
