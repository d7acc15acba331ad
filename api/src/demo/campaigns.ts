import type { Database } from '@insideout/db';
import type { Insertable, Kysely } from 'kysely';
import { orgPolicy } from '../campaigns/policies.ts';
import { judgeUnits } from '../campaigns/readiness.ts';
import { checkCampaign, createCampaign, launchCampaign, moveCampaign, overrideCampaign } from '../campaigns/service.ts';
import type { Actor, Services } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { orgUnits } from '../results/queries.ts';
import { seededRandom } from './random.ts';
import type { DemoOrg } from './seed.ts';

/**
 * Campaigns in every state, decided by the real gate on the demo's results (so every evaluation
 * is one the product would make): a draft, one ready, one blocked, one live that the current
 * pulse will pause when it closes (some of its team has already answered, and badly), one paused
 * by hand, one completed after an override with its written reason, one cancelled.
 */

const day = 86_400_000;

export async function seedDemoCampaigns(services: Services, demo: DemoOrg, hrId: string): Promise<void> {
  const { db } = services.store;
  const orgId = demo.orgId;
  const [hr, manager] = await Promise.all([
    db.selectFrom('people').select(['id', 'displayName', 'email']).where('id', '=', hrId).executeTakeFirstOrThrow(),
    db
      .selectFrom('people')
      .select('id')
      .where('orgId', '=', orgId)
      .where('email', '=', 'manager@demo.test')
      .executeTakeFirst(),
  ]);
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
  const unitId = (name: string) => demo.units.get(name)?.id ?? '';
  const now = services.now();
  const date = (days: number) => new Date(now.getTime() + days * day).toISOString().slice(0, 10);

  // The teams the gate passes today, preferring the ones the demo's story names.
  const units = await orgUnits(db, orgId);
  const leaves = units.filter((u) => !units.some((child) => child.parentId === u.id));
  const { policy } = await orgPolicy(db, orgId);
  const judged = await judgeUnits(
    db,
    orgId,
    leaves.map((u) => u.id),
    new Map(units.map((u) => [u.id, u])),
    policy,
    now,
  );
  const passing = judged.filter((u) => u.verdict === 'pass').map((u) => u.unit.id);
  const prefer = (name: string, index: number) =>
    passing.includes(unitId(name)) ? unitId(name) : (passing[index % Math.max(1, passing.length)] ?? unitId(name));
  const dataTeam = prefer('Data', 0);
  const parisTeam = prefer('Paris', 1);

  const make = (input: Parameters<typeof createCampaign>[2]) => createCampaign(db, actor, input);
  const launch = async (id: string) => {
    try {
      await launchCampaign(services, actor, id);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'gate_not_passed') return false;
      throw error;
    }
  };

  await make({
    name: 'How we build: engineering blog series',
    channel: 'social_network',
    targetUnitIds: [unitId('Web'), unitId('Mobile')],
    startsOn: date(30),
    endsOn: date(90),
    message: 'Our engineers write about the problems they solve and how they work together.',
  });

  const ready = await make({
    name: 'Sales referral drive',
    channel: 'referral_drive',
    targetUnitIds: [parisTeam],
    startsOn: date(14),
    endsOn: date(45),
    message: 'Know someone who would enjoy our Paris sales team? Introduce them: they decide whether to talk to us.',
  });
  await checkCampaign(services, actor, ready);

  const blocked = await make({
    name: 'Warehouse open day',
    channel: 'event',
    targetUnitIds: [unitId('Warehouse Lyon'), unitId('Logistics')],
    startsOn: date(21),
    endsOn: date(21),
    message: 'Come and meet the people who get every parcel out on time.',
  });
  await launch(blocked);

  const live = await make({
    name: 'Meet the Data team on LinkedIn',
    channel: 'linkedin',
    targetUnitIds: [dataTeam],
    ...(manager ? { ownerId: manager.id } : {}),
    startsOn: date(-5),
    endsOn: date(40),
    message: 'A week of posts by the Data team, in their own words: what they work on and why they stay.',
  });
  if (!(await launch(live))) {
    await overrideCampaign(
      services,
      actor,
      live,
      'Demo: the team asked for this campaign itself; launched to show a live campaign.',
    );
  }
  await seedCurrentAnswers(db, orgId, dataTeam);

  const paused = await make({
    name: 'Paris customer stories',
    channel: 'careers_site',
    targetUnitIds: [parisTeam],
    startsOn: date(-20),
    endsOn: date(20),
    message: 'Short videos of our Paris team with the customers they help.',
  });
  if (await launch(paused)) await moveCampaign(services, actor, paused, 'pause');

  const completed = await make({
    name: 'Autumn careers fair',
    channel: 'event',
    targetUnitIds: [unitId('Engineering')],
    startsOn: date(-30),
    endsOn: date(-2),
    message: 'Our engineers on our stand at the Lyon careers fair.',
  });
  if (!(await launch(completed))) {
    await overrideCampaign(
      services,
      actor,
      completed,
      'The stand was booked a year ago and the team volunteered; the eNPS dip is being discussed with them.',
    );
  }
  await moveCampaign(services, actor, completed, 'complete');

  const cancelled = await make({
    name: 'Support team podcast',
    channel: 'social_network',
    targetUnitIds: [unitId('Tier 1')],
    startsOn: date(10),
    endsOn: date(60),
    message: 'A monthly podcast with our support agents.',
  });
  await launch(cancelled);
  await moveCampaign(services, actor, cancelled, 'cancel');
}

