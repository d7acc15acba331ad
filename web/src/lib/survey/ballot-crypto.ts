import { blindBallot, finalizeBallot, fromBase64Url, keyFingerprint, toBase64Url } from '@insideout/ballot/client';

/** A blinded ballot request, base64url: what the device keeps until the signature arrives. */
export interface BallotRequest {
  prepared: string;
  blinded: string;
  inverse: string;
}

/** The ballot's cryptography (RFC 9474), in text form: the survey session deals in strings only. */
export interface BallotCrypto {
  blind(publicKey: string): Promise<BallotRequest>;
  /** Unblinds the server's signature; rejects when it does not verify under the key. */
  finalize(
    publicKey: string,
    request: BallotRequest,
    blindSignature: string,
  ): Promise<{ message: string; signature: string }>;
  fingerprint(publicKey: string): Promise<string>;
}

export const ballotCrypto: BallotCrypto = {
  async blind(publicKey) {
    const ballot = await blindBallot(publicKey);
    return {
      prepared: toBase64Url(ballot.prepared),
      blinded: toBase64Url(ballot.blinded),
      inverse: toBase64Url(ballot.inverse),
    };
  },
  finalize: (publicKey, request, blindSignature) =>
    finalizeBallot(
      publicKey,
      {
        prepared: fromBase64Url(request.prepared),
        blinded: fromBase64Url(request.blinded),
        inverse: fromBase64Url(request.inverse),
      },
      fromBase64Url(blindSignature),
    ),
  fingerprint: keyFingerprint,
};
