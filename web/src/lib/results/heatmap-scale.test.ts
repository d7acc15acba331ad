import { describe, expect, it } from 'vitest';
import { contrastRatio, heatmapShade, heatmapSteps, relativeLuminance } from './heatmap-scale.ts';

describe('heatmapShade', () => {
  it.each([
    [0, 0],
    [49, 0],
    [50, 1],
    [59, 1],
    [60, 2],
    [70, 3],
    [79, 3],
    [80, 4],
    [100, 4],
  ])('puts a score of %i in step %i', (score, step) => {
    expect(heatmapShade(score).step).toBe(step);
  });

  it('clamps values outside 0–100 to the ends of the scale', () => {
    expect(heatmapShade(-5).step).toBe(0);
    expect(heatmapShade(140).step).toBe(4);
  });

  it('covers 0 to 100 without a gap or an overlap', () => {
    for (let score = 0; score <= 100; score += 1) {
      expect(heatmapSteps.filter((step) => score >= step.from && score <= step.to)).toHaveLength(1);
    }
  });

  it('reads in greyscale: every step is darker than the one below it, by a visible margin', () => {
    const luminances = heatmapSteps.map((step) => relativeLuminance(step.background));
    for (let i = 1; i < luminances.length; i += 1) {
      const lighter = luminances[i - 1] ?? 0;
      const darker = luminances[i] ?? 0;
      expect((lighter + 0.05) / (darker + 0.05)).toBeGreaterThan(1.3);
    }
  });

  it('keeps the value printed in each cell at WCAG AA contrast', () => {
    for (const step of heatmapSteps) expect(contrastRatio(step.text, step.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('marks only the scores below neutral with a pattern', () => {
    expect(heatmapSteps.filter((step) => step.patterned).map((step) => [step.from, step.to])).toEqual([[0, 49]]);
  });
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0f4c5c', '#0f4c5c')).toBe(1);
  });
});
