import { z } from 'zod';

export const Role = z.enum(['employee', 'manager', 'hr_admin']);
export type Role = z.infer<typeof Role>;
export const staffRoles = ['manager', 'hr_admin'] as const satisfies readonly Role[];

export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((email) => email.toLowerCase());

/** Long passphrases welcome; no composition rules (NIST SP 800-63B), only length. */
export const NewPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

export const LoginRequest = z.object({
  email: Email,
  password: z.string().min(1, 'is required').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionInfo = z.object({
  person: z.object({
    id: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    role: Role,
  }),
  org: z.object({ id: z.uuid(), name: z.string() }),
  /** Send back as the `X-CSRF-Token` header on every write made with the session cookie. */
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupStatus = z.object({ needed: z.boolean() });

export const SetupRequest = z.object({
  orgName: z.string().trim().min(2).max(120),
  displayName: z.string().trim().min(1).max(120),
  email: Email,
  password: NewPassword,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

export const PasswordResetRequest = z.object({ email: Email });
export const PasswordResetConfirm = z.object({
  token: z.string().min(20).max(200),
  password: NewPassword,
});
