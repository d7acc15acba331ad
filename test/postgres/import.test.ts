import { failInterruptedImports } from '@insideout/api';
import type { ImportJob, ImportReport } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, type TestPerson, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let client: TestApp;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
});
afterAll(() => store.close());

interface Org {
  id: string;
  root: TestUnit;
  hr: TestPerson;
  asHr: StaffClient;
}

/** Each scenario gets an org of its own: an import deactivates whoever its file leaves out. */
async function orgWithHr(name = 'Acme'): Promise<Org> {
  const org = await newOrg(store, name);
  const hr = await newPerson(store, org.root, { role: 'hr_admin' });
  return { id: org.id, root: org.root, hr, asHr: await client.signIn(hr.email, testPassword) };
}

const options = { dryRun: false, allOrNothing: false, deactivateMissing: false };

/** Posts an import, expects 202, and follows the job until it is no longer running. */
async function runImport(as: StaffClient, csv: string, overrides: Partial<typeof options> = {}): Promise<ImportJob> {
  const response = await as.request('POST', '/api/v1/imports', { csv, ...options, ...overrides });
  expect(response.status, await response.clone().text()).toBe(202);
  const started = (await response.json()) as ImportJob;
  expect(started).toMatchObject({ state: 'running', report: null });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const job = (await (await as.get(`/api/v1/imports/${started.id}`)).json()) as ImportJob;
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`import ${started.id} still running`);
}

async function reportOf(as: StaffClient, csv: string, overrides: Partial<typeof options> = {}): Promise<ImportReport> {
  const job = await runImport(as, csv, overrides);
  expect(job.state, job.failure ?? '').toBe('done');
  expect(job.processedRows).toBe(job.totalRows);
  if (!job.report) throw new Error('no report');
  return job.report;
}

const peopleOf = (orgId: string) =>
  store.db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select(['p.email', 'p.displayName', 'p.role', 'p.active', 'p.attributes', 'u.name as unit', 'p.updatedAt'])
    .where('p.orgId', '=', orgId)
    .orderBy('p.email')
    .execute();
const unitNamesOf = async (orgId: string) =>
  (await store.db.selectFrom('units').select('name').where('orgId', '=', orgId).orderBy('name').execute()).map(
    (u) => u.name,
  );

const staffCsv = [
  'email,name,unit,role,location,tenure',
  'ann@acme.test,Ann Lee,Sales/France/Paris,manager,Paris,2-5y',
  'bob@acme.test,Bob Roy,Sales/France/Paris,,Paris,0-1y',
  'cy@acme.test,Cy Diaz,Sales/France/Lyon,,Lyon,5y+',
  'dee@acme.test,Dee Wu,Acme/Ops,employee,Remote,',
].join('\n');

describe('importing an HR export', () => {
  let org: Org;
  beforeAll(async () => {
    org = await orgWithHr();
  });

  it('creates the people and the missing units, and audits the import once with its counts', async () => {
    const report = await reportOf(org.asHr, staffCsv);
    expect(report).toEqual({
      rows: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      unitsCreated: ['Sales', 'Sales/France', 'Sales/France/Paris', 'Sales/France/Lyon', 'Ops'],
      errors: [],
      applied: true,
    });
    const people = await peopleOf(org.id);
    expect(people.find((p) => p.email === 'ann@acme.test')).toMatchObject({
      displayName: 'Ann Lee',
      role: 'manager',
      unit: 'Paris',
      active: true,
      attributes: { location: 'Paris', tenure_band: '2-5y' },
    });
    expect(people.find((p) => p.email === 'dee@acme.test')).toMatchObject({
      unit: 'Ops',
      attributes: { location: 'Remote' },
    });
    const audit = await store.db
      .selectFrom('auditLog')
      .selectAll()
      .where('orgId', '=', org.id)
      .where('action', '=', 'directory.imported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ created: 4, updated: 0, unitsCreated: 5, applied: true });
  });

  it('changes nothing when the same file comes again', async () => {
    const before = await peopleOf(org.id);
    const units = await unitNamesOf(org.id);
    const report = await reportOf(org.asHr, staffCsv);
    expect(report).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
      deactivated: 0,
      unitsCreated: [],
      errors: [],
    });
    expect(await peopleOf(org.id)).toEqual(before);
    expect(await unitNamesOf(org.id)).toEqual(units);
  });

  it('updates the rows that changed, matching e-mails in any case', async () => {
    const changed = staffCsv
      .replace('bob@acme.test,Bob Roy,Sales/France/Paris', 'BOB@ACME.TEST,Bob Roy,sales/france/lyon')
      .replace('Cy Diaz', 'Cy Díaz');
    const report = await reportOf(org.asHr, changed);
    expect(report).toMatchObject({ created: 0, updated: 2, unchanged: 2, unitsCreated: [] });
    const people = await peopleOf(org.id);
    expect(people.filter((p) => p.email.startsWith('bob'))).toEqual([expect.objectContaining({ unit: 'Lyon' })]);
    expect(people.find((p) => p.email === 'cy@acme.test')?.displayName).toBe('Cy Díaz');
  });

  it('lists the jobs, newest first, for HR only', async () => {
    const list = (await (await org.asHr.get('/api/v1/imports')).json()) as { imports: ImportJob[] };
    expect(list.imports.length).toBe(3);
    expect(list.imports.every((job) => job.state === 'done')).toBe(true);
  });
});

