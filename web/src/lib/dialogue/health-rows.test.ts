import type { DialogueHealth, Unit } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { healthRows } from './health-rows.ts';

const unit = (id: string, name: string, parentId: string | null): Unit => ({
  id,
  name,
  parentId,
  path: [],
  headcount: 1,
  managerIds: [],
});

const health: DialogueHealth = {
  windowDays: 90,
  visibleComments: 1,
  due: 0,
  answeredWithin7Days: 0,
  answeredWithin7DaysPercent: null,
  medianDaysToFirstReply: null,
  openConversations: 1,
};

describe('healthRows', () => {
  it('orders the units as the tree does, each with its depth, unknown units last', () => {
    const units = [
      unit('root', 'Acme', null),
      unit('s', 'Sales', 'root'),
      unit('e', 'Engineering', 'root'),
      unit('w', 'Web', 'e'),
    ];
    const rows = healthRows(units, [
      { unit: { id: 'x', name: 'Gone' }, health },
      { unit: { id: 's', name: 'Sales' }, health },
      { unit: { id: 'w', name: 'Web' }, health },
      { unit: { id: 'root', name: 'Acme' }, health },
      { unit: { id: 'e', name: 'Engineering' }, health },
    ]);
    expect(rows.map((row) => [row.unit.name, row.depth])).toEqual([
      ['Acme', 0],
      ['Engineering', 1],
      ['Web', 2],
      ['Sales', 1],
      ['Gone', 0],
    ]);
  });
});
