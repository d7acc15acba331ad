import type { Campaign } from '@insideout/contracts';
import { createDb, type Db } from '@insideout/db';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from '../support/app-process.ts';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium, signInThroughForm } from '../support/browser.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { browserHr, type HrApi, hrApi, newTeam } from '../support/hr-api.ts';

// Ambassadors and social referral in Chromium against the built product. An employee signs in with
// the one-time link mailed to them, joins a live campaign, copies its tracked link and introduces
// a contact; the contact accepts on the consent page; the HR leader sees the consented introduction
// and the opt-in count — and never the consent request itself in the development outbox.
//
// This file runs the product on a PostgreSQL cluster of its own (not the suite's shared embedded
// store) so that it can read mail where a mailbox would: in the `mail_outbox` table, not through HR.

const run = Date.now().toString(36);
const campaignName = `Life in the team ${run}`;
const contact = {
  name: 'Ada Lovelace',
  email: `ada.${run}@outside.test`,
  role: 'Data engineer',
  note: 'We built an analytical engine together; you would love it here.',
};

let cluster: Cluster;
let store: Db;
let app: AppProcess;
let browser: Browser;
let hr: HrApi;
let employeeEmail: string;
let campaign: Campaign;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

/** The newest mail to an address, as its recipient's mailbox would hold it. */
async function mailTo(to: string) {
  const mail = await store.db
    .selectFrom('mailOutbox')
    .select(['subject', 'text', 'confidential'])
    .where('to', '=', to)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  consoleProblems(page, problems);
  return page;
}

/** axe at desktop and phone widths, and no sideways scrolling on a phone. */
async function expectAccessible(page: Page) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `${page.url()} at ${width} px`).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  cluster = await startCluster();
  const admin = await createDb({ databaseUrl: cluster.url() });
  await sql`create database insideout`.execute(admin.db);
  await admin.close();
  app = await startApp({ DATABASE_URL: cluster.url('insideout') });
  store = await createDb({ databaseUrl: cluster.url('insideout') });
  browser = await launchChromium();

  hr = await hrApi(app.url);
  const team = await newTeam(hr, `Ambassadors ${run}`, 3, `amb-${run}`);
  employeeEmail = team.emails[0] ?? '';
  // Live by an HR leader's written override (the gate itself is campaigns.test.ts's business).
  const draft = await hr.call<Campaign>('POST', '/campaigns', {
    name: campaignName,
    channel: 'referral_drive',
    targetUnitIds: [team.unitId],
    message: 'Tell the people you trust what we build.',
  });
  campaign = await hr.call<Campaign>('POST', `/campaigns/${draft.id}/override`, {
    reason: 'The team asked for this campaign themselves at the all-hands meeting.',
  });
  expect(campaign.state).toBe('live');
  await hr.call('PUT', `/campaigns/${campaign.id}/share-kit`, {
    targetUrl: 'https://careers.example.test/team',
    texts: { en: 'We are hiring: come and see what we build.', fr: 'Nous recrutons : venez voir ce que nous faisons.' },
  });
});
afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await browser?.close();
  await app?.stop();
  await store?.close();
  cluster?.destroy();
});
afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

