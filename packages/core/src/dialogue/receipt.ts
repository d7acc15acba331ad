/**
 * A receipt code as it is hashed: upper case, separators dropped, look-alikes (O, I, L) read as
 * digits, so a code read aloud or copied by hand still matches. The device hashes it before
 * submitting; the server hashes it again when the employee comes back with it.
 */
export function canonicalReceiptCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
