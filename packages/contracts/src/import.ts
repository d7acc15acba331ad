import { z } from 'zod';

export const ImportRequest = z.object({
  /** The HR export: CSV, UTF-8 with or without BOM, `,` or `;` separated, quoted fields allowed. */
  csv: z
    .string()
    .min(1, 'the file is empty')
    .max(8 * 1024 * 1024, 'the file is larger than 8 MiB'),
  dryRun: z.boolean().default(false),
  /** Reject the whole file when any row is bad, instead of importing the good rows. */
  allOrNothing: z.boolean().default(false),
  /** Deactivate people present before but missing from this file (leavers). */
  deactivateMissing: z.boolean().default(true),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export const RowError = z.object({ line: z.number().int(), reason: z.string() });

export const ImportReport = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deactivated: z.number().int(),
  unitsCreated: z.array(z.string()),
  errors: z.array(RowError),
  /** False when nothing was written: a dry run, or an all-or-nothing import with errors. */
  applied: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportJob = z.object({
  id: z.uuid(),
  state: z.enum(['running', 'done', 'failed']),
  dryRun: z.boolean(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  report: ImportReport.nullable(),
  /** Why a `failed` job stopped; nothing of it was written. */
  failure: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportJobList = z.object({ imports: z.array(ImportJob) });