/**
 * Most of the live campaign's team has already answered the current pulse, and the mood has
 * turned: closing that pulse (HR's "Close now", or the scheduler at its end) pauses the campaign.
 */
async function seedCurrentAnswers(db: Kysely<Database>, orgId: string, unitId: string) {
  const pulse = await db
    .selectFrom('pulses')
    .select('id')
    .where('orgId', '=', orgId)
    .where('state', '=', 'open')
    .executeTakeFirst();
  if (!pulse) return;
  const invited = await db
    .selectFrom('invitations as i')
    .innerJoin('cohorts as c', (join) =>
      join.onRef('c.orgId', '=', 'i.orgId').onRef('c.pulseId', '=', 'i.pulseId').onRef('c.id', '=', 'i.cohortId'),
    )
    .select(['i.personId', 'i.cohortId'])
    .where('i.orgId', '=', orgId)
    .where('i.pulseId', '=', pulse.id)
    .where('c.unitId', '=', unitId)
    .orderBy('i.personId')
    .execute();
  const items = await db
    .selectFrom('pulseItems')
    .select(['position', 'kind'])
    .where('orgId', '=', orgId)
    .where('pulseId', '=', pulse.id)
    .where('kind', '<>', 'text')
    .execute();
  const next = seededRandom(7);
  const answering = invited.slice(0, Math.ceil(invited.length * 0.85));
  const responses: Insertable<Database['responses']>[] = [];
  const answers: Insertable<Database['answers']>[] = [];
  for (const { cohortId } of answering) {
    const id = crypto.randomUUID();
    responses.push({
      orgId,
      pulseId: pulse.id,
      cohortId,
      id,
      nullifier: crypto.randomUUID(),
      payloadHash: 'demo',
      receiptHash: crypto.randomUUID(),
    });
    for (const item of items) {
      const value = item.kind === 'nps11' ? 2 + Math.floor(next() * 5) : 1 + Math.floor(next() * 3);
      answers.push({ orgId, pulseId: pulse.id, responseId: id, position: item.position, value });
    }
  }
  if (responses.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ballotIssuance')
      .values(
        answering.map(({ personId, cohortId }) => ({
          orgId,
          pulseId: pulse.id,
          personId,
          cohortId,
          blindedHash: crypto.randomUUID(),
        })),
      )
      .execute();
    await trx.insertInto('responses').values(responses).execute();
    await trx.insertInto('answers').values(answers).execute();
  });
}
