import type { Hidden } from '@insideout/contracts';
import { t } from '../i18n/locale.svelte.ts';

/** A figure of the API: released with its numbers, or hidden with a reason and no number at all. */
export type Cell = Hidden | { released: true };

/** What a hidden figure stands for: most need k people, a distribution needs 2k. */
export type HiddenFigure = 'figure' | 'distribution';

/**
 * Why a figure is not shown, in a sentence the reader can repeat to their team: the threshold is
 * named (k from the pulse; 2k for a distribution) so "hidden" never reads as "missing" or "broken".
 * Without k (a past pulse whose threshold is not known here) the sentence names no number.
 */
export function hiddenReasonText(cell: Hidden, k: number | null, figure: HiddenFigure = 'figure'): string {
  switch (cell.reason) {
    case 'below_threshold':
      if (k === null) return t('results.hidden.belowThresholdNoK');
      return figure === 'distribution'
        ? t('results.hidden.distribution', { n: 2 * k })
        : t('results.hidden.belowThreshold', { k });
    case 'complementary':
      return t('results.hidden.complementary');
    case 'not_closed':
      return t('results.hidden.notClosed');
  }
}

/** The same reason in a few words, for a table cell; the table's legend says it in full. */
export function hiddenReasonShort(cell: Hidden, k: number | null, figure: HiddenFigure = 'figure'): string {
  switch (cell.reason) {
    case 'below_threshold':
      if (k === null) return t('results.hiddenShort.belowThresholdNoK');
      return t('results.hiddenShort.belowThreshold', { k: figure === 'distribution' ? 2 * k : k });
    case 'complementary':
      return t('results.hiddenShort.complementary');
    case 'not_closed':
      return t('results.hiddenShort.notClosed');
  }
}

/** The distinct reasons among these cells, in a fixed order: what a table's legend must explain. */
export function reasonsAmong(cells: Iterable<Cell | null | undefined>): Hidden['reason'][] {
  const seen = new Set<Hidden['reason']>();
  for (const cell of cells) if (cell && !cell.released) seen.add(cell.reason);
  return (['below_threshold', 'complementary', 'not_closed'] as const).filter((reason) => seen.has(reason));
}
