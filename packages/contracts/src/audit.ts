import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actor: z.object({ id: z.uuid().nullable(), label: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` to read older entries; null when there are none. */
  nextBefore: z.number().int().nullable(),
});

export const AuditQuery = z.object({
  action: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OutboxMessage = z.object({
  id: z.uuid(),
  /** Null when withheld. */
  to: z.string().nullable(),
  subject: z.string(),
  /** Null when withheld. */
  text: z.string().nullable(),
  /**
   * Mail only its recipient may read (a consent request to an introduced contact): its recipient
   * and text are withheld, and the subject says what it is without naming anyone.
   */
  withheld: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const Outbox = z.object({ messages: z.array(OutboxMessage) });
