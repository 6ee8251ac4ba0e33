// The built widget as a host serves it: one script tag loads the entry, and the code a page does not
// show yet (the connect dialog's body) and the words of its language come from beside the entry when
// needed, under the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_TENANT_ID, DEMO_USER } from '../../demo/host/server.js';
import { mintSession } from '../node/proxy-fixtures.js';
import { DIST } from '../bench/bundle-size.js';
import { chromium } from 'playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { card, dialog, useStack } from './stack.js';

const stack = useStack({ reset: true });
const isChunk = (url: string) => /\/chunks\/[\w-]+\.js$/.test(url);

test('the catalog needs the entry alone; hovering Connect fetches the dialog chunk from beside it', async () => {
  const { page, problems } = await stack().signedIn();
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(req.url());
  });
  await page.reload();
  await card(page, 'sandbox-erp').waitFor();
  assert.deepEqual(scripts.filter(isChunk), [], 'no chunk before it is needed');
  assert.ok(scripts.includes(`${stack().demo.hostUrl}/assets/ce-marketplace.js`));

  const chunk = page.waitForRequest((req) => isChunk(req.url()));
  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).hover();
  assert.match((await chunk).url(), new RegExp(`^${stack().demo.hostUrl}/assets/chunks/connect-flow-[\\w-]+\\.js$`));

  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  await dialog(page).getByRole('textbox', { name: 'Account ID', exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a page with only <ce-connect-dialog> needs one script tag, wherever the entry is served from', async () => {
  const { demo } = stack();
  const { page, problems } = await stack().signedIn({ path: '/admin' });
  const token = await mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: DEMO_TENANT_ID, userId: DEMO_USER.id });
  // The widget's files under a path of their own on the host's origin.
  const served: string[] = [];
  await page.route(`${demo.hostUrl}/static/widget/v1/**`, async (route) => {
    const file = new URL(route.request().url()).pathname.slice('/static/widget/v1/'.length);
    served.push(file);
    const body = await readFile(join(DIST, file)).catch(() => undefined);
    const type = file.endsWith('.json') ? 'application/json' : 'text/javascript';
    await (body ? route.fulfill({ body, headers: { 'content-type': type } }) : route.abort());
  });
  // A page of the host (its strict policy stays in force) rewritten to hold the dialog alone.
  await page.setContent(`<title>Widget only</title>
    <script type="module" src="/static/widget/v1/ce-marketplace.js"></script>
    <ce-connect-dialog proxy-url="${demo.proxyUrl}" session-token="${token}" element="sandbox-erp"></ce-connect-dialog>`);
  await page.waitForFunction(() => customElements.get('ce-connect-dialog'));
  // Its words come from beside the entry too, as data; its body waits for show().
  await page.evaluate(async () => {
    await document.querySelector('ce-connect-dialog')!.updateComplete;
  });
  assert.deepEqual(served, ['ce-marketplace.js', 'locales/en.json'], 'the dialog waits for show() to fetch its body');
  await page.evaluate(() => document.querySelector('ce-connect-dialog')!.show());
  await dialog(page).getByRole('textbox', { name: 'Account ID', exact: true }).waitFor();
  assert.equal(served.length, 3);
  assert.match(served[2]!, /^chunks\/connect-flow-[\w-]+\.js$/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("the README's first snippet works as written: the proxy serves the entry and its chunks", async () => {
  const { demo } = stack();
  // The page comes from page.route, which Chromium counts as a public address: let it reach the loopback proxy.
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...chromiumArgs, '--disable-features=LocalNetworkAccessChecks'],
  });
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const snippet = /## Components[\s\S]*?```html\n([\s\S]*?)```/
    .exec(readme)![1]!
    .replaceAll('https://app.example.com/ce', demo.proxyUrl);
  assert.match(snippet, new RegExp(`src="${demo.proxyUrl}/ce-marketplace.js"`));
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script') scripts.push(req.url());
  });
  // The host: its page holds the snippet, its backend answers the session as the proxy's /admin/sessions does.
  await page.route(`${demo.hostUrl}/readme`, (route) =>
    route.fulfill({ body: `<!doctype html><title>README</title>${snippet}`, contentType: 'text/html' }),
  );
  await page.route(`${demo.hostUrl}/api/ce-session`, async (route) => {
    const token = await mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: DEMO_TENANT_ID, userId: DEMO_USER.id });
    await route.fulfill({ json: { token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
  });
  await page.goto(`${demo.hostUrl}/readme`);
  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  await dialog(page).getByRole('textbox', { name: 'Account ID', exact: true }).waitFor();
  assert.equal(scripts[0], `${demo.proxyUrl}/ce-marketplace.js`);
  assert.match(scripts[1] ?? '', new RegExp(`^${demo.proxyUrl}/chunks/connect-flow-[\\w-]+\\.js$`));
  assert.deepEqual(problems, []);
  await browser.close();
});