describe('bad rows', () => {
  const csv = [
    'email,name,unit,role',
    'good1@acme.test,Good One,Sales,',
    'not-an-email,Bad Mail,Sales,',
    '"multi@acme.test","Two',
    'Lines",Sales,boss',
    'good2@acme.test,Good Two,,',
    'good1@acme.test,Dup,Sales,',
    'good3@acme.test,Good Three,Ops,manager',
  ].join('\r\n');

  it('are reported by physical line while the good rows import', async () => {
    const org = await orgWithHr();
    const report = await reportOf(org.asHr, csv);
    expect(report.errors).toEqual([
      { line: 3, reason: 'bad e-mail "not-an-email"' },
      { line: 4, reason: 'unknown role "boss" (use employee, manager or hr_admin)' },
      { line: 6, reason: 'empty unit' },
      { line: 7, reason: 'duplicate e-mail good1@acme.test: already at line 2' },
    ]);
    expect(report).toMatchObject({ rows: 6, created: 2, applied: true, unitsCreated: ['Sales', 'Ops'] });
    expect((await peopleOf(org.id)).map((p) => p.email)).toEqual(
      ['good1@acme.test', 'good3@acme.test', org.hr.email].sort(),
    );
  });

  it('with allOrNothing, write nothing at all', async () => {
    const org = await orgWithHr();
    const report = await reportOf(org.asHr, csv, { allOrNothing: true, deactivateMissing: true });
    expect(report).toMatchObject({ applied: false, created: 2 });
    expect(report.errors).toHaveLength(4);
    expect((await peopleOf(org.id)).map((p) => p.email)).toEqual([org.hr.email]);
    expect(await unitNamesOf(org.id)).toEqual(['Acme']);
  });

  it('a broken header rejects the file, naming what is missing', async () => {
    const org = await orgWithHr();
    const report = await reportOf(org.asHr, 'mail,name\na@acme.test,A\n');
    expect(report.errors).toEqual([{ line: 1, reason: expect.stringMatching(/no e-mail column.*no unit column/) }]);
    expect(report.created).toBe(0);
  });
});

describe('an export from a French spreadsheet', () => {
  it('reads a BOM, semicolons, French headers and a quoted field with a line break', async () => {
    const org = await orgWithHr('Groupe Exemple');
    const csv =
      '\uFEFFCourriel;Nom;Unité;Rôle;Site;Ancienneté\r\n' +
      'zoe@exemple.test;"Zoé ""Zazie""\r\nMartin";Groupe Exemple/Ventes/Lyon;manager;"Lyon; Part-Dieu";1-2 ans\r\n' +
      'bad;X;Ventes;;;\r\n' +
      'yann@exemple.test;Yann Le Gall;Ventes;;Brest;\r\n';
    const report = await reportOf(org.asHr, csv);
    expect(report.errors).toEqual([{ line: 4, reason: 'bad e-mail "bad"' }]);
    expect(report).toMatchObject({ created: 2, unitsCreated: ['Ventes', 'Ventes/Lyon'] });
    expect((await peopleOf(org.id)).find((p) => p.email === 'zoe@exemple.test')).toMatchObject({
      displayName: 'Zoé "Zazie" Martin',
      role: 'manager',
      unit: 'Lyon',
      attributes: { location: 'Lyon; Part-Dieu', tenure_band: '1-2 ans' },
    });
  });
});

describe('a dry run', () => {
  it('writes nothing, and reports what the real run then does', async () => {
    const org = await orgWithHr();
    const leaver = await newPerson(store, org.root, { email: 'leaver@acme.test' });
    const before = await peopleOf(org.id);
    const dry = await reportOf(org.asHr, staffCsv, { dryRun: true, deactivateMissing: true });
    expect(dry).toMatchObject({ applied: false, created: 4, deactivated: 1 });
    expect(await peopleOf(org.id)).toEqual(before);
    expect(await unitNamesOf(org.id)).toEqual(['Acme']);
    const real = await reportOf(org.asHr, staffCsv, { deactivateMissing: true });
    expect(real).toEqual({ ...dry, applied: true });
    const gone = await store.db
      .selectFrom('people')
      .select('active')
      .where('id', '=', leaver.id)
      .executeTakeFirstOrThrow();
    expect(gone.active).toBe(false);
  });
});

