import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium, signInThroughForm } from '../support/browser.ts';
import { browserHr, type HrApi, hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';
import { answerOverHttp } from '../support/survey.ts';

// Both sides of an anonymous conversation, in Chromium against the built product. A team of ten
// (k_comments = 10, so its comments show at the team itself) answers a pulse: one person in the
// browser, with a comment, the nine others over the API. The pulse closes; the team's manager
// replies on the comments page; the employee, with nothing but the receipt code kept on the device,
// reads the reply on the conversation page and answers back; the manager sees the follow-up. The
// browser suite shares one store, so this file makes its own team, manager and pulse.

const appUrl = inject('appUrl');
const run = Date.now().toString(36);
const teamName = `Dialogue team ${run}`;
const pulseTitle = `Dialogue pulse ${run}`;
const manager = {
  name: `Morgane Manager ${run}`,
  email: `manager.${run}@dialogue.test`,
  password: 'a manager passphrase, long enough',
};
const comment = `Our on-call rota leaves no time for training (${run}).`;
const reply = 'Thank you for raising it: we will rework the rota with the team in January.';
const followUp = 'Thank you. Could training hours count as on-call time?';
/** Uses a word of the default sensitive list: HR leaders see it flagged, managers do not. */
const flagged = `The fire exit behind the desks is a safety risk (${run}).`;

let browser: Browser;
let hr: HrApi;
let teamId: string;
let pulseId: string;
let tokens: string[];
/** The employee's browser: the receipt code stays in its IndexedDB from one step to the next. */
let employee: BrowserContext;
/** The manager's browser, signed in once. */
let staff: BrowserContext;
const problems: string[] = [];

/** A staff account with a password, chosen through the mailed link as a new manager would. */
async function newManager(unitId: string) {
  const { units } = await hr.call<{ units: Array<{ id: string; parentId: string | null }> }>('GET', '/units');
  const root = units.find((unit) => unit.parentId === null);
  const person = await hr.call<{ id: string }>('POST', '/people', {
    email: manager.email,
    displayName: manager.name,
    unitId: root?.id,
    role: 'manager',
  });
  await hr.call('PUT', `/units/${unitId}/managers`, { personIds: [person.id] });
  const asked = await fetch(`${appUrl}/api/v1/auth/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: manager.email }),
  });
  expect(asked.ok).toBe(true);
  const { messages } = await hr.call<{ messages: Array<{ to: string; text: string }> }>('GET', '/outbox');
  const token = messages
    .filter((message) => message.to === manager.email)
    .map((message) => /\/reset-password#token=(\S+)/.exec(message.text)?.[1])
    .find(Boolean);
  const confirmed = await fetch(`${appUrl}/api/v1/auth/password-reset/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password: manager.password }),
  });
  expect(confirmed.ok).toBe(true);
}

beforeAll(async () => {
  browser = await launchChromium();
  hr = await hrApi(appUrl);
  const team = await newTeam(hr, teamName, 10, `dialogue-${run}`);
  teamId = team.unitId;
  await newManager(teamId);
  const pulse = await openPulse(
    hr,
    pulseTitle,
    [teamId],
    ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:wellbeing_workload.1'],
  );
  pulseId = pulse.id;
  const byEmail = await invitationTokens(hr, team.emails);
  tokens = team.emails.map((email) => byEmail.get(email) ?? '');
  expect(tokens.every(Boolean)).toBe(true);

  employee = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
  staff = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await employee?.close();
  await staff?.close();
  await browser?.close();
});
afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  consoleProblems(page, problems);
  return page;
}

const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A day as en-GB writes it: 22 Nov 2026, 3 Sept 2026. */
const day = '\\d{1,2} \\w{3,4} \\d{4}';
const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Axe at a phone's width and at a desktop's, then back to the width the page had. */
async function axeAtBothWidths(page: Page) {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `at ${width} px`).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      `no sideways scroll at ${width} px`,
    ).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize(size);
}

