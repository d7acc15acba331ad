import type { DialogueHealth } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../api/client.ts';
import { healthNumbers } from './health-format.ts';
import { UnitHealthView } from './health-view.svelte.ts';

const health = (openConversations: number): DialogueHealth => ({
  windowDays: 90,
  visibleComments: 4,
  due: 2,
  answeredWithin7Days: 1,
  answeredWithin7DaysPercent: 50,
  medianDaysToFirstReply: 1.5,
  openConversations,
});

describe('UnitHealthView', () => {
  it('shows the figures of the unit asked for last, whatever order the answers come in', async () => {
    const answers = new Map<string, (value: { health: DialogueHealth }) => void>();
    const view = new UnitHealthView(
      (unitId: string, options: RequestOptions) =>
        new Promise((resolve, reject) => {
          answers.set(unitId, resolve);
          options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    void view.load('a');
    const b = view.load('b');
    answers.get('b')?.({ health: health(2) });
    answers.get('a')?.({ health: health(9) });
    await b;
    expect(view.unitId).toBe('b');
    expect(view.health?.openConversations).toBe(2);
    expect(view.loading).toBe(false);
  });

  it('forgets the previous unit’s figures while another loads, and keeps an error to show', async () => {
    let fail = false;
    const view = new UnitHealthView(async () => {
      if (fail) throw new Error('down');
      return { health: health(1) };
    });
    await view.load('a');
    fail = true;
    await view.load('b');
    expect(view.health).toBeNull();
    expect(view.error).toBeInstanceOf(Error);
  });
});

describe('healthNumbers', () => {
  it('writes percents whole and days to one decimal, in the reader’s language', () => {
    expect(healthNumbers('en').percent(83)).toBe('83%');
    expect(healthNumbers('fr').percent(83)).toMatch(/^83\s%$/);
    expect(healthNumbers('en').days(1.5)).toBe('1.5');
    expect(healthNumbers('fr').days(1.5)).toBe('1,5');
    expect(healthNumbers('en').days(3)).toBe('3');
  });
});