describe('leavers', () => {
  it('are deactivated (never deleted) when missing from the file — but never the HR leader importing', async () => {
    const org = await orgWithHr();
    const team = await newUnit(store, org.id, org.root, 'Sales');
    const leavingManager = await newPerson(store, team, { role: 'manager', manages: [team] });
    const asLeaving = await client.signIn(leavingManager.email, testPassword);
    await newPerson(store, team, { email: 'stays@acme.test' });

    const kept = await reportOf(org.asHr, 'email,name,unit\nstays@acme.test,Stays,Sales\n');
    expect(kept.deactivated).toBe(0);
    expect((await asLeaving.get('/api/v1/units')).status).toBe(200);

    const report = await reportOf(org.asHr, 'email,name,unit\nstays@acme.test,Stays,Sales\n', {
      deactivateMissing: true,
    });
    expect(report).toMatchObject({ deactivated: 1, unchanged: 1 });
    const people = await peopleOf(org.id);
    expect(people).toHaveLength(3);
    expect(people.find((p) => p.email === leavingManager.email)?.active).toBe(false);
    expect(people.find((p) => p.email === org.hr.email)?.active).toBe(true);
    // A leaving manager is signed out and no longer manages anything.
    await expectError(await asLeaving.get('/api/v1/units'), 401, 'unauthenticated');
    const managed = await store.db
      .selectFrom('unitManagers')
      .selectAll()
      .where('personId', '=', leavingManager.id)
      .execute();
    expect(managed).toEqual([]);

    // Back in a later export: active again, counted as an update.
    const back = await reportOf(
      org.asHr,
      `email,name,unit\nstays@acme.test,Stays,Sales\n${leavingManager.email},Back,Sales\n`,
    );
    expect(back).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it('an import cannot take away the importing HR leader’s own access', async () => {
    const org = await orgWithHr();
    const report = await reportOf(org.asHr, `email,name,unit,role\n${org.hr.email},Me,Acme,employee\n`);
    expect(report.errors).toEqual([{ line: 2, reason: expect.stringMatching(/your own HR access/) }]);
    expect((await org.asHr.get('/api/v1/imports')).status).toBe(200);
  });
});

describe('jobs', () => {
  it('one import at a time per org; a job left running by a stopped process is failed at startup', async () => {
    const org = await orgWithHr();
    const stuck = await store.db
      .insertInto('imports')
      .values({ orgId: org.id, createdBy: org.hr.id, dryRun: false, allOrNothing: false, state: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expectError(
      await org.asHr.request('POST', '/api/v1/imports', { csv: staffCsv, ...options }),
      409,
      'conflict',
    );
    expect(await failInterruptedImports(store.db)).toBeGreaterThanOrEqual(1);
    const job = (await (await org.asHr.get(`/api/v1/imports/${stuck.id}`)).json()) as ImportJob;
    expect(job).toMatchObject({ state: 'failed', failure: expect.stringMatching(/restarted/) });
    expect((await reportOf(org.asHr, staffCsv)).created).toBe(4);
  });
});

describe('who may import', () => {
  let org: Org;
  let asManager: StaffClient;
  let otherJob: ImportJob;
  beforeAll(async () => {
    org = await orgWithHr();
    const manager = await newPerson(store, org.root, { role: 'manager', manages: [org.root] });
    asManager = await client.signIn(manager.email, testPassword);
    const other = await orgWithHr('Other');
    otherJob = await runImport(other.asHr, 'email,name,unit\nx@other.test,X,Team\n');
  });

  it.each([
    ['POST', '/api/v1/imports'],
    ['GET', '/api/v1/imports'],
  ])('a manager gets 403 on %s %s', async (method, path) => {
    const body = method === 'POST' ? { csv: staffCsv, ...options } : undefined;
    await expectError(await asManager.request(method, path, body), 403, 'forbidden');
    expect(await peopleOf(org.id)).toHaveLength(2);
  });

  it('an unauthenticated caller gets 401', async () => {
    await expectError(await client.postJson('/api/v1/imports', { csv: staffCsv, ...options }), 401, 'unauthenticated');
  });

  it("an HR leader gets 404 for another org's import", async () => {
    await expectError(await org.asHr.get(`/api/v1/imports/${otherJob.id}`), 404, 'not_found');
  });

  it.each([
    ['an empty file', { csv: '' }, ['csv']],
    ['a non-boolean dryRun', { csv: 'a', dryRun: 'yes' }, ['dryRun']],
  ])('refuses %s (400 with the field)', async (_, body, path) => {
    const error = await expectError(await org.asHr.request('POST', '/api/v1/imports', body), 400, 'invalid_input');
    expect(error.error.details).toMatchObject({ issues: [expect.objectContaining({ path })] });
  });
});
