import type { Participation } from '@insideout/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { ParticipationMonitor, rateOf } from './participation-monitor.svelte.ts';

const figures = (state: Participation['state'], responses: number): Participation => ({
  pulseId: '0b8f0f8e-4d3c-4a5b-9c8d-7e6f5a4b3c2d',
  state,
  audience: 10,
  ballotsTaken: responses + 1,
  responses,
  rate: responses * 10,
  cohorts: [],
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ParticipationMonitor', () => {
  it('asks again every interval while the pulse is open', async () => {
    const answers = [figures('open', 1), figures('open', 2)];
    const load = vi.fn(async () => answers.shift() ?? figures('open', 3));
    const monitor = new ParticipationMonitor(load, figures('open', 0), () => 42);
    const stop = monitor.start(10_000);

    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.participation?.responses).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.participation?.responses).toBe(2);
    expect(monitor.updatedAt).toBe(42);
    stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops asking once the pulse has closed', async () => {
    const load = vi.fn(async () => figures('closed', 4));
    const monitor = new ParticipationMonitor(load, figures('open', 3));
    monitor.start(10_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(1);
    expect(monitor.live).toBe(false);
  });

  it('does not poll a closed pulse at all', async () => {
    const load = vi.fn(async () => figures('closed', 4));
    new ParticipationMonitor(load, figures('closed', 4)).start(10_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).not.toHaveBeenCalled();
  });

  it('keeps the last figures through a failure, and keeps trying', async () => {
    const down = new ApiRequestError({ status: 0, code: 'network', message: 'offline' });
    const load = vi
      .fn<() => Promise<Participation>>()
      .mockRejectedValueOnce(down)
      .mockResolvedValueOnce(figures('open', 5));
    const monitor = new ParticipationMonitor(load, figures('open', 3));
    monitor.start(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.error).toBe(down);
    expect(monitor.participation?.responses).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.error).toBeNull();
    expect(monitor.participation?.responses).toBe(5);
  });
});

describe('rateOf', () => {
  it('is a whole percentage, 0 for nobody', () => {
    expect(rateOf(2, 3)).toBe(67);
    expect(rateOf(0, 0)).toBe(0);
    expect(rateOf(5, 5)).toBe(100);
  });
});
