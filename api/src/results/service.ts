import type { Heatmap, HeatmapRow, ResultsPulse, ResultsPulseList, UnitResults } from '@insideout/contracts';
import { type AttributeFilter, cellKey, type ResultsRequest, resultsView } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';
import { assertUnitInScope, unitInScope } from '../auth/policy.ts';
import { visiblePaths } from '../directory/queries.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { groupFigures, itemCells, itemFigures } from './figures.ts';
import {
  closedPulsesIn,
  defaultPulseIn,
  findResultsPulse,
  orgUnits,
  pulseReaches,
  type ResultsPulseRow,
  type Scope,
  type UnitRecord,
} from './queries.ts';
import { type PulseRelease, releasesOf } from './releases.ts';

/**
 * The use cases behind the results routes. Access control narrows what is asked (a manager's
 * units and their subtrees); what may be shown of what is asked is the plan's decision alone.
 */

export interface UnitResultsRequest {
  pulseId?: string | undefined;
  attribute?: string | undefined;
  filter?: string | undefined;
}

export async function unitResults(
  db: Kysely<Database>,
  actor: Actor,
  unitId: string,
  query: UnitResultsRequest,
): Promise<UnitResults> {
  const { unit, units } = await unitOf(db, actor, unitId);
  const release = await releaseFor(db, actor.orgId, query.pulseId, [unit.path]);
  if (!asked(release, unit.id)) throw new ApiError('not_found', 'This pulse did not ask anyone in this unit.');
  const shown = shownTo(actor, units, release);
  const filter = query.filter ? parseFilter(query.filter) : null;
  const request: ResultsRequest = filter
    ? { unitId: unit.id, filter, breakdown: 'subunits' }
    : { unitId: unit.id, breakdown: 'subunits' };
  const view = resultsView(release.plan, request);
  const cells = itemCells(release, view.group);
  const byAttribute = query.attribute
    ? resultsView(release.plan, { unitId: unit.id, breakdown: { attribute: query.attribute } })
    : null;
  return {
    pulse: pulseOf(release),
    unit: { id: unit.id, name: unit.name },
    filter,
    group: { ...groupFigures(release, view.group, cells), items: itemFigures(cells) },
    subunits: view.breakdown
      .filter((cell) => shown(cell.unitId))
      .map((cell) => ({
        unitId: cell.unitId,
        name: units.get(cell.unitId)?.name ?? '',
        ...groupFigures(release, cell),
      }))
      .sort(byName),
    breakdown:
      query.attribute && byAttribute
        ? {
            attribute: query.attribute,
            rows: byAttribute.breakdown.map((cell) => ({
              value: cell.filter?.value ?? '',
              ...groupFigures(release, cell),
            })),
          }
        : null,
  };
}

export async function heatmap(db: Kysely<Database>, actor: Actor, pulseId: string | undefined): Promise<Heatmap> {
  const scope = visiblePaths(actor);
  const release = await releaseFor(db, actor.orgId, pulseId, scope);
  const current = new Map((await orgUnits(db, actor.orgId)).map((u) => [u.id, u]));
  const visible = shownTo(actor, current, release);
  const rows: { scope: HeatmapRow[]; units: HeatmapRow[] } = { scope: [], units: [] };
  const row = (id: string, parentId: string | null, depth: number): HeatmapRow => {
    const view = resultsView(release.plan, { unitId: id }).group;
    const { respondents, engagement, enps, drivers } = groupFigures(release, view);
    const name = current.get(id)?.name ?? '';
    return {
      unitId: id,
      name,
      parentId,
      depth,
      respondents,
      engagement,
      enps,
      drivers: drivers.map(({ driver, score }) => ({ driver, score })),
    };
  };
  // Depth first over the plan's tree; a visible unit under no visible parent starts a scope row.
  const walk = (id: string, parentId: string | null, depth: number | null) => {
    const shown = visible(id);
    const own = shown ? (depth ?? 0) : null;
    // A scope row names no parent: it lies outside what the caller may see.
    if (shown) (own === 0 ? rows.scope : rows.units).push(row(id, own === 0 ? null : parentId, own ?? 0));
    const children = (release.plan.children.get(id) ?? []).map((child) => ({
      id: child,
      name: current.get(child)?.name ?? '',
    }));
    for (const child of children.sort(byName)) walk(child.id, id, own === null ? null : own + 1);
  };
  for (const root of roots(release)) walk(root, null, null);
  return { pulse: pulseOf(release), drivers: [...release.drivers], ...rows };
}

export async function resultsPulses(db: Kysely<Database>, actor: Actor): Promise<ResultsPulseList> {
  const pulses = await closedPulsesIn(db, actor.orgId, visiblePaths(actor), 1000);
  return {
    pulses: pulses.map((p) => ({ id: p.id, title: p.title, closedAt: (p.closedAt ?? new Date(0)).toISOString() })),
  };
}

/** A unit of the actor's scope (404 otherwise, as for one that does not exist), and the org's units. */
export async function unitOf(db: Kysely<Database>, actor: Actor, unitId: string) {
  const units = new Map((await orgUnits(db, actor.orgId)).map((u) => [u.id, u]));
  const unit = units.get(unitId);
  assertUnitInScope(actor, unit);
  return { unit: unit as UnitRecord, units };
}

/** The pulse asked for (404 unless it reached the scope), or the default one of the scope. */
async function releaseFor(
  db: Kysely<Database>,
  orgId: string,
  pulseId: string | undefined,
  scope: Scope,
): Promise<PulseRelease> {
  let pulse: ResultsPulseRow | undefined;
  if (pulseId) {
    pulse = await findResultsPulse(db, orgId, pulseId);
    if (pulse && !(await pulseReaches(db, orgId, pulseId, scope))) pulse = undefined;
    if (!pulse) throw new ApiError('not_found', 'No such pulse, or none with results you may see.');
  } else {
    pulse = await defaultPulseIn(db, orgId, scope);
    if (!pulse) throw new ApiError('not_found', 'No pulse has asked anyone here yet.');
  }
  const [release] = await releasesOf(db, orgId, [pulse]);
  if (!release) throw new Error('release not built');
  return release;
}

/**
 * Units as the plan's tree had them, each shown if the pulse asked it and the caller's scope
 * reaches it today (a unit moved out of a manager's subtree since is no longer theirs to read).
 */
function shownTo(actor: Actor, units: ReadonlyMap<string, UnitRecord>, release: PulseRelease) {
  return (id: string) => {
    const unit = units.get(id);
    return unit !== undefined && unitInScope(actor, unit.path) && asked(release, id);
  };
}

/** Whether the pulse asked anyone in the unit's subtree (as its tree stood for the plan). */
export function asked(release: PulseRelease, unitId: string): boolean {
  return (release.plan.cells.get(cellKey(unitId))?.cohortIds.length ?? 0) > 0;
}

function roots(release: PulseRelease): string[] {
  const known = new Set(release.units.map((u) => u.id));
  return release.units.filter((u) => u.parentId === null || !known.has(u.parentId)).map((u) => u.id);
}

export function pulseOf(release: PulseRelease): ResultsPulse {
  const { id, title, state, closedAt } = release.pulse;
  return { id, title, state, closedAt: closedAt?.toISOString() ?? null, k: release.plan.thresholds.k };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function parseFilter(filter: string): AttributeFilter {
  const at = filter.indexOf(':');
  return { name: filter.slice(0, at), value: filter.slice(at + 1) };
}
