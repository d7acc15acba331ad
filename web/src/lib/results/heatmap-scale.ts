/**
 * The heatmap's colour scale: five steps of one hue that differ in lightness, so the scale reads in
 * greyscale and for every kind of colour vision; each cell also prints its value, and the lowest
 * step (scores below the neutral 50) carries a dotted pattern, so nothing rests on colour alone.
 * Every step keeps its text at WCAG AA contrast (4.5:1) or better.
 */
export interface HeatmapShade {
  /** 0 (lowest scores) to 4 (highest). */
  step: number;
  /** Lowest score of the step, inclusive. */
  from: number;
  /** Highest score of the step, inclusive. */
  to: number;
  background: string;
  /** Text colour on that background. */
  text: string;
  /** Dotted, for scores on the unfavourable side of neutral. */
  patterned: boolean;
}

const darkText = '#1b2430';
const lightText = '#ffffff';

export const heatmapSteps: readonly HeatmapShade[] = [
  { step: 0, from: 0, to: 49, background: '#f1f7f9', text: darkText, patterned: true },
  { step: 1, from: 50, to: 59, background: '#b3d7e0', text: darkText, patterned: false },
  { step: 2, from: 60, to: 69, background: '#7fb3c2', text: darkText, patterned: false },
  { step: 3, from: 70, to: 79, background: '#2f7f93', text: lightText, patterned: false },
  { step: 4, from: 80, to: 100, background: '#0f4c5c', text: lightText, patterned: false },
];

/** The step of a 0–100 score (values outside are clamped: scores are whole numbers in 0–100). */
export function heatmapShade(score: number): HeatmapShade {
  const clamped = Math.min(100, Math.max(0, Math.round(score)));
  const found = heatmapSteps.find((shade) => clamped >= shade.from && clamped <= shade.to);
  // The steps cover 0–100 without a gap, so there is always one; the last is the safe fallback.
  return found ?? (heatmapSteps[heatmapSteps.length - 1] as HeatmapShade);
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const channels = (hex.replace('#', '').match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}
