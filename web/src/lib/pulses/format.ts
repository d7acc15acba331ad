import type { Pulse } from '@insideout/contracts';
import { type Locale, t } from '../i18n/locale.svelte.ts';

/** Dates and times as the reader writes them: the browser's own variant of the page's language. */
export function dateTimeFormat(locale: Locale, style: 'date' | 'dateTime' | 'time' = 'dateTime'): Intl.DateTimeFormat {
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  const tag = browser?.toLowerCase().startsWith(locale) ? browser : locale;
  const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
    date: { dateStyle: 'medium' },
    dateTime: { dateStyle: 'medium', timeStyle: 'short' },
    time: { timeStyle: 'medium' },
  };
  return new Intl.DateTimeFormat(tag, options[style]);
}

export function stateLabel(state: Pulse['state']): string {
  switch (state) {
    case 'draft':
      return t('pulses.state.draft');
    case 'open':
      return t('pulses.state.open');
    case 'closed':
      return t('pulses.state.closed');
  }
}

export function recurrenceLabel(recurrence: Pulse['recurrence']): string {
  switch (recurrence) {
    case 'none':
      return t('pulses.recurrence.none');
    case 'weekly':
      return t('pulses.recurrence.weekly');
    case 'fortnightly':
      return t('pulses.recurrence.fortnightly');
    case 'monthly':
      return t('pulses.recurrence.monthly');
  }
}
