import { launchChromium } from './support/browser.ts';
import { startApp } from './support/app-process.ts';

const app = await startApp({ DEMO: '1' });
const browser = await launchChromium();
try {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 1000 } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('E-mail address').fill('hr@demo.test');
    await page.getByLabel('Password').fill('insideout-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Hello/ }).waitFor();
    await page.goto(`${app.url}/comments?show=flagged`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/dlg/shots/hr-flagged-${width}.png` });
    await page.getByText('Sensitive words', { exact: true }).last().click();
    await page.waitForTimeout(800);
    await page.locator('details.panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/dlg/shots/hr-words-${width}.png` });
    await page.goto(`${app.url}/results/overview`);
    await page.waitForTimeout(1500);
    await page.getByTestId('dialogue-health').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/dlg/shots/hr-overview-health-${width}.png` });
    await page.goto(`${app.url}/results`);
    await page.waitForTimeout(1500);
    await page.getByTestId('dialogue-health').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/dlg/shots/hr-results-health-${width}.png` });
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}
