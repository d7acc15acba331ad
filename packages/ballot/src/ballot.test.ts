import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { describe, expect, it } from 'vitest';
import { blindBallot, finalizeBallot, fromBase64Url } from './client.ts';
import {
  BallotError,
  generateCohortKey,
  loadPrivateKey,
  loadPublicKey,
  nullifierOf,
  signBlinded,
  verifyBallot,
} from './server.ts';

const cohort = await generateCohortKey();
const other = await generateCohortKey();
const privateKey = loadPrivateKey(cohort.privateKeyPkcs8);
const publicKey = loadPublicKey(cohort.publicKeySpki);

async function issueBallot(key = cohort) {
  const ballot = await blindBallot(key.publicKeySpki);
  const blindSignature = signBlinded(
    loadPrivateKey(key.privateKeyPkcs8),
    loadPublicKey(key.publicKeySpki),
    ballot.blinded,
  );
  const finalized = await finalizeBallot(key.publicKeySpki, ballot, blindSignature);
  return { ballot, blindSignature, ...finalized };
}

describe('blind-signed ballots (RFC 9474, RSABSSA-SHA384-PSS-Randomized)', () => {
  it('verify under the cohort key after unblinding', async () => {
    const { message, signature } = await issueBallot();
    expect(verifyBallot(publicKey, fromBase64Url(message), fromBase64Url(signature))).toBe(true);
  });

  it('verify with the reference implementation too', async () => {
    const { message, signature } = await issueBallot();
    const key = await crypto.subtle.importKey(
      'spki',
      fromBase64Url(cohort.publicKeySpki) as Uint8Array<ArrayBuffer>,
      { name: 'RSA-PSS', hash: 'SHA-384' },
      true,
      ['verify'],
    );
    const valid = await RSABSSA.SHA384.PSS.Randomized().verify(key, fromBase64Url(signature), fromBase64Url(message));
    expect(valid).toBe(true);
  });

  it('are unlinkable: what the server signed shares nothing with what is submitted', async () => {
    const { ballot, blindSignature, message, signature } = await issueBallot();
    const seen = Buffer.from(ballot.blinded).toString('hex') + Buffer.from(blindSignature).toString('hex');
    const submitted = [Buffer.from(fromBase64Url(message)), Buffer.from(fromBase64Url(signature))];
    for (const bytes of submitted) {
      // No 8-byte run of the submitted values appears in what the server saw at issuance.
      for (let i = 0; i + 8 <= bytes.length; i += 8)
        expect(seen).not.toContain(bytes.subarray(i, i + 8).toString('hex'));
    }
  });

  it('are refused when forged, tampered with, or signed by another cohort', async () => {
    const { message, signature } = await issueBallot();
    const tamperedMessage = fromBase64Url(message);
    tamperedMessage[0] = (tamperedMessage[0] ?? 0) ^ 1;
    expect(verifyBallot(publicKey, tamperedMessage, fromBase64Url(signature))).toBe(false);
    expect(verifyBallot(publicKey, fromBase64Url(message), new Uint8Array(256))).toBe(false);
    expect(verifyBallot(publicKey, fromBase64Url(message), new Uint8Array(12))).toBe(false);

    const foreign = await issueBallot(other);
    expect(verifyBallot(publicKey, fromBase64Url(foreign.message), fromBase64Url(foreign.signature))).toBe(false);
  });

  it('refuses to sign what no client could have blinded', () => {
    expect(() => signBlinded(privateKey, publicKey, new Uint8Array(10))).toThrow(BallotError);
    expect(() => signBlinded(privateKey, publicKey, new Uint8Array(256).fill(0xff))).toThrow(BallotError);
  });

  it('give each ballot its own nullifier', async () => {
    const [a, b] = await Promise.all([issueBallot(), issueBallot()]);
    expect(nullifierOf(fromBase64Url(a.message))).not.toBe(nullifierOf(fromBase64Url(b.message)));
    expect(nullifierOf(fromBase64Url(a.message))).toBe(nullifierOf(fromBase64Url(a.message)));
  });
});
