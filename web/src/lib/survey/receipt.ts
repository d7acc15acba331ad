import { canonicalReceiptCode } from '@insideout/core';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const groups = 4;
const groupLength = 4;

/**
 * A new receipt code, made on the device: 16 random base32 characters (80 bits) in groups of four,
 * such as `7KQ2-M9XD-4TRB-0HZF`. The server only ever sees its hash.
 */
export function newReceiptCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(groups * groupLength));
  // 256 is a multiple of 32: each byte's low five bits are uniform.
  const chars = Array.from(bytes, (byte) => alphabet[byte & 31]).join('');
  return (chars.match(new RegExp(`.{${groupLength}}`, 'g')) ?? []).join('-');
}

/** SHA-256 of the canonical code, base64url without padding (43 characters): the `receiptHash`. */
export async function receiptHash(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalReceiptCode(code)));
  return base64Url(new Uint8Array(digest));
}

/** SHA-256 of a text, base64url: how the device names what it keeps for an invitation. */
export async function sha256Base64Url(text: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
