import { describe, expect, it } from 'vitest';
import { commentCaution, seemsToNamePerson, sensitiveWordsIn } from './comment-caution.ts';

describe('seemsToNamePerson', () => {
  it.each([
    'I spoke to Marie Dupont about it.',
    'the meeting with Jean-Pierre Martin went badly',
    'Mme Durand never answers.',
    'Ask M. Durand, he knows.',
    'Mr Smith and the team',
    'My manager, Dr. Watson, said no.',
    'cc @jdoe on this',
    'write to marie.dupont@example.com',
    'Since Monday, Anne Martin has been alone.',
  ])('hears a name in “%s”', (text) => {
    expect(seemsToNamePerson(text)).toBe(true);
  });

  it.each([
    '',
    'Workload is too high since the reorganisation.',
    // The capital of a sentence's first word says nothing.
    'More time for training. Better tools would help.',
    'Thanks. Great team, great onboarding.',
    // Acronyms and the English "I" are not names.
    'I think HR IT support is slow. I Love it.',
    'We moved the stand-up to Monday March 3.',
    // An address is not an @mention.
    'the @ sign, and email me@',
    // A title needs a capitalised word after it: "mme" alone, or a French "m." in a word.
    'la réunion de 9 h. m. ok',
    // Across punctuation the two capitals are not one name.
    'We use Slack, Jira and Teams.',
  ])('hears no name in “%s”', (text) => {
    expect(seemsToNamePerson(text)).toBe(false);
  });

  it('does not take a title’s full stop for the end of a sentence', () => {
    // After "M." the sentence goes on, so "Marie Curie" is not at a sentence start.
    expect(seemsToNamePerson('Thanks to M. and Marie Curie')).toBe(true);
  });
});

describe('sensitiveWordsIn', () => {
  const list = ['harcèlement', 'Safety', 'unsafe', 'mise en danger'];

  it('finds whole listed words whatever their case and accents, as the list spells them', () => {
    expect(sensitiveWordsIn('Il y a du HARCELEMENT ici, et la safety est négligée.', list)).toEqual([
      'harcèlement',
      'Safety',
    ]);
  });

  it('finds a listed phrase across punctuation', () => {
    expect(sensitiveWordsIn('une mise-en danger répétée', list)).toEqual(['mise en danger']);
  });

  it('ignores a listed word inside another word', () => {
    expect(sensitiveWordsIn('The unsafety of it; safetynet', list)).toEqual([]);
  });

  it('reports each word once', () => {
    expect(sensitiveWordsIn('unsafe, unsafe, UNSAFE', list)).toEqual(['unsafe']);
  });
});

describe('commentCaution', () => {
  it('has nothing to say about an empty comment', () => {
    expect(commentCaution('   ', ['safety'])).toEqual({ namesPerson: false, words: [] });
  });

  it('says both what names someone and which listed words it uses', () => {
    expect(commentCaution('I told Paul Martin it was a safety issue.', ['safety'])).toEqual({
      namesPerson: true,
      words: ['safety'],
    });
  });
});
