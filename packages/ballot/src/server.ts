import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import { fromBase64Url, toBase64Url } from './encoding.ts';

/**
 * The server's side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized) with node:crypto's native RSA:
 * signing is one raw RSA private operation (~0.4 ms, off the JS heap), where a pure-JS blindSign
 * takes hundreds of milliseconds on the event loop.
 */
export const modulusBytes = 256; // RSA-2048
const saltLength = 48; // SHA-384's output length, as RFC 9474's PSS variants use

export interface CohortKeyPair {
  /** SubjectPublicKeyInfo, DER, base64url: what the manifest publishes. */
  publicKeySpki: string;
  /** PKCS#8, DER: to be encrypted before it is stored. */
  privateKeyPkcs8: Uint8Array;
}

export async function generateCohortKey(): Promise<CohortKeyPair> {
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
  });
  return {
    publicKeySpki: toBase64Url(publicKey.export({ type: 'spki', format: 'der' })),
    privateKeyPkcs8: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
}

export function loadPrivateKey(pkcs8: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
}

export function loadPublicKey(spki: string): KeyObject {
  return createPublicKey({ key: Buffer.from(fromBase64Url(spki)), format: 'der', type: 'spki' });
}

export class BallotError extends Error {}

/**
 * Signs a blinded message: s = mᵈ mod n, then checks sᵉ mod n = m (RFC 9474 §4.3: a faulty
 * signature must never leave the server, it could leak the key).
 */
export function signBlinded(privateKey: KeyObject, publicKey: KeyObject, blinded: Uint8Array): Uint8Array {
  if (blinded.length !== modulusBytes) throw new BallotError(`a blinded message is ${modulusBytes} bytes`);
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, blinded);
  } catch {
    // OpenSSL refuses m ≥ n: not a message a genuine client could have blinded.
    throw new BallotError('the blinded message is out of range');
  }
  const check = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  if (!check.equals(blinded)) throw new Error('blind signature self-check failed');
  return new Uint8Array(signature);
}

/** Verifies a finalized ballot: an RSASSA-PSS (SHA-384, 48-byte salt) signature of the prepared message. */
export function verifyBallot(publicKey: KeyObject, prepared: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== modulusBytes) return false;
  return verify(
    'sha384',
    prepared,
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
    signature,
  );
}

/** The nullifier of a ballot: one response per signed message, without knowing whose it is. */
export function nullifierOf(prepared: Uint8Array): string {
  return createHash('sha256').update(prepared).digest('base64url');
}

export { fromBase64Url, toBase64Url };
