import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { consoleProblems, launchChromium } from '../support/browser.ts';

const appUrl = inject('appUrl');
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

beforeEach(async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  page = await context.newPage();
  // A console error (a CSP violation, a failed script) is a defect a user would meet.
  problems = consoleProblems(page);
});
afterEach(async () => {
  await page.context().close();
  expect(problems).toEqual([]);
});

describe('the web app', () => {
  it('loads on any client route, with navigation', async () => {
    await page.goto(`${appUrl}/status`);
    await expect.poll(() => page.getByRole('navigation').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toMatch(/InsideOut/);
  });

  it('switches to French and remembers the choice', async () => {
    await page.goto(appUrl);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('link', { name: 'Accueil' }).isVisible()).toBe(true);

    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: 'Langue' }).inputValue()).toBe('fr');
  });

  it('shows the database kind on the status page', async () => {
    await page.goto(appUrl);
    await page.getByRole('link', { name: 'Status' }).click();
    await expect.poll(() => page.getByTestId('database-kind').textContent()).toBe('pglite');
    expect(await page.getByTestId('health-status').textContent()).toMatch(/Healthy/);
  });
});
