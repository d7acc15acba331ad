import { describe, expect, it } from 'vitest';
import { displayEnps, displayPercent, displayScore, displayShares, roundHalfAway } from './display.ts';

describe('display', () => {
  it('rounds half away from zero, ignoring float noise', () => {
    expect(roundHalfAway(14.5)).toBe(15);
    expect(roundHalfAway(0.145 * 100)).toBe(15);
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(-0.4)).toBe(0);
    expect(Object.is(roundHalfAway(-0.4), -0)).toBe(false);
  });

  it('shows scores and percents as integers within their range', () => {
    expect(displayScore(66.6666)).toBe(67);
    expect(displayScore(100.0000001)).toBe(100);
    expect(displayPercent(2 / 3)).toBe(67);
    expect(displayPercent(null)).toBeNull();
    expect(displayEnps(-33.5)).toBe(-34);
    expect(displayEnps(-120)).toBe(-100);
  });

  it('gives distribution shares that add up to exactly 100', () => {
    expect(displayShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(displayShares([2, 0, 1, 4, 0])).toEqual([29, 0, 14, 57, 0]);
    expect(displayShares([0, 0, 0])).toBeNull();
    for (const counts of [
      [1, 2, 3, 4, 5],
      [7, 7, 7, 0, 1],
      [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    ]) {
      expect(displayShares(counts)?.reduce((a, b) => a + b, 0)).toBe(100);
    }
  });
});
