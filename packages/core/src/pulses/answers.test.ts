import { describe, expect, it } from 'vitest';
import { checkAnswers, type ItemRule } from './answers.ts';

const items: ItemRule[] = [
  { position: 0, kind: 'likert5', required: true },
  { position: 1, kind: 'nps11', required: false },
  { position: 2, kind: 'text', required: false },
];

describe('checkAnswers', () => {
  it('accepts a complete, in-range response and a skipped optional item', () => {
    expect(
      checkAnswers(
        items,
        [
          { position: 0, value: 5 },
          { position: 1, value: 0 },
        ],
        [{ position: 2 }],
      ),
    ).toEqual([]);
    expect(checkAnswers(items, [{ position: 0, value: 1 }], [])).toEqual([]);
  });

  it.each([
    ['a Likert value of 6', [{ position: 0, value: 6 }], [], ['answers', 0, 'value']],
    [
      'an eNPS value of 11',
      [
        { position: 0, value: 3 },
        { position: 1, value: 11 },
      ],
      [],
      ['answers', 1, 'value'],
    ],
    ['a missing required item', [{ position: 1, value: 7 }], [], ['answers']],
    [
      'an unknown item',
      [
        { position: 0, value: 3 },
        { position: 9, value: 3 },
      ],
      [],
      ['answers', 1, 'position'],
    ],
    [
      'the same item twice',
      [
        { position: 0, value: 3 },
        { position: 0, value: 4 },
      ],
      [],
      ['answers', 1],
    ],
    [
      'a value for a text item',
      [
        { position: 0, value: 3 },
        { position: 2, value: 3 },
      ],
      [],
      ['answers', 1],
    ],
    ['a comment on an unknown item', [{ position: 0, value: 3 }], [{ position: 7 }], ['comments', 0, 'position']],
  ])('refuses %s, pointing at it', (_what, answers, comments, path) => {
    expect(checkAnswers(items, answers, comments).map((p) => p.path)).toContainEqual(path);
  });
});
