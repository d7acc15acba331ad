import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium, signInThroughForm } from '../support/browser.ts';
import { browserHr, type HrApi, hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';
import { answerOverHttp } from '../support/survey.ts';

// A manager's and an HR leader's results pages, in Chromium against the built product. The
// browser suite shares one store, so this file makes its own units and pulse through the API: a
// team of 6 with a sub-team of 3 under it, all nine answer, and the pulse closes. The team (9
// respondents) is shown; the sub-team (3, under k = 5) is hidden, with the reason in words, and no
// number about it reaches the page.

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const teamName = `Results team ${run}`;
const smallName = `Results trio ${run}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let hr: HrApi;
let teamId: string;
let smallId: string;
let pulseId: string;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
  hr = await hrApi(appUrl);
  const team = await newTeam(hr, teamName, 6, `results-${run}`);
  teamId = team.unitId;
  smallId = (await hr.call<{ id: string }>('POST', '/units', { name: smallName, parentId: teamId })).id;
  const smallEmails: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const email = `trio${i}.${run}@browser.test`;
    await hr.call('POST', '/people', { email, displayName: `Trio ${i} ${run}`, unitId: smallId });
    smallEmails.push(email);
  }
  const pulse = await openPulse(
    hr,
    `Results pulse ${run}`,
    [teamId],
    ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:wellbeing_workload.1'],
  );
  pulseId = pulse.id;
  const emails = [...team.emails, ...smallEmails];
  const tokens = await invitationTokens(hr, emails);
  expect(tokens.size).toBe(9);
  const answers = [
    [5, 9, 4],
    [4, 10, 4],
    [4, 8, 3],
    [5, 9, 5],
    [3, 6, 2],
    [4, 9, 4],
    [2, 3, 2],
    [3, 7, 3],
    [4, 9, 4],
  ];
  for (const [index, email] of emails.entries())
    await answerOverHttp(appUrl, tokens.get(email) ?? '', answers[index] ?? []);
  await hr.call('POST', `/pulses/${pulseId}/close`);

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

const hiddenBelowK = 'Hidden: fewer than 5 people answered — shown from 5 to protect anonymity.';

describe('results pages', () => {
  it('finds the results and the overview in the navigation', async () => {
    await page.goto(`${appUrl}/`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Results', exact: true }).click();
    await page.getByRole('heading', { name: 'Team results', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Results', exact: true }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByRole('heading', { name: 'Organisation overview', level: 1 }).waitFor();
    expect(await nav.getByRole('link', { name: 'Overview', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Results', exact: true }).getAttribute('aria-current')).toBeNull();
  });

  it('shows the team’s figures, and explains in words why its sub-team of three is hidden', async () => {
    await page.goto(`${appUrl}/results?unit=${teamId}&pulse=${pulseId}`);
    await page.getByRole('heading', { name: `${teamName} · Results pulse ${run}` }).waitFor();
    expect((await page.getByTestId('figure-respondents').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Respondents 9',
    );
    expect(await page.getByTestId('figure-participation').textContent()).toContain('9 of 9 people answered');
    // Engagement: (4+3+3+4+2+3+1+2+3)/9 × 25 = 69; eNPS: 5 promoters, 2 detractors of 9 = +33.
    expect(await page.getByTestId('figure-engagement').textContent()).toContain('69/100');
    expect(await page.getByTestId('figure-enps').textContent()).toMatch(/\+33\s*90% interval/);
    // Nine answers are under 2k = 10: no distribution, and the page says so.
    await page
      .getByText(/Spread of answers hidden: it is shown from 10 answers/)
      .first()
      .waitFor();

    const subunits = page.getByRole('table', { name: `Sub-units of ${teamName}` });
    const trio = subunits.getByRole('row', { name: new RegExp(smallName) });
    await trio.waitFor();
    expect(await trio.textContent()).toMatch(/Hidden/);
    expect(await trio.getByRole('cell').first().textContent()).not.toMatch(/3/);
    await page.getByText(hiddenBelowK).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Opening the sub-team from its row: every figure is hidden, each with its reason, none with a number.
    await trio.getByRole('button', { name: smallName }).click();
    await page.getByRole('heading', { name: `${smallName} · Results pulse ${run}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe(smallId);
    for (const figure of ['respondents', 'participation', 'engagement', 'enps']) {
      const card = page.getByTestId(`figure-${figure}`);
      expect(await card.textContent()).toContain('Hidden');
      expect(await card.textContent()).not.toMatch(/\b3\b|\d+%/);
    }
    await page.getByText(hiddenBelowK).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('draws the heatmap of units and drivers, with hidden cells hatched and explained', async () => {
    await page.goto(`${appUrl}/results/overview?pulse=${pulseId}`);
    const heatmap = page.getByRole('table', { name: `Driver scores by unit, Results pulse ${run}` });
    await heatmap.waitFor();
    const headers = await heatmap.getByRole('columnheader').allTextContents();
    expect(headers.map((text) => text.trim())).toEqual([
      'Unit',
      'Respondents',
      'eNPS',
      'Engagement index',
      'Ambassadorship',
      'Wellbeing & workload',
    ]);

    const team = heatmap.getByRole('row', { name: new RegExp(`^${teamName}`) });
    expect((await team.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
      '9',
      '+33',
      '69',
      '78',
      '61',
    ]);
    const trio = heatmap.getByRole('row', { name: new RegExp(smallName) });
    const cells = await trio.getByRole('cell').allTextContents();
    expect(cells).toHaveLength(5);
    for (const cell of cells) expect(cell.trim()).toMatch(/^Hidden1\s*Hidden: fewer than 5$/);
    expect(await trio.getByRole('cell').first().getAttribute('title')).toBe(hiddenBelowK);
    await page.getByRole('listitem').filter({ hasText: hiddenBelowK }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a phone screen without scrolling the page sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/results?unit=${teamId}&pulse=${pulseId}`, `/results/overview?pulse=${pulseId}`]) {
      await page.goto(`${appUrl}${path}`);
      await page.locator('[data-testid="subunits-table"], [data-testid="heatmap"]').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // The wide tables scroll in their own region, which the keyboard can reach.
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});
