import { startApp } from '../support/app-process.ts';
import { launchChromium } from '../support/browser.ts';
import { hrApi, invitationTokens, newTeam, openPulse } from '../support/hr-api.ts';
import { recordFigures } from './results.ts';

// The JavaScript an employee's browser downloads on first opening their invitation link, gzipped
// as the built product serves it: the built app on a fresh embedded store, an open pulse, and
// Chromium on `/survey#<token>` until the survey is ready to start (its language catalog included).
const app = await startApp({ LOG_LEVEL: 'warn' });
try {
  const hr = await hrApi(app.url);
  const team = await newTeam(hr, 'Bench team', 5, 'web-bench');
  await openPulse(hr, 'Bench pulse', [team.unitId], ['bank:engagement.1', 'bank:ambassadorship.enps']);
  const [token] = [...(await invitationTokens(hr, team.emails)).values()];
  if (!token) throw new Error('no invitation was mailed');

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': 'gzip' } });
    const page = await context.newPage();
    const scripts: Array<{ path: string; encoding: string | undefined; bytes: Promise<number> }> = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.endsWith('.js')) return;
      scripts.push({
        path,
        encoding: response.headers()['content-encoding'],
        bytes: response
          .request()
          .sizes()
          .then((sizes) => sizes.responseBodySize),
      });
    });
    await page.goto(`${app.url}/survey#${token}`);
    await page.getByRole('button', { name: 'Start' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForLoadState('networkidle');

    const sizes = await Promise.all(scripts.map((script) => script.bytes));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const plain = scripts.filter((script) => script.encoding !== 'gzip').map((script) => script.path);
    if (plain.length > 0) throw new Error(`scripts served without gzip: ${plain.join(', ')}`);
    console.log(scripts.map((script, i) => `${script.path} ${((sizes[i] ?? 0) / 1024).toFixed(1)} KB`).join('\n'));
    recordFigures({
      survey_js_gzip_kb: {
        value: Math.round((total / 1024) * 10) / 10,
        unit: 'KB',
        target: '≤ 80 KB',
        met: total <= 80 * 1024,
        note: `${scripts.length} scripts fetched by Chromium opening /survey#<token> until the survey can start, sizes on the wire (gzip) from the built product`,
      },
    });
  } finally {
    await browser.close();
  }
} finally {
  await app.stop();
}
