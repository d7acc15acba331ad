import type { Participation } from '@insideout/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { consoleProblems, launchChromium } from '../support/browser.ts';
import { type HrApi, hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';

// An employee's survey, in Chromium against the built product: the invitation link, the key check,
// the ballot taken on opening, the answers kept on the device while the network is down and sent
// exactly once when it comes back. The browser suite shares one store: this file makes its own
// team and pulse, as the HR leader of the directory journey.

const appUrl = inject('appUrl');
const run = Date.now().toString(36);

let browser: Browser;
let hr: HrApi;
let pulseId: string;
let tokens: string[];
const contexts: BrowserContext[] = [];
/** Console errors and uncaught exceptions per page, with what each test expects to see. */
const problems: string[] = [];
let expectedProblems: RegExp[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  hr = await hrApi(appUrl);
  const team = await newTeam(hr, `Survey team ${run}`, 6, `survey-${run}`);
  const pulse = await openPulse(
    hr,
    `Survey pulse ${run}`,
    [team.unitId],
    ['bank:engagement.1', 'bank:ambassadorship.enps', 'bank:wellbeing_workload.1'],
  );
  pulseId = pulse.id;
  const byEmail = await invitationTokens(hr, team.emails);
  tokens = team.emails.map((email) => byEmail.get(email) ?? '');
  expect(tokens.every(Boolean)).toBe(true);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  const unexpected = problems.splice(0).filter((text) => !expectedProblems.some((pattern) => pattern.test(text)));
  expectedProblems = [];
  expect(unexpected).toEqual([]);
});

async function newPage(locale: string, width = 390): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: 844 } });
  contexts.push(context);
  const page = await context.newPage();
  consoleProblems(page, problems);
  return page;
}

const participation = () => hr.call<Participation>('GET', `/pulses/${pulseId}/participation`);
const visible = (locator: ReturnType<Page['getByText']>) => locator.waitFor({ state: 'visible' });

