// `npx tsx demo/screenshots.ts` (after `npm run build`): the README's pictures of the connection
// lifecycle, saved in demo/screenshots/: two connections of one app in Manage, a connection that
// needs the user (banner, Reconnect first), dark mode, and the connect dialog on a 375 px phone.
// `npx tsx demo/screenshots.ts --languages` saves only the languages' pictures instead: the catalog
// and the open connect dialog in German and in Arabic (right to left).
// Starts the demo on free ports with a throw-away data dir; connections are made through the proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { DEMO_TENANT_ID, DEMO_USER } from './host/server.js';
import { SANDBOX_CREDENTIALS } from './sandbox/server.js';
import { startDemo, type Demo } from './start.js';

const out = (name: string) => fileURLToPath(new URL(`./screenshots/${name}.png`, import.meta.url));

/** Connects Sandbox ERP under `name` for the demo user, as the widget would. */
async function connectErp(demo: Demo, name: string): Promise<void> {
  const admin = { authorization: `Bearer ${demo.adminApiKey}`, 'content-type': 'application/json' };
  const session = await fetch(`${demo.proxyUrl}/admin/sessions`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ tenantId: DEMO_TENANT_ID, userId: DEMO_USER.id }),
  });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${demo.proxyUrl}/instances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      element: { key: 'sandbox-erp' },
      authenticationType: 'basic',
      name,
      configuration: SANDBOX_CREDENTIALS.erp,
    }),
  });
  if (res.status !== 201) throw new Error(`connecting ${name}: ${res.status} ${await res.text()}`);
}

async function signIn(page: Page, demo: Demo): Promise<void> {
  await page.goto(`${demo.hostUrl}/`);
  await page.getByRole('button', { name: `Sign in as ${DEMO_USER.name}` }).click();
  await page.waitForURL('**/integrations');
  await page.waitForLoadState('networkidle');
}

/** The connection lifecycle, for the README: Manage with two connections, needs attention, dark mode, the dialog on a phone. */
async function lifecycleShots(page: Page, demo: Demo): Promise<void> {
  // Two connections of one app, told apart by account, dates and status.
  await page.getByRole('button', { name: 'Manage Sandbox ERP' }).click();
  await page.getByRole('button', { name: 'Check connection: Acme books (main)' }).waitFor();
  await page.screenshot({ path: out('manage-two-connections') });

  // The password changes at the vendor; a check finds the stored one refused.
  await fetch(`${demo.sandboxUrl}/__erp-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'changed-at-the-vendor' }),
  });
  await page.getByRole('button', { name: 'Check connection: Acme books (archive)' }).click();
  await page.getByText('needs you to sign in again').first().waitFor();
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('needs-attention') });

  // Dark mode: the host's midnight theme sets only a few tokens; the widget draws its dark surfaces itself.
  await page.goto(`${demo.hostUrl}/integrations?theme=midnight`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('dark-mode') });
  await page.goto(`${demo.hostUrl}/integrations?theme=daylight`);
  await page.waitForLoadState('networkidle');

  // The connect dialog on a phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole('button', { name: 'Connect Sandbox Helpdesk' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Workspace', exact: true }).waitFor();
  await page.screenshot({ path: out('dialog-375') });
}

/**
 * The catalog and Sandbox Helpdesk's connect dialog with the page in `lang` (the demo's `?lang=`).
 * Controls are found by their parts, not their words, which are the language's.
 */
async function languageShots(page: Page, demo: Demo, lang: string): Promise<void> {
  await page.goto(`${demo.hostUrl}/integrations?lang=${lang}`);
  await page.waitForLoadState('networkidle');
  // The widget marks its content with its language once that language's words are in.
  await page.waitForFunction(
    (l) => document.querySelector('ce-marketplace')?.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('lang') === l,
    lang,
  );
  await page.screenshot({ path: out(`catalog-${lang}`) });
  await page.locator('li[part~="card"][data-key="sandbox-helpdesk"] [part~="connect-button"]').click();
  await page.getByRole('dialog').locator('[part~="field"] input').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out(`dialog-${lang}`) });
  await page.keyboard.press('Escape');
}

const dataDir = await mkdtemp(join(tmpdir(), 'ce-shots-'));
const demo = await startDemo({ dataDir });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  await connectErp(demo, 'Acme books (main)');
  await connectErp(demo, 'Acme books (archive)');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await signIn(page, demo);
  if (process.argv.includes('--languages')) {
    for (const lang of ['de', 'ar']) await languageShots(page, demo, lang);
  } else {
    await lifecycleShots(page, demo);
  }
  console.log(`Saved ${out('*')}`);
} finally {
  await browser.close();
  await demo.close();
  await rm(dataDir, { recursive: true, force: true });
}
