import type { Pulse } from '@insideout/contracts';

export const recurrences = ['none', 'weekly', 'fortnightly', 'monthly'] as const;
export type Recurrence = (typeof recurrences)[number];

/** The size the API accepts, and the size that keeps a pulse to two or three minutes. */
export const maxItems = 20;
export const recommendedItems = { min: 5, max: 10 } as const;

/** What the editor says about the number of questions. */
export type SizeAdvice = 'empty' | 'short' | 'recommended' | 'long' | 'too-many';

export function sizeAdvice(count: number): SizeAdvice {
  if (count === 0) return 'empty';
  if (count < recommendedItems.min) return 'short';
  if (count <= recommendedItems.max) return 'recommended';
  return count <= maxItems ? 'long' : 'too-many';
}

export interface DraftItem {
  questionKey: string;
  required: boolean;
}

/** What the API takes to create or change a pulse. */
export interface PulseInput {
  title: string;
  opensAt: string;
  closesAt: string;
  recurrence: Recurrence;
  audienceUnitIds: string[];
  items: DraftItem[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value, in the browser's time zone, to the minute. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as an ISO instant; null when it is not a date. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * A pulse being composed or edited: its fields as the form holds them (dates as `datetime-local`
 * values), the chosen audience units and the ordered questions.
 */
export class PulseDraft {
  title = $state('');
  opensAt = $state('');
  closesAt = $state('');
  recurrence: Recurrence = $state('none');
  audienceUnitIds: string[] = $state([]);
  items: DraftItem[] = $state([]);

  /** A new draft: opening now, closing in two weeks. */
  static blank(now: Date = new Date()): PulseDraft {
    const draft = new PulseDraft();
    draft.opensAt = toLocalInput(now);
    draft.closesAt = toLocalInput(new Date(now.getTime() + 14 * 86_400_000));
    return draft;
  }

  static fromPulse(pulse: Pulse): PulseDraft {
    const draft = new PulseDraft();
    draft.title = pulse.title;
    draft.opensAt = toLocalInput(new Date(pulse.opensAt));
    draft.closesAt = toLocalInput(new Date(pulse.closesAt));
    draft.recurrence = pulse.recurrence;
    draft.audienceUnitIds = [...pulse.audienceUnitIds];
    draft.items = [...pulse.items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({ questionKey: item.questionKey, required: item.required }));
    return draft;
  }

  get advice(): SizeAdvice {
    return sizeAdvice(this.items.length);
  }

  has(questionKey: string): boolean {
    return this.items.some((item) => item.questionKey === questionKey);
  }

  /** Adds a question at the end, or takes it out if it is in. */
  toggle(questionKey: string): void {
    const index = this.items.findIndex((item) => item.questionKey === questionKey);
    if (index >= 0) this.items.splice(index, 1);
    else this.items.push({ questionKey, required: false });
  }

  /** Moves the item at `index` by `delta` places, within bounds. */
  move(index: number, delta: number): void {
    const target = index + delta;
    if (index < 0 || index >= this.items.length || target < 0 || target >= this.items.length) return;
    const [item] = this.items.splice(index, 1);
    if (item) this.items.splice(target, 0, item);
  }

  hasUnit(unitId: string): boolean {
    return this.audienceUnitIds.includes(unitId);
  }

  toggleUnit(unitId: string): void {
    const index = this.audienceUnitIds.indexOf(unitId);
    if (index >= 0) this.audienceUnitIds.splice(index, 1);
    else this.audienceUnitIds.push(unitId);
  }

  /** The fields found wrong before anything is sent, by the API's names for them. */
  faults(): string[] {
    const faults: string[] = [];
    const title = this.title.trim();
    if (title.length < 3 || title.length > 120) faults.push('title');
    const opensAt = fromLocalInput(this.opensAt);
    const closesAt = fromLocalInput(this.closesAt);
    if (!opensAt) faults.push('opensAt');
    if (!closesAt || (opensAt && closesAt <= opensAt)) faults.push('closesAt');
    if (this.audienceUnitIds.length === 0) faults.push('audienceUnitIds');
    if (this.items.length === 0 || this.items.length > maxItems) faults.push('items');
    return faults;
  }

  /** The request body; call only once `faults()` is empty. */
  toInput(): PulseInput {
    return {
      title: this.title.trim(),
      opensAt: fromLocalInput(this.opensAt) ?? '',
      closesAt: fromLocalInput(this.closesAt) ?? '',
      recurrence: this.recurrence,
      audienceUnitIds: [...this.audienceUnitIds],
      items: this.items.map((item) => ({ questionKey: item.questionKey, required: item.required })),
    };
  }
}
