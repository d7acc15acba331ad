import type { MessageKey } from '../i18n/messages.ts';

/** The audit actions the catalogs name; any other code is shown as it is. */
export const auditActions = [
  'org.created',
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.password_reset_requested',
  'auth.password_changed',
  'unit.created',
  'unit.changed',
  'unit.deleted',
  'unit.managers_changed',
  'person.created',
  'person.changed',
  'directory.imported',
  'campaign.created',
  'campaign.changed',
  'campaign.checked',
  'campaign.launched',
  'campaign.launch_refused',
  'campaign.overridden',
  'campaign.paused',
  'campaign.completed',
  'campaign.cancelled',
  'gate_policy.changed',
  'webhook.created',
  'webhook.changed',
  'webhook.deleted',
] as const satisfies readonly string[];

export type AuditAction = (typeof auditActions)[number];

/** Filters of the audit page: a label and the action prefix it stands for. */
export const auditGroups = [
  { prefix: 'auth.', label: 'audit.group.auth' },
  { prefix: 'person.', label: 'audit.group.person' },
  { prefix: 'unit.', label: 'audit.group.unit' },
  { prefix: 'directory.', label: 'audit.group.directory' },
  { prefix: 'org.', label: 'audit.group.org' },
  { prefix: 'campaign.', label: 'audit.group.campaign' },
] as const satisfies readonly { prefix: string; label: MessageKey }[];

export function isKnownAction(action: string): action is AuditAction {
  return (auditActions as readonly string[]).includes(action);
}
