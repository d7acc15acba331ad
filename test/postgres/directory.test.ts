import type { ErrorEnvelope, Person, Unit } from '@insideout/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, newPerson, newUnit, type TestPerson, type TestUnit, testPassword } from '../support/factories.ts';
import { expectError, type StaffClient, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

// Acme ─┬─ Sales ── France ── Paris
//       └─ Ops
let store: TestDatabase;
let client: TestApp;
let root: TestUnit;
let sales: TestUnit;
let france: TestUnit;
let paris: TestUnit;
let ops: TestUnit;
let hr: TestPerson;
let franceManager: TestPerson;
let parisEmployee: TestPerson;
let opsEmployee: TestPerson;
let otherOrgUnit: TestUnit;
let otherOrgPerson: TestPerson;
let asHr: StaffClient;
let asManager: StaffClient;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store);
  const org = await newOrg(store, 'Acme');
  root = org.root;
  sales = await newUnit(store, org.id, root, 'Sales');
  france = await newUnit(store, org.id, sales, 'France');
  paris = await newUnit(store, org.id, france, 'Paris');
  ops = await newUnit(store, org.id, root, 'Ops');
  hr = await newPerson(store, root, { role: 'hr_admin', email: 'hilda.hr@acme.test' });
  franceManager = await newPerson(store, france, {
    role: 'manager',
    manages: [france],
    email: 'fred.manager@acme.test',
  });
  parisEmployee = await newPerson(store, paris, { email: 'paula.paris@acme.test', attributes: { location: 'Paris' } });
  opsEmployee = await newPerson(store, ops, { email: 'oscar.ops@acme.test' });
  const other = await newOrg(store, 'Other');
  otherOrgUnit = await newUnit(store, other.id, other.root, 'Elsewhere');
  otherOrgPerson = await newPerson(store, otherOrgUnit, { role: 'manager', email: 'olga@other.test' });
  asHr = await client.signIn(hr.email, testPassword);
  asManager = await client.signIn(franceManager.email, testPassword);
});
afterAll(() => store.close());

const json = async <T>(response: Response, status = 200): Promise<T> => {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
};
const unitsOf = async (as: StaffClient) => (await json<{ units: Unit[] }>(await as.get('/api/v1/units'))).units;
const auditOf = (action: string) =>
  store.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();

describe('units: reading', () => {
  it('gives HR the whole org in tree order, with names paths, headcounts of active people and managers', async () => {
    const units = await unitsOf(asHr);
    expect(units.map((unit) => unit.path.join('/'))).toEqual([
      '',
      'Ops',
      'Sales',
      'Sales/France',
      'Sales/France/Paris',
    ]);
    expect(units.find((unit) => unit.id === france.id)).toEqual({
      id: france.id,
      parentId: sales.id,
      name: 'France',
      path: ['Sales', 'France'],
      headcount: 1,
      managerIds: [franceManager.id],
    });
    expect(units.find((unit) => unit.id === root.id)?.headcount).toBe(1);
  });

  it('gives a manager only the subtrees of the units they manage', async () => {
    expect((await unitsOf(asManager)).map((unit) => unit.id)).toEqual([france.id, paris.id]);
    expect((await json<Unit>(await asManager.get(`/api/v1/units/${paris.id}`))).path).toEqual([
      'Sales',
      'France',
      'Paris',
    ]);
  });

  it('does not count inactive people in the headcount', async () => {
    const leaver = await newPerson(store, ops);
    await store.db.updateTable('people').set({ active: false }).where('id', '=', leaver.id).execute();
    expect((await json<Unit>(await asHr.get(`/api/v1/units/${ops.id}`))).headcount).toBe(1);
  });
});

