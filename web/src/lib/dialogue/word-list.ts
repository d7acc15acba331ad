/** The limits the API sets on the org's list of sensitive words. */
export const wordLimits = { min: 2, max: 60, count: 200 } as const;

/**
 * The words of a list as HR types it: one per line (commas also separate), trimmed, blank lines
 * dropped, each word once whatever its case.
 */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const part of text.split(/[\n,;]/)) {
    const word = part.trim().replace(/\s+/g, ' ');
    const key = word.toLocaleLowerCase();
    if (word === '' || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return words;
}

/** The words the API would refuse: too short or too long. */
export function invalidWords(words: readonly string[]): string[] {
  return words.filter((word) => word.length < wordLimits.min || word.length > wordLimits.max);
}

export function formatWordList(words: readonly string[]): string {
  return words.join('\n');
}
