import { startImport } from '@insideout/api';
import type { ImportJob } from '@insideout/contracts';
import { createDb, migrateToLatest } from '@insideout/db';
import { startCluster } from '../support/cluster.ts';
import { newOrg, newPerson } from '../support/factories.ts';
import { recordFigures } from './results.ts';

// Times a real HR import of 10,000 people into an empty org on PostgreSQL 15, through the import
// service (parse, plan, batched writes, audit, job row) without HTTP in front of it.
const rows = 10_000;

const divisions = ['Sales', 'Engineering', 'Operations', 'Finance', 'People'];
const regions = ['France', 'Benelux', 'DACH', 'Iberia', 'Nordics'];
const sites = ['North', 'South', 'East', 'West'];
const teams = ['Team A', 'Team B'];
const firstNames = [
  'Ann',
  'Bob',
  'Chloé',
  'David',
  'Élise',
  'Farid',
  'Gaëlle',
  'Hugo',
  'Inès',
  'Jules',
  'Karim',
  'Léa',
];
const lastNames = [
  'Martin',
  'Bernard',
  'Dubois',
  'Le Gall',
  'Moreau',
  'Fournier',
  "O'Neil",
  'Garcia',
  'Nguyen',
  'Roux',
];
const tenureBands = ['0-1y', '1-2y', '2-5y', '5-10y', '10y+'];

/** Units 3–4 levels deep under the root: division / region / site (/ team for half the sites). */
function unitPaths(): string[] {
  const leaves: string[] = [];
  for (const division of divisions) {
    for (const region of regions) {
      for (const [index, site] of sites.entries()) {
        const path = `${division}/${region}/${region} ${site}`;
        if (index % 2 === 0) leaves.push(...teams.map((team) => `${path}/${team}`));
        else leaves.push(path);
      }
    }
  }
  return leaves;
}

function quote(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function exportCsv(): { csv: string; units: number } {
  const leaves = unitPaths();
  const units = new Set(
    leaves.flatMap((leaf) => leaf.split('/').map((_, depth, parts) => parts.slice(0, depth + 1).join('/'))),
  );
  const lines = ['Email,Display Name,Unit Path,Role,Site,Tenure Band,Contract,Cost Center'];
  for (let i = 0; i < rows; i += 1) {
    const first = firstNames[i % firstNames.length] ?? 'Ann';
    const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length] ?? 'Martin';
    const unit = leaves[i % leaves.length] ?? 'Sales';
    const role = i % 97 === 0 ? 'manager' : i % 1009 === 0 ? 'hr_admin' : 'employee';
    const email = `${first}.${last}.${i}@bench.example`
      .normalize('NFKD')
      .replace(/[^\w.@-]/g, '')
      .toLowerCase();
    const name = i % 10 === 0 ? `${last}, ${first}` : `${first} ${last}`;
    const site = unit.split('/')[1] ?? '';
    lines.push(
      [
        email,
        name,
        unit,
        role,
        site,
        tenureBands[i % tenureBands.length] ?? '',
        i % 7 ? 'permanent' : 'fixed-term',
        `CC${i % 40}`,
      ]
        .map(quote)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, units: units.size };
}

async function timedImport(
  store: Awaited<ReturnType<typeof createDb>>,
  actor: Parameters<typeof startImport>[1],
  csv: string,
) {
  const started = performance.now();
  const { finished } = await startImport(store, actor, {
    csv,
    dryRun: false,
    allOrNothing: false,
    deactivateMissing: true,
  });
  const job: ImportJob | undefined = await finished;
  const seconds = (performance.now() - started) / 1000;
  if (job?.state !== 'done' || !job.report) throw new Error(`import did not finish: ${job?.failure ?? 'no job'}`);
  return { seconds, report: job.report };
}

const cluster = await startCluster();
try {
  const store = await createDb({ databaseUrl: cluster.url() });
  try {
    await migrateToLatest(store.db);
    const org = await newOrg(store, 'Bench Corp');
    const hr = await newPerson(store, org.root, { role: 'hr_admin', email: 'hr@bench.example' });
    const actor = { orgId: org.id, personId: hr.id, displayName: 'Bench HR' };
    const { csv, units } = exportCsv();
    console.log(`${rows} rows, ${units} units, ${(csv.length / 1024).toFixed(0)} KiB of CSV`);

    const first = await timedImport(store, actor, csv);
    const { created, errors, unitsCreated } = first.report;
    if (created !== rows || errors.length > 0 || unitsCreated.length !== units) {
      throw new Error(`unexpected report: created ${created}, ${errors.length} errors, ${unitsCreated.length} units`);
    }
    console.log(`first import: ${first.seconds.toFixed(2)} s, ${Math.round(rows / first.seconds)} rows/s`);

    const again = await timedImport(store, actor, csv);
    if (again.report.unchanged !== rows) throw new Error(`re-import changed rows: ${JSON.stringify(again.report)}`);
    console.log(`same file again (all unchanged): ${again.seconds.toFixed(2)} s`);

    recordFigures({
      import_10k_rows_postgres_s: {
        value: Math.round(first.seconds * 100) / 100,
        unit: 's',
        target: '≤ 10 s',
        met: first.seconds <= 10,
        note: `an HR import of ${rows} people in ${units} units through the import service; the same file again: ${again.seconds.toFixed(2)} s`,
      },
    });
  } finally {
    await store.close();
  }
} finally {
  cluster.destroy();
}
