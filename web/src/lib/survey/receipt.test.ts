import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newReceiptCode, receiptHash } from './receipt.ts';

describe('receipt codes', () => {
  it('are four groups of four base32 characters, without look-alike letters', () => {
    const codes = Array.from({ length: 200 }, () => newReceiptCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('use every byte of randomness evenly', () => {
    const fixed = (bytes: Uint8Array) => bytes.map((_, i) => i * 33);
    expect(newReceiptCode(fixed)).toBe('0123-4567-89AB-CDEF');
  });

  it('hash to the 43-character base64url SHA-256 the API expects, of the canonical form', async () => {
    const hash = await receiptHash('abcd-efgh-jkmn-pqrs');
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash('sha256').update('ABCDEFGHJKMNPQRS').digest('base64url'));
    expect(await receiptHash('ABCD EFGH JKMN PQRS')).toBe(hash);
  });
});
