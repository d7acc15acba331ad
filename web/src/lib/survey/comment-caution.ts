import { normalizeText } from '@insideout/core';

/** What in a comment being written may single someone out; the page warns, it never blocks. */
export interface CommentCaution {
  /** The comment seems to name a person (a full name, a title and a name, an @mention, an e-mail address). */
  namesPerson: boolean;
  /** The words of the org's list found in it, as the list spells them. */
  words: string[];
}

// Titles before a name, in English and French, written without their full stop.
const titles = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'monsieur',
  'madame',
  'mademoiselle',
  'pr',
]);
// A lone capital M is a title only with its full stop ("M. Durand"), never a sentence end then.
const titlesWithStop = new Set(['m', 'mm']);
// Capitalised in English prose without being anyone's name.
const notNames = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

const token = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|[.!?…]+|\n/gu;
const capitalised = /^\p{Lu}\p{Ll}/u;
const spaceOnly = /^[ \t\u00a0]+$/;
const titleGap = /^\.?[ \t\u00a0]+$/;
const mention = /(?:^|[^\p{L}\p{N}._%+-])@[\p{L}\p{N}._-]{2,}/u;
const email = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

interface Word {
  text: string;
  start: number;
  end: number;
  /** First word of a sentence: its capital says nothing about a name. */
  sentenceStart: boolean;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let sentenceStart = true;
  for (const match of text.matchAll(token)) {
    const value = match[0];
    const start = match.index;
    if (/^[\p{L}\p{M}]/u.test(value)) {
      words.push({ text: value, start, end: start + value.length, sentenceStart });
      sentenceStart = false;
      continue;
    }
    // "M. Durand", "Dr. Smith": the full stop of a title does not end the sentence.
    const previous = words.at(-1);
    const titleStop = value === '.' && previous?.end === start && isTitleWord(previous.text, true);
    if (!titleStop) sentenceStart = true;
  }
  return words;
}

function isTitleWord(word: string, stopAfter: boolean): boolean {
  const lower = word.toLowerCase();
  return titles.has(lower) || (stopAfter && word === word.toUpperCase() && titlesWithStop.has(lower));
}

const isCapitalised = (word: Word) => capitalised.test(word.text) && !notNames.has(word.text.toLowerCase());

/**
 * Whether a comment looks like it names someone: two capitalised words in a row that do not open a
 * sentence ("I spoke to Marie Dupont"), a title before a capitalised word ("Mme Durand", "M. Durand",
 * "Mr Smith"), an @mention or an e-mail address. A heuristic on purpose: it may warn about a place
 * ("New York") and miss a lone first name. The server checks the directory itself.
 */
export function seemsToNamePerson(text: string): boolean {
  if (mention.test(text) || email.test(text)) return true;
  const words = wordsOf(text);
  for (let index = 1; index < words.length; index++) {
    const previous = words[index - 1] as Word;
    const word = words[index] as Word;
    if (!isCapitalised(word)) continue;
    const gap = text.slice(previous.end, word.start);
    if (titleGap.test(gap) && isTitleWord(previous.text, gap.startsWith('.'))) return true;
    if (spaceOnly.test(gap) && !previous.sentenceStart && isCapitalised(previous)) return true;
  }
  return false;
}

/** The words of the org's list found in the text, whole words, case and accents ignored. */
export function sensitiveWordsIn(text: string, sensitiveWords: readonly string[]): string[] {
  const padded = ` ${normalizeText(text)} `;
  const found = sensitiveWords.filter((word) => {
    const normalized = normalizeText(word);
    return normalized.length > 0 && padded.includes(` ${normalized} `);
  });
  return [...new Set(found)];
}

/** Everything the survey page warns about for one comment. */
export function commentCaution(text: string, sensitiveWords: readonly string[]): CommentCaution {
  if (text.trim() === '') return { namesPerson: false, words: [] };
  return { namesPerson: seemsToNamePerson(text), words: sensitiveWordsIn(text, sensitiveWords) };
}
