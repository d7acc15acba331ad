import { generateCohortKey } from '@insideout/ballot/server';
import { formCohorts, thresholdsOf } from '@insideout/core';
import type { Database } from '@insideout/db';
import type { Insertable } from 'kysely';
import { systemActor } from '../audit/record.ts';
import type { Services } from '../http/env.ts';
import { createPulse } from '../pulses/compose.ts';
import { openPulse } from '../pulses/lifecycle.ts';
import { computeRollups } from '../results/rollups.ts';
import { seededRandom, seededUuid } from './random.ts';
import type { DemoOrg } from './seed.ts';

/**
 * Five closed monthly pulses with answers that tell a story, and one open pulse: most teams
 * healthy and steady, the Lyon warehouse and Tier 1 support declining, Web improving, and a few
 * teams too small for their results ever to show.
 */
const items = [
  'bank:engagement.1',
  'bank:engagement.2',
  'bank:ambassadorship.enps',
  'bank:ambassadorship.2',
  'bank:ambassadorship.3',
  'bank:recognition.1',
  'bank:feedback_dialogue.2',
  'bank:manager_relationship.3',
  'bank:wellbeing_workload.1',
  'bank:freedom_of_opinion.1',
];

/** Mean Likert score (1–5) of a unit at closed pulse `index` (0 = oldest). */
function climate(unit: string, index: number): number {
  switch (unit) {
    case 'Warehouse Lyon':
      return 3.9 - 0.32 * index;
    case 'Tier 1':
      return 3.7 - 0.22 * index;
    case 'Web':
      return 3.2 + 0.2 * index;
    case 'Core Services':
    case 'Data':
    case 'Germany':
    case 'Paris':
      return 4.25;
    default:
      return 3.85;
  }
}

const comments = [
  'Planning for the peak season came very late again this year.',
  'I appreciate that my manager asks for our opinion before deciding.',
  'We need clearer priorities: everything is urgent.',
  'The new onboarding buddy system works well.',
  'Too many meetings, not enough time to do the actual work.',
  'I would share our news more if it talked about the teams, not only products.',
  'Safety checks are skipped when we are short-staffed at the end of the month.',
];

export async function seedDemoPulses(services: Services, demo: DemoOrg, hrId: string, now: Date) {
  const { db } = services.store;
  const next = seededRandom(11);
  const normal = () => (next() + next() + next() + next() - 2) * 1.2;
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', demo.orgId).executeTakeFirstOrThrow();
  const { k, kComments } = thresholdsOf(org.settings);
  const rootId = demo.units.get('Lumen & Co')?.id ?? '';
  const unitName = new Map([...demo.units.entries()].map(([name, unit]) => [unit.id, name]));
  const pathOf = new Map([...demo.units.values()].map((unit) => [unit.id, unit.path]));
  const members = await db
    .selectFrom('people')
    .select(['id as personId', 'unitId', 'attributes'])
    .where('orgId', '=', demo.orgId)
    .execute();
  const cohorts = formCohorts(members, k, ['location']);
  const actor = {
    orgId: demo.orgId,
    personId: hrId,
    role: 'hr_admin' as const,
    displayName: 'Hélène Garnier',
    email: '',
    managedPaths: [],
    csrfToken: '',
    sessionHash: '',
  };
  const day = 86_400_000;

  for (let index = 0; index < 5; index++) {
    const opensAt = new Date(now.getTime() - ((5 - index) * 30 + 14) * day);
    const closesAt = new Date(opensAt.getTime() + 14 * day);
    const pulseId = await createPulse(db, actor, {
      title: `Monthly pulse — ${opensAt.toLocaleString('en', { month: 'long', timeZone: 'UTC' })}`,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      recurrence: 'none',
      audienceUnitIds: [rootId],
      items: items.map((questionKey) => ({ questionKey, required: false })),
    });
    // A closed pulse signs nothing more: its cohorts share one key here, to keep the demo quick to seed.
    const key = await generateCohortKey();
    const responses: Insertable<Database['responses']>[] = [];
    const answers: Insertable<Database['answers']>[] = [];
    const notes: Insertable<Database['comments']>[] = [];
    const issued: Insertable<Database['ballotIssuance']>[] = [];
    for (const cohort of cohorts) {
      const cohortId = seededUuid(next);
      await db
        .insertInto('cohorts')
        .values({
          orgId: demo.orgId,
          pulseId,
          id: cohortId,
          unitId: cohort.unitId,
          unitPath: pathOf.get(cohort.unitId) ?? null,
          attributes: cohort.attributes,
          audience: cohort.personIds.length,
          publicKey: key.publicKeySpki,
          privateKeySealed: services.keyring.sealCohortKey(key.privateKeyPkcs8),
        })
        .execute();
      const mean = climate(unitName.get(cohort.unitId) ?? '', index);
      const participation = 0.55 + 0.35 * ((mean - 2.5) / 2) + (next() - 0.5) * 0.1;
      for (const personId of cohort.personIds) {
        issued.push({ orgId: demo.orgId, pulseId, personId, cohortId, blindedHash: crypto.randomUUID() });
        if (next() > participation) continue;
        const responseId = seededUuid(next);
        responses.push({
          orgId: demo.orgId,
          pulseId,
          cohortId,
          id: responseId,
          nullifier: crypto.randomUUID(),
          payloadHash: 'demo',
          receiptHash: crypto.randomUUID(),
        });
        for (const [position, key] of items.entries()) {
          if (next() < 0.04) continue; // a skipped optional item
          const value =
            key === 'bank:ambassadorship.enps'
              ? Math.max(0, Math.min(10, Math.round(((mean - 1) / 4) * 10 + normal() * 1.6)))
              : Math.max(1, Math.min(5, Math.round(mean + normal())));
          answers.push({ orgId: demo.orgId, pulseId, responseId, position, value });
        }
        if (next() < 0.12) {
          notes.push({
            orgId: demo.orgId,
            pulseId,
            cohortId,
            responseId,
            id: seededUuid(next),
            position: null,
            body: comments[Math.floor(next() * comments.length)] ?? '',
            receiptHash: crypto.randomUUID(),
          });
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('pulses')
        .set({ state: 'closed', openedAt: opensAt, closedAt: closesAt, sealedAt: closesAt, k, kComments })
        .where('orgId', '=', demo.orgId)
        .where('id', '=', pulseId)
        .execute();
      // Shuffled before insertion, as sealing would leave them.
      const shuffle = <T>(rows: T[]) =>
        rows
          .map((row) => [next(), row] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, row]) => row);
      const insertAll = async <T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) => {
        for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
      };
      await insertAll(issued, (batch) => trx.insertInto('ballotIssuance').values(batch).execute());
      await insertAll(shuffle(responses), (batch) => trx.insertInto('responses').values(batch).execute());
      await insertAll(shuffle(answers), (batch) => trx.insertInto('answers').values(batch).execute());
      await insertAll(shuffle(notes), (batch) => trx.insertInto('comments').values(batch).execute());
      await computeRollups(trx, demo.orgId, pulseId);
    });
  }

  const openId = await createPulse(db, actor, {
    title: 'Monthly pulse — current',
    opensAt: new Date(now.getTime() - 3 * day).toISOString(),
    closesAt: new Date(now.getTime() + 11 * day).toISOString(),
    recurrence: 'monthly',
    audienceUnitIds: [rootId],
    items: items.map((questionKey) => ({ questionKey, required: false })),
  });
  await openPulse(services, demo.orgId, openId, systemActor);
}
