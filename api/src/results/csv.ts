import type { GroupFigures, Hidden, UnitResults } from '@insideout/contracts';

/**
 * A unit's results as CSV, one figure a line: `pulse,group,figure,value`. It is written from the
 * same `UnitResults` the JSON route returns, so it shows exactly what the caller may see: a hidden
 * cell's value is its reason (`below_threshold`, `complementary`, `not_closed`), never a number.
 */
export function unitResultsCsv(results: UnitResults): string {
  const lines: string[][] = [['pulse', 'group', 'figure', 'value']];
  const pulse = results.pulse.title;
  const add = (group: string, figure: string, value: string | number) =>
    lines.push([pulse, group, figure, String(value)]);

  const groupName = results.filter
    ? `${results.unit.name} (${results.filter.name}: ${results.filter.value})`
    : results.unit.name;
  figures(groupName, results.group, add);
  for (const item of results.group.items) {
    const figure = `item ${item.position + 1} (${item.questionKey})`;
    cell(
      item.score,
      (c) => add(groupName, `${figure} score`, c.value),
      (h) => add(groupName, `${figure} score`, h.reason),
    );
    if (item.favourability)
      cell(
        item.favourability,
        (c) => add(groupName, `${figure} favourability %`, c.value),
        (h) => add(groupName, `${figure} favourability %`, h.reason),
      );
    cell(
      item.distribution,
      (c) => {
        for (const option of c.options) add(groupName, `${figure} answered ${option.value} %`, option.percent);
      },
      (h) => add(groupName, `${figure} distribution`, h.reason),
    );
  }
  for (const row of results.subunits) figures(row.name, row, add);
  for (const row of results.breakdown?.rows ?? [])
    figures(`${results.unit.name} (${results.breakdown?.attribute}: ${row.value})`, row, add);
  return `${lines.map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
}

type Add = (group: string, figure: string, value: string | number) => void;

function figures(group: string, f: GroupFigures, add: Add) {
  cell(
    f.respondents,
    (c) => add(group, 'respondents', c.value),
    (h) => add(group, 'respondents', h.reason),
  );
  cell(
    f.participation,
    (c) => {
      add(group, 'audience', c.audience);
      add(group, 'responses', c.responses);
      add(group, 'participation %', c.rate);
    },
    (h) => add(group, 'participation', h.reason),
  );
  if (f.engagement)
    cell(
      f.engagement,
      (c) => add(group, 'engagement index', c.value),
      (h) => add(group, 'engagement index', h.reason),
    );
  if (f.enps)
    cell(
      f.enps,
      (c) => {
        add(group, 'eNPS', c.value);
        add(group, 'eNPS 90% low', c.low);
        add(group, 'eNPS 90% high', c.high);
      },
      (h) => add(group, 'eNPS', h.reason),
    );
  for (const d of f.drivers) {
    cell(
      d.score,
      (c) => add(group, `${d.driver} score`, c.value),
      (h) => add(group, `${d.driver} score`, h.reason),
    );
    if (d.favourability)
      cell(
        d.favourability,
        (c) => add(group, `${d.driver} favourability %`, c.value),
        (h) => add(group, `${d.driver} favourability %`, h.reason),
      );
  }
}

function cell<T extends { released: true }>(
  value: T | Hidden,
  released: (cell: T) => void,
  hidden: (cell: Hidden) => void,
) {
  if (value.released) released(value as T);
  else hidden(value as Hidden);
}

/** Quoted where needed; text a spreadsheet would run as a formula (not a number) gets a leading apostrophe. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
