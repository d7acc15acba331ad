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
  answers.forEach((answer, index) => {
    const item = byPosition.get(answer.position);
    if (!item) return problems.push({ path: ['answers', index, 'position'], message: 'is not an item of this pulse' });
    if (seen.has(answer.position))
      return problems.push({ path: ['answers', index], message: 'answers the same item twice' });
    seen.add(answer.position);
    const range = valueRange[item.kind];
    if (!range) return problems.push({ path: ['answers', index], message: 'this item takes a comment, not a value' });
    if (answer.value < range.min || answer.value > range.max) {
      problems.push({ path: ['answers', index, 'value'], message: `must be from ${range.min} to ${range.max}` });
    }
  });
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
