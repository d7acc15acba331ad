import type { Driver } from '@insideout/contracts';
import { type Locale, t } from '../i18n/locale.svelte.ts';
import { driverName } from '../pulses/questions.ts';
import type { TrendSeries } from './trend.ts';

/** Whole numbers as the reader writes them; eNPS with its sign (+12, −4), percents with theirs. */
export function resultNumbers(locale: Locale) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    count: (n: number) => count.format(n),
    signed: (n: number) => signed.format(n),
    /** `value` is already 0–100. */
    percent: (value: number) => percent.format(value / 100),
  };
}

export type ResultNumbers = ReturnType<typeof resultNumbers>;

/** The metric's name: an acronym that reads the same in every language, like the app's name. */
export const enpsName = 'eNPS';

/** An attribute's name for people: the known ones translated, any other from its snake_case name. */
export function attributeLabel(name: string): string {
  if (name === 'location') return t('results.attribute.location');
  if (name === 'tenure_band') return t('results.attribute.tenure_band');
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function seriesLabel(series: TrendSeries, locale: Locale): string {
  if (series === 'engagement') return t('results.engagement');
  if (series === 'enps') return enpsName;
  return driverName(series satisfies Driver, locale);
}
