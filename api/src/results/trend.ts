import type { Change, Hidden, Trend, TrendPoint } from '@insideout/contracts';
import {
  drivers as bankDrivers,
  type Driver,
  driverSample,
  enpsBreakdown,
  type Rollup,
  resultsView,
  type ScoreSample,
  scoreChange,
} from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import type { Actor } from '../http/env.ts';
import { countCell, driverCells, enpsCell, type ItemCells, itemCells } from './figures.ts';
import { closedPulsesIn } from './queries.ts';
import { releasesOf } from './releases.ts';
import { asked, unitOf } from './service.ts';

/**
 * A unit's figures over its closed pulses, oldest first, each against the previous pulse where the
 * same figure was released: Welch's t on the rollups for scores (core's `scoreChange`), and for eNPS
 * the same test on each answer coded +100 (promoter), 0 (passive), −100 (detractor), whose mean is
 * the eNPS. A hidden figure is never compared, and never the base of a comparison.
 */
export async function unitTrend(
  db: Kysely<Database>,
  actor: Actor,
  unitId: string,
  query: { drivers?: string | undefined; limit: number },
): Promise<Trend> {
  const { unit } = await unitOf(db, actor, unitId);
  const pulses = (await closedPulsesIn(db, actor.orgId, [unit.path], query.limit)).reverse();
  const releases = (await releasesOf(db, actor.orgId, pulses)).filter((release) => asked(release, unit.id));
  const requested = query.drivers ? new Set(query.drivers.split(',').map((d) => d.trim())) : null;
  const askedDrivers = new Set(releases.flatMap((release) => release.drivers));
  const drivers = bankDrivers.filter((d) => askedDrivers.has(d) && (!requested || requested.has(d)));

  const previous = new Map<string, ScoreSample>();
  const compare = (figure: string, sample: ScoreSample | null): Change | null => {
    if (!sample) return null;
    const before = previous.get(figure);
    previous.set(figure, sample);
    if (!before) return null;
    const change = scoreChange(before, sample);
    return { direction: change.direction, p: Math.round(change.p * 1000) / 1000 };
  };
  const scoreWithChange = (figure: string, cells: ItemCells[], driver: Driver) => {
    const { own, score } = driverCells(cells, driver);
    if (own.length === 0) return null;
    return trendCell(score, () =>
      compare(figure, driverSample(own.map((c) => ({ kind: c.item.kind, rollup: c.rollup })))),
    );
  };

  const points = releases.map((release): TrendPoint => {
    const view = resultsView(release.plan, { unitId: unit.id }).group;
    const cells = itemCells(release, view);
    const enps = cells.find((c) => c.item.position === release.enpsPosition);
    return {
      pulseId: release.pulse.id,
      title: release.pulse.title,
      closedAt: (release.pulse.closedAt ?? new Date(0)).toISOString(),
      respondents: countCell(view),
      engagement: scoreWithChange('engagement', cells, 'engagement'),
      enps: enps ? trendCell(enpsCell(enps.rollup, enps.score), () => compare('enps', enpsSample(enps.rollup))) : null,
      drivers: drivers.map((driver) => ({ driver, score: scoreWithChange(`driver:${driver}`, cells, driver) })),
    };
  });
  return { unit: { id: unit.id, name: unit.name }, drivers, points };
}

/** Adds the change to a released cell; only released figures enter the comparison. */
function trendCell<T extends { released: true }>(
  cell: T | Hidden,
  change: () => Change | null,
): (T & { change: Change | null }) | Hidden {
  return cell.released ? { ...(cell as T), change: change() } : (cell as Hidden);
}

/** eNPS as the mean of answers coded +100 / 0 / −100, with their sample variance. */
function enpsSample(rollup: Rollup): ScoreSample | null {
  const { promoters, detractors, n } = enpsBreakdown(rollup);
  if (n === 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  const populationVariance = 100 ** 2 * Math.max(0, p + d - (p - d) ** 2);
  return { n, mean: 100 * (p - d), variance: n > 1 ? (populationVariance * n) / (n - 1) : 0 };
}
