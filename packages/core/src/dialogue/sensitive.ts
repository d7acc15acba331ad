/**
 * Finds what makes a comment sensitive (flagged to HR leaders): a person of the directory named in
 * it, or a word of the org's list. Matching ignores case, accents and punctuation, and works on
 * whole words, so "Anne" does not match "annex" and "harcèlement" matches "HARCELEMENT".
 */
export const defaultSensitiveWords: readonly string[] = [
  'harassment',
  'harassed',
  'bullying',
  'discrimination',
  'racism',
  'sexism',
  'assault',
  'abuse',
  'threat',
  'unsafe',
  'safety',
  'injury',
  'harcèlement',
  'harcelé',
  'racisme',
  'sexisme',
  'agression',
  'abus',
  'menace',
  'sécurité',
  'danger',
  'blessure',
];

/** Lower case, accents removed, every run of non-letters and non-digits one space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface NameIndex {
  /** Normalised full names, e.g. "marie dupont". */
  fullNames: ReadonlySet<string>;
  longestName: number;
}

/** The directory's full names, indexed for `findSensitive`. Names of a single word are skipped. */
export function nameIndex(displayNames: Iterable<string>): NameIndex {
  const fullNames = new Set<string>();
  let longestName = 0;
  for (const name of displayNames) {
    const normalized = normalizeText(name);
    const words = normalized.split(' ').length;
    if (words < 2) continue;
    fullNames.add(normalized);
    longestName = Math.max(longestName, words);
  }
  return { fullNames, longestName };
}

export interface SensitiveFindings {
  namesPerson: boolean;
  words: string[];
}

/**
 * What in `text` is sensitive. `firstNames` are the first names of the people close to the
 * comment (its group and their managers): a first name alone names someone only among them.
 */
export function findSensitive(
  text: string,
  names: NameIndex,
  firstNames: ReadonlySet<string>,
  sensitiveWords: readonly string[],
): SensitiveFindings {
  const words = normalizeText(text).split(' ');
  const padded = ` ${words.join(' ')} `;
  let namesPerson = words.some((word) => word.length >= 3 && firstNames.has(word));
  for (let start = 0; !namesPerson && start < words.length; start++) {
    for (let length = 2; length <= names.longestName && start + length <= words.length; length++) {
      if (names.fullNames.has(words.slice(start, start + length).join(' '))) {
        namesPerson = true;
        break;
      }
    }
  }
  const found = sensitiveWords.filter((word) => {
    const normalized = normalizeText(word);
    return normalized.length > 0 && padded.includes(` ${normalized} `);
  });
  return { namesPerson, words: [...new Set(found)] };
}
