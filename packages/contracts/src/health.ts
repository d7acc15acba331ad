import { z } from 'zod';

export const DatabaseKind = z.enum(['pglite', 'postgres']);

export const Health = z.object({
  status: z.literal('ok'),
  database: z.object({
    kind: DatabaseKind.meta({ description: '`pglite` for the embedded store, `postgres` for a PostgreSQL server.' }),
    migration: z.string().nullable().meta({ description: 'Name of the newest migration applied to the store.' }),
  }),
});
export type Health = z.infer<typeof Health>;
