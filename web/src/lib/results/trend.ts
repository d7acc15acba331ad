import type { Driver, Trend, TrendPoint } from '@insideout/contracts';

/** What one trend line follows: the engagement index, eNPS, or one driver's score. */
export type TrendSeries = 'engagement' | 'enps' | Driver;

export type TrendCell = NonNullable<TrendPoint['engagement']> | NonNullable<TrendPoint['enps']>;

export interface TrendRow {
  pulseId: string;
  title: string;
  closedAt: string;
  /** null: that pulse asked nothing for this series. */
  cell: TrendCell | null;
}

/**
 * The lines a trend can draw, in reading order: the engagement index, eNPS, then the other drivers
 * (the Engagement driver is the engagement index, so it is not offered twice). A series no pulse
 * asked is not offered.
 */
export function trendSeries(trend: Trend): TrendSeries[] {
  const series: TrendSeries[] = [];
  if (trend.points.some((point) => point.engagement !== null)) series.push('engagement');
  if (trend.points.some((point) => point.enps !== null)) series.push('enps');
  for (const driver of trend.drivers) if (driver !== 'engagement') series.push(driver);
  return series;
}

function cellOf(point: TrendPoint, series: TrendSeries): TrendCell | null {
  if (series === 'engagement') return point.engagement;
  if (series === 'enps') return point.enps;
  return point.drivers.find((entry) => entry.driver === series)?.score ?? null;
}

/** One row per closed pulse, oldest first; pulses that asked nothing of the series are left out. */
export function trendRows(trend: Trend, series: TrendSeries): TrendRow[] {
  return trend.points.flatMap((point) => {
    const cell = cellOf(point, series);
    return cell === null ? [] : [{ pulseId: point.pulseId, title: point.title, closedAt: point.closedAt, cell }];
  });
}

/**
 * The significant change at this point, against the previous pulse where the figure was released:
 * `up` or `down` when the API's test says it is unlikely to be chance, otherwise null.
 */
export function significantChange(cell: TrendCell | null): 'up' | 'down' | null {
  if (!cell?.released || !cell.change) return null;
  return cell.change.direction === 'none' ? null : cell.change.direction;
}

/** The values to draw: null where the figure is hidden, so the line has a gap rather than a guess. */
export function trendValues(rows: readonly TrendRow[]): (number | null)[] {
  return rows.map((row) => (row.cell?.released ? row.cell.value : null));
}

/** The eNPS interval (low, high) per point, null where hidden or not an eNPS series. */
export function trendIntervals(rows: readonly TrendRow[]): { low: (number | null)[]; high: (number | null)[] } {
  const bounds = rows.map((row) => (row.cell?.released && 'low' in row.cell ? row.cell : null));
  return { low: bounds.map((b) => b?.low ?? null), high: bounds.map((b) => b?.high ?? null) };
}
