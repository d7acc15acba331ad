import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AudienceMember, formCohorts } from './cohorts.ts';

const member = (personId: string, unitId: string, location?: string): AudienceMember => ({
  personId,
  unitId,
  attributes: location ? { location } : {},
});
const many = (n: number, unitId: string, location?: string) =>
  Array.from({ length: n }, (_, i) => member(`${unitId}-${location ?? 'x'}-${i}`, unitId, location));

describe('formCohorts', () => {
  it('splits a unit by location where every group has at least k people', () => {
    const cohorts = formCohorts([...many(6, 'u', 'Lyon'), ...many(5, 'u', 'Paris')], 5, ['location']);
    expect(cohorts.map((c) => [c.attributes, c.personIds.length])).toEqual([
      [{ location: 'Paris' }, 5],
      [{ location: 'Lyon' }, 6],
    ]);
  });

  it('merges a group under k back into the unit-level cohort', () => {
    const cohorts = formCohorts([...many(6, 'u', 'Lyon'), ...many(5, 'u', 'Paris'), ...many(2, 'u', 'Berlin')], 5, [
      'location',
    ]);
    // Berlin (2) alone would be under k; merged with the smallest kept group, the rest reaches k.
    expect(cohorts.map((c) => [c.attributes, c.personIds.length])).toEqual([
      [{ location: 'Lyon' }, 6],
      [{}, 7],
    ]);
  });

  it('keeps a unit smaller than k as one cohort (its results will be hidden, not merged away)', () => {
    expect(formCohorts(many(3, 'tiny', 'Lyon'), 5, ['location'])).toEqual([
      { unitId: 'tiny', attributes: {}, personIds: many(3, 'tiny', 'Lyon').map((m) => m.personId) },
    ]);
  });

  it('keeps units apart', () => {
    const cohorts = formCohorts([...many(5, 'a'), ...many(5, 'b')], 5, []);
    expect(cohorts.map((c) => c.unitId).sort()).toEqual(['a', 'b']);
  });

  it('places every member in exactly one cohort; attribute cohorts have ≥ k people; a split unit has no rest under k', () => {
    const arbitraryMembers = fc.array(
      fc.record({
        unit: fc.constantFrom('a', 'b', 'c'),
        location: fc.option(fc.constantFrom('Lyon', 'Paris', 'Berlin'), { nil: undefined }),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(arbitraryMembers, fc.integer({ min: 3, max: 8 }), (rows, k) => {
        const members = rows.map((row, i) => member(`p${i}`, row.unit, row.location));
        const cohorts = formCohorts(members, k, ['location']);
        const placed = cohorts.flatMap((c) => c.personIds).sort();
        expect(placed).toEqual(members.map((m) => m.personId).sort());
        for (const cohort of cohorts) {
          if (Object.keys(cohort.attributes).length > 0) expect(cohort.personIds.length).toBeGreaterThanOrEqual(k);
          const siblings = cohorts.filter((c) => c.unitId === cohort.unitId);
          if (siblings.length > 1) expect(cohort.personIds.length).toBeGreaterThanOrEqual(k);
        }
      }),
    );
  });
});
