import { type QuestionKind, valueRange } from './bank.ts';

export interface ItemRule {
  position: number;
  kind: QuestionKind;
  required: boolean;
}

export interface AnswerProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Checks a response's answers and comments against the pulse's items: each value in its item's
 * range, each required item answered, no item twice, comments only on items of the pulse.
 */
export function checkAnswers(
  items: readonly ItemRule[],
  answers: readonly { position: number; value: number }[],
  comments: readonly { position: number | null }[],
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byPosition = new Map(items.map((item) => [item.position, item]));
  const seen = new Set<number>();
  for (const [index, answer] of answers.entries()) {
    const item = byPosition.get(answer.position);
    const range = item ? valueRange[item.kind] : null;
    if (!item) problems.push({ path: ['answers', index, 'position'], message: 'is not an item of this pulse' });
    else if (seen.has(answer.position))
      problems.push({ path: ['answers', index], message: 'answers the same item twice' });
    else if (!range) problems.push({ path: ['answers', index], message: 'this item takes a comment, not a value' });
    else if (answer.value < range.min || answer.value > range.max) {
      problems.push({ path: ['answers', index, 'value'], message: `must be from ${range.min} to ${range.max}` });
    }
    seen.add(answer.position);
  }
  for (const item of items) {
    const answered =
      item.kind === 'text' ? comments.some((c) => c.position === item.position) : seen.has(item.position);
    if (item.required && !answered)
      problems.push({ path: ['answers'], message: `item ${item.position + 1} is required` });
  }
  comments.forEach((comment, index) => {
    if (comment.position !== null && !byPosition.has(comment.position)) {
      problems.push({ path: ['comments', index, 'position'], message: 'is not an item of this pulse' });
    }
  });
  return problems;
}
