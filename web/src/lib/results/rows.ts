import type {
  CountCell,
  Driver,
  EnpsCell,
  GroupFigures,
  Heatmap,
  HeatmapRow,
  ParticipationCell,
  ScoreCell,
  UnitResults,
} from '@insideout/contracts';

/** One group of a results table: a unit (indented by its depth) or an attribute value. */
export interface GroupRow {
  key: string;
  label: string;
  depth: number;
  respondents: CountCell;
  participation?: ParticipationCell;
  enps: EnpsCell | null;
  /** Each driver's score; a driver missing here was not asked of this group. */
  scores: ReadonlyMap<Driver, ScoreCell>;
}

/** A group's figures as a row of a results table. */
export function groupRow(key: string, label: string, depth: number, figures: GroupFigures): GroupRow {
  return {
    key,
    label,
    depth,
    respondents: figures.respondents,
    participation: figures.participation,
    enps: figures.enps,
    scores: new Map(figures.drivers.map((entry) => [entry.driver, entry.score])),
  };
}

/** A unit's sub-units, each a row under the unit. */
export function subunitRows(results: UnitResults): GroupRow[] {
  return results.subunits.map((unit) => groupRow(unit.unitId, unit.name, 0, unit));
}

/** The unit by the values of an attribute, each a row. */
export function breakdownRows(results: UnitResults): GroupRow[] {
  return (results.breakdown?.rows ?? []).map((row) => groupRow(`value:${row.value}`, row.value, 0, row));
}

function heatmapRow(row: HeatmapRow): GroupRow {
  return {
    key: row.unitId,
    label: row.name,
    depth: row.depth,
    respondents: row.respondents,
    enps: row.enps,
    scores: new Map(row.drivers.map((entry) => [entry.driver, entry.score])),
  };
}

/**
 * The heatmap's rows in tree order: each top of the reader's scope, then the units below it, depth
 * first, as the API lists them. A unit whose parent is not listed still appears, at the end.
 */
export function heatmapRows(heatmap: Heatmap): GroupRow[] {
  const children = new Map<string, HeatmapRow[]>();
  for (const unit of heatmap.units) {
    const siblings = children.get(unit.parentId ?? '') ?? [];
    siblings.push(unit);
    children.set(unit.parentId ?? '', siblings);
  }
  const rows: GroupRow[] = [];
  const placed = new Set<string>();
  const visit = (row: HeatmapRow) => {
    if (placed.has(row.unitId)) return;
    placed.add(row.unitId);
    rows.push(heatmapRow(row));
    for (const child of children.get(row.unitId) ?? []) visit(child);
  };
  for (const top of heatmap.scope) visit(top);
  for (const unit of heatmap.units) visit(unit);
  return rows;
}