describe('units: writing', () => {
  it('creates a unit under a parent, and audits it', async () => {
    const unit = await json<Unit>(
      await asHr.request('POST', '/api/v1/units', { name: ' Lyon ', parentId: france.id }),
      201,
    );
    expect(unit).toMatchObject({ name: 'Lyon', parentId: france.id, path: ['Sales', 'France', 'Lyon'], headcount: 0 });
    expect((await auditOf('unit.created'))[0]).toMatchObject({ actorId: hr.id, targetId: unit.id });
    // The manager of France sees the new unit at once: scope follows the tree.
    expect((await unitsOf(asManager)).map((u) => u.name)).toContain('Lyon');
  });

  it('refuses a sibling with the same name in another case, but allows it elsewhere in the tree', async () => {
    await expectError(
      await asHr.request('POST', '/api/v1/units', { name: 'SALES', parentId: root.id }),
      409,
      'conflict',
    );
    await json(await asHr.request('POST', '/api/v1/units', { name: 'Sales', parentId: ops.id }), 201);
  });

  it('moves a unit with its whole subtree, rewriting every path below it', async () => {
    const region = await json<Unit>(
      await asHr.request('POST', '/api/v1/units', { name: 'Europe', parentId: root.id }),
      201,
    );
    const moved = await json<Unit>(await asHr.request('PATCH', `/api/v1/units/${france.id}`, { parentId: region.id }));
    expect(moved.path).toEqual(['Europe', 'France']);
    const parisNow = await json<Unit>(await asHr.get(`/api/v1/units/${paris.id}`));
    expect(parisNow.path).toEqual(['Europe', 'France', 'Paris']);
    const paths = await store.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('path', 'like', `%${france.id}/%`)
      .execute();
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const row of paths) expect(row.path.startsWith(`${root.path}${region.id}/${france.id}/`)).toBe(true);
    // The manager's scope moved with the unit: Paris is still theirs, and they still see its people.
    expect((await json<Person>(await asManager.get(`/api/v1/people/${parisEmployee.id}`))).unitPath).toEqual([
      'Europe',
      'France',
      'Paris',
    ]);
    const [entry] = await auditOf('unit.changed');
    expect(entry?.details).toEqual({ parentId: { before: sales.id, after: region.id } });
    await json(await asHr.request('PATCH', `/api/v1/units/${france.id}`, { parentId: sales.id }));
  });

  it('renames a unit', async () => {
    const renamed = await json<Unit>(await asHr.request('PATCH', `/api/v1/units/${ops.id}`, { name: 'Operations' }));
    expect(renamed.name).toBe('Operations');
    expect((await auditOf('unit.changed'))[0]?.details).toEqual({ name: { before: 'Ops', after: 'Operations' } });
  });

  it.each([
    ['under itself', () => ({ id: france.id, parentId: france.id })],
    ['under its own sub-unit', () => ({ id: sales.id, parentId: paris.id })],
    ['the root unit', () => ({ id: root.id, parentId: sales.id })],
  ])('refuses to move a unit %s (400 on parentId)', async (_, target) => {
    const { id, parentId } = target();
    const body = await expectError(
      await asHr.request('PATCH', `/api/v1/units/${id}`, { parentId }),
      400,
      'invalid_input',
    );
    expect(body.error.details).toEqual({ issues: [{ path: ['parentId'], message: expect.any(String) }] });
  });

  it('refuses a rename onto a sibling name', async () => {
    await expectError(
      await asHr.request('PATCH', `/api/v1/units/${sales.id}`, { name: 'operations' }),
      409,
      'conflict',
    );
  });

  it.each([
    ['people', () => paris.id, /1 person/],
    ['sub-units', () => sales.id, /sub-unit/],
    ['the root unit', () => root.id, /root/],
  ])('refuses to delete a unit with %s, saying why', async (_, id, why) => {
    const body = await expectError(await asHr.request('DELETE', `/api/v1/units/${id()}`), 409, 'conflict');
    expect(body.error.message).toMatch(why);
  });

  it('deletes an empty leaf unit, and audits it', async () => {
    const empty = await newUnit(store, root.orgId, ops, 'Empty');
    expect((await asHr.request('DELETE', `/api/v1/units/${empty.id}`)).status).toBe(204);
    await expectError(await asHr.get(`/api/v1/units/${empty.id}`), 404, 'not_found');
    expect((await auditOf('unit.deleted'))[0]).toMatchObject({ targetId: empty.id, details: { name: 'Empty' } });
  });

  it('sets the managers of a unit to active staff only, and audits before and after', async () => {
    const unit = await json<Unit>(
      await asHr.request('PUT', `/api/v1/units/${ops.id}/managers`, { personIds: [franceManager.id, hr.id] }),
    );
    expect([...unit.managerIds].sort()).toEqual([franceManager.id, hr.id].sort());
    const body = await expectError(
      await asHr.request('PUT', `/api/v1/units/${ops.id}/managers`, {
        personIds: [hr.id, opsEmployee.id, otherOrgPerson.id],
      }),
      400,
      'invalid_input',
    );
    expect(body.error.details).toEqual({
      issues: [
        { path: ['personIds', 1], message: expect.any(String) },
        { path: ['personIds', 2], message: expect.any(String) },
      ],
    });
    expect(
      (await json<Unit>(await asHr.request('PUT', `/api/v1/units/${ops.id}/managers`, { personIds: [] }))).managerIds,
    ).toEqual([]);
    expect((await auditOf('unit.managers_changed'))[0]?.details).toEqual({
      before: [franceManager.id, hr.id].sort(),
      after: [],
    });
  });
});

