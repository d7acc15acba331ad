import type { ImportJob, ImportReport } from '@insideout/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { type ImportOptions, ImportRun } from './import-run.svelte.ts';

const report: ImportReport = {
  rows: 3,
  created: 2,
  updated: 0,
  unchanged: 0,
  deactivated: 0,
  unitsCreated: ['Sales/France'],
  errors: [{ line: 3, reason: 'bad e-mail' }],
  applied: false,
};

const job = (overrides: Partial<ImportJob> = {}): ImportJob => ({
  id: '00000000-0000-4000-8000-000000000001',
  state: 'running',
  dryRun: true,
  totalRows: 0,
  processedRows: 0,
  report: null,
  failure: null,
  createdAt: '2026-11-21T10:00:00.000Z',
  ...overrides,
});

const dryRun: ImportOptions = { dryRun: true, allOrNothing: false, deactivateMissing: false };
const down = new ApiRequestError({ status: 0, code: 'network', message: 'offline' });

/** An import API whose successive progress answers the test scripts. */
function fakeApi(progress: (ImportJob | Error)[]) {
  return {
    startImport: vi.fn(async (request: { dryRun: boolean }) => job({ dryRun: request.dryRun })),
    importJob: vi.fn(async () => {
      const next = progress.shift();
      if (!next) throw new Error('no more progress scripted');
      if (next instanceof Error) throw next;
      return next;
    }),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ImportRun', () => {
  it('sends the file, follows the job every 500 ms, then shows the report', async () => {
    const api = fakeApi([
      job({ totalRows: 3, processedRows: 1 }),
      job({ state: 'done', totalRows: 3, processedRows: 3, report }),
    ]);
    const run = new ImportRun(api);

    await run.start('email,name,unit\n…', dryRun);
    expect(api.startImport).toHaveBeenCalledWith({ csv: 'email,name,unit\n…', ...dryRun });
    expect(run.busy).toBe(true);
    expect(run.progress).toBeNull();

    await vi.advanceTimersByTimeAsync(499);
    expect(api.importJob).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run.progress).toEqual({ value: 1, max: 3 });

    await vi.advanceTimersByTimeAsync(500);
    expect(run.job?.state).toBe('done');
    expect(run.job?.report?.errors).toEqual([{ line: 3, reason: 'bad e-mail' }]);
    expect(run.busy).toBe(false);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.importJob).toHaveBeenCalledTimes(2);
  });

  it('imports the same file for real after a dry run', async () => {
    const api = fakeApi([job({ state: 'done', report })]);
    const run = new ImportRun(api);
    await run.start('the file', dryRun);
    expect(run.canImportForReal).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(run.canImportForReal).toBe(true);

    await run.importForReal();

    expect(api.startImport).toHaveBeenLastCalledWith({ csv: 'the file', ...dryRun, dryRun: false });
    expect(run.options?.dryRun).toBe(false);
    expect(run.canImportForReal).toBe(false);
  });

  it('does not offer a real import after a real one', async () => {
    const api = fakeApi([job({ state: 'done', dryRun: false, report: { ...report, applied: true } })]);
    const run = new ImportRun(api);
    await run.start('the file', { ...dryRun, dryRun: false });
    await vi.advanceTimersByTimeAsync(500);
    expect(run.job?.state).toBe('done');
    expect(run.canImportForReal).toBe(false);
  });

  it('rides out a failed progress check, and reports failures that last', async () => {
    const api = fakeApi([down, job({ totalRows: 3, processedRows: 2 }), down, down, down]);
    const run = new ImportRun(api, { maxFailures: 3 });
    await run.start('the file', dryRun);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(run.error).toBeNull();
    expect(run.progress).toEqual({ value: 2, max: 3 });

    await vi.advanceTimersByTimeAsync(1_500);
    expect(run.error).toBe(down);
    expect(api.importJob).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.importJob).toHaveBeenCalledTimes(5);
  });

  it('follows the job again on demand after giving up', async () => {
    const api = fakeApi([down, job({ state: 'done', report })]);
    const run = new ImportRun(api, { maxFailures: 1 });
    await run.start('the file', dryRun);
    await vi.advanceTimersByTimeAsync(500);
    expect(run.error).toBe(down);

    run.resume();
    expect(run.error).toBeNull();
    await vi.advanceTimersByTimeAsync(500);
    expect(run.job?.state).toBe('done');
  });

  it('reports a refused import and starts nothing', async () => {
    const conflict = new ApiRequestError({ status: 409, code: 'conflict', message: 'another import runs' });
    const run = new ImportRun({
      startImport: async () => {
        throw conflict;
      },
      importJob: vi.fn(),
    });
    await run.start('the file', dryRun);
    expect(run.error).toBe(conflict);
    expect(run.job).toBeNull();
    expect(run.busy).toBe(false);
  });

  it('stops following the job when the page is left', async () => {
    const api = fakeApi([job({ totalRows: 3, processedRows: 1 })]);
    const run = new ImportRun(api);
    await run.start('the file', dryRun);
    run.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.importJob).not.toHaveBeenCalled();
  });
});
