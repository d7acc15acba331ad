import { describe, expect, it } from 'vitest';
import { formatWordList, invalidWords, parseWordList } from './word-list.ts';

describe('the sensitive words list', () => {
  it('reads one word or phrase per line (or comma), trimmed, each once whatever its case', () => {
    expect(parseWordList(' harassment \n\nSafety, safety\nmise   en danger;Harassment\n')).toEqual([
      'harassment',
      'Safety',
      'mise en danger',
    ]);
  });

  it('finds the words the API would refuse', () => {
    expect(invalidWords(['ok', 'x', 'a'.repeat(61), 'a'.repeat(60)])).toEqual(['x', 'a'.repeat(61)]);
  });

  it('writes the list back one per line', () => {
    expect(parseWordList(formatWordList(['a b', 'cd']))).toEqual(['a b', 'cd']);
  });
});
