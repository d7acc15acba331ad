import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** The machine a figure was measured on, and how busy it was when the run started. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the figure was recorded: other work on the machine makes figures noisy. */
  loadAverage: number;
}

/** One measured figure: `reference` is the side-by-side baseline measured in the same run. */
export interface Figure {
  value: number;
  unit: string;
  target?: string;
  reference?: { value: number; unit: string; what: string };
  /** Whether the target was met in this run (absent for informational figures and references). */
  met?: boolean;
  /** How it was measured: sizes, concurrency, pinning. */
  note?: string;
  measuredAt?: string;
  machine?: Machine;
}

const resultsPath = new URL('./results.json', import.meta.url);

export function machine(): Machine {
  return {
    // Every core of the machine, not availableParallelism(): a bench pins itself to one of them.
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function readResults(): Record<string, Figure> {
  return existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, Figure>) : {};
}

/** Merges figures into results.json (keyed by name), each with the machine it ran on, and prints them. */
export function recordFigures(figures: Record<string, Figure>): void {
  const results = readResults();
  const measuredAt = new Date().toISOString();
  const on = machine();
  for (const [name, figure] of Object.entries(figures)) {
    results[name] = { ...figure, measuredAt, machine: on };
    const reference = figure.reference
      ? ` (reference: ${figure.reference.value} ${figure.reference.unit}, ${figure.reference.what})`
      : '';
    const verdict = figure.met === undefined ? '' : figure.met ? ' [met]' : ' [NOT met]';
    console.log(
      `${name}: ${figure.value} ${figure.unit}${figure.target ? ` — target ${figure.target}` : ''}${verdict}${reference}`,
    );
  }
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
