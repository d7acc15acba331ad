import { describe, expect, it } from 'vitest';
import { linkParts } from './links.ts';

describe('linkParts', () => {
  it('finds the links of a mail body, leaving sentence punctuation out', () => {
    const text = 'Open http://localhost:8787/reset-password#token=o.s_e-c within an hour.\nOr see https://x.test/a).';
    expect(linkParts(text)).toEqual([
      { text: 'Open ' },
      {
        text: 'http://localhost:8787/reset-password#token=o.s_e-c',
        href: 'http://localhost:8787/reset-password#token=o.s_e-c',
      },
      { text: ' within an hour.\nOr see ' },
      { text: 'https://x.test/a', href: 'https://x.test/a' },
      { text: ').' },
    ]);
  });

  it('leaves text without links whole, and other schemes alone', () => {
    expect(linkParts('javascript:alert(1) and ftp://x')).toEqual([{ text: 'javascript:alert(1) and ftp://x' }]);
    expect(linkParts('')).toEqual([]);
  });
});
