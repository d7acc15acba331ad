import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Figure, type Machine, machine, readResults } from './results.ts';

// `pnpm bench [name]`: builds the product (the benches run the built api, as users do; set
// BENCH_SKIP_BUILD=1 to reuse a build), runs every *.bench.ts here in turn (or those whose file
// name contains `name`), each in its own process that starts what it measures, then writes
// RESULTS.md from results.json. Figures, not pass/fail: nothing here is a timed test.
const dir = new URL('.', import.meta.url);
const root = new URL('../../', dir).pathname;
const only = process.argv[2];
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)))
  .sort();

if (process.env.BENCH_SKIP_BUILD !== '1') {
  // Under `pnpm bench`, npm_execpath is pnpm itself; otherwise the pinned pnpm through npx.
  const execPath = process.env.npm_execpath;
  const [command, args] =
    execPath && /pnpm/.test(execPath)
      ? [process.execPath, [execPath, 'build']]
      : ['npx', ['-y', 'pnpm@10.34.9', 'build']];
  console.log('▶ build');
  const build = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('the build failed: no benchmark was run');
    process.exit(1);
  }
}

const on = machine();
console.log(
  `\nmachine: ${on.cpus} × ${on.cpuModel}, ${on.memoryGiB} GiB, Node ${on.node}, load average ${on.loadAverage}`,
);
for (const bench of benches) {
  console.log(`\n▶ ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', new URL(bench, dir).pathname], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${bench} failed (exit ${run.status ?? run.signal}); its figures keep their previous values`);
    process.exitCode = 1;
  }
}

const resultsMd = new URL('RESULTS.md', dir).pathname;
writeFileSync(resultsMd, renderResults(readResults()));
// Formatted as the lint step wants it (Biome aligns Markdown tables).
spawnSync(join(root, 'node_modules/.bin/biome'), ['format', '--write', resultsMd], { stdio: 'ignore' });

function renderResults(results: Record<string, Figure>): string {
  const entries = Object.entries(results).sort(([a], [b]) => a.localeCompare(b));
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const verdict = (f: Figure) => (f.met === undefined ? '—' : f.met ? 'yes' : '**no**');
  const rows = entries.map(([name, f]) => {
    const reference = f.reference ? `${f.reference.value} ${f.reference.unit} (${f.reference.what})` : '—';
    return `| \`${name}\` | ${f.value} ${f.unit} | ${cell(f.target ?? '—')} | ${verdict(f)} | ${cell(reference)} | ${f.measuredAt?.slice(0, 16).replace('T', ' ') ?? ''} |`;
  });
  const describe = (m: Machine) => `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}`;
  const machines = [...new Set(entries.flatMap(([, f]) => (f.machine ? [describe(f.machine)] : [])))];
  const notes = entries
    .filter(([, f]) => f.note || f.machine)
    .map(
      ([name, f]) =>
        `- \`${name}\`: ${f.note ?? ''}${f.machine ? `${f.note ? ' ' : ''}(load average ${f.machine.loadAverage} when recorded)` : ''}`,
    );
  return [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (sources in this folder; `pnpm bench <name>` runs only the benches whose file name',
    'contains `<name>`); the same figures for machines in `results.json`, one entry per figure with its `value`,',
    '`unit`, `target`, the `reference` measured beside it in the same run, and the machine it ran on.',
    '',
    `Measured on: ${machines.length ? machines.join('; ') : 'unknown'}. The load generator, the api and PostgreSQL`,
    'share these cores (see each figure’s note for how they were pinned); other work on the machine at the time',
    'shows in the load average noted with each figure.',
    '',
    '| figure | value | target | met | reference, same run | measured (UTC) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## How each figure was measured',
    '',
    ...notes,
    '',
  ].join('\n');
}
