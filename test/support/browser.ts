import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!executablePath) {
    throw new Error(
      'Chromium was not found. Install it with `apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH).',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects what a user would meet as a defect: console errors (a CSP violation, a failed script)
 * and uncaught page errors, into `problems` (several pages may share one list). Assert the list is
 * empty when the test ends.
 */
export function consoleProblems(page: Page, problems: string[] = []): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Signs in through the sign-in form, as a person would, and waits for the greeting. */
export async function signInThroughForm(
  page: Page,
  appUrl: string,
  who: { email: string; password: string; name: string },
): Promise<void> {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: `Hello, ${who.name}` }).waitFor();
}
