import type { PulseItem, Submission } from '@insideout/contracts';

export const maxCommentLength = 2000;

/** The values an item takes: Likert 1–5, eNPS 0–10; a text item takes a comment instead. */
export function scaleOf(kind: PulseItem['kind']): number[] {
  switch (kind) {
    case 'likert5':
      return [1, 2, 3, 4, 5];
    case 'nps11':
      return [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    case 'text':
      return [];
  }
}

/**
 * What the person has answered so far, in memory only: nothing is kept on the device or sent
 * until they choose to send it.
 */
export class AnswerSheet {
  readonly items: readonly PulseItem[];
  /** The chosen value of each scale item, by position. */
  values: Record<number, number> = $state({});
  /** The comment on each item by position; for a text item, its answer. */
  comments: Record<number, string> = $state({});
  /** The general comment, about no item in particular. */
  general = $state('');

  constructor(items: readonly PulseItem[]) {
    this.items = [...items].sort((a, b) => a.position - b.position);
  }

  choose(position: number, value: number): void {
    this.values[position] = value;
  }

  /** Takes back the answer to an optional item. */
  clear(position: number): void {
    delete this.values[position];
  }

  isAnswered(item: PulseItem): boolean {
    if (item.kind === 'text') return (this.comments[item.position] ?? '').trim() !== '';
    return this.values[item.position] !== undefined;
  }

  get answeredCount(): number {
    return this.items.filter((item) => this.isAnswered(item)).length;
  }

  /** Required items still without an answer, in order. */
  get missingRequired(): PulseItem[] {
    return this.items.filter((item) => item.required && !this.isAnswered(item));
  }

  /** The answers and comments of the submission, trimmed, without the empty ones. */
  toResponse(): Pick<Submission, 'answers' | 'comments'> {
    const answers = this.items.flatMap((item) => {
      const value = this.values[item.position];
      return item.kind !== 'text' && value !== undefined ? [{ position: item.position, value }] : [];
    });
    const comments: Submission['comments'] = [];
    for (const item of this.items) {
      const body = (this.comments[item.position] ?? '').trim();
      if (body) comments.push({ position: item.position, body: body.slice(0, maxCommentLength) });
    }
    const general = this.general.trim();
    if (general) comments.push({ position: null, body: general.slice(0, maxCommentLength) });
    return { answers, comments };
  }
}
