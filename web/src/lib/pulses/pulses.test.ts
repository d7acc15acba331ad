import type { Pulse, Question } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { fromLocalInput, PulseDraft, sizeAdvice, toLocalInput } from './pulse-draft.svelte.ts';
import { driverName, groupByDriver } from './questions.ts';

const question = (key: string, driver: Question['driver'], extra: Partial<Question> = {}): Question => ({
  key,
  source: key.startsWith('org:') ? 'org' : 'bank',
  driver,
  kind: 'likert5',
  text: { en: key, fr: key },
  version: 1,
  retired: false,
  used: false,
  ...extra,
});

describe('sizeAdvice', () => {
  it.each([
    [0, 'empty'],
    [1, 'short'],
    [4, 'short'],
    [5, 'recommended'],
    [10, 'recommended'],
    [11, 'long'],
    [20, 'long'],
    [21, 'too-many'],
  ] as const)('%i questions: %s', (count, advice) => {
    expect(sizeAdvice(count)).toBe(advice);
  });
});

describe('local date inputs', () => {
  it('go to an ISO instant and back, in the browser’s time zone', () => {
    const date = new Date(2026, 10, 21, 9, 5);
    expect(toLocalInput(date)).toBe('2026-11-21T09:05');
    expect(fromLocalInput('2026-11-21T09:05')).toBe(date.toISOString());
  });

  it('are null when not a date', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-13-45T99:99')).toBeNull();
  });
});

describe('PulseDraft', () => {
  it('starts opening now and closing two weeks later, with nothing chosen', () => {
    const now = new Date(2026, 0, 10, 8, 30);
    const draft = PulseDraft.blank(now);
    expect(draft.opensAt).toBe('2026-01-10T08:30');
    expect(draft.closesAt).toBe('2026-01-24T08:30');
    expect(draft.faults()).toEqual(['title', 'audienceUnitIds', 'items']);
    expect(draft.advice).toBe('empty');
  });

  it('adds, removes and reorders questions', () => {
    const draft = new PulseDraft();
    for (const key of ['a', 'b', 'c']) draft.toggle(key);
    draft.toggle('b');
    expect(draft.items.map((i) => i.questionKey)).toEqual(['a', 'c']);
    draft.move(1, -1);
    expect(draft.items.map((i) => i.questionKey)).toEqual(['c', 'a']);
    draft.move(0, -1);
    draft.move(1, 1);
    expect(draft.items.map((i) => i.questionKey)).toEqual(['c', 'a']);
    expect(draft.has('a')).toBe(true);
    expect(draft.has('b')).toBe(false);
  });

  it('finds closing before opening, a short title and an empty audience before anything is sent', () => {
    const draft = PulseDraft.blank();
    draft.title = ' Q ';
    draft.closesAt = draft.opensAt;
    draft.toggle('bank:engagement.1');
    expect(draft.faults()).toEqual(['title', 'closesAt', 'audienceUnitIds']);
    draft.title = 'Autumn pulse';
    draft.closesAt = '2099-01-01T00:00';
    draft.toggleUnit('u1');
    expect(draft.faults()).toEqual([]);
  });

  it('refuses more than twenty questions', () => {
    const draft = PulseDraft.blank();
    for (let i = 0; i < 21; i += 1) draft.toggle(`q${i}`);
    expect(draft.advice).toBe('too-many');
    expect(draft.faults()).toContain('items');
  });

  it('round-trips a pulse into the request that would save it unchanged', () => {
    const pulse: Pulse = {
      id: '0b8f0f8e-4d3c-4a5b-9c8d-7e6f5a4b3c2d',
      title: 'Autumn',
      state: 'draft',
      opensAt: '2026-11-21T09:00:00.000Z',
      closesAt: '2026-12-05T09:00:00.000Z',
      recurrence: 'monthly',
      audienceUnitIds: ['u1', 'u2'],
      items: [
        {
          position: 1,
          questionKey: 'b',
          driver: 'growth',
          kind: 'likert5',
          text: { en: 'b', fr: 'b' },
          required: true,
        },
        { position: 0, questionKey: 'a', driver: 'growth', kind: 'nps11', text: { en: 'a', fr: 'a' }, required: false },
      ],
      openedAt: null,
      closedAt: null,
    };
    expect(PulseDraft.fromPulse(pulse).toInput()).toEqual({
      title: 'Autumn',
      opensAt: '2026-11-21T09:00:00.000Z',
      closesAt: '2026-12-05T09:00:00.000Z',
      recurrence: 'monthly',
      audienceUnitIds: ['u1', 'u2'],
      items: [
        { questionKey: 'a', required: false },
        { questionKey: 'b', required: true },
      ],
    });
  });
});

describe('groupByDriver', () => {
  const questions = [
    question('org:1', 'growth'),
    question('bank:growth.1', 'growth'),
    question('bank:engagement.1', 'engagement'),
    question('org:2', 'autonomy', { retired: true }),
  ];

  it('follows the bank’s order of drivers, built-in questions first, without retired ones', () => {
    expect(groupByDriver(questions).map((g) => [g.driver, g.questions.map((q) => q.key)])).toEqual([
      ['engagement', ['bank:engagement.1']],
      ['growth', ['bank:growth.1', 'org:1']],
    ]);
  });

  it('shows retired questions when asked', () => {
    expect(groupByDriver(questions, { retired: true }).map((g) => g.driver)).toContain('autonomy');
  });

  it('names drivers in both languages', () => {
    expect(driverName('wellbeing_workload', 'en')).toBe('Wellbeing & workload');
    expect(driverName('wellbeing_workload', 'fr')).toBe('Bien-être et charge de travail');
  });
});
