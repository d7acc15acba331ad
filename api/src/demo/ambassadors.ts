import type { RecruiterState } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import type { Insertable } from 'kysely';
import { writeShareKit } from '../ambassadors/share-kit.ts';
import { hashToken, newToken } from '../auth/secrets.ts';
import { liveCampaigns } from '../campaigns/queries.ts';
import type { Actor, Services } from '../http/env.ts';
import { demoOrgName } from './organisation.ts';
import { seededRandom } from './random.ts';
import type { DemoOrg } from './seed.ts';

/**
 * The ambassadors of the demo's live campaign: its share kit, a few people of its teams who chose
 * to join (one withdrew again), introductions in every state — two waiting for the contact's
 * consent, three accepted and moved on by recruiters, each with its kudos — and clicks on its link
 * since it started. Written like the product writes them, without mail: the demo contacts
 * do not exist, and a pending introduction's consent link is known to nobody.
 * Runs after the demo campaigns; does nothing when none is live.
 */

const day = 86_400_000;

const contacts: ReadonlyArray<{
  name: string;
  email: string;
  role: string;
  note: string;
  daysAgo: number;
  state: RecruiterState | 'pending';
  thanks?: string;
}> = [
  {
    name: 'Léa Roussel',
    email: 'lea.roussel@mail.test',
    role: 'Data engineer',
    note: 'We built the billing pipeline together at my last job; she would love our tooling.',
    daysAgo: 4,
    state: 'interviewing',
    thanks: 'Thank you for introducing Léa: her first interview went really well.',
  },
  {
    name: 'Tomás Ferreira',
    email: 'tomas.ferreira@mail.test',
    role: 'Analytics engineer',
    note: 'A friend from university who keeps asking how we run our data platform.',
    daysAgo: 4,
    state: 'contacted',
  },
  {
    name: 'Ines Haddad',
    email: 'ines.haddad@mail.test',
    role: 'Machine learning engineer',
    note: '',
    daysAgo: 3,
    state: 'new',
  },
  {
    name: 'Oskar Lindqvist',
    email: 'oskar.lindqvist@mail.test',
    role: 'Data analyst',
    note: 'Met him at a meetup in Lyon: curious, careful, and looking for a team that talks.',
    daysAgo: 2,
    state: 'pending',
  },
  {
    name: 'Chiara Bassi',
    email: 'chiara.bassi@mail.test',
    role: 'Data engineer',
    note: '',
    daysAgo: 1,
    state: 'pending',
  },
];

export async function seedDemoAmbassadors(services: Services, demo: DemoOrg, hrId: string): Promise<void> {
  const { db } = services.store;
  const orgId = demo.orgId;
  const [campaign] = await liveCampaigns(db, orgId);
  if (!campaign) return;
  const now = services.now();
  const at = (daysAgo: number, hours = 10) => new Date(now.getTime() - daysAgo * day - hours * 3_600_000);

  const hr = await db
    .selectFrom('people')
    .select(['id', 'displayName', 'email'])
    .where('orgId', '=', orgId)
    .where('id', '=', hrId)
    .executeTakeFirstOrThrow();
  const actor: Actor = {
    orgId,
    personId: hr.id,
    role: 'hr_admin',
    displayName: hr.displayName,
    email: hr.email,
    managedPaths: [],
    csrfToken: '',
    sessionHash: '',
  };
  await writeShareKit(
    db,
    actor,
    campaign.id,
    {
      targetUrl: 'https://careers.lumen.example/life-at-lumen',
      texts: {
        en: 'Our colleagues tell you, in their own words, what they work on and why they stay. Have a look, and tell us if it sounds like you.',
        fr: 'Nos collègues racontent, avec leurs mots, ce sur quoi ils travaillent et pourquoi ils restent. Jetez-y un œil, et dites-nous si cela vous ressemble.',
      },
    },
    services.publicUrl,
  );

  // Employees of the campaign's teams (their subtrees), taken in turn from each unit.
  const paths = [...demo.units.values()].filter((u) => campaign.targetUnitIds.includes(u.id)).map((u) => u.path);
  if (paths.length === 0) return;
  const people = await db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .select(['p.id', 'p.unitId'])
    .where('p.orgId', '=', orgId)
    .where('p.role', '=', 'employee')
    .where('p.active', '=', true)
    .where((eb) => eb.or(paths.map((path) => eb('u.path', 'like', `${path}%`))))
    .orderBy('p.email')
    .execute();
  const byUnit = new Map<string, string[]>();
  for (const person of people) byUnit.set(person.unitId, [...(byUnit.get(person.unitId) ?? []), person.id]);
  const inTurn: string[] = [];
  for (let i = 0; inTurn.length < people.length; i++)
    for (const ids of byUnit.values()) if (ids[i]) inTurn.push(ids[i] as string);
  const joining = inTurn.slice(0, 6);
  if (joining.length === 0) return;

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ambassadorOptins')
      .values(
        joining.map((personId, index) => ({
          orgId,
          campaignId: campaign.id,
          personId,
          joinedAt: at(5, 9 - index),
          // The last one changed their mind: withdrawing is always possible, and not shown to HR.
          withdrawnAt: index === joining.length - 1 && joining.length > 1 ? at(1) : null,
        })),
      )
      .execute();

    const introductions: Insertable<Database['introductions']>[] = [];
    const kudos: Insertable<Database['kudos']>[] = [];
    for (const [index, contact] of contacts.entries()) {
      const introducerId = joining[index % Math.max(1, joining.length - 1)] as string;
      const createdAt = at(contact.daysAgo);
      const consentedAt = contact.state === 'pending' ? null : new Date(createdAt.getTime() + day / 2);
      const id = crypto.randomUUID();
      introductions.push({
        orgId,
        id,
        campaignId: campaign.id,
        introducerId,
        contactName: contact.name,
        contactEmail: contact.email,
        contactRole: contact.role,
        note: contact.note,
        consentTokenHash: hashToken(newToken()),
        consent: contact.state === 'pending' ? 'pending' : 'consented',
        expiresAt: new Date(createdAt.getTime() + 14 * day),
        consentedAt,
        recruiterState: contact.state === 'pending' ? 'new' : contact.state,
        createdAt,
        updatedAt: consentedAt ? new Date(consentedAt.getTime() + (contact.state === 'new' ? 0 : day)) : createdAt,
      });
      if (consentedAt) {
        kudos.push({
          orgId,
          personId: introducerId,
          campaignId: campaign.id,
          message: `${contact.name} accepted your introduction: thank you for bringing someone you trust to ${demoOrgName}.`,
          fromLabel: demoOrgName,
          createdAt: consentedAt,
        });
      }
      if (consentedAt && contact.thanks) {
        kudos.push({
          orgId,
          personId: introducerId,
          campaignId: campaign.id,
          message: contact.thanks,
          fromLabel: hr.displayName,
          createdAt: new Date(consentedAt.getTime() + 2 * day),
        });
      }
    }
    await trx.insertInto('introductions').values(introductions).execute();
    await trx.insertInto('kudos').values(kudos).execute();

    // Clicks on the campaign's link since it started, counted per day and never per person.
    const next = seededRandom(8);
    const clicks = Array.from({ length: 6 }, (_, daysAgo) => ({
      orgId,
      campaignId: campaign.id,
      day: at(daysAgo, 0).toISOString().slice(0, 10),
      count: 4 + Math.floor(next() * 30),
    }));
    await trx.insertInto('campaignClicks').values(clicks).execute();
  });
}
