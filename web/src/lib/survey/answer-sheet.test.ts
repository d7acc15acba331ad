import type { PulseItem } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { AnswerSheet, scaleOf } from './answer-sheet.svelte.ts';

const item = (position: number, kind: PulseItem['kind'], required = false): PulseItem => ({
  position,
  questionKey: `bank:q${position}`,
  driver: 'engagement',
  kind,
  text: { en: `Question ${position}`, fr: `Question ${position} (fr)` },
  required,
});
const items = [item(2, 'text'), item(0, 'likert5', true), item(1, 'nps11')];

describe('AnswerSheet', () => {
  it('puts the items in order and knows which required ones are missing', () => {
    const sheet = new AnswerSheet(items);
    expect(sheet.items.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(sheet.missingRequired.map((i) => i.position)).toEqual([0]);
    sheet.choose(0, 3);
    expect(sheet.missingRequired).toEqual([]);
    expect(sheet.answeredCount).toBe(1);
  });

  it('counts a text item as answered by its comment, not by blanks', () => {
    const sheet = new AnswerSheet([item(0, 'text', true)]);
    sheet.comments[0] = '   ';
    expect(sheet.missingRequired).toHaveLength(1);
    sheet.comments[0] = 'Fewer meetings';
    expect(sheet.missingRequired).toEqual([]);
  });

  it('lets an optional answer be taken back', () => {
    const sheet = new AnswerSheet(items);
    sheet.choose(1, 0);
    expect(sheet.answeredCount).toBe(1);
    sheet.clear(1);
    expect(sheet.answeredCount).toBe(0);
  });

  it('builds the answers and comments of the response, trimmed, leaving out the empty ones', () => {
    const sheet = new AnswerSheet(items);
    sheet.choose(0, 5);
    sheet.choose(1, 10);
    sheet.comments[0] = '  ';
    sheet.comments[1] = ' Good pay ';
    sheet.comments[2] = 'Fewer meetings';
    sheet.general = `${'x'.repeat(2100)}`;
    const response = sheet.toResponse();
    expect(response.answers).toEqual([
      { position: 0, value: 5 },
      { position: 1, value: 10 },
    ]);
    expect(response.comments.map((c) => [c.position, c.body.length])).toEqual([
      [1, 8],
      [2, 14],
      [null, 2000],
    ]);
  });
});

describe('scaleOf', () => {
  it('gives Likert 1–5, eNPS 0–10 and no scale for text', () => {
    expect(scaleOf('likert5')).toEqual([1, 2, 3, 4, 5]);
    expect(scaleOf('nps11')).toHaveLength(11);
    expect(scaleOf('nps11')[0]).toBe(0);
    expect(scaleOf('text')).toEqual([]);
  });
});
