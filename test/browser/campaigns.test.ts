import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium, signInThroughForm } from '../support/browser.ts';
import { browserHr, type HrApi, hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';
import { answerOverHttp } from '../support/survey.ts';

// The readiness gate in Chromium against the built product. A team of six answers a pulse with
// little enthusiasm for the organisation; the HR leader creates a campaign for it on the web app,
// requests its launch, sees it blocked with the failing criteria listed, and overrides the gate
// with a written reason.

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const teamName = `Gate team ${run}`;
const campaignName = `Careers week ${run}`;
const reason = 'The team asked for this campaign at its own meeting; we accept the risk.';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let hr: HrApi;
let teamId: string;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  hr = await hrApi(appUrl);
  const team = await newTeam(hr, teamName, 6, `gate-${run}`);
  teamId = team.unitId;
  const pulse = await openPulse(
    hr,
    `Gate pulse ${run}`,
    [teamId],
    ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:ambassadorship.2'],
  );
  const tokens = await invitationTokens(hr, team.emails);
  expect(tokens.size).toBe(6);
  // Six voices (under the 10 the gate asks for), lukewarm ambassadors, a negative eNPS.
  const answers = [
    [3, 5, 2],
    [4, 6, 3],
    [3, 7, 2],
    [2, 4, 3],
    [4, 8, 4],
    [3, 6, 2],
  ];
  for (const [index, email] of team.emails.entries())
    await answerOverHttp(appUrl, tokens.get(email) ?? '', answers[index] ?? []);
  await hr.call('POST', `/pulses/${pulse.id}/close`);

  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const signIn = await context.newPage();
  await signInThroughForm(signIn, appUrl, browserHr);
  await signIn.close();
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

describe('campaigns and the readiness gate', () => {
  it('creates a campaign, sees it blocked with the failing criteria, and overrides it with a reason', async () => {
    await page.goto(`${appUrl}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Readiness board', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(campaignName);
    await page.getByLabel('Channel').selectOption('referral_drive');
    await page.getByRole('group', { name: 'Target units' }).getByLabel(teamName).check();
    await page.getByLabel('Message', { exact: true }).fill('Our people tell you what working here is like.');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create campaign' }).click();

    await page.getByRole('heading', { name: campaignName, level: 1 }).waitFor();
    expect(await page.getByTestId('campaign-state').textContent()).toBe('Draft');
    await page.getByRole('button', { name: 'Request launch' }).click();
    await page.getByRole('alert').getByText('The readiness gate did not pass').waitFor();
    await page.getByTestId('campaign-state').getByText('Blocked').waitFor();
    // The browser logs the refused launch (a real 412), and nothing else went wrong.
    expect(problems.splice(0)).toEqual([expect.stringContaining('status of 412 (Precondition Failed)')]);

    // The failing criteria, each with its value against its threshold.
    const obstacles = page.getByTestId('obstacles');
    await obstacles.getByRole('heading', { name: `${teamName}: Not ready` }).waitFor();
    const listed = (await obstacles.getByRole('listitem').allTextContents()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        'Enough voices: 6 respondents — at least 10 respondents',
        expect.stringMatching(/^Ambassadorship favourability: \d+% — at least 70%$/),
        expect.stringMatching(/^eNPS, lower bound of its 90% interval: -\d+ \(eNPS -\d+\) — above 0$/),
      ]),
    );
    const voices = page.getByTestId(`gate-${teamId}`).first().getByTestId('criterion-voices');
    expect((await voices.textContent())?.replace(/\s+/g, ' ')).toContain('To pass: 4 more people answering.');
    expect(await axeViolations(page)).toEqual([]);

    // Too short a reason is refused before anything is sent.
    const reasonField = page.getByLabel('Reason for the override');
    await reasonField.fill('Because we want it.');
    await page.getByRole('button', { name: 'Go live despite the gate' }).click();
    await page.getByText('Write at least 30 characters.').waitFor();
    expect(await page.getByTestId('campaign-state').textContent()).toBe('Blocked');

    await reasonField.fill(reason);
    await page.getByRole('button', { name: 'Go live despite the gate' }).click();
    await page.getByRole('status').getByText('The campaign is live despite the gate.').waitFor();
    await page.getByTestId('campaign-state').getByText('Live').waitFor();
    expect(await page.getByTestId('override-reason').textContent()).toBe(reason);
    await page.getByRole('heading', { name: new RegExp(`^Launched despite the gate by ${browserHr.name}`) }).waitFor();
    const history = page.getByTestId('history');
    expect(await history.getByRole('row').count()).toBe(3);
    expect(await history.textContent()).toContain('Override');
    expect(await axeViolations(page)).toEqual([]);

    // The board shows it live, with its team's checklist.
    await page.getByRole('link', { name: 'Back to the readiness board' }).click();
    const card = page.locator('li', { has: page.getByRole('link', { name: campaignName }) });
    await card.getByTestId('campaign-state').getByText('Live').waitFor();
    await card
      .getByTestId(`gate-${teamId}`)
      .getByTestId('criterion-participation')
      .getByText('100% (6 of 6)')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows on the team page what stands between the team and readiness', async () => {
    await page.goto(`${appUrl}/results?unit=${teamId}`);
    const readiness = page.getByTestId('readiness');
    await readiness.getByText('Not ready yet.').waitFor();
    await readiness.getByTestId('criterion-voices').getByText('6 respondents').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a phone screen without scrolling the page sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${appUrl}/campaigns`);
    await page.getByRole('link', { name: campaignName }).click();
    await page.getByRole('heading', { name: campaignName, level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    for (const path of ['/campaigns', '/campaigns/new', '/campaigns/policy', '/campaigns/webhooks']) {
      await page.goto(`${appUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});
