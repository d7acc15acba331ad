import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';

// One HR leader's first day, in order and in one browser profile (cookie and local storage carry
// over from step to step): first-run setup, a unit, a person, an import, the audit log, sign-out.
// The browser suite shares one store across files, so the journey works whatever it finds: it sets
// the org up when nobody has yet, and otherwise signs in with the account its own setup creates.

const appUrl = inject('appUrl');
const hr = {
  org: 'Browser Test Org',
  name: 'Hélène Browser',
  email: 'helene.hr@browser.test',
  password: 'a passphrase long enough',
};
// Names of this run, so that a second run on the same store does not trip over the first one's.
const run = Date.now().toString(36);
const unitName = `Customer Care ${run}`;
const person = { name: `Inès Added ${run}`, email: `ines.${run}@browser.test` };
const imported = [
  { name: `Zoé Imported ${run}`, email: `zoe.${run}@browser.test` },
  { name: `Yann Imported ${run}`, email: `yann.${run}@browser.test` },
];
const csv = [
  'email,name,unit,role,location,tenure_band',
  `${imported[0]?.email},${imported[0]?.name},Imported ${run}/France/Paris,,Paris,1-3y`,
  `not-an-email.${run},Broken Row,Imported ${run},,,`,
  `${imported[1]?.email},${imported[1]?.name},Imported ${run}/France,manager,Lyon,3-5y`,
].join('\n');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: { text: string; url: string }[];
/** Failed requests a step expects (the browser logs them as console errors), by status and path. */
let expectedFailures: { status: number; path: string }[];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'en-GB' });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

beforeEach(async () => {
  page = await context.newPage();
  problems = [];
  expectedFailures = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => problems.push({ text: error.message, url: '' }));
});
afterEach(async () => {
  await page.close();
  const unexpected = problems.filter(
    (problem) =>
      !expectedFailures.some(
        ({ status, path }) =>
          problem.text.includes(`the server responded with a status of ${status}`) &&
          new URL(problem.url || 'http://x/').pathname === path,
      ),
  );
  expect(unexpected).toEqual([]);
});

async function setupNeeded(): Promise<boolean> {
  const response = await fetch(`${appUrl}/api/v1/setup`);
  return ((await response.json()) as { needed: boolean }).needed;
}

const visible = (locator: ReturnType<Page['getByRole']>) => locator.waitFor({ state: 'visible' });

