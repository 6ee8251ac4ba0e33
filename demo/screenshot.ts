// `npx tsx demo/screenshot.ts` (after `npm run build`): the README's picture of the demo. Starts the
// demo on free ports with a throw-away data dir, connects Sandbox ERP like a user would, opens the
// connect dialog of Sandbox Helpdesk, and saves demo/screenshot.png.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { DEMO_USER } from './host/server.js';
import { SANDBOX_CREDENTIALS } from './sandbox/server.js';
import { startDemo } from './start.js';

const out = fileURLToPath(new URL('./screenshot.png', import.meta.url));
const theme = process.argv.includes('--midnight') ? 'midnight' : 'daylight';

const dataDir = await mkdtemp(join(tmpdir(), 'ce-shot-'));
const demo = await startDemo({ dataDir });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(`${demo.hostUrl}/?theme=${theme}`);
  await page.getByRole('button', { name: `Sign in as ${DEMO_USER.name}` }).click();
  await page.waitForURL('**/integrations');

  const erp = SANDBOX_CREDENTIALS.erp;
  await page.getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Account ID', exact: true }).fill(erp['account.id']);
  await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill(erp['user.username']);
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill(erp['user.password']);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Connect Sandbox Helpdesk' }).click();
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Workspace', exact: true }).fill(SANDBOX_CREDENTIALS.helpdesk.subdomain);
  // The page behind the modal shows its top: the host's header, the search and the connected ERP.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let logos load and focus rings settle before the picture.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out });
  if (process.argv.includes('--catalog')) {
    await page.keyboard.press('Escape');
    await page.screenshot({ path: out.replace('.png', '-catalog.png') });
  }
  console.log(`Saved ${out}`);
} finally {
  await browser.close();
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}