type Page = { people: Person[]; total: number; nextCursor: string | null };
const pageOf = async (as: StaffClient, query: string) => json<Page>(await as.get(`/api/v1/people${query}`));

describe('people: reading', () => {
  it('pages through everyone by name with an opaque cursor, each person once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: Page = await pageOf(asHr, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      total = page.total;
      expect(page.people.length).toBeLessThanOrEqual(2);
      seen.push(...page.people.map((person) => person.displayName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(seen).not.toContain('olga');
  });

  it('returns a person with unit path, attributes and managed units — and no secrets', async () => {
    const person = await json<Person>(await asHr.get(`/api/v1/people/${franceManager.id}`));
    expect(person).toEqual({
      id: franceManager.id,
      email: franceManager.email,
      displayName: 'fred.manager',
      unitId: france.id,
      unitPath: ['Sales', 'France'],
      role: 'manager',
      attributes: {},
      active: true,
      managedUnitIds: [france.id],
    });
    expect(JSON.stringify(person)).not.toMatch(/hash|password/i);
  });

  it.each([
    ['q on a name, any case', '?q=PAULA', ['paula.paris']],
    ['q on an e-mail', '?q=oscar.ops@', ['oscar.ops']],
    ['q with a LIKE wildcard taken literally', '?q=%25', []],
    ['a unit and its sub-units', () => `?unitId=${sales.id}`, ['fred.manager', 'paula.paris']],
    ['a role', '?role=hr_admin', ['hilda.hr']],
    ['active=false', '?active=false', expect.arrayContaining([expect.stringMatching(/^employee-/)])],
  ])('filters by %s', async (_, query, names) => {
    const page = await pageOf(asHr, typeof query === 'function' ? query() : query);
    expect(page.people.map((person) => person.displayName)).toEqual(names);
    if (Array.isArray(names)) expect(page.total).toBe(names.length);
  });

  it('shows a manager only the people of their subtrees, and counts only those', async () => {
    const page = await pageOf(asManager, '');
    expect(page.people.map((person) => person.id).sort()).toEqual([franceManager.id, parisEmployee.id].sort());
    expect(page.total).toBe(2);
    expect((await pageOf(asManager, `?unitId=${paris.id}`)).total).toBe(1);
  });
});

describe('people: writing', () => {
  it('adds a person, lower-casing the e-mail, and audits it', async () => {
    const person = await json<Person>(
      await asHr.request('POST', '/api/v1/people', {
        email: 'New.Hire@Acme.test',
        displayName: 'New Hire',
        unitId: paris.id,
        attributes: { location: 'Paris', tenure_band: '0-1' },
      }),
      201,
    );
    expect(person).toMatchObject({
      email: 'new.hire@acme.test',
      role: 'employee',
      unitPath: ['Sales', 'France', 'Paris'],
    });
    // Attribute names are data: they come back exactly as written, not camelCased.
    expect(person.attributes).toEqual({ location: 'Paris', tenure_band: '0-1' });
    expect((await auditOf('person.created'))[0]).toMatchObject({ actorId: hr.id, targetId: person.id });
  });

  it('refuses a second person with the same e-mail in another case (409)', async () => {
    const response = await asHr.request('POST', '/api/v1/people', {
      email: 'PAULA.PARIS@acme.test',
      displayName: 'Copy',
      unitId: paris.id,
    });
    await expectError(response, 409, 'conflict');
  });

  it('changes a person and audits only the changed fields, before and after', async () => {
    const person = await json<Person>(
      await asHr.request('PATCH', `/api/v1/people/${parisEmployee.id}`, {
        displayName: 'Paula P.',
        unitId: france.id,
        attributes: { location: 'Paris' },
      }),
    );
    expect(person).toMatchObject({ displayName: 'Paula P.', unitId: france.id, attributes: { location: 'Paris' } });
    expect((await auditOf('person.changed'))[0]?.details).toEqual({
      changes: {
        displayName: { before: 'paula.paris', after: 'Paula P.' },
        unitId: { before: paris.id, after: france.id },
      },
    });
  });

  it('leaves the fields a change does not name as they were', async () => {
    const manager = await newPerson(store, ops, { role: 'manager', attributes: { location: 'Lyon' } });
    const person = await json<Person>(
      await asHr.request('PATCH', `/api/v1/people/${manager.id}`, { displayName: 'Max' }),
    );
    expect(person).toMatchObject({
      displayName: 'Max',
      role: 'manager',
      attributes: { location: 'Lyon' },
      active: true,
    });
    expect((await auditOf('person.changed'))[0]?.details).toEqual({
      changes: { displayName: { before: manager.email.split('@')[0], after: 'Max' } },
    });
  });

  it.each([
    ['deactivating', { active: false }, { active: true }],
    ['demoting to employee', { role: 'employee' }, { role: 'manager' }],
  ])('%s a manager signs them out for good and removes them from the units they managed', async (_, change, undo) => {
    const team = await newUnit(store, root.orgId, ops);
    const manager = await newPerson(store, team, { role: 'manager', manages: [team] });
    const asThem = await client.signIn(manager.email, testPassword);
    expect((await asThem.get('/api/v1/units')).status).toBe(200);
    await json(await asHr.request('PATCH', `/api/v1/people/${manager.id}`, change));
    await expectError(await asThem.get('/api/v1/units'), 401, 'unauthenticated');
    expect((await json<Unit>(await asHr.get(`/api/v1/units/${team.id}`))).managerIds).toEqual([]);
    expect((await auditOf('person.changed'))[0]?.details).toMatchObject({
      sessionsRevoked: true,
      managedUnitsRemoved: [team.id],
    });
    // Revoked, not just refused for now: made staff again, they must sign in again.
    await json(await asHr.request('PATCH', `/api/v1/people/${manager.id}`, undo));
    await expectError(await asThem.get('/api/v1/people'), 401, 'unauthenticated');
  });

  it('keeps one active HR leader: the last one cannot be demoted or deactivated', async () => {
    await expectError(await asHr.request('PATCH', `/api/v1/people/${hr.id}`, { role: 'manager' }), 409, 'conflict');
    await expectError(await asHr.request('PATCH', `/api/v1/people/${hr.id}`, { active: false }), 409, 'conflict');
    expect((await asHr.get('/api/v1/units')).status).toBe(200);
  });
});

describe('bad input is a 400 with the field path', () => {
  const cases: Array<[string, string, string, () => unknown, Array<string | number>]> = [
    ['an empty unit name', 'POST', '/api/v1/units', () => ({ name: ' ', parentId: root.id }), ['name']],
    ['a unit name with a slash', 'POST', '/api/v1/units', () => ({ name: 'A/B', parentId: root.id }), ['name']],
    ['a unit without parent', 'POST', '/api/v1/units', () => ({ name: 'Orphan' }), ['parentId']],
    ['an unknown parent unit', 'POST', '/api/v1/units', () => ({ name: 'X', parentId: otherOrgUnit.id }), ['parentId']],
    ['an empty unit change', 'PATCH', '/api/v1/units/{sales}', () => ({}), []],
    [
      'a managers list of non-ids',
      'PUT',
      '/api/v1/units/{sales}/managers',
      () => ({ personIds: ['x'] }),
      ['personIds', 0],
    ],
    ['a malformed unit id', 'GET', '/api/v1/units/not-a-uuid', () => undefined, ['id']],
    ['a page size of 0', 'GET', '/api/v1/people?limit=0', () => undefined, ['limit']],
    ['a forged cursor', 'GET', '/api/v1/people?cursor=bm90LWEtY3Vyc29y', () => undefined, ['cursor']],
    ['an unknown role filter', 'GET', '/api/v1/people?role=boss', () => undefined, ['role']],
    ['a bad e-mail', 'POST', '/api/v1/people', () => ({ email: 'nope', displayName: 'N', unitId: root.id }), ['email']],
    [
      'an unknown unit',
      'POST',
      '/api/v1/people',
      () => ({ email: 'u@acme.test', displayName: 'U', unitId: otherOrgUnit.id }),
      ['unitId'],
    ],
    [
      'an attribute name that is not lower_snake_case',
      'POST',
      '/api/v1/people',
      () => ({ email: 'a@acme.test', displayName: 'A', unitId: root.id, attributes: { 'Bad Key': 'x' } }),
      ['attributes', 'Bad Key'],
    ],
    ['an unknown role', 'PATCH', '/api/v1/people/{hr}', () => ({ role: 'boss' }), ['role']],
  ];
  it.each(cases)('%s', async (_, method, path, body, fieldPath) => {
    const url = path.replace('{sales}', sales.id).replace('{hr}', hr.id);
    const response = await asHr.request(method, url, body() as Record<string, unknown> | undefined);
    const error: ErrorEnvelope = await expectError(response, 400, 'invalid_input');
    expect(error.error.details).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: fieldPath })]),
    });
  });
});

