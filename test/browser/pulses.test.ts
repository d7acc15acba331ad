import { readFile } from 'node:fs/promises';
import { blindBallot, toBase64Url } from '@insideout/ballot/client';
import type { Survey } from '@insideout/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium, signInThroughForm } from '../support/browser.ts';
import { browserHr, type HrApi, hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';

// An HR leader runs a pulse from the web app, in one browser profile: composes it, opens it,
// watches participation move, reminds and exports the links, and keeps the question bank.
// The team it asks is made through the API; everything else goes through the pages.

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const title = `Spring pulse ${run}`;
const teamName = `Pulse team ${run}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let hr: HrApi;
let team: { unitId: string; emails: string[] };
let pulseUrl = '';
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  hr = await hrApi(appUrl);
  team = await newTeam(hr, teamName, 5, `pulses-${run}`);
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});
beforeEach(async () => {
  page = await context.newPage();
  problems = consoleProblems(page);
});
afterEach(async () => {
  await page.close();
  expect(problems).toEqual([]);
});

const visible = (locator: ReturnType<Page['getByText']>) => locator.waitFor({ state: 'visible' });

describe('an HR leader runs a pulse', () => {
  it('signs in and finds the pulses in the navigation', async () => {
    await signInThroughForm(page, appUrl, browserHr);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pulses' }).click();
    await visible(page.getByRole('heading', { name: 'Pulses', level: 1 }));
    expect(await axeViolations(page)).toEqual([]);
  });

  it('composes a pulse: audience from the unit tree, questions from the bank, with advice on its size', async () => {
    await page.goto(`${appUrl}/pulses`);
    await page.getByRole('link', { name: 'Compose a pulse' }).click();
    await visible(page.getByRole('heading', { name: 'Compose a pulse', level: 1 }));

    // Saving with nothing chosen points at what is missing.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('Choose at least one unit.'));

    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('checkbox', { name: new RegExp(teamName) }).check();
    await visible(page.getByText('Audience today: 5 people.'));

    for (const text of [/^I am glad I work at/, /^How likely are you to recommend/, /^My workload is manageable/]) {
      await page.getByRole('checkbox', { name: text }).check();
    }
    await visible(page.getByText(/Questions chosen: 3\. Fewer than 5 say little/));
    for (const text of [/^I receive useful feedback on my work/, /^I trust my manager/]) {
      await page.getByRole('checkbox', { name: text }).check();
    }
    await visible(page.getByText('Questions chosen: 5, within the recommended size of 5 to 10.'));
    await page.getByRole('checkbox', { name: 'Required' }).first().check();
    await page.getByRole('button', { name: /^Move up: I trust my manager/ }).click();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save the draft' }).click();
    await visible(page.getByRole('heading', { name: title, level: 1 }));
    pulseUrl = page.url();
    expect(new URL(pulseUrl).pathname).toMatch(/^\/pulses\/[0-9a-f-]{36}$/);
    await visible(page.getByText('Draft', { exact: true }));
    const items = page.getByRole('region', { name: 'Questions', exact: true }).getByRole('listitem');
    expect(await items.count()).toBe(5);
    expect(await items.nth(3).textContent()).toMatch(/I trust my manager/);
  });

  it('opens it after a confirmation, and sees participation move while it is open', async () => {
    await page.goto(pulseUrl);
    await page.getByRole('button', { name: 'Open now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open this pulse now?' });
    await visible(dialog.getByText(/e-mails everyone their personal link/));
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Open now' }).click();

    await visible(page.getByText('The pulse is open and the invitations are on their way.'));
    await expect.poll(() => page.getByTestId('participation-audience').textContent()).toBe('5');
    expect(await page.getByTestId('participation-ballots').textContent()).toBe('0');
    const cohort = page
      .getByRole('table', { name: 'Participation per group' })
      .getByRole('row', { name: new RegExp(teamName) });
    await visible(cohort);
    expect(await axeViolations(page)).toEqual([]);

    // Someone opens their survey (takes a ballot): the page shows it at its next refresh.
    const pulseId = new URL(pulseUrl).pathname.split('/').at(-1) ?? '';
    const tokens = await invitationTokens(hr, team.emails);
    expect(tokens.size).toBe(5);
    const token = tokens.get(team.emails[0] ?? '') ?? '';
    const survey = (await (
      await fetch(`${appUrl}/api/v1/survey`, { headers: { authorization: `Invitation ${token}` } })
    ).json()) as Survey;
    expect(survey.pulse.id).toBe(pulseId);
    const ballot = await blindBallot(survey.cohort.publicKey);
    const grant = await fetch(`${appUrl}/api/v1/survey/ballot`, {
      method: 'POST',
      headers: { authorization: `Invitation ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ blinded: toBase64Url(ballot.blinded) }),
    });
    expect(grant.status).toBe(200);
    await expect
      .poll(() => page.getByTestId('participation-ballots').textContent(), { timeout: 15_000, interval: 500 })
      .toBe('1');
  });

  it('reminds only those without a ballot, and exports the personal links after a warning', async () => {
    await page.goto(pulseUrl);
    await page.getByRole('button', { name: 'Send reminders' }).click();
    const remind = page.getByRole('dialog', { name: 'Send reminders?' });
    await visible(remind.getByText(/Nobody knows who has answered, only who has opened the survey and taken a ballot/));
    await remind.getByRole('button', { name: 'Send reminders' }).click();
    await visible(page.getByRole('status').getByText('Reminders sent: 4 people.'));

    await page.getByRole('button', { name: 'Download the invitation links' }).click();
    const links = page.getByRole('dialog', { name: 'Download the invitation links?' });
    await visible(links.getByText(/recorded in the audit log/));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      links.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^invitations-[0-9a-f-]{36}\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('email,name,link');
    expect(lines).toHaveLength(6);
    expect(csv).toContain('/survey#');
  });

  it('closes it after a confirmation', async () => {
    await page.goto(pulseUrl);
    await page.getByRole('button', { name: 'Close now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this pulse now?' });
    await visible(dialog.getByText(/This cannot be undone/));
    await dialog.getByRole('button', { name: 'Close now' }).click();
    await visible(page.getByText('The pulse is closed.'));
    await visible(page.getByText('Closed', { exact: true }));
    expect(await page.getByRole('button', { name: 'Send reminders' }).count()).toBe(0);
  });

  it('keeps the organisation’s questions: adds one, edits it, retires it', async () => {
    const en = `Our tools help me do my job (${run}).`;
    const fr = `Nos outils m’aident à faire mon travail (${run}).`;
    await page.goto(`${appUrl}/pulses/questions`);
    await visible(page.getByRole('heading', { name: 'Questions', level: 1 }));
    const add = page.getByRole('region', { name: 'Add a question' });
    await add.getByLabel('Driver').selectOption({ label: 'Autonomy' });
    await add.getByLabel('Text in English').fill(en);
    await add.getByLabel('Text in French').fill(fr);
    await add.getByRole('button', { name: 'Add the question' }).click();
    await visible(page.getByText('The question has been added.'));
    const card = (text: string) => page.getByRole('listitem').filter({ hasText: text });
    await visible(card(en).getByText(fr));
    expect(await axeViolations(page)).toEqual([]);

    // Unused, an edit changes the question in place.
    await card(en).getByRole('button', { name: /^Edit/ }).click();
    const reworded = `Our tools help me do my job well (${run}).`;
    await page.getByLabel('Text in English').nth(1).fill(reworded);
    await page.getByRole('button', { name: 'Save the question' }).click();
    await visible(page.getByText('The question has been saved.'));
    await visible(card(reworded).getByText('Version 1'));

    // Once a pulse has used it, an edit makes a new version and retires the old one.
    const { questions } = await hr.call<{ questions: Array<{ key: string; text: { en: string } }> }>(
      'GET',
      '/questions',
    );
    const key = questions.find((question) => question.text.en === reworded)?.key ?? '';
    await openPulse(hr, `Tools pulse ${run}`, [team.unitId], ['bank:engagement.1', key]);
    await page.reload();
    await visible(card(reworded).getByText('Used by a pulse'));
    await card(reworded).getByRole('button', { name: /^Edit/ }).click();
    await visible(page.getByText(/saving makes a new version, and the current one is retired/));
    const edited = `Our tools help me do my work well (${run}).`;
    await page.getByLabel('Text in English').nth(1).fill(edited);
    await page.getByRole('button', { name: 'Save the question' }).click();
    await visible(page.getByText(/^Saved as version 2/));
    await visible(card(edited).getByText('Version 2'));

    await card(edited)
      .getByRole('button', { name: /^Retire/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Retire this question?' });
    await visible(dialog.getByText(/no new pulse can include it/));
    await dialog.getByRole('button', { name: 'Retire' }).click();
    await visible(page.getByText('The question has been retired.'));
    await expect.poll(() => card(edited).count()).toBe(0);
    await page.getByLabel('Show retired questions').check();
    await visible(card(edited).getByText('Retired', { exact: true }));
  });
});
