import { type ImportJob, ImportReport, type ImportRequest } from '@insideout/contracts';
import { type ImportFile, type ImportPlan, planImport, readImportFile } from '@insideout/core';
import type { Database, Db } from '@insideout/db';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit, staffActor } from '../audit/record.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { log } from '../http/log.ts';
import { writeImportPlan } from './import-writes.ts';
import { lockDirectory } from './queries.ts';

/** Who runs an import: the bench runs one without a session. */
type ImportActor = Pick<Actor, 'orgId' | 'personId' | 'displayName'>;
type ImportJobRow = Selectable<Database['imports']>;
type Request = Pick<ImportRequest, 'csv' | 'dryRun' | 'allOrNothing' | 'deactivateMissing'>;

/**
 * Records an import job and runs it in this process. The answer does not wait for the rows:
 * `finished` settles (never rejects) when the job is `done` or `failed`.
 */
export async function startImport(
  store: Db,
  actor: ImportActor,
  request: Request,
  now: () => Date = () => new Date(),
): Promise<{ job: ImportJob; finished: Promise<ImportJob | undefined> }> {
  const row = await store.db
    .insertInto('imports')
    .values({
      orgId: actor.orgId,
      createdBy: actor.personId,
      dryRun: request.dryRun,
      allOrNothing: request.allOrNothing,
      state: 'running',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'imports_one_running_uq')) {
        throw new ApiError('conflict', 'Another import of this organisation is still running: wait for it to finish.');
      }
      throw error;
    });
  const finished = runImport(store, row.id, actor, request, now)
    .then(() => getImport(store.db, actor.orgId, row.id))
    .catch((error: unknown) => {
      log.error('import job not readable after its run', { importId: row.id, error: String(error) });
      return undefined;
    });
  return { job: jobOf(row), finished };
}

async function runImport(store: Db, jobId: string, actor: ImportActor, request: Request, now: () => Date) {
  const { orgId } = actor;
  try {
    const file = readImportFile(request.csv);
    await store.db
      .updateTable('imports')
      .set({ totalRows: file.rows })
      .where('orgId', '=', orgId)
      .where('id', '=', jobId)
      .execute();
    if (request.dryRun) {
      const { plan } = await planAgainst(store.db, orgId, file, actor.personId, request.deactivateMissing);
      await finish(store.db, orgId, jobId, reportOf(plan, false));
      return;
    }
    // Progress is written beside the import's transaction, so readers see it before the commit.
    // The embedded PGlite has one connection, held by that transaction: there it is written at the end.
    const progress =
      store.kind === 'postgres'
        ? async (processedRows: number) => {
            await store.db
              .updateTable('imports')
              .set({ processedRows })
              .where('orgId', '=', orgId)
              .where('id', '=', jobId)
              .execute();
          }
        : async () => {};
    await store.db.transaction().execute(async (trx) => {
      await lockDirectory(trx, orgId);
      const { plan, unitPaths } = await planAgainst(trx, orgId, file, actor.personId, request.deactivateMissing);
      const apply = !(request.allOrNothing && plan.errors.length > 0);
      const report = reportOf(plan, apply);
      if (apply) {
        const settled = plan.errors.length + plan.unchanged;
        const at = now();
        const { noLongerStaff } = await writeImportPlan(trx, plan, {
          orgId,
          unitPaths,
          now: at,
          progress: (written) => progress(settled + written),
        });
        await recordAudit(trx, {
          orgId,
          actor: staffActor(actor),
          action: 'directory.imported',
          target: { type: 'import', id: jobId },
          details: {
            ...countsOf(report),
            unitsCreated: report.unitsCreated.length,
            errors: report.errors.length,
            noLongerStaff,
          },
        });
      }
      await finish(trx, orgId, jobId, report);
    });
  } catch (error) {
    log.error('import failed', { importId: jobId, error: error instanceof Error ? error.message : String(error) });
    await store.db
      .updateTable('imports')
      .set({ state: 'failed', failure: 'The import stopped on an unexpected error; nothing of it was written.' })
      .where('orgId', '=', orgId)
      .where('id', '=', jobId)
      .execute();
  }
}

async function planAgainst(
  db: Kysely<Database>,
  orgId: string,
  file: ImportFile,
  importerId: string,
  deactivateMissing: boolean,
) {
  const [units, people] = await Promise.all([
    db.selectFrom('units').select(['id', 'parentId', 'name', 'path']).where('orgId', '=', orgId).execute(),
    db
      .selectFrom('people')
      .select(['id', 'email', 'displayName', 'unitId', 'role', 'attributes', 'active'])
      .where('orgId', '=', orgId)
      .execute(),
  ]);
  const root = units.find((unit) => unit.parentId === null);
  if (!root) throw new Error(`org ${orgId} has no root unit`);
  const plan = planImport({ file, rootId: root.id, units, people, importerId, deactivateMissing });
  return { plan, unitPaths: new Map(units.map((unit) => [unit.id, unit.path])) };
}

function reportOf(plan: ImportPlan, applied: boolean): ImportReport {
  return {
    rows: plan.rows,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    deactivated: plan.deactivations.length,
    unitsCreated: plan.unitsToCreate.map((unit) => unit.path),
    errors: plan.errors,
    applied,
  };
}

function countsOf({ rows, created, updated, unchanged, deactivated, applied }: ImportReport) {
  return { rows, created, updated, unchanged, deactivated, applied };
}

async function finish(db: Kysely<Database>, orgId: string, jobId: string, report: ImportReport) {
  await db
    .updateTable('imports')
    .set({ state: 'done', processedRows: report.rows, totalRows: report.rows, report: { ...report } })
    .where('orgId', '=', orgId)
    .where('id', '=', jobId)
    .execute();
}

/**
 * Marks the jobs a stopped process left `running` as failed. Their writes, made in one
 * transaction that never committed, are already gone. Call once at startup, before serving.
 */
export async function failInterruptedImports(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable('imports')
    .set({ state: 'failed', failure: 'The server restarted while this import was running; nothing of it was written.' })
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getImport(db: Kysely<Database>, orgId: string, id: string): Promise<ImportJob> {
  const row = await db
    .selectFrom('imports')
    .selectAll()
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError('not_found', 'No such import.');
  return jobOf(row);
}

export async function listImports(db: Kysely<Database>, orgId: string): Promise<ImportJob[]> {
  const rows = await db
    .selectFrom('imports')
    .selectAll()
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();
  return rows.map(jobOf);
}

function jobOf(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    state: row.state,
    dryRun: row.dryRun,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    report: row.report === null ? null : ImportReport.parse(row.report),
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    error.constraint === constraint
  );
}