describe('an HR leader’s first day', () => {
  it('sets InsideOut up on the first run (or signs in to the org it set up)', async () => {
    if (await setupNeeded()) {
      await page.goto(`${appUrl}/`);
      await visible(page.getByRole('heading', { name: 'Set up InsideOut' }));
      await expect
        .poll(() => page.getByText('There is no default account and no default password').isVisible())
        .toBe(true);

      await page.getByLabel('Organisation name').fill(hr.org);
      await page.getByLabel('Your name').fill(hr.name);
      await page.getByLabel('E-mail address').fill(hr.email);
      const password = page.getByLabel('Password');
      await password.fill('too short');
      await page.getByRole('button', { name: 'Create the organisation' }).click();
      // The field says what is wrong, and is tied to its message for screen readers.
      await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
      const descriptions = await Promise.all(
        describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(descriptions.join(' ')).toContain('Use at least 12 characters.');

      await password.fill(hr.password);
      await page.getByRole('button', { name: 'Create the organisation' }).click();
    } else {
      await page.goto(`${appUrl}/sign-in`);
      await page.getByLabel('E-mail address').fill(hr.email);
      await page.getByLabel('Password').fill(hr.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }

    await visible(page.getByRole('heading', { name: `Hello, ${hr.name}` }));
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(hr.name);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const section of ['People', 'Units', 'Import', 'Audit log', 'Outbox', 'Status']) {
      expect(await nav.getByRole('link', { name: section, exact: true }).isVisible()).toBe(true);
    }
  });

  it('creates a unit under the top of the org chart', async () => {
    await page.goto(`${appUrl}/units`);
    await page.getByText('Add a sub-unit').click();
    await page.getByLabel(/Name of the new unit under/).fill(unitName);
    await page.getByRole('button', { name: 'Add the unit' }).click();

    await visible(page.getByRole('status').getByText(`The unit ${unitName} has been added.`));
    await visible(page.getByRole('button', { name: new RegExp(`^${unitName}`) }));
  });

  it('adds a person to that unit', async () => {
    await page.goto(`${appUrl}/people`);
    await page.getByRole('button', { name: 'Add a person' }).click();
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name', { exact: true }).fill(person.name);
    await form.getByLabel('E-mail address').fill(person.email);
    await form.getByLabel('Unit', { exact: true }).selectOption({ label: unitName });
    await form.getByLabel('Location').fill('Lyon');
    await form.getByRole('button', { name: 'Add', exact: true }).click();

    await visible(form.getByRole('status').getByText(`${person.name} has been added.`));
    const row = page.getByRole('row', { name: new RegExp(person.name) });
    await visible(row);
    expect(await row.textContent()).toContain(unitName);
  });

  it('imports a CSV file: a dry run points at the bad row, the real import adds the good ones', async () => {
    await page.goto(`${appUrl}/import`);
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByLabel('Content of the file').inputValue()).toBe(csv);
    expect(await page.getByLabel('Dry run').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Check the file' }).click();
    await visible(page.getByRole('heading', { name: 'Dry run finished' }));
    await visible(page.getByText('This was a dry run: nothing has been written.'));
    const badRow = page.getByRole('table', { name: 'Rows with errors' }).getByRole('row', { name: /not-an-email/ });
    await visible(badRow);
    expect(await badRow.getByRole('cell').first().textContent()).toBe('3');

    await page.getByRole('button', { name: 'Import for real' }).click();
    await visible(page.getByRole('heading', { name: 'Import finished' }));
    await visible(page.getByText('The changes have been saved.'));
    const added = page.locator('.counts div').filter({ hasText: 'Added' }).locator('dd');
    expect(await added.textContent()).toBe('2');
    expect(await page.getByText(`Imported ${run}/France/Paris`).isVisible()).toBe(true);
  });

  it('finds the imported people in the list', async () => {
    await page.goto(`${appUrl}/people`);
    await page.getByRole('searchbox', { name: 'Search' }).fill(run);
    await expect
      .poll(() => page.getByText(/^Showing \d+ of \d+ people\.$/).textContent())
      .toBe('Showing 3 of 3 people.');
    for (const { name } of [...imported, person]) {
      expect(await page.getByRole('link', { name }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('row', { name: new RegExp(imported[1]?.name ?? '') }).textContent()).toContain(
      'Manager',
    );
  });

  it('shows these changes in the audit log', async () => {
    await page.goto(`${appUrl}/audit`);
    const log = page.getByRole('table', { name: 'Audit log entries, newest first' });
    await visible(log.getByRole('row', { name: /People imported/ }).first());
    await visible(log.getByRole('row', { name: new RegExp(`Person added.*${person.name}`) }));
    await visible(log.getByRole('row', { name: new RegExp(`Unit created.*${unitName}`) }));

    await page.getByLabel('Show').selectOption({ label: 'Units' });
    await expect.poll(() => log.getByRole('row', { name: /Person added/ }).count()).toBe(0);
    await visible(log.getByRole('row', { name: new RegExp(`Unit created.*${unitName}`) }));
  });

  it('signs out, and staff pages then ask to sign in', async () => {
    await page.goto(`${appUrl}/people`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.getByRole('link', { name: 'People' }).count()).toBe(0);

    await page.goto(`${appUrl}/people`);
    await expect.poll(() => page.url()).toBe(`${appUrl}/sign-in?next=%2Fpeople`);
  });

  it('says so when the password is wrong, then signs in and goes back where it was asked to', async () => {
    // A wrong password is a 401 the browser logs by itself: the one failure this step expects.
    expectedFailures = [{ status: 401, path: '/api/v1/auth/login' }];
    await page.goto(`${appUrl}/sign-in?next=%2Faudit`);
    await page.getByLabel('E-mail address').fill(hr.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').getByText('The e-mail address or the password is wrong.'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Password').fill(hr.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/audit');
  });
});
