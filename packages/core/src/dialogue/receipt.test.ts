import { describe, expect, it } from 'vitest';
import { canonicalReceiptCode } from './receipt.ts';

describe('receipt codes', () => {
  it('read the same however they are typed back', () => {
    expect(canonicalReceiptCode(' abcd-efgh jkmn–pqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(canonicalReceiptCode('O1lI')).toBe('0111');
  });
});
