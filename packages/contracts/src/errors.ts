import { z } from 'zod';
import { errorCodes } from './error-codes.ts';

export { type ErrorCode, errorCodes, errorStatus } from './error-codes.ts';

/** One problem with one field of the input: `path` locates it (`["answers", 2, "value"]`). */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .meta({ description: 'Every error the API returns has this shape.' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