describe('an anonymous conversation', () => {
  it('the employee comments, is warned about naming someone, and is told the receipt is the only way back', async () => {
    const page = await newPage(employee);
    await page.goto(`${appUrl}/survey#${tokens[0]}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('radio', { name: 'Agree', exact: true }).check();
    await page.getByText('Add a comment (optional)').click();
    const box = page.getByLabel('Your comment on this question');

    // A name is noticed while typing; the warning goes when the name does, and never blocks.
    await box.fill('Ask Paul Martin about the rota');
    const caution = page.getByTestId('comment-caution');
    await visible(caution);
    expect(await text(caution)).toMatch(/seems to name someone.*You can still send it/);
    await box.fill(comment);
    await caution.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await visible(page.getByRole('heading', { name: 'Before you send' }));
    await visible(page.getByText(/It is the only way back to the conversation about your comments/));
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await visible(page.getByText('Thank you! Your answers have been received.'));
    expect(await page.getByTestId('receipt-code').textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // Before the pulse closes, the conversation page has the comment, not yet shown to anyone.
    await page.getByRole('link', { name: 'Follow my comments' }).click();
    await visible(page.getByRole('heading', { name: 'Your comments and the replies', level: 1 }));
    await visible(page.getByText(/If it is lost, nobody can recover it or find your comments/));
    const mine = page.getByTestId('employee-comment').filter({ hasText: comment });
    await visible(mine);
    expect(await text(mine.getByTestId('visibility'))).toMatch(/Not shown yet/);
    expect(await mine.getByRole('button', { name: 'Send my answer' }).count()).toBe(0);
    await page.close();
  });

  it('the pulse closes with ten respondents, and the manager replies on the comments page', async () => {
    for (const [index, token] of tokens.slice(1).entries()) {
      await answerOverHttp(appUrl, token, [4, 8, 3], index === 0 ? [flagged] : []);
    }
    await hr.call('POST', `/pulses/${pulseId}/close`);

    const page = await newPage(staff);
    await signInThroughForm(page, appUrl, manager);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Comments', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Comments', level: 1 }));
    await visible(page.getByRole('heading', { name: `Comments on ${pulseTitle}` }));
    // Why these comments and not others, in words.
    const how = page.getByRole('region', { name: 'Why you see these comments, and not others' });
    expect(await text(how)).toMatch(/at least 10 people.*nearest unit above.*no date or time.*shuffled/);

    const card = page.getByTestId('staff-comment').filter({ hasText: comment });
    await visible(card);
    expect(await text(card)).toContain(`Shown at ${teamName}`);
    expect(await text(card)).toContain('Unanswered');
    expect(await page.getByTestId('staff-comment').count()).toBe(2);
    expect(await text(page.getByRole('button', { name: /^Unanswered/ }))).toBe('Unanswered 2');
    await axeAtBothWidths(page);

    await card.getByText('Reply', { exact: true }).click();
    await card.getByRole('radio', { name: 'We are on it' }).check();
    await card.getByLabel('Your reply').fill(reply);
    await card.getByRole('button', { name: 'Send the reply' }).click();
    await visible(card.getByText('Your reply has been sent.'));
    const thread = card.getByRole('list', { name: 'Conversation' });
    expect(await text(thread)).toMatch(new RegExp(`^${literal(manager.name)} We are on it .+ ${literal(reply)}$`));
    expect(await text(card)).toContain('Answered');
    expect(await text(page.getByRole('button', { name: /^Unanswered/ }))).toBe('Unanswered 1');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the employee reads the reply with the receipt kept on the device, and answers back', async () => {
    const page = await newPage(employee);
    await page.goto(`${appUrl}/conversation`);
    const mine = page.getByTestId('employee-comment').filter({ hasText: comment });
    await visible(mine);
    expect(await text(mine.getByTestId('visibility'))).toBe(
      `Shown to the managers of ${teamName} and to HR leaders, without your name.`,
    );
    expect(await text(mine)).toContain('Replied');
    const thread = mine.getByRole('list', { name: 'Conversation' });
    expect(await text(thread)).toMatch(new RegExp(`^${literal(manager.name)} We are on it .+ ${literal(reply)}$`));
    // No staff navigation or sign-in for an employee here.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await axeAtBothWidths(page);

    await mine.getByLabel('Answer back').fill(followUp);
    await mine.getByRole('button', { name: 'Send my answer' }).click();
    await visible(mine.getByText('Your answer has been sent.'));
    expect(await text(thread)).toMatch(new RegExp(`You ${day} ${literal(followUp)}$`));
    expect(await text(mine)).toContain('You answered back');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the manager sees the follow-up, from “Employee” with the day only', async () => {
    const page = await newPage(staff);
    await page.goto(`${appUrl}/comments?pulse=${pulseId}&show=follow_up`);
    const card = page.getByTestId('staff-comment').filter({ hasText: comment });
    await visible(card);
    expect(await page.getByRole('button', { name: /^Follow-up/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await text(page.getByRole('button', { name: /^Follow-up/ }))).toBe('Follow-up 1');
    expect(await text(card)).toContain('Follow-up');
    const employeeMessage = card.getByRole('listitem').filter({ hasText: followUp });
    expect(await text(employeeMessage)).toMatch(new RegExp(`^Employee ${day} ${literal(followUp)}$`));
    expect(await page.getByTestId('staff-comment').count()).toBe(1);
    await axeAtBothWidths(page);

    // The team's results page shows how the team answers its people.
    await page.goto(`${appUrl}/results?unit=${teamId}&pulse=${pulseId}`);
    const health = page.getByTestId('dialogue-health');
    await visible(health.getByTestId('health-answered'));
    expect(await text(health.getByTestId('health-answered'))).toMatch(
      /^Answered within 7 days 100% 1 of 1 comments due$/,
    );
    expect(await text(health.getByTestId('health-open'))).toBe('Open conversations 2 of 2 comments shown');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an HR leader sees the flagged comment with its reason, and edits the list of sensitive words', async () => {
    const page = await newPage(staff);
    // The staff context is the manager's: sign out, and in as the HR leader.
    await page.goto(`${appUrl}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughForm(page, appUrl, browserHr);

    await page.goto(`${appUrl}/comments?pulse=${pulseId}&show=flagged`);
    const card = page.getByTestId('staff-comment').filter({ hasText: flagged });
    await visible(card);
    expect(await text(page.getByRole('button', { name: /^Flagged/ }))).toBe('Flagged 1');
    expect(await text(card)).toContain('Sensitive words');
    expect(await text(card)).toContain('Pointed out to HR leaders: it uses “safety” from the list of sensitive words.');
    expect(await page.getByTestId('staff-comment').count()).toBe(1);

    await page.getByText('Sensitive words', { exact: true }).last().click();
    const list = page.getByLabel('Words and phrases');
    await visible(list);
    const before = (await list.inputValue()).split('\n').filter(Boolean);
    expect(before).toContain('safety');
    await list.fill([...before, `rota ${run}`].join('\n'));
    await page.getByRole('button', { name: 'Save the list' }).click();
    await visible(page.getByText(`The list has been saved (${before.length + 1} words).`));
    await axeAtBothWidths(page);
    await page.close();
  });
});
