import { ErrorEnvelope, Id } from '@insideout/contracts';
import { z } from 'zod';

/** Pieces of route declarations shared by every feature's routes. */
export const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});
export const body = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const error = (description: string) => body(ErrorEnvelope, description);
export const idParam = z.object({ id: Id });
