import type { Health } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { HealthMonitor, summarizeResponseTimes } from './health-monitor.svelte.ts';

const healthy: Health = { status: 'ok', database: { kind: 'postgres', migration: '2025-11-01_initial' } };
const down = new ApiRequestError({ status: 503, code: 'unavailable', message: 'down', requestId: 'r1' });

/** A clock the test moves by hand, and a check whose outcomes the test scripts. */
function harness(outcomes: ('ok' | 'fail')[], tookMs = 12) {
  let clock = 1_000;
  const check = async () => {
    const outcome = outcomes.shift() ?? 'ok';
    clock += tookMs;
    if (outcome === 'fail') throw down;
    return healthy;
  };
  return new HealthMonitor(check, { elapsed: () => clock, now: () => clock });
}

describe('HealthMonitor', () => {
  it('starts out checking, then reports the answer and its response time', async () => {
    const monitor = harness(['ok'], 37);
    expect(monitor.state).toBe('checking');

    await monitor.checkOnce();

    expect(monitor.state).toBe('healthy');
    expect(monitor.health).toEqual(healthy);
    expect(monitor.samples).toEqual([{ at: 1_037, ms: 37 }]);
    expect(monitor.lastCheckedAt).toBe(1_037);
  });

  it('reports a failure as unavailable, keeps the last answer and records a gap', async () => {
    const monitor = harness(['ok', 'fail']);
    await monitor.checkOnce();
    await monitor.checkOnce();

    expect(monitor.state).toBe('unavailable');
    expect(monitor.error).toBe(down);
    expect(monitor.health).toEqual(healthy);
    expect(monitor.samples.map((sample) => sample.ms)).toEqual([12, null]);
  });

  it('clears the error when the service answers again', async () => {
    const monitor = harness(['fail', 'ok']);
    await monitor.checkOnce();
    expect(monitor.state).toBe('unavailable');
    await monitor.checkOnce();
    expect(monitor.state).toBe('healthy');
    expect(monitor.error).toBeNull();
  });

  it('keeps only the last 20 checks', async () => {
    const monitor = harness([]);
    for (let i = 0; i < 25; i += 1) await monitor.checkOnce();
    expect(monitor.samples).toHaveLength(20);
    expect(monitor.samples[0]?.at).toBe(1_000 + 6 * 12);
  });

  it('records nothing for a check cancelled because the page was left', async () => {
    const controller = new AbortController();
    const monitor = new HealthMonitor(async ({ signal }) => {
      controller.abort();
      throw signal.reason;
    });
    await monitor.checkOnce(controller.signal);
    expect(monitor.samples).toEqual([]);
    expect(monitor.state).toBe('checking');
  });

  it('polls until stopped, one check at a time', async () => {
    let calls = 0;
    const monitor = new HealthMonitor(async () => {
      calls += 1;
      return healthy;
    });
    const stop = monitor.start(5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    stop();
    const afterStop = calls;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(afterStop).toBeGreaterThanOrEqual(3);
    expect(calls).toBe(afterStop);
  });
});

describe('summarizeResponseTimes', () => {
  it('gives the median and the slowest of the successful checks', () => {
    const samples = [10, null, 30, 20, 90].map((ms, at) => ({ at, ms }));
    expect(summarizeResponseTimes(samples)).toEqual({ median: 25, max: 90 });
  });

  it('takes the middle value of an odd count', () => {
    expect(summarizeResponseTimes([5, 1, 3].map((ms, at) => ({ at, ms })))).toEqual({ median: 3, max: 5 });
  });

  it('has nothing to say without a successful check', () => {
    expect(summarizeResponseTimes([{ at: 0, ms: null }])).toBeNull();
  });
});
