import type { Participation } from '@insideout/contracts';

type LoadParticipation = (options: { signal: AbortSignal }) => Promise<Participation>;

/**
 * The participation of one pulse, kept fresh while it is open: asked again every interval after
 * each answer (so slow answers never overlap), and no more once the pulse has closed.
 */
export class ParticipationMonitor {
  participation: Participation | null = $state.raw(null);
  /** Why the last refresh failed; the last good figures stay shown. */
  error: unknown = $state.raw(null);
  /** When the figures were last read (epoch ms). */
  updatedAt: number | null = $state(null);

  readonly #load: LoadParticipation;
  readonly #now: () => number;

  constructor(load: LoadParticipation, initial: Participation | null = null, now: () => number = Date.now) {
    this.#load = load;
    this.#now = now;
    this.participation = initial;
    if (initial) this.updatedAt = now();
  }

  /** Whether the figures can still change. */
  get live(): boolean {
    return this.participation?.state !== 'closed';
  }

  async refresh(signal: AbortSignal = new AbortController().signal): Promise<void> {
    try {
      this.participation = await this.#load({ signal });
      this.error = null;
      this.updatedAt = this.#now();
    } catch (error) {
      if (!signal.aborted) this.error = error;
    }
  }

  /** Refreshes every `intervalMs` while the pulse is open; returns the function that stops. */
  start(intervalMs: number): () => void {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (!controller.signal.aborted && this.live) timer = setTimeout(loop, intervalMs);
    };
    const loop = async () => {
      await this.refresh(controller.signal);
      schedule();
    };
    schedule();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }
}

/** Responses as a whole percentage of the audience (0 for an empty audience). */
export function rateOf(responses: number, audience: number): number {
  return audience === 0 ? 0 : Math.round((100 * responses) / audience);
}
