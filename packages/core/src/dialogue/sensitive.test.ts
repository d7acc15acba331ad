import { describe, expect, it } from 'vitest';
import { defaultSensitiveWords, findSensitive, nameIndex, normalizeText } from './sensitive.ts';

const names = nameIndex(['Marie-Claire Dupont', 'Jean Martin', 'Ann', 'Élodie de la Tour']);
const none = new Set<string>();

describe('sensitive comments', () => {
  it('finds a full name of the directory whatever the case, accents and hyphens', () => {
    expect(findSensitive('I spoke to marie claire DUPONT about it.', names, none, []).namesPerson).toBe(true);
    expect(findSensitive('Elodie de la Tour never answers', names, none, []).namesPerson).toBe(true);
    expect(findSensitive('Jean is great, Martin too', names, none, []).namesPerson).toBe(false);
  });

  it('finds a first name alone only among the people close to the comment, on whole words', () => {
    const close = new Set(['anne']);
    expect(findSensitive('Anne shouts at us', names, close, []).namesPerson).toBe(true);
    expect(findSensitive('The annex is cold', names, close, []).namesPerson).toBe(false);
    expect(findSensitive('Anne shouts at us', names, none, []).namesPerson).toBe(false);
  });

  it("finds the org's words, ignoring case and accents, and reports each once", () => {
    const found = findSensitive('HARCELEMENT et harcèlement; safety first', names, none, defaultSensitiveWords);
    expect(found.words).toEqual(['safety', 'harcèlement']);
    expect(findSensitive('Unsafety is not a word', names, none, defaultSensitiveWords).words).toEqual([]);
  });

  it('normalises text to lower-case words without accents', () => {
    expect(normalizeText("  L'Été, c'est -- TRÈS chaud!  ")).toBe('l ete c est tres chaud');
  });
});
