import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Every server secret derives from one master key (SECRET_KEY) with HKDF, one subkey per purpose:
 * sealing the cohorts' private ballot keys at rest, and deriving invitation tokens (so a link can
 * be exported again without storing it: only its hash is in the database).
 */
export interface Keyring {
  sealCohortKey(pkcs8: Uint8Array): string;
  openCohortKey(sealed: string): Uint8Array;
  invitationToken(orgId: string, pulseId: string, personId: string): string;
  /** Seals a webhook's signing secret at rest: unlike a password it must be read back, to sign. */
  sealWebhookSecret(secret: string): string;
  openWebhookSecret(sealed: string): string;
}

export function createKeyring(master: Uint8Array): Keyring {
  if (master.length < 32) throw new Error('SECRET_KEY must hold at least 32 bytes');
  const subkey = (purpose: string) => Buffer.from(hkdfSync('sha256', master, 'insideout', purpose, 32));
  const sealing = subkey('cohort-key-sealing');
  const invitations = subkey('invitation-tokens');
  const webhookSecrets = subkey('webhook-secret-sealing');
  return {
    sealCohortKey: (pkcs8) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealing, iv);
      const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    openCohortKey: (sealed) => {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown sealed key format');
      const decipher = createDecipheriv('aes-256-gcm', sealing, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
    },
    invitationToken: (orgId, pulseId, personId) =>
      createHmac('sha256', invitations).update(`${orgId}/${pulseId}/${personId}`).digest('base64url'),
    sealWebhookSecret: (secret) => sealWith(webhookSecrets, Buffer.from(secret, 'utf8')),
    openWebhookSecret: (sealed) => Buffer.from(openWith(webhookSecrets, sealed)).toString('utf8'),
  };
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
function sealWith(key: Buffer, plain: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

function openWith(key: Buffer, sealed: string): Uint8Array {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown sealed format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
}

/**
 * SECRET_KEY (base64 or hex, ≥ 32 bytes) from the environment. Without it, outside production, a
 * key is generated once into DATA_DIR/secret.key so a development store keeps working across
 * restarts; in production its absence stops the start.
 */
export function loadMasterKey(env: {
  SECRET_KEY?: string | undefined;
  DATA_DIR: string;
  production: boolean;
}): Uint8Array {
  if (env.SECRET_KEY) return decodeKey(env.SECRET_KEY);
  if (env.production)
    throw new Error('SECRET_KEY is required in production (32 random bytes, base64): `openssl rand -base64 32`');
  const dir = resolve(env.DATA_DIR);
  const path = join(dir, 'secret.key');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return decodeKey(readFileSync(path, 'utf8').trim());
}

function decodeKey(text: string): Uint8Array {
  const bytes =
    /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.length < 32) throw new Error('SECRET_KEY must hold at least 32 bytes (base64 or hex)');
  return new Uint8Array(bytes);
}
