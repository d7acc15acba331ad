import type { Db, Role } from '@insideout/db';
import type { RequestIdVariables } from 'hono/request-id';
import type { Keyring } from '../crypto/keyring.ts';
import type { Mailer } from '../mail/mailer.ts';

/** The signed-in staff member a request acts for. */
export interface Actor {
  orgId: string;
  personId: string;
  role: Role;
  displayName: string;
  email: string;
  /** Materialised paths of the units this person manages: their scope as a manager. */
  managedPaths: string[];
  csrfToken: string;
  sessionHash: string;
}

/** What the app is built from; handlers reach it through `c.var.services`. */
export interface Services {
  store: Db;
  mailer: Mailer;
  keyring: Keyring;
  /** Where people reach the web app, for links in e-mails (no trailing slash). */
  publicUrl: string;
  session: { idleMinutes: number; absoluteHours: number };
  /** The clock; tests of expiry replace it. */
  now: () => Date;
}

export interface AppEnv {
  Variables: RequestIdVariables & {
    services: Services;
    actor: Actor | undefined;
  };
}
