import { createMailer } from '@insideout/api';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/cluster.ts';
import { expectError, type TestApp, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

// A real SMTP server on loopback receives what the product sends.
const inbox: Array<{ to: string; subject: string; text: string }> = [];
let smtp: SMTPServer;
let smtpPort: number;
let store: TestDatabase;
let client: TestApp;

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          inbox.push({ to: to?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  store = await freshDatabase();
  client = testApp(store, {
    services: {
      mailer: createMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'InsideOut <no-reply@insideout.test>' }),
    },
  });
});
afterAll(async () => {
  await store.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const founder = {
  orgName: 'Acme Coopérative',
  displayName: 'Hélène Roy',
  email: 'helene@acme.test',
  password: 'first run passphrase',
};

describe('first run, then a forgotten password', () => {
  it('creates the org and its HR leader, signed in, with no default password', async () => {
    expect(await (await client.get('/api/v1/setup')).json()).toEqual({ needed: true });
    await expectError(await client.postJson('/api/v1/setup', { ...founder, password: 'short' }), 400, 'invalid_input');

    const response = await client.postJson('/api/v1/setup', founder);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      person: { displayName: 'Hélène Roy', role: 'hr_admin' },
      org: { name: 'Acme Coopérative' },
    });
    expect(await (await client.get('/api/v1/setup')).json()).toEqual({ needed: false });
    await client.signIn(founder.email, founder.password);
  });

  it('mails a reset link over SMTP; the link sets a new password once and signs out other sessions', async () => {
    const before = await client.signIn(founder.email, founder.password);
    expect((await client.postJson('/api/v1/auth/password-reset', { email: founder.email })).status).toBe(202);
    // Unknown addresses get the same answer, and no mail.
    expect((await client.postJson('/api/v1/auth/password-reset', { email: 'nobody@acme.test' })).status).toBe(202);

    await expect.poll(() => inbox.length).toBe(1);
    const mail = inbox[0];
    expect(mail?.to).toBe(founder.email);
    const token = /reset-password#token=([\w.-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(token).not.toBe('');

    const confirm = { token, password: 'a brand new passphrase' };
    expect((await client.postJson('/api/v1/auth/password-reset/confirm', confirm)).status).toBe(204);
    await expectError(await client.postJson('/api/v1/auth/password-reset/confirm', confirm), 400, 'invalid_input');

    await expectError(await before.get('/api/v1/auth/session'), 401, 'unauthenticated');
    await expectError(
      await client.postJson('/api/v1/auth/login', { email: founder.email, password: founder.password }),
      401,
      'unauthenticated',
    );
    await client.signIn(founder.email, confirm.password);
  });
});

describe('staff added without a password', () => {
  it('choose one through the same link', async () => {
    const hr = await client.signIn(founder.email, 'a brand new passphrase');
    const units = (await (await hr.get('/api/v1/units')).json()) as {
      units: Array<{ id: string; parentId: string | null }>;
    };
    const root = units.units.find((unit) => unit.parentId === null);
    const created = await hr.request('POST', '/api/v1/people', {
      email: 'new.manager@acme.test',
      displayName: 'New Manager',
      unitId: root?.id,
      role: 'manager',
    });
    expect(created.status).toBe(201);
    await expectError(
      await client.postJson('/api/v1/auth/login', { email: 'new.manager@acme.test', password: 'anything at all' }),
      401,
      'unauthenticated',
    );

    const sent = inbox.length;
    expect((await client.postJson('/api/v1/auth/password-reset', { email: 'new.manager@acme.test' })).status).toBe(202);
    await expect.poll(() => inbox.length).toBe(sent + 1);
    const token = /reset-password#token=([\w.-]+)/.exec(inbox.at(-1)?.text ?? '')?.[1] ?? '';
    const password = 'my own first passphrase';
    expect((await client.postJson('/api/v1/auth/password-reset/confirm', { token, password })).status).toBe(204);
    const manager = await client.signIn('new.manager@acme.test', password);
    expect(manager.session.person.role).toBe('manager');
  });
});
