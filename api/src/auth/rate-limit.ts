import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';

/**
 * A fixed-window counter per key, in this process's memory: enough to slow password guessing from
 * one client. The durable defence is the per-account lockout, stored with the credentials.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    if (this.#windows.size > 10_000) this.#prune(now);
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      this.#windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  #prune(now: number) {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

/** Counts one attempt of the client's address against `limiter`; 429 with retry-after when over. */
export function throttle(c: Context<AppEnv>, limiter: RateLimiter, scope: string): void {
  let address = 'unknown';
  try {
    address = getConnInfo(c).remote.address ?? address;
  } catch {
    // no socket (in-process requests)
  }
  const wait = limiter.hit(`${scope}:${address}`);
  if (wait > 0) {
    c.header('retry-after', String(wait));
    throw new ApiError('rate_limited', `Too many attempts: try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  }
}
