import type { Database, NewPersonRow } from '@insideout/db';
import type { Kysely } from 'kysely';
import { recordAudit, systemActor } from '../audit/record.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { Services } from '../http/env.ts';
import { seedDemoAmbassadors } from './ambassadors.ts';
import { seedDemoCampaigns } from './campaigns.ts';
import { seedDemoConversations } from './conversations.ts';
import { firstNames, lastNames } from './names.ts';
import { type DemoUnit, demoOrgName, demoPassword, demoStaff, demoTree, tenureBands } from './organisation.ts';
import { seedDemoPulses } from './pulses.ts';
import { seededRandom, seededUuid } from './random.ts';

export interface DemoOrg {
  orgId: string;
  /** Unit ids by name (demo unit names are unique). */
  units: Map<string, { id: string; path: string }>;
}

/** Creates the demo organisation: units, several hundred people, staff logins. One transaction. */
export async function seedDemoOrg(db: Kysely<Database>): Promise<DemoOrg> {
  const staffHash = await hashPassword(demoPassword);
  const next = seededRandom(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  // Unit ids break ties in the release plan: seeded, so the demo's figures are the same on every machine.
  const nextId = seededRandom(7);

  return db.transaction().execute(async (trx) => {
    const org = await trx
      .insertInto('orgs')
      .values({ name: demoOrgName, slug: 'lumen-co' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orgId = org.id;
    const units = new Map<string, { id: string; path: string }>();
    const people: NewPersonRow[] = [];
    const usedEmails = new Set<string>(demoStaff.map((s) => s.email));

    const addUnit = async (unit: DemoUnit, parent: { id: string; path: string } | null) => {
      const id = seededUuid(nextId);
      const path = `${parent?.path ?? '/'}${id}/`;
      await trx
        .insertInto('units')
        .values({ orgId, id, parentId: parent?.id ?? null, name: unit.name, path })
        .execute();
      units.set(unit.name, { id, path });
      for (let i = 0; i < unit.size; i++) {
        const first = pick(firstNames);
        const last = pick(lastNames);
        let email = `${first}.${last}`
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z.]/g, '');
        for (let n = 2; usedEmails.has(`${email}@demo.test`); n++) email = `${email.replace(/\d+$/, '')}${n}`;
        usedEmails.add(`${email}@demo.test`);
        people.push({
          orgId,
          email: `${email}@demo.test`,
          displayName: `${first} ${last}`,
          unitId: id,
          role: 'employee',
          attributes: { location: unit.location, tenure_band: pick(tenureBands) },
        });
      }
      for (const child of unit.children ?? []) await addUnit(child, { id, path });
    };
    await addUnit(demoTree, null);
    await trx.insertInto('people').values(people).execute();

    for (const member of demoStaff) {
      const unit = units.get(member.unit);
      if (!unit) throw new Error(`demo staff unit ${member.unit} is not in the demo tree`);
      const person = await trx
        .insertInto('people')
        .values({
          orgId,
          email: member.email,
          displayName: member.name,
          unitId: unit.id,
          role: member.role,
          attributes: { location: 'Lyon', tenure_band: '5+ years' },
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('credentials').values({ orgId, personId: person.id, passwordHash: staffHash }).execute();
      for (const managed of member.manages) {
        const managedUnit = units.get(managed);
        if (!managedUnit) throw new Error(`demo managed unit ${managed} is not in the demo tree`);
        await trx.insertInto('unitManagers').values({ orgId, unitId: managedUnit.id, personId: person.id }).execute();
      }
    }
    await recordAudit(trx, {
      orgId,
      actor: systemActor,
      action: 'org.created',
      target: { type: 'org', id: orgId },
      details: { name: demoOrgName, demo: true, people: people.length + demoStaff.length },
    });
    return { orgId, units };
  });
}

/** Seeds the demo organisation, its pulses and answers on an empty store only; returns whether it did. */
export async function seedDemoIfEmpty(services: Services): Promise<boolean> {
  const { db } = services.store;
  const existing = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const demo = await seedDemoOrg(db);
  const hr = await db
    .selectFrom('people')
    .select('id')
    .where('orgId', '=', demo.orgId)
    .where('email', '=', 'hr@demo.test')
    .executeTakeFirstOrThrow();
  await seedDemoPulses(services, demo, hr.id, services.now());
  await seedDemoConversations(services, demo, hr.id);
  await seedDemoCampaigns(services, demo, hr.id);
  await seedDemoAmbassadors(services, demo, hr.id);
  return true;
}
