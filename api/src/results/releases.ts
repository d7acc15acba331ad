import {
  type Driver,
  drivers,
  enpsKey,
  histogramSlots,
  type ItemRelease,
  lowestValue,
  mergeRollups,
  type ReleasePlan,
  type Rollup,
  releaseItem,
  releasePlan,
  rollupFromHistogram,
  type ScaleKind,
  type TreeUnit,
} from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import {
  cohortsOf,
  findResultsPulse,
  type ItemRow,
  orgUnits,
  type ResultsPulseRow,
  type RollupRow,
  rollupsOf,
  scaleItemsOf,
} from './queries.ts';

/**
 * A pulse's results as every route reads them: its release plan (decided once over the whole org
 * tree and its attribute slices), each item's own release for optional items, and its rollups.
 * A closed pulse's inputs never change, so its `PulseRelease` is built once and kept (bounded,
 * least recently used first out); an open pulse's is rebuilt per request, and releases nothing
 * but participation.
 */
export interface ScaleItem {
  position: number;
  questionKey: string;
  driver: Driver;
  kind: ScaleKind;
  text: { en: string; fr: string };
}

export interface PulseRelease {
  pulse: ResultsPulseRow;
  plan: ReleasePlan;
  /** The org's tree the plan was decided on. */
  units: readonly TreeUnit[];
  items: readonly ScaleItem[];
  /** Drivers asked, in the bank's order. */
  drivers: readonly Driver[];
  /** The eNPS item: the bank's, else the first 0–10 item; null when none was asked. */
  enpsPosition: number | null;
  /** Per item position, per plan cell key. Empty while the pulse is open. */
  itemReleases: ReadonlyMap<number, ReadonlyMap<string, ItemRelease>>;
  /** The rollups of a plan cell's cohorts merged, per item position (memoised). */
  rollupsOf(cellKey: string, cohortIds: readonly string[]): ReadonlyMap<number, Rollup>;
}

// About 1 MiB per pulse of a 2,000-person org in 79 units once every unit's figures were asked for
// (measured by the bench): 128 pulses hold two years of one such org's weekly pulses, or a year of two.
const capacity = 128;
const cache = new Map<string, Promise<PulseRelease>>();

/** Drops every cached release (benchmarks measure cold builds with it). */
export function forgetReleases(): void {
  cache.clear();
}

/** The releases of the pulses, in their order: closed ones from the cache, the missing built together. */
export async function releasesOf(
  db: Kysely<Database>,
  orgId: string,
  pulses: readonly ResultsPulseRow[],
): Promise<PulseRelease[]> {
  const key = (pulse: ResultsPulseRow) => `${orgId}/${pulse.id}`;
  const entries = pulses.map((pulse) => (pulse.state === 'closed' ? touch(key(pulse)) : undefined));
  const missing = pulses.filter((_, i) => entries[i] === undefined);
  if (missing.length > 0) {
    const built = buildReleases(db, orgId, missing);
    pulses.forEach((pulse, i) => {
      if (entries[i] !== undefined) return;
      const entry = built.then((releases) => releases.get(pulse.id) as PulseRelease);
      entries[i] = entry;
      if (pulse.state !== 'closed') return;
      // A failed build is not kept: the next request tries again.
      entry.catch(() => cache.get(key(pulse)) === entry && cache.delete(key(pulse)));
      cache.set(key(pulse), entry);
    });
    while (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }
  return Promise.all(entries as Promise<PulseRelease>[]);
}

/** A cached entry, moved to the end: the map's order is the order of last use. */
function touch(key: string): Promise<PulseRelease> | undefined {
  const entry = cache.get(key);
  if (entry) {
    cache.delete(key);
    cache.set(key, entry);
  }
  return entry;
}

async function buildReleases(db: Kysely<Database>, orgId: string, pulses: readonly ResultsPulseRow[]) {
  const ids = pulses.map((p) => p.id);
  const closedIds = pulses.filter((p) => p.state === 'closed').map((p) => p.id);
  const [units, cohorts, items, rollups] = await Promise.all([
    orgUnits(db, orgId),
    cohortsOf(db, orgId, ids),
    scaleItemsOf(db, orgId, ids),
    closedIds.length > 0 ? rollupsOf(db, orgId, closedIds) : Promise.resolve([]),
  ]);
  const cohortsByPulse = byPulse(cohorts);
  const itemsByPulse = byPulse(items);
  const rollupsByPulse = byPulse(rollups);
  const releases = new Map<string, PulseRelease>();
  for (const pulse of pulses) {
    // A plan takes tens of milliseconds on a large org: other requests run between two.
    if (releases.size > 0) await new Promise((resolve) => setImmediate(resolve));
    releases.set(
      pulse.id,
      buildRelease(
        pulse,
        treeAtOpen(units, cohortsByPulse.get(pulse.id) ?? []),
        cohortsByPulse.get(pulse.id) ?? [],
        itemsByPulse.get(pulse.id) ?? [],
        rollupsByPulse.get(pulse.id) ?? [],
      ),
    );
  }
  return releases;
}

/**
 * The unit tree a pulse's plan is computed on: the parents its cohorts' units had when it opened
 * (later reorganisations must not change what it releases: two plans on two trees, read together,
 * could isolate a small group), today's parents for units that had nobody in the pulse. In id
 * order, so ties between equal groups always break the same way.
 */
function treeAtOpen(units: readonly TreeUnit[], cohorts: ReadonlyArray<{ unitPath: string | null }>): TreeUnit[] {
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  for (const { unitPath } of cohorts) {
    const ids = unitPath?.split('/').filter(Boolean) ?? [];
    for (const [depth, id] of ids.entries()) parentOf.set(id, depth === 0 ? null : (ids[depth - 1] ?? null));
  }
  return [...parentOf.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, parentId]) => ({ id, parentId }));
}

