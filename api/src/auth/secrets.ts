import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP ASVS 4.0 (2.4.1) / OWASP cheat sheet: argon2id with m = 46 MiB, t = 1, p = 1.
// (`algorithm: 2` is Algorithm.Argon2id, a const enum that isolated modules cannot import.)
const argon2Options = { algorithm: 2, memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

// Verifying against this when the account does not exist takes as long as a real check, so the
// response time does not tell which e-mail addresses have accounts.
const absentAccountHash = hash(randomBytes(16).toString('hex'), argon2Options);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await absentAccountHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A secret token: 256 random bits, URL-safe. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Tokens handed out carry their org so the lookup stays within one tenant's keys:
 * `<org id>.<secret>`. The org id is not secret; the secret part is.
 */
export function composeToken(orgId: string, secret: string): string {
  return `${orgId}.${secret}`;
}

export function splitToken(value: string): { orgId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(value);
  return match?.[1] && match[2] ? { orgId: match[1], secret: match[2] } : null;
}
