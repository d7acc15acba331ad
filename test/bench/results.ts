import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One measured figure: `reference` is the side-by-side baseline measured in the same run. */
export interface Figure {
  value: number;
  unit: string;
  target?: string;
  reference?: { value: number; unit: string; what: string };
  measuredAt?: string;
}

const resultsPath = new URL('./results.json', import.meta.url);

export function readResults(): Record<string, Figure> {
  return existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, Figure>) : {};
}

/** Merges figures into results.json (keyed by name) and prints them as they land. */
export function recordFigures(figures: Record<string, Figure>): void {
  const results = readResults();
  const measuredAt = new Date().toISOString();
  for (const [name, figure] of Object.entries(figures)) {
    results[name] = { ...figure, measuredAt };
    const reference = figure.reference
      ? ` (reference: ${figure.reference.value} ${figure.reference.unit}, ${figure.reference.what})`
      : '';
    console.log(
      `${name}: ${figure.value} ${figure.unit}${figure.target ? ` — target ${figure.target}` : ''}${reference}`,
    );
  }
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