describe('who may do what', () => {
  it.each([
    ['a unit outside their subtrees', () => `/api/v1/units/${ops.id}`],
    ["another org's unit", () => `/api/v1/units/${otherOrgUnit.id}`],
    ['a person outside their subtrees', () => `/api/v1/people/${opsEmployee.id}`],
    ["another org's person", () => `/api/v1/people/${otherOrgPerson.id}`],
    ['people of a unit outside their subtrees', () => `/api/v1/people?unitId=${ops.id}`],
    ['a unit that does not exist', () => `/api/v1/units/${crypto.randomUUID()}`],
  ])('a manager gets 404 for %s', async (_, path) => {
    await expectError(await asManager.get(path()), 404, 'not_found');
  });

  it.each([
    ["another org's unit", () => `/api/v1/units/${otherOrgUnit.id}`],
    ["another org's person", () => `/api/v1/people/${otherOrgPerson.id}`],
  ])('an HR leader gets 404 for %s', async (_, path) => {
    await expectError(await asHr.get(path()), 404, 'not_found');
  });

  it("an HR leader cannot change another org's unit or person", async () => {
    await expectError(
      await asHr.request('PATCH', `/api/v1/units/${otherOrgUnit.id}`, { name: 'Mine' }),
      404,
      'not_found',
    );
    await expectError(await asHr.request('DELETE', `/api/v1/units/${otherOrgUnit.id}`), 404, 'not_found');
    await expectError(
      await asHr.request('PATCH', `/api/v1/people/${otherOrgPerson.id}`, { active: false }),
      404,
      'not_found',
    );
    const person = await store.db
      .selectFrom('people')
      .select('active')
      .where('id', '=', otherOrgPerson.id)
      .executeTakeFirst();
    expect(person?.active).toBe(true);
  });

  const writes: Array<[string, string, () => unknown]> = [
    ['POST', '/api/v1/units', () => ({ name: 'Mine', parentId: france.id })],
    ['PATCH', '/api/v1/units/{paris}', () => ({ name: 'Mine' })],
    ['DELETE', '/api/v1/units/{paris}', () => undefined],
    ['PUT', '/api/v1/units/{paris}/managers', () => ({ personIds: [] })],
    ['POST', '/api/v1/people', () => ({ email: 'm@acme.test', displayName: 'M', unitId: paris.id })],
    ['PATCH', '/api/v1/people/{employee}', () => ({ displayName: 'Renamed' })],
  ];
  it.each(writes)('a manager cannot %s %s (403), even inside their subtree', async (method, path, body) => {
    const url = path.replace('{paris}', paris.id).replace('{employee}', parisEmployee.id);
    await expectError(
      await asManager.request(method, url, body() as Record<string, unknown> | undefined),
      403,
      'forbidden',
    );
  });

  it.each([
    ['GET', '/api/v1/units'],
    ['GET', '/api/v1/people'],
    ['GET', '/api/v1/units/{paris}'],
    ['POST', '/api/v1/units'],
  ])('an unauthenticated %s %s gets 401', async (method, path) => {
    const response = await client.request(
      method,
      path.replace('{paris}', paris.id),
      method === 'POST' ? {} : undefined,
    );
    await expectError(response, 401, 'unauthenticated');
  });

  it('an employee cannot sign in, and a session of someone demoted to employee stops working', async () => {
    await expectError(
      await client.postJson('/api/v1/auth/login', { email: opsEmployee.email, password: testPassword }),
      401,
      'unauthenticated',
    );
    const staff = await newPerson(store, ops, { role: 'manager', manages: [ops] });
    const asStaff = await client.signIn(staff.email, testPassword);
    await store.db.updateTable('people').set({ role: 'employee' }).where('id', '=', staff.id).execute();
    await expectError(await asStaff.get('/api/v1/people'), 401, 'unauthenticated');
  });
});
