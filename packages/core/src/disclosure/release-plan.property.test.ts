import fc from 'fast-check';
import { describe, it } from 'vitest';
import { planNeverRevealsFewerThanK } from './release-plan.property.ts';

describe('release plan (property)', () => {
  it('never releases a figure, a difference or a combination about 1..k−1 people', () => {
    fc.assert(planNeverRevealsFewerThanK, { numRuns: 300 });
  });
});
