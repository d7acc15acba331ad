import type { Database } from '@insideout/db';
import type { Kysely } from 'kysely';

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditEvent {
  orgId: string;
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. Pass the transaction of the change it records, so the entry
 * exists if and only if the change does. Never put a secret or a password in `details`.
 */
export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      orgId: event.orgId,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: event.details ?? {},
    })
    .execute();
}

export const systemActor: AuditActor = { id: null, label: 'InsideOut' };

/** The signed-in staff member as the audit log names them (their name at the time of the change). */
export function staffActor(actor: { personId: string; displayName: string }): AuditActor {
  return { id: actor.personId, label: actor.displayName };
}