describe('the survey page', () => {
  it('takes the ballot on opening, keeps the answers on the device while offline, and delivers them exactly once', async () => {
    const page = await newPage('en-GB');
    const before = await participation();
    await page.goto(`${appUrl}/survey#${tokens[0]}`);

    // Opening the survey took the ballot; the invitation is out of the address bar.
    await visible(page.getByRole('button', { name: 'Start' }));
    expect(page.url()).toBe(`${appUrl}/survey`);
    expect((await participation()).ballotsTaken).toBe(before.ballotsTaken + 1);

    const who = page.getByRole('region', { name: 'Who can see this?' });
    await visible(who.getByText(/anonymous by construction/));
    expect(await who.textContent()).toMatch(/groups of at least 5 people.*comments only for groups of at least 10/s);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Start' }).click();
    await visible(page.getByText('Question 1 of 3'));
    // A required question cannot be skipped.
    await page.getByRole('button', { name: 'Next' }).click();
    await visible(page.getByText('This question needs an answer.'));
    const likert = page.getByRole('radiogroup', { name: /I am glad I work at/ });
    expect(await likert.getByRole('radio').count()).toBe(5);
    await likert.getByRole('radio', { name: 'Agree', exact: true }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Next' }).click();

    await visible(page.getByText('Question 2 of 3'));
    const nps = page.getByRole('radiogroup', { name: /How likely are you to recommend/ });
    expect(await nps.getByRole('radio').count()).toBe(11);
    await nps.getByRole('radio', { name: '9', exact: true }).check();
    await page.getByText('Add a comment (optional)').click();
    await page.getByLabel('Your comment on this question').fill('The onboarding was excellent.');
    await page.getByRole('button', { name: 'Next' }).click();
    await visible(page.getByText('Question 3 of 3'));
    await page.getByRole('button', { name: 'Skip' }).click();

    await visible(page.getByRole('heading', { name: 'Before you send' }));
    await page.getByLabel(/Anything else you would like to say/).fill('More time for training, please.');
    await visible(page.getByText(/Naming people.*may identify you or them/));
    await visible(page.getByText(/if you lose it, nobody can recover it/));
    await visible(page.getByRole('region', { name: 'Who can see this?' }));
    expect(await axeViolations(page)).toEqual([]);

    // The network drops just before sending: the answers wait on the device.
    expectedProblems = [/ERR_INTERNET_DISCONNECTED/];
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await visible(page.getByText('Saved on this device — we’ll send it as soon as you’re back online.'));
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect((await participation()).responses).toBe(before.responses);

    await page.context().setOffline(false);
    await visible(page.getByText('Thank you! Your answers have been received.'));
    expect(await page.getByTestId('receipt-code').textContent()).toBe(code);
    await expect.poll(async () => (await participation()).responses).toBe(before.responses + 1);

    // Delivered: the device keeps the receipt code, not the answers.
    const kept = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('insideout-survey');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('outbox').objectStore('outbox').getAll();
            read.onsuccess = () => resolve(read.result);
          };
        }),
    );
    expect(kept).toEqual([expect.objectContaining({ state: 'delivered', submission: null, receiptCode: code })]);

    // Reopened, the page shows the receipt and sends nothing again.
    await page.reload();
    await visible(page.getByText('Thank you! Your answers have been received.'));
    expect(await page.getByTestId('receipt-code').textContent()).toBe(code);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await participation()).responses).toBe(before.responses + 1);
  });

  it('says the ballot was taken when the same link is opened in another browser', async () => {
    const page = await newPage('en-GB');
    await page.goto(`${appUrl}/survey#${tokens[0]}`);
    await visible(page.getByRole('heading', { name: 'Your ballot was already taken' }));
    expect(await page.getByRole('button', { name: 'Send my answers' }).count()).toBe(0);
  });

  it('speaks French to a French browser, and passes the accessibility checks there too', async () => {
    const page = await newPage('fr-FR', 1280);
    await page.goto(`${appUrl}/survey#${tokens[1]}`);
    await visible(page.getByRole('button', { name: 'Commencer' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await visible(page.getByRole('region', { name: 'Qui peut voir vos réponses ?' }));
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Commencer' }).click();
    await visible(page.getByText('Question 1 sur 3'));
    await page.getByRole('radio', { name: 'Tout à fait d’accord' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await visible(page.getByText('10 : extrêmement probable'));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Passer' }).click();
    await page.getByRole('button', { name: 'Passer' }).click();
    await visible(page.getByRole('heading', { name: 'Avant d’envoyer' }));
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses to go on when its key is not in the public manifest, and takes no ballot', async () => {
    const page = await newPage('en-GB');
    await page.route('**/api/v1/pulses/*/manifest', async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as {
        pulseId: string;
        cohorts: Array<{ id: string; publicKey: string }>;
      };
      // The server hands out a key that the public list does not have: one of the person's own.
      const tampered = manifest.cohorts.map((cohort) => ({
        ...cohort,
        publicKey: `${cohort.publicKey.slice(0, -4)}AAAA`,
      }));
      await route.fulfill({ response, json: { ...manifest, cohorts: tampered } });
    });
    const before = await participation();
    await page.goto(`${appUrl}/survey#${tokens[2]}`);

    await visible(page.getByRole('heading', { name: 'We stopped to protect your anonymity' }));
    await visible(page.getByText(/A key of your own would let the server recognise your answers/));
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send my answers' }).count()).toBe(0);
    expect((await participation()).ballotsTaken).toBe(before.ballotsTaken);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps a first visit light: no chart library, and a bounded amount of gzipped JavaScript', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': 'gzip' } });
    contexts.push(context);
    const page = await context.newPage();
    const scripts: Array<{ url: string; encoding: string | undefined; bytes: Promise<number>; body: Promise<string> }> =
      [];
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.endsWith('.js')) return;
      scripts.push({
        url: response.url(),
        encoding: response.headers()['content-encoding'],
        bytes: response
          .request()
          .sizes()
          .then((sizes) => sizes.responseBodySize),
        body: response.text(),
      });
    });
    await page.goto(`${appUrl}/survey#${tokens[3]}`);
    await visible(page.getByRole('button', { name: 'Start' }));

    const sizes = await Promise.all(scripts.map((script) => script.bytes));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    console.info(`first visit to /survey: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(scripts.every((script) => script.encoding === 'gzip')).toBe(true);
    // The budget: 80 KB. The reader's language catalog only is loaded (the other one is a chunk
    // fetched on switching); the blind-signature library (sjcl inside) is about 13.5 KB of it.
    expect(total).toBeLessThanOrEqual(80 * 1024);
    // chart.js names its date adapter in an error message: no script of this page carries it.
    for (const body of await Promise.all(scripts.map((script) => script.body))) {
      expect(body).not.toContain('date adapter');
    }
  });
});
