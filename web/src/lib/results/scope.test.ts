import type { Participation, Unit } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { attributeOptions, chooseUnit, unitChoices } from './scope.ts';

const unit = (id: string, parentId: string | null, name: string, path: string[]): Unit => ({
  id,
  parentId,
  name,
  path,
  headcount: 3,
  managerIds: [],
});

const org = [
  unit('root', null, 'Acme', []),
  unit('ops', 'root', 'Operations', ['Operations']),
  unit('wh', 'ops', 'Warehouse', ['Operations', 'Warehouse']),
  unit('eng', 'root', 'Engineering', ['Engineering']),
];

// A manager's list: their managed units' subtrees, without the units above them.
const managerView = [org[2] as Unit, org[3] as Unit];

describe('unitChoices', () => {
  it('lists the units in tree order, each by its whole path', () => {
    expect(unitChoices(org)).toEqual([
      { id: 'root', label: 'Acme' },
      { id: 'eng', label: 'Engineering' },
      { id: 'ops', label: 'Operations' },
      { id: 'wh', label: 'Operations / Warehouse' },
    ]);
  });
});

describe('chooseUnit', () => {
  it('starts HR at the org root and a manager at their first managed unit', () => {
    expect(chooseUnit(org, null)).toBe('root');
    expect(chooseUnit(managerView, null)).toBe('eng');
  });

  it('keeps the unit asked for only when it is one of the reader’s', () => {
    expect(chooseUnit(managerView, 'wh')).toBe('wh');
    expect(chooseUnit(managerView, 'root')).toBe('eng');
    expect(chooseUnit([], 'root')).toBeNull();
  });
});

describe('attributeOptions', () => {
  const cohort = (unitId: string, attributes: Record<string, string>): Participation['cohorts'][number] => ({
    cohortId: `${unitId}-${Object.values(attributes).join()}`,
    unitId,
    unitPath: [],
    attributes,
    audience: 10,
    ballotsTaken: 5,
    responses: 5,
  });
  const cohorts = [
    cohort('wh', { location: 'Lyon' }),
    cohort('wh', { location: 'Brussels' }),
    cohort('eng', { location: 'Paris' }),
    cohort('ops', {}),
  ];

  it('offers the attribute values the pulse split the unit’s subtree by', () => {
    expect(attributeOptions(cohorts, org, 'ops')).toEqual([{ name: 'location', values: ['Brussels', 'Lyon'] }]);
    expect(attributeOptions(cohorts, org, 'root')).toEqual([
      { name: 'location', values: ['Brussels', 'Lyon', 'Paris'] },
    ]);
  });

  it('offers nothing for a unit whose cohorts were not split, or one not in the list', () => {
    expect(attributeOptions([cohort('ops', {})], org, 'ops')).toEqual([]);
    expect(attributeOptions(cohorts, org, 'elsewhere')).toEqual([]);
  });
});
