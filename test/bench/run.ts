import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { readResults } from './results.ts';

// `pnpm bench`: runs every *.bench.ts here in turn (each starts what it measures), then writes
// RESULTS.md from results.json. Figures, not pass/fail: nothing here is a timed test.
const dir = new URL('.', import.meta.url);
const only = process.argv[2];
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)))
  .sort();

for (const bench of benches) {
  console.log(`\n▶ ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', new URL(bench, dir).pathname], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}

const rows = Object.entries(readResults())
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, f]) => {
    const reference = f.reference ? `${f.reference.value} ${f.reference.unit} (${f.reference.what})` : '—';
    return `| \`${name}\` | ${f.value} ${f.unit} | ${f.target ?? '—'} | ${reference} | ${f.measuredAt?.slice(0, 10) ?? ''} |`;
  });
writeFileSync(
  new URL('RESULTS.md', dir),
  [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (sources in this folder); machine-readable copy in `results.json`.',
    'Measured on the project machine: 2 cores, 24 GiB, Node 20.',
    '',
    '| figure | value | target | reference, same run | measured |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