function byPulse<T extends { pulseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.pulseId);
    if (group) group.push(row);
    else groups.set(row.pulseId, [row]);
  }
  return groups;
}

function buildRelease(
  pulse: ResultsPulseRow,
  units: readonly TreeUnit[],
  cohorts: Awaited<ReturnType<typeof cohortsOf>>,
  itemRows: readonly ItemRow[],
  rollupRows: readonly RollupRow[],
): PulseRelease {
  const closed = pulse.state === 'closed';
  const plan = releasePlan({ closed, units, cohorts }, { k: pulse.k, kComments: pulse.kComments });
  const items = itemRows.map(
    (row): ScaleItem => ({
      position: row.position,
      questionKey: row.questionKey,
      driver: row.driver as Driver,
      kind: row.kind as ScaleKind,
      text: { en: row.textEn, fr: row.textFr },
    }),
  );
  const kindAt = new Map(items.map((item) => [item.position, item.kind]));

  const byCohort = new Map<string, Map<number, Rollup>>();
  for (const row of rollupRows) {
    const kind = kindAt.get(row.position);
    if (!kind) continue;
    const rollups = byCohort.get(row.cohortId) ?? new Map<number, Rollup>();
    rollups.set(row.position, rollupFromHistogram(kind, slotsOf(kind, row.histogram)));
    byCohort.set(row.cohortId, rollups);
  }

  const itemReleases = new Map<number, ReadonlyMap<string, ItemRelease>>();
  if (closed) {
    // Items answered by the same people per cohort share one release; an item everyone answered
    // gets the plan's own decisions (what `releaseItem` would return, without its cost).
    const bySignature = new Map<string, ReadonlyMap<string, ItemRelease>>();
    const everyone = cohorts.map((c) => c.respondents).join(',');
    for (const item of items) {
      const counts = cohorts.map((c) => byCohort.get(c.id)?.get(item.position)?.n ?? 0);
      const signature = counts.join(',');
      let decided = bySignature.get(signature);
      if (!decided) {
        decided =
          signature === everyone
            ? planItemRelease(plan)
            : releaseItem(plan, new Map(cohorts.map((c, i) => [c.id, counts[i] ?? 0])));
        bySignature.set(signature, decided);
      }
      itemReleases.set(item.position, decided);
    }
  }

  const merged = new Map<string, ReadonlyMap<number, Rollup>>();
  const rollupsOfCell = (cellKey: string, cohortIds: readonly string[]) => {
    let found = merged.get(cellKey);
    if (!found) {
      found = new Map(
        items.map((item) => [
          item.position,
          mergeRollups(
            item.kind,
            cohortIds.flatMap((id) => byCohort.get(id)?.get(item.position) ?? []),
          ),
        ]),
      );
      merged.set(cellKey, found);
    }
    return found;
  };

  const asked = new Set(items.map((item) => item.driver));
  const enps = items.find((item) => item.questionKey === enpsKey) ?? items.find((item) => item.kind === 'nps11');
  return {
    pulse,
    plan,
    units,
    items,
    drivers: drivers.filter((driver) => asked.has(driver)),
    enpsPosition: enps?.position ?? null,
    itemReleases,
    rollupsOf: rollupsOfCell,
  };
}

function planItemRelease(plan: ReleasePlan): Map<string, ItemRelease> {
  return new Map(
    [...plan.cells.values()].map((cell) => [
      cell.key,
      { n: cell.respondents, scores: cell.scores, distribution: cell.distribution },
    ]),
  );
}

/** The database keeps `{ "value": count }`; core counts per value slot. */
function slotsOf(kind: ScaleKind, histogram: Record<string, number>): number[] {
  const slots = new Array<number>(histogramSlots[kind]).fill(0);
  for (const [value, count] of Object.entries(histogram)) {
    const slot = Number(value) - lowestValue[kind];
    if (slot >= 0 && slot < slots.length) slots[slot] = Number(count);
  }
  return slots;
}

/**
 * Builds a just-closed pulse's release plan in the background, so the first reader does not wait
 * for it. A failure is harmless: the first request builds it again.
 */
export function prepareRelease(db: Kysely<Database>, orgId: string, pulseId: string): void {
  void findResultsPulse(db, orgId, pulseId)
    .then((pulse) => (pulse ? releasesOf(db, orgId, [pulse]) : undefined))
    .catch(() => undefined);
}
