import type { Person } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { attributesOf, changesOf, emptyPerson, personFaults, valuesOf } from './person-values.ts';

const person: Person = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ana@acme.test',
  displayName: 'Ana Martin',
  unitId: '00000000-0000-4000-8000-000000000010',
  unitPath: ['Sales'],
  role: 'employee',
  attributes: { location: 'Paris', tenure_band: '1-3y', cost_center: 'CC12' },
  active: true,
  managedUnitIds: [],
};

describe('person values', () => {
  it('put location and tenure band in their own fields, other attributes in rows', () => {
    const values = valuesOf(person);
    expect(values.location).toBe('Paris');
    expect(values.tenureBand).toBe('1-3y');
    expect(values.extra).toEqual([{ name: 'cost_center', value: 'CC12' }]);
    expect(attributesOf(values)).toEqual(person.attributes);
  });

  it('leave out empty attributes, which clears them', () => {
    const values = { ...valuesOf(person), location: ' ', extra: [{ name: 'cost_center', value: '' }] };
    expect(attributesOf(values)).toEqual({ tenure_band: '1-3y' });
  });

  it('send only what changed', () => {
    expect(changesOf(person, valuesOf(person))).toBeNull();
    expect(changesOf(person, { ...valuesOf(person), role: 'manager', active: false })).toEqual({
      role: 'manager',
      active: false,
    });
    expect(changesOf(person, { ...valuesOf(person), email: ' ANA@acme.test ' })).toBeNull();
    expect(changesOf(person, { ...valuesOf(person), location: 'Lyon' })).toEqual({
      attributes: { location: 'Lyon', tenure_band: '1-3y', cost_center: 'CC12' },
    });
  });

  it('find the fields that cannot be right before sending', () => {
    const values = {
      ...emptyPerson(),
      email: 'not an address',
      extra: [
        { name: 'Cost Center', value: 'CC1' },
        { name: 'Ignored', value: '' },
      ],
    };
    expect(personFaults(values)).toEqual(['displayName', 'email', 'unitId', 'extra.0']);
    expect(personFaults({ ...valuesOf(person) })).toEqual([]);
  });
});
