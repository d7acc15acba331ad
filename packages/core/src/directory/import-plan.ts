import type { ImportFile } from './import-file.ts';
import { maxAttributes } from './import-file.ts';
import type { DirectoryRole, RowError } from './people.ts';

export interface DirectoryUnit {
  id: string;
  parentId: string | null;
  name: string;
}

export interface DirectoryPerson {
  id: string;
  email: string;
  displayName: string;
  unitId: string;
  role: DirectoryRole;
  attributes: Record<string, string>;
  active: boolean;
}

/** A unit that exists (`id`) or one the plan creates (`newUnit`, an index into `unitsToCreate`). */
export type UnitRef = { id: string } | { newUnit: number };

export interface PlannedUnit {
  name: string;
  parent: UnitRef;
  /** Names below the root, for the report: "Sales/France/Paris". */
  path: string;
}

export interface PersonState {
  displayName: string;
  unit: UnitRef;
  role: DirectoryRole;
  attributes: Record<string, string>;
}

export interface PlannedCreate extends PersonState {
  line: number;
  email: string;
}

export interface PlannedUpdate {
  line: number;
  personId: string;
  before: DirectoryPerson;
  after: PersonState;
  /** The fields that differ, `active` included when the person comes back. */
  changed: Array<'displayName' | 'unit' | 'role' | 'attributes' | 'active'>;
}

export interface ImportPlan {
  rows: number;
  unitsToCreate: PlannedUnit[];
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: number;
  deactivations: DirectoryPerson[];
  errors: RowError[];
}

export interface PlanInput {
  file: ImportFile;
  rootId: string;
  units: DirectoryUnit[];
  people: DirectoryPerson[];
  /** The HR leader running the import: never deactivated, never stripped of HR access by it. */
  importerId: string;
  deactivateMissing: boolean;
}

/**
 * What importing a file into a directory changes, decided before anything is written — so a dry
 * run reports exactly what a real run does. Pure: ids of new units are assigned by the caller.
 */
export function planImport(input: PlanInput): ImportPlan {
  const resolveUnit = unitResolver(input.rootId, input.units);
  const byEmail = new Map(input.people.map((person) => [person.email.toLowerCase(), person]));
  const plan: ImportPlan = {
    rows: input.file.rows,
    unitsToCreate: resolveUnit.created,
    creates: [],
    updates: [],
    unchanged: 0,
    deactivations: [],
    errors: [...input.file.errors],
  };

  for (const row of input.file.goodRows) {
    const existing = byEmail.get(row.email);
    const attributes = mergeAttributes(existing?.attributes ?? {}, row.attributes);
    if (Object.keys(attributes).length > maxAttributes) {
      plan.errors.push({ line: row.line, reason: `more than ${maxAttributes} attributes` });
      continue;
    }
    if (!existing) {
      const unit = resolveUnit(row.unitPath);
      plan.creates.push({
        line: row.line,
        email: row.email,
        displayName: row.displayName,
        unit,
        role: row.role ?? 'employee',
        attributes,
      });
      continue;
    }
    const role = row.role ?? existing.role;
    if (existing.id === input.importerId && role !== 'hr_admin') {
      plan.errors.push({ line: row.line, reason: 'this is you: an import cannot take away your own HR access' });
      continue;
    }
    const unit = resolveUnit(row.unitPath);
    const after: PersonState = { displayName: row.displayName, unit, role, attributes };
    const changed: PlannedUpdate['changed'] = [];
    if (after.displayName !== existing.displayName) changed.push('displayName');
    if (!('id' in unit) || unit.id !== existing.unitId) changed.push('unit');
    if (after.role !== existing.role) changed.push('role');
    if (!sameAttributes(after.attributes, existing.attributes)) changed.push('attributes');
    if (!existing.active) changed.push('active');
    if (changed.length === 0) plan.unchanged += 1;
    else plan.updates.push({ line: row.line, personId: existing.id, before: existing, after, changed });
  }

  if (input.deactivateMissing) {
    plan.deactivations = input.people.filter(
      (person) =>
        person.active && person.id !== input.importerId && !input.file.mentionedEmails.has(person.email.toLowerCase()),
    );
  }
  plan.errors.sort((a, b) => a.line - b.line);
  return plan;
}

/** Finds each unit path under the root, case-insensitively, planning the units that are missing. */
function unitResolver(rootId: string, units: DirectoryUnit[]) {
  const root = units.find((unit) => unit.id === rootId);
  const children = new Map<string, DirectoryUnit>();
  for (const unit of units) {
    if (unit.parentId !== null) children.set(childKey(unit.parentId, unit.name), unit);
  }
  const created: PlannedUnit[] = [];
  const createdByKey = new Map<string, number>();

  const resolve = (names: string[]): UnitRef => {
    // "Acme/Sales/France" names the root first; "Sales/France" starts below it.
    const below = root && names[0]?.toLowerCase() === root.name.toLowerCase() ? names.slice(1) : names;
    let ref: UnitRef = { id: rootId };
    let key = '';
    below.forEach((name, depth) => {
      key += `/${name.toLowerCase()}`;
      const existing = 'id' in ref ? children.get(childKey(ref.id, name)) : undefined;
      if (existing) {
        ref = { id: existing.id };
        return;
      }
      let index = createdByKey.get(key);
      if (index === undefined) {
        index = created.push({ name, parent: ref, path: below.slice(0, depth + 1).join('/') }) - 1;
        createdByKey.set(key, index);
      }
      ref = { newUnit: index };
    });
    return ref;
  };
  return Object.assign(resolve, { created });
}

function childKey(parentId: string, name: string) {
  return `${parentId}/${name.toLowerCase()}`;
}

/** The file is authoritative for its attribute columns; attributes it does not name are kept. */
function mergeAttributes(current: Record<string, string>, fromFile: Record<string, string | null>) {
  const merged: Record<string, string> = { ...current };
  for (const [name, value] of Object.entries(fromFile)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
