import type { Health } from '@insideout/contracts';

/** One health check: when it ended (epoch ms) and how long it took, or `null` when it failed. */
export interface HealthSample {
  at: number;
  ms: number | null;
}

export interface HealthMonitorOptions {
  /** How many of the latest checks to keep for the chart. */
  capacity?: number;
  /** Monotonic clock for durations. */
  elapsed?: () => number;
  /** Wall clock for the time of each check. */
  now?: () => number;
}

type CheckHealth = (options: { signal: AbortSignal }) => Promise<Health>;

/**
 * Polls the API's health check and keeps what the status page shows: the latest answer, the
 * latest error, and the response times of the last checks.
 */
export class HealthMonitor {
  /** The last successful answer; kept through failures so the page still says which store it is. */
  health: Health | null = $state.raw(null);
  error: unknown = $state.raw(null);
  samples: readonly HealthSample[] = $state.raw([]);

  readonly #check: CheckHealth;
  readonly #capacity: number;
  readonly #elapsed: () => number;
  readonly #now: () => number;

  constructor(check: CheckHealth, options: HealthMonitorOptions = {}) {
    this.#check = check;
    this.#capacity = options.capacity ?? 20;
    this.#elapsed = options.elapsed ?? (() => performance.now());
    this.#now = options.now ?? (() => Date.now());
  }

  get state(): 'checking' | 'healthy' | 'unavailable' {
    if (this.error !== null) return 'unavailable';
    return this.health ? 'healthy' : 'checking';
  }

  get lastCheckedAt(): number | null {
    return this.samples.at(-1)?.at ?? null;
  }

  async checkOnce(signal: AbortSignal = new AbortController().signal): Promise<void> {
    const started = this.#elapsed();
    try {
      this.health = await this.#check({ signal });
      this.error = null;
      this.#record(Math.round(this.#elapsed() - started));
    } catch (error) {
      // A check cancelled because the page was left says nothing about the service.
      if (signal.aborted) return;
      this.error = error;
      this.#record(null);
    }
  }

  /** Checks now and then every `intervalMs` after each answer, so slow answers never overlap; returns stop. */
  start(intervalMs: number): () => void {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      await this.checkOnce(controller.signal);
      if (!controller.signal.aborted) timer = setTimeout(loop, intervalMs);
    };
    void loop();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }

  #record(ms: number | null): void {
    this.samples = [...this.samples, { at: this.#now(), ms }].slice(-this.#capacity);
  }
}

/** Median and slowest of the successful checks, for the chart's text summary; null when there are none. */
export function summarizeResponseTimes(samples: readonly HealthSample[]): { median: number; max: number } | null {
  const times = samples.flatMap((sample) => (sample.ms === null ? [] : [sample.ms])).sort((a, b) => a - b);
  if (times.length === 0) return null;
  const middle = Math.floor(times.length / 2);
  const median =
    times.length % 2 === 1 ? (times[middle] ?? 0) : Math.round(((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2);
  return { median, max: times.at(-1) ?? 0 };
}
