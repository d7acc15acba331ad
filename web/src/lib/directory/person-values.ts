import type { Person, Role } from '@insideout/contracts';
import type { PersonChangeInput } from '../api/client.ts';

/** What the person form edits. Attributes are rows so that a new one can be typed in. */
export interface PersonValues {
  displayName: string;
  email: string;
  unitId: string;
  role: Role;
  active: boolean;
  location: string;
  tenureBand: string;
  /** Other attributes, as the file or a previous edit left them. */
  extra: { name: string; value: string }[];
}

export const roles = ['employee', 'manager', 'hr_admin'] as const satisfies readonly Role[];

/** Attribute names the API accepts (lower_snake_case, at most 32 characters). */
export const attributeNamePattern = /^[a-z][a-z0-9_]{0,31}$/;

export function emptyPerson(unitId = ''): PersonValues {
  return {
    displayName: '',
    email: '',
    unitId,
    role: 'employee',
    active: true,
    location: '',
    tenureBand: '',
    extra: [],
  };
}

export function valuesOf(person: Person): PersonValues {
  const { location = '', tenure_band: tenureBand = '', ...others } = person.attributes;
  return {
    displayName: person.displayName,
    email: person.email,
    unitId: person.unitId,
    role: person.role,
    active: person.active,
    location,
    tenureBand,
    extra: Object.entries(others).map(([name, value]) => ({ name, value })),
  };
}

/** The attributes to send: empty values are left out (which clears them). */
export function attributesOf(values: PersonValues): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const { name, value } of values.extra) {
    if (name.trim() && value.trim()) attributes[name.trim()] = value.trim();
  }
  if (values.location.trim()) attributes.location = values.location.trim();
  if (values.tenureBand.trim()) attributes.tenure_band = values.tenureBand.trim();
  return attributes;
}

/** Fields that cannot be right, checked before sending (the API checks again). */
export function personFaults(values: PersonValues): string[] {
  const faults: string[] = [];
  if (!values.displayName.trim()) faults.push('displayName');
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) faults.push('email');
  if (!values.unitId) faults.push('unitId');
  values.extra.forEach(({ name, value }, index) => {
    if (value.trim() && !attributeNamePattern.test(name.trim())) faults.push(`extra.${index}`);
  });
  return faults;
}

/** Only what changed, so that the audit log records what was really done; null when nothing did. */
export function changesOf(person: Person, values: PersonValues): PersonChangeInput | null {
  const change: PersonChangeInput = {};
  if (values.displayName.trim() !== person.displayName) change.displayName = values.displayName.trim();
  if (values.email.trim().toLowerCase() !== person.email.toLowerCase()) change.email = values.email.trim();
  if (values.unitId !== person.unitId) change.unitId = values.unitId;
  if (values.role !== person.role) change.role = values.role;
  if (values.active !== person.active) change.active = values.active;
  const attributes = attributesOf(values);
  if (!sameRecord(attributes, person.attributes)) change.attributes = attributes;
  return Object.keys(change).length > 0 ? change : null;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
