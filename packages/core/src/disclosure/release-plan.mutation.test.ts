import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { CandidateCell, Release } from './release.ts';
import { planNeverRevealsFewerThanK } from './release-plan.property.ts';

// The same property, against a release engine whose complementary suppression is switched off:
// it must find a leak, or it could not be trusted to find one in the real engine.
vi.mock('./release.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./release.ts')>();
  const thresholdOnly = (cells: readonly CandidateCell[], sizes: ReadonlyMap<string, number>, threshold: number) =>
    new Map<string, Release>(
      cells.map((cell) => {
        const n = [...new Set(cell.cohortIds)].reduce((total, id) => total + (sizes.get(id) ?? 0), 0);
        return [cell.key, n >= threshold ? original.released : original.hidden('below_threshold')];
      }),
    );
  return { ...original, releaseCells: thresholdOnly };
});

describe('release plan (property), with complementary suppression disabled', () => {
  it('finds a figure, a difference or a combination about 1..k−1 people', () => {
    const result = fc.check(planNeverRevealsFewerThanK, { numRuns: 300 });
    expect(result.failed).toBe(true);
    // …and fails on a leak, not on anything else.
    expect(String(result.errorInstance)).toMatch(/leak:/);
  });
});
