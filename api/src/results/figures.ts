import type {
  CountCell,
  DistributionCell,
  EnpsCell,
  GroupFigures,
  Hidden,
  ParticipationCell,
  PercentCell,
  ScoreCell,
} from '@insideout/contracts';
import {
  type CellView,
  type Driver,
  displayEnps,
  displayPercent,
  displayScore,
  displayShares,
  driverFavourability,
  driverScore,
  enpsInterval,
  favourability,
  itemScore,
  lowestValue,
  participation,
  type Release,
  type Rollup,
} from '@insideout/core';
import type { PulseRelease, ScaleItem } from './releases.ts';

/**
 * Turns a cell of the plan into the figures of the API. The only numbers written come from cells
 * the plan (or an item's own release) released; anything else becomes `{ released: false, reason }`.
 */

export interface ItemCells {
  item: ScaleItem;
  /** The merged rollup, for figures derived from released cells (drivers, significance). */
  rollup: Rollup;
  score: Release;
  distribution: Release;
}

const hidden = (release: Release): Hidden =>
  release.released ? { released: false, reason: 'below_threshold' } : { released: false, reason: release.reason };

/** Each item's release in this cell: the plan's cell first, then the item's own answer counts. */
export function itemCells(release: PulseRelease, view: CellView): ItemCells[] {
  const rollups = view.scores.released ? release.rollupsOf(view.key, view.scores.cohortIds) : null;
  return release.items.map((item) => {
    const own = release.itemReleases.get(item.position)?.get(view.key);
    const rollup = rollups?.get(item.position);
    if (!view.scores.released || !own || !rollup) {
      const reason: Release = view.scores.released ? { released: false, reason: 'below_threshold' } : view.scores;
      return { item, rollup: rollup ?? emptyRollup, score: reason, distribution: reason };
    }
    return { item, rollup, score: own.scores, distribution: own.distribution };
  });
}

const emptyRollup: Rollup = { n: 0, sum: 0, sumSq: 0, histogram: [] };

export function scoreCell(score: number | null, release: Release): ScoreCell {
  const value = displayScore(score);
  return release.released && value !== null ? { released: true, value } : hidden(release);
}

function percentCell(fraction: number | null, release: Release): PercentCell {
  const value = displayPercent(fraction);
  return release.released && value !== null ? { released: true, value } : hidden(release);
}

export function enpsCell(rollup: Rollup, release: Release): EnpsCell {
  const interval = release.released ? enpsInterval(rollup) : null;
  if (!interval) return hidden(release);
  return {
    released: true,
    value: displayEnps(interval.enps) ?? 0,
    low: displayEnps(interval.low) ?? 0,
    high: displayEnps(interval.high) ?? 0,
  };
}

export function distributionCell(cells: ItemCells): DistributionCell {
  const shares = cells.distribution.released ? displayShares(cells.rollup.histogram) : null;
  if (!shares) return hidden(cells.distribution);
  const lowest = lowestValue[cells.item.kind];
  return { released: true, options: shares.map((percent, slot) => ({ value: lowest + slot, percent })) };
}

/** Released only where every one of its items is; the reason is the first hidden item's. */
export function allReleased(cells: readonly ItemCells[]): Release {
  return cells.find((c) => !c.score.released)?.score ?? { released: true };
}

export function driverCells(cells: readonly ItemCells[], driver: Driver) {
  const own = cells.filter((c) => c.item.driver === driver);
  const release = allReleased(own);
  const items = own.map((c) => ({ kind: c.item.kind, rollup: c.rollup }));
  const hasLikert = own.some((c) => c.item.kind === 'likert5');
  return {
    own,
    score: scoreCell(release.released ? driverScore(items) : null, release),
    favourability: hasLikert ? percentCell(release.released ? driverFavourability(items) : null, release) : null,
  };
}

export function groupFigures(release: PulseRelease, view: CellView, cells = itemCells(release, view)): GroupFigures {
  const enpsItem = cells.find((c) => c.item.position === release.enpsPosition);
  const drivers = release.drivers.map((driver) => {
    const { score, favourability } = driverCells(cells, driver);
    return { driver, score, favourability };
  });
  return {
    respondents: countCell(view),
    participation: participationCell(view),
    engagement: drivers.find((d) => d.driver === 'engagement')?.score ?? null,
    enps: enpsItem ? enpsCell(enpsItem.rollup, enpsItem.score) : null,
    drivers,
  };
}

export function itemFigures(cells: readonly ItemCells[]) {
  return cells.map((c) => ({
    position: c.item.position,
    questionKey: c.item.questionKey,
    driver: c.item.driver,
    kind: c.item.kind,
    text: c.item.text,
    score: scoreCell(c.score.released ? itemScore(c.item.kind, c.rollup) : null, c.score),
    favourability:
      c.item.kind === 'likert5' ? percentCell(c.score.released ? favourability(c.rollup) : null, c.score) : null,
    distribution: distributionCell(c),
  }));
}

export function countCell(view: CellView): CountCell {
  return view.scores.released ? { released: true, value: view.scores.n } : hidden(view.scores);
}

function participationCell(view: CellView): ParticipationCell {
  if (!view.participation.released) return hidden(view.participation);
  const { audience, respondents } = view.participation;
  const rate = displayPercent(participation({ audience, ballots: respondents, responses: respondents }).responseRate);
  return { released: true, audience, responses: respondents, rate: rate ?? 0 };
}
