import type { DialogueHealth } from '@insideout/contracts';
import type { RequestOptions } from '../api/client.ts';

type FetchHealth = (unitId: string, options: RequestOptions) => Promise<{ health: DialogueHealth }>;

/**
 * The dialogue health of the unit a page shows. Asking for another unit cancels the request for the
 * previous one, so a slow answer about an old unit never replaces the figures of the new one.
 */
export class UnitHealthView {
  unitId: string | null = $state(null);
  health: DialogueHealth | null = $state.raw(null);
  loading = $state(false);
  error: unknown = $state.raw(null);

  readonly #fetch: FetchHealth;
  #controller: AbortController | null = null;

  constructor(fetchHealth: FetchHealth) {
    this.#fetch = fetchHealth;
  }

  async load(unitId: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (unitId !== this.unitId) this.health = null;
    this.unitId = unitId;
    this.loading = true;
    try {
      const { health } = await this.#fetch(unitId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.health = health;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  dispose(): void {
    this.#controller?.abort();
  }
}
