import { describe, expect, it } from 'vitest';
import { readImportFile } from './import-file.ts';
import { type DirectoryPerson, type DirectoryUnit, planImport } from './import-plan.ts';

const root: DirectoryUnit = { id: 'root', parentId: null, name: 'Acme' };
const sales: DirectoryUnit = { id: 'sales', parentId: 'root', name: 'Sales' };
const france: DirectoryUnit = { id: 'france', parentId: 'sales', name: 'France' };
const units = [root, sales, france];

const person = (id: string, overrides: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  email: `${id}@x.io`,
  displayName: id,
  unitId: 'france',
  role: 'employee',
  attributes: {},
  active: true,
  ...overrides,
});
const hr = person('hr', { role: 'hr_admin', unitId: 'root', displayName: 'HR' });

function plan(csv: string, people: DirectoryPerson[] = [hr], deactivateMissing = true) {
  return planImport({ file: readImportFile(csv), rootId: 'root', units, people, importerId: 'hr', deactivateMissing });
}

describe('planImport', () => {
  it('creates new people, and the missing units once each, parents first', () => {
    const result = plan(
      'email,name,unit\na@x.io,A,Sales/France/Paris/Nord\nb@x.io,B,sales/FRANCE/paris\nc@x.io,C,Ops\n',
    );
    expect(result.unitsToCreate).toEqual([
      { name: 'Paris', parent: { id: 'france' }, path: 'Sales/France/Paris' },
      { name: 'Nord', parent: { newUnit: 0 }, path: 'Sales/France/Paris/Nord' },
      { name: 'Ops', parent: { id: 'root' }, path: 'Ops' },
    ]);
    expect(result.creates.map((c) => [c.email, c.unit, c.role])).toEqual([
      ['a@x.io', { newUnit: 1 }, 'employee'],
      ['b@x.io', { newUnit: 0 }, 'employee'],
      ['c@x.io', { newUnit: 2 }, 'employee'],
    ]);
  });

  it('accepts a leading root name, and the root name alone for the root unit', () => {
    const result = plan('email,name,unit\na@x.io,A,acme/Sales/France\nb@x.io,B,Acme\n');
    expect(result.unitsToCreate).toEqual([]);
    expect(result.creates.map((c) => c.unit)).toEqual([{ id: 'france' }, { id: 'root' }]);
  });

  it('changes nothing when the file matches the directory (matched by e-mail, any case)', () => {
    const ann = person('ann', { displayName: 'Ann', role: 'manager', attributes: { location: 'Paris' } });
    const result = plan('email,name,unit,location\nANN@x.io,Ann,Sales/France,Paris\nhr@x.io,HR,Acme,\n', [hr, ann]);
    expect(result).toMatchObject({ creates: [], updates: [], unchanged: 2, deactivations: [], unitsToCreate: [] });
  });

  it('keeps the role of existing people when the file gives none', () => {
    const ann = person('ann', { displayName: 'Ann', role: 'manager' });
    expect(plan('email,name,unit,role\nann@x.io,Ann,Sales/France,\n', [hr, ann]).unchanged).toBe(1);
  });

  it('lists exactly the fields that changed, and brings back an inactive person', () => {
    const ann = person('ann', { displayName: 'Ann', active: false, attributes: { location: 'Paris', grade: 'B' } });
    const result = plan('email,name,unit,role,location\nann@x.io,Ann B,Sales,manager,\n', [hr, ann]);
    expect(result.updates).toEqual([
      {
        line: 2,
        personId: 'ann',
        before: ann,
        after: { displayName: 'Ann B', unit: { id: 'sales' }, role: 'manager', attributes: { grade: 'B' } },
        changed: ['displayName', 'unit', 'role', 'attributes', 'active'],
      },
    ]);
  });

  it('deactivates active people missing from the file, but never the importer and never twice', () => {
    const gone = person('gone');
    const already = person('already', { active: false });
    const named = person('named');
    const result = plan('email,name,unit,role\nnamed@x.io,N,Sales,boss\n', [hr, gone, already, named]);
    expect(result.deactivations.map((p) => p.id)).toEqual(['gone']);
    expect(plan('email,name,unit\n', [hr, gone], false).deactivations).toEqual([]);
  });

  it("refuses a row that would take away the importer's own HR access", () => {
    const result = plan('email,name,unit,role\nhr@x.io,HR,Acme,employee\n');
    expect(result.updates).toEqual([]);
    expect(result.errors).toEqual([{ line: 2, reason: expect.stringMatching(/your own HR access/) }]);
  });

  it('refuses a row that would leave a person with more than 10 attributes, creating no unit for it', () => {
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']));
    const ann = person('ann', { displayName: 'Ann', attributes: many });
    const result = plan('email,name,unit,location\nann@x.io,Ann,New Unit,Paris\n', [hr, ann]);
    expect(result.errors).toEqual([{ line: 2, reason: 'more than 10 attributes' }]);
    expect(result.unitsToCreate).toEqual([]);
  });

  it('keeps the file errors, in line order, and the row count', () => {
    const result = plan('email,name,unit\nbad,X,Sales\nok@x.io,OK,Sales\nok@x.io,Again,Sales\n');
    expect(result.rows).toBe(3);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4]);
    expect(result.creates).toHaveLength(1);
  });
});
