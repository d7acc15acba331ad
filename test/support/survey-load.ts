import { constants, createHash, createPrivateKey, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createApp, createKeyring, createMailer, type Services } from '@insideout/api';
import type { Db } from '@insideout/db';
import { sql } from 'kysely';
import { newOrg, newPerson, testPassword } from './factories.ts';

/**
 * A survey under load: an org of `people` employees in `units` teams and an open pulse of three
 * items for all of them, prepared in this process (through the api's own routes, in-process), then
 * every request the employees will send, built and signed in advance so that the timed part is
 * only HTTP. Clients make their ballots with node:crypto: blinding and unblinding are the browser's
 * work, not the server's; a blinded message is any number below the modulus, and a finalized
 * ballot is an RSASSA-PSS (SHA-384, 48-byte salt) signature of the message under the cohort key.
 */
export interface SurveyLoad {
  orgId: string;
  pulseId: string;
  /** Seconds the pulse took to open (cohorts, one RSA key each, invitations, mail). */
  openSeconds: number;
  cohorts: number;
  /** Per employee: their invitation token, the ballot request and the response they will send (JSON), and its nullifier. */
  employees: Array<{ invitation: string; ballot: string; submission: string; nullifier: string }>;
}

export const surveyItems = ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:growth.1'];

export async function prepareSurvey(
  store: Db,
  options: { people: number; units: number; secretKey: string },
): Promise<SurveyLoad> {
  const org = await newOrg(store, 'Bench Org');
  const hr = await newPerson(store, org.root, { role: 'hr_admin' });
  const unitIds = Array.from({ length: options.units }, () => crypto.randomUUID());
  await store.db
    .insertInto('units')
    .values(
      unitIds.map((id, u) => ({
        orgId: org.id,
        id,
        parentId: org.root.id,
        name: `Team ${u}`,
        path: `${org.root.path}${id}/`,
      })),
    )
    .execute();
  await sql`insert into people (org_id, email, display_name, unit_id, role, attributes)
    select ${org.id}, 'person' || n || '@bench.test', 'Person ' || n,
      (${JSON.stringify(unitIds)}::jsonb ->> (n % ${options.units}))::uuid, 'employee',
      jsonb_build_object('location', (array['Lyon', 'Paris'])[1 + n % 2])
    from generate_series(1, ${options.people}) as n`.execute(store.db);

  const keyring = createKeyring(Buffer.from(options.secretKey, 'base64'));
  const services: Services = {
    store,
    mailer: createMailer({ from: 'InsideOut <no-reply@insideout.test>' }),
    keyring,
    publicUrl: 'http://insideout.test',
    session: { idleMinutes: 120, absoluteHours: 12 },
    now: () => new Date(),
  };
  const app = createApp({ services });
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: hr.email, password: testPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const staff = async (path: string, body: unknown) => {
    const response = await app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const now = Date.now();
  const pulse = await staff('/pulses', {
    title: 'Bench pulse',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    audienceUnitIds: unitIds,
    items: surveyItems.map((questionKey) => ({ questionKey })),
  });
  const opening = performance.now();
  await staff(`/pulses/${pulse.id}/open`, {});
  const openSeconds = (performance.now() - opening) / 1000;

  const cohorts = await store.db
    .selectFrom('cohorts')
    .select(['id', 'privateKeySealed'])
    .where('orgId', '=', org.id)
    .where('pulseId', '=', pulse.id)
    .execute();
  const keyOf = new Map<string, KeyObject>(
    cohorts.map((c) => [
      c.id,
      createPrivateKey({ key: Buffer.from(keyring.openCohortKey(c.privateKeySealed)), format: 'der', type: 'pkcs8' }),
    ]),
  );
  const invitations = await store.db
    .selectFrom('invitations')
    .select(['personId', 'cohortId'])
    .where('orgId', '=', org.id)
    .where('pulseId', '=', pulse.id)
    .execute();

  const employees = invitations.map(({ personId, cohortId }, index) => {
    const key = keyOf.get(cohortId);
    if (!key) throw new Error('an invitation of an unknown cohort');
    const message = randomBytes(64);
    const signature = sign('sha384', message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 });
    return {
      invitation: `${org.id}.${keyring.invitationToken(org.id, pulse.id, personId)}`,
      nullifier: createHash('sha256').update(message).digest('base64url'),
      ballot: JSON.stringify({ blinded: Buffer.concat([Buffer.from([0]), randomBytes(255)]).toString('base64url') }),
      // Three answers and, for one in five, a comment.
      submission: JSON.stringify({
        cohortId,
        message: message.toString('base64url'),
        signature: signature.toString('base64url'),
        answers: [
          { position: 0, value: 1 + (index % 5) },
          { position: 1, value: index % 11 },
          { position: 2, value: 1 + ((index * 7) % 5) },
        ],
        comments: index % 5 === 0 ? [{ position: null, body: 'More focus time, fewer meetings.' }] : [],
        receiptHash: createHash('sha256').update(randomBytes(16)).digest('base64url'),
      }),
    };
  });
  return { orgId: org.id, pulseId: pulse.id, openSeconds, cohorts: cohorts.length, employees };
}
