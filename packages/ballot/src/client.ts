/// <reference lib="dom" />
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { fromBase64Url, toBase64Url } from './encoding.ts';

/**
 * The employee's side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized), run in the browser:
 * the server signs a blinded message it cannot read, so the signed ballot it later receives
 * cannot be matched to the person who asked for the signature.
 */
const suite = () => RSABSSA.SHA384.PSS.Randomized();

export interface BlindedBallot {
  /** The prepared message (random prefix ‖ random message): what is signed and later submitted. */
  prepared: Uint8Array;
  /** Sent to the server for signing. */
  blinded: Uint8Array;
  /** Stays on the device: unblinds the server's signature. */
  inverse: Uint8Array;
}

async function importPublicKey(spkiBase64Url: string): Promise<CryptoKey> {
  // Extractable: the library reads the modulus from the key's JWK form.
  return crypto.subtle.importKey(
    'spki',
    fromBase64Url(spkiBase64Url) as Uint8Array<ArrayBuffer>,
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
}

/** Makes a fresh random ballot and blinds it for the cohort key. */
export async function blindBallot(publicKeySpki: string): Promise<BlindedBallot> {
  const key = await importPublicKey(publicKeySpki);
  const message = crypto.getRandomValues(new Uint8Array(32));
  const prepared = suite().prepare(message);
  const { blindedMsg, inv } = await suite().blind(key, prepared);
  return { prepared, blinded: blindedMsg, inverse: inv };
}

/** Unblinds the server's signature; fails if the result does not verify under the cohort key. */
export async function finalizeBallot(publicKeySpki: string, ballot: BlindedBallot, blindSignature: Uint8Array) {
  const key = await importPublicKey(publicKeySpki);
  const signature = await suite().finalize(key, ballot.prepared, blindSignature, ballot.inverse);
  return { message: toBase64Url(ballot.prepared), signature: toBase64Url(signature) };
}

/** A short, human-comparable fingerprint of a public key (SHA-256, first 16 hex digits). */
export async function keyFingerprint(publicKeySpki: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', fromBase64Url(publicKeySpki) as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export { fromBase64Url, toBase64Url };