describe('ambassadors and introductions', () => {
  let employee: Page;

  it('signs an employee in with the link mailed to them', async () => {
    const request = await newPage(390);
    await request.goto(`${app.url}/ambassador`);
    await request.getByRole('heading', { name: 'Sign in with a link' }).waitFor();
    await expectAccessible(request);
    await request.getByLabel('Work e-mail address').fill(employeeEmail);
    await request.getByRole('button', { name: 'Send me a link' }).click();
    await request.getByText('If this address is known, a sign-in link is on its way.').waitFor();

    const mail = await mailTo(employeeEmail);
    const link = /https?:\/\/\S+\/ambassador#token=[\w.-]+/.exec(mail.text)?.[0] ?? '';
    expect(link).not.toBe('');
    // Opened from the mail, in a tab of its own.
    employee = await request.context().newPage();
    consoleProblems(employee, problems);
    await employee.goto(`${app.url}${new URL(link).pathname}${new URL(link).hash}`);
    await employee.getByText(/^Signed in as Member 0 amb-/).waitFor();
    // The token leaves the address bar once used.
    expect(new URL(employee.url()).hash).toBe('');
    await employee.getByRole('heading', { name: campaignName, level: 3 }).waitFor();
    await expectAccessible(employee);
  });

  it('joins the live campaign, copies its tracked link and finds share links built on it', async () => {
    await employee.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await employee.getByRole('button', { name: 'Join as an ambassador' }).click();
    await employee.getByText('You are an ambassador of this campaign.').waitFor();

    const link = (await employee.locator('dd code').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`/api/v1/r/${campaign.id}$`));
    await employee.getByRole('button', { name: 'Copy the link' }).click();
    await employee.getByRole('status').getByText('Copied.').waitFor();
    expect(await employee.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const linkedIn = await employee.getByRole('link', { name: 'Share on LinkedIn' }).getAttribute('href');
    expect(linkedIn).toContain(encodeURIComponent(link));

    // Whoever follows the link lands on the campaign's page, tagged with the campaign only.
    const followed = await fetch(`${app.url}${new URL(link).pathname}`, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    const target = new URL(followed.headers.get('location') ?? '');
    expect(target.origin + target.pathname).toBe('https://careers.example.test/team');
    expect(target.searchParams.get('utm_medium')).toBe('ambassador');
    expect(target.search).not.toContain(employeeEmail.split('@')[0] ?? '');
  });

  it('introduces a contact, who alone can read the consent request', async () => {
    await employee.getByLabel('Their name').fill(contact.name);
    await employee.getByLabel('Their e-mail address').fill(contact.email);
    await employee.getByLabel('Role or team they would fit').fill(contact.role);
    await employee.getByLabel('Your personal note (optional)').fill(contact.note);
    await employee.getByRole('button', { name: 'Send the introduction' }).click();
    await employee.getByText('Sent. They have been asked for their consent.').waitFor();
    const mine = employee.getByTestId('my-introduction');
    expect(await mine.textContent()).toContain('Waiting for their consent');

    // The HR leader's development outbox says a consent request went out, and nothing more.
    const hrPage = await signedInHr();
    await hrPage.goto(`${app.url}/outbox`);
    const withheld = hrPage.getByTestId('withheld-message');
    await withheld.getByText('Consent request to an introduced contact (withheld)').waitFor();
    await withheld.getByText('Recipient withheld').waitFor();
    const outbox = (await hrPage.locator('main').textContent()) ?? '';
    for (const secret of [contact.name, contact.email, contact.note, '/consent#']) expect(outbox).not.toContain(secret);
  });

  it('lets the contact read who introduced them and accept', async () => {
    const mail = await mailTo(contact.email);
    expect(mail.confidential).toBe(true);
    const token = /\/consent#([\w.-]+)/.exec(mail.text)?.[1] ?? '';
    expect(token).not.toBe('');
    const page = await newPage(390);
    await page.goto(`${app.url}/consent#${token}`);
    await page.getByText(`introduced you for: ${contact.role} (${campaignName})`).waitFor();
    await page.getByText(contact.note).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Accept: recruiters may contact me' }).click();
    await page.getByText('Thank you: recruiters may now contact you.').waitFor();
  });

  it('shows HR the consented introduction and the opt-in count', async () => {
    const page = await signedInHr();
    await page.goto(`${app.url}/ambassadors`);
    await page.getByRole('heading', { name: 'Ambassadors and introductions', level: 1 }).waitFor();
    const section = page.getByTestId('hr-ambassador-campaign').filter({ hasText: campaignName });
    await section.getByText('Ambassadors: 1').waitFor();
    expect(await section.getByTestId('clicks').textContent()).toBe('1');
    const introduction = page.getByTestId('consented-introduction').filter({ hasText: contact.name });
    await introduction.getByText(contact.email).waitFor();
    expect(await introduction.textContent()).toContain('Introduced by Member 0 amb-');
    await expectAccessible(page);
  });
});

let hrContext: BrowserContext | undefined;
/** A page of the HR leader's browser, signed in once through the sign-in form. */
async function signedInHr(): Promise<Page> {
  if (!hrContext) {
    hrContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    contexts.push(hrContext);
    const signIn = await hrContext.newPage();
    consoleProblems(signIn, problems);
    await signInThroughForm(signIn, app.url, browserHr);
    return signIn;
  }
  const page = await hrContext.newPage();
  consoleProblems(page, problems);
  return page;
}
