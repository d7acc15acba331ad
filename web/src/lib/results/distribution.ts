import type { UnitResults } from '@insideout/contracts';
import { t } from '../i18n/locale.svelte.ts';

type Item = UnitResults['group']['items'][number];
type Options = Extract<Item['distribution'], { released: true }>['options'];

export interface DistributionSegment {
  key: string;
  label: string;
  percent: number;
  colour: string;
}

// Unfavourable answers in red, neutral in grey, favourable in teal; each segment is also named in
// text beside the bar, so the colours are never the only way to tell them apart.
const likertColours = ['#8b1c1c', '#eba7a7', '#d3d9e0', '#8fc4d1', '#0f4c5c'] as const;

const likertKeys = [
  'survey.likert.1',
  'survey.likert.2',
  'survey.likert.3',
  'survey.likert.4',
  'survey.likert.5',
] as const;

/**
 * The segments of a released distribution: the five Likert options as they are, and the eleven
 * eNPS options as the three groups eNPS counts (detractors 0–6, passives 7–8, promoters 9–10).
 */
export function distributionSegments(kind: Item['kind'], options: Options): DistributionSegment[] {
  const percentOf = (values: (v: number) => boolean) =>
    options.filter((option) => values(option.value)).reduce((sum, option) => sum + option.percent, 0);
  if (kind === 'nps11') {
    return [
      { key: 'detractors', label: t('results.nps.detractors'), percent: percentOf((v) => v <= 6), colour: '#8b1c1c' },
      {
        key: 'passives',
        label: t('results.nps.passives'),
        percent: percentOf((v) => v === 7 || v === 8),
        colour: '#d3d9e0',
      },
      { key: 'promoters', label: t('results.nps.promoters'), percent: percentOf((v) => v >= 9), colour: '#0f4c5c' },
    ];
  }
  return likertKeys.map((key, index) => ({
    key: String(index + 1),
    label: t(key),
    percent: percentOf((v) => v === index + 1),
    colour: likertColours[index] ?? '#d3d9e0',
  }));
}
