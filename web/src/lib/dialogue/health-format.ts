import type { Locale } from '../i18n/locale.svelte.ts';

/** The figures of dialogue health as the reader writes numbers: whole counts, percents, days to one decimal. */
export function healthNumbers(locale: Locale) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    count: (value: number) => count.format(value),
    /** `value` is already 0–100. */
    percent: (value: number) => percent.format(value / 100),
    days: (value: number) => days.format(value),
  };
}
