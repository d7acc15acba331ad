import type { Db, Role } from '@insideout/db';
import { hash } from '@node-rs/argon2';

export const testPassword = 'correct horse battery staple';
// Tests do not measure hashing: cheap argon2id parameters keep factories fast.
const passwordHash = hash(testPassword, { memoryCost: 1024, timeCost: 1 });

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export async function newOrg(store: Db, name = unique('Org')) {
  const org = await store.db
    .insertInto('orgs')
    .values({ name, slug: unique('org') })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  const root = await newUnit(store, org.id, null, name);
  return { ...org, root };
}

export interface TestUnit {
  id: string;
  orgId: string;
  name: string;
  path: string;
}

export async function newUnit(
  store: Db,
  orgId: string,
  parent: TestUnit | null,
  name = unique('Unit'),
): Promise<TestUnit> {
  const id = crypto.randomUUID();
  const path = `${parent?.path ?? '/'}${id}/`;
  await store.db
    .insertInto('units')
    .values({ orgId, id, parentId: parent?.id ?? null, name, path })
    .execute();
  return { id, orgId, name, path };
}

export interface TestPerson {
  id: string;
  orgId: string;
  email: string;
  role: Role;
}

/** A person in a unit; staff get a password (`testPassword`) and managers manage `manages`. */
export async function newPerson(
  store: Db,
  unit: TestUnit,
  options: { role?: Role; manages?: TestUnit[]; email?: string; attributes?: Record<string, string> } = {},
): Promise<TestPerson> {
  const role = options.role ?? 'employee';
  const email = options.email ?? `${unique(role)}@example.test`;
  const person = await store.db
    .insertInto('people')
    .values({
      orgId: unit.orgId,
      email,
      displayName: email.split('@')[0] ?? email,
      unitId: unit.id,
      role,
      attributes: options.attributes ?? {},
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (role !== 'employee') {
    await store.db
      .insertInto('credentials')
      .values({ orgId: unit.orgId, personId: person.id, passwordHash: await passwordHash })
      .execute();
  }
  for (const managed of options.manages ?? []) {
    await store.db
      .insertInto('unitManagers')
      .values({ orgId: unit.orgId, unitId: managed.id, personId: person.id })
      .execute();
  }
  return { id: person.id, orgId: unit.orgId, email, role };
}

/** A pulse of built-in items for the audience units, composed through the service as HR would. */
export function pulseInput(audience: TestUnit[], options: { items?: string[]; recurrence?: 'none' | 'weekly' } = {}) {
  const now = Date.now();
  return {
    title: 'Autumn pulse',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    recurrence: options.recurrence ?? 'none',
    audienceUnitIds: audience.map((u) => u.id),
    items: (options.items ?? ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:wellbeing_workload.1']).map(
      (questionKey, i) => ({ questionKey, required: i === 0 }),
    ),
  };
}
