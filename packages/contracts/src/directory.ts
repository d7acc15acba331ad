import { z } from 'zod';
import { Email, Role } from './auth.ts';

export const Id = z.uuid({ message: 'must be an id (UUID)' });

export const Unit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  /**
   * Names below the org's root unit down to this unit, e.g. ["Sales", "France", "Paris"] — the
   * same path an HR import names it by. The root unit itself has [].
   */
  path: z.array(z.string()),
  /** Active people directly in this unit. */
  headcount: z.number().int(),
  managerIds: z.array(z.uuid()),
});
export type Unit = z.infer<typeof Unit>;

export const UnitList = z.object({ units: z.array(Unit) });

const UnitName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(120)
  .refine((name) => !name.includes('/'), 'must not contain "/" (it separates levels of a unit path)');

// An org has one root unit, made with the org: every other unit has a parent.
export const NewUnit = z.object({ name: UnitName, parentId: Id });
export const UnitChange = z
  .object({ name: UnitName, parentId: Id })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export const UnitManagers = z.object({ personIds: z.array(Id).max(50) });

/** Coarse attributes only: short labels results may be grouped by (location, tenure band…). */
export const Attributes = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'attribute names are lower_snake_case'), z.string().trim().max(80))
  .refine((attributes) => Object.keys(attributes).length <= 10, 'at most 10 attributes');

export const Person = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  unitId: z.uuid(),
  unitPath: z.array(z.string()),
  role: Role,
  attributes: z.record(z.string(), z.string()),
  active: z.boolean(),
  managedUnitIds: z.array(z.uuid()),
});
export type Person = z.infer<typeof Person>;

export const PersonPage = z.object({
  people: z.array(Person),
  total: z.number().int(),
  /** Pass as `cursor` to read the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const PeopleQuery = z.object({
  q: z.string().trim().max(120).optional(),
  unitId: Id.optional(),
  role: Role.optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

const personFields = {
  email: Email,
  displayName: z.string().trim().min(1).max(120),
  unitId: Id,
  role: Role,
  attributes: Attributes,
};
export const NewPerson = z.object({
  ...personFields,
  role: personFields.role.default('employee'),
  attributes: personFields.attributes.default({}),
});
// Not `NewPerson.partial()`: zod 4 applies defaults inside optional fields, so a change of one
// field would also reset the role to employee and clear the attributes.
export const PersonChange = z
  .object({ ...personFields, active: z.boolean() })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
