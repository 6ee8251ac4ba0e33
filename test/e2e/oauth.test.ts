// A new user of Acme Books connects Sandbox CRM with OAuth 2, as a user would: through the sign-in
// window (approve, deny), in the same tab when the browser blocks the window, and from a host page
// with Cross-Origin-Opener-Policy, where the window loses its opener and polling finishes the flow.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import type { Page } from 'playwright';
import { card, dialog, SANDBOX_CREDENTIALS, useStack } from './stack.js';

const crm = SANDBOX_CREDENTIALS.crm;
const stack = useStack({ reset: true });

// The proxy's OAuth routes are built apart from the dialog (issue 9); until they are merged these
// tests are reported as skipped, with this reason, rather than failing for the missing half.
const proxySide = new URL('../../src/server/proxy/routes/oauth.ts', import.meta.url);
async function needsProxySide(t: TestContext): Promise<boolean> {
  const there = await access(proxySide).then(
    () => true,
    () => false,
  );
  if (!there) t.skip(`the proxy's OAuth routes (${proxySide.pathname}) are not merged yet`);
  return there;
}

const statusOf = (page: Page, text: string) =>
  card(page, 'sandbox-crm')
    .locator('[part~="card-status"]')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

async function openCrmDialog(page: Page) {
  await statusOf(page, 'Not connected').waitFor();
  await card(page, 'sandbox-crm').getByRole('button', { name: 'Connect Sandbox CRM' }).click();
  const d = dialog(page);
  await d.getByText("You'll sign in to Sandbox CRM in a new window.").waitFor();
  return d;
}

/** Clicks Continue and answers the sign-in window that opens. */
async function continueInWindow(page: Page) {
  const opened = page.context().waitForEvent('page');
  await dialog(page).getByRole('button', { name: 'Continue to Sandbox CRM' }).click();
  const signIn = await opened;
  await signIn.getByRole('heading', { name: 'Sign in to Sandbox CRM' }).waitFor();
  return signIn;
}

/** Signs in at Sandbox CRM's consent page (in the window or this tab) and approves or denies. */
async function answerConsent(at: Page, decision: 'Approve' | 'Deny') {
  await at.getByLabel('Email').fill(crm.email);
  await at.getByLabel('Password').fill(crm.password);
  await at.getByRole('button', { name: decision }).click();
}

async function closedSoon(p: Page) {
  if (!p.isClosed()) await p.waitForEvent('close');
}

test('connecting Sandbox CRM through the sign-in window: sign in, approve, connected', async (t) => {
  if (!(await needsProxySide(t))) return;
  const { page, problems } = await stack().signedIn();
  const d = await openCrmDialog(page);
  const signIn = await continueInWindow(page);
  assert.ok(await signIn.evaluate(() => window.opener !== null), 'the window keeps its opener on a page without COOP');
  await answerConsent(signIn, 'Approve');

  await d
    .getByRole('status')
    .filter({ hasText: /Sandbox CRM is connected/ })
    .waitFor();
  await closedSoon(signIn);
  await d.getByRole('button', { name: 'Done' }).click();
  await statusOf(page, 'Connected').waitFor();
  await page
    .locator('#integration-status')
    .filter({ hasText: /is connected/ })
    .waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('denying access says so in plain words and connects nothing', async (t) => {
  if (!(await needsProxySide(t))) return;
  const { page } = await stack().signedIn();
  const d = await openCrmDialog(page);
  const signIn = await continueInWindow(page);
  await answerConsent(signIn, 'Deny');

  await d.getByRole('alert').filter({ hasText: 'You declined access in Sandbox CRM. Connect again to allow it.' }).waitFor();
  await closedSoon(signIn);
  await d.getByRole('button', { name: 'Cancel' }).click();
  await statusOf(page, 'Not connected').waitFor();
  await page.context().close();
});

test('with pop-ups blocked, the sign-in continues in this tab and the page finishes it on return', async (t) => {
  if (!(await needsProxySide(t))) return;
  const { page } = await stack().signedIn();
  // A popup blocker: window.open answers null.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.reload();
  const d = await openCrmDialog(page);
  await d.getByRole('button', { name: 'Continue to Sandbox CRM' }).click();
  await d.getByRole('alert').filter({ hasText: 'The browser blocked the sign-in window.' }).waitFor();

  await d.getByRole('button', { name: 'Continue in this tab' }).click();
  await page.getByRole('heading', { name: 'Sign in to Sandbox CRM' }).waitFor();
  await answerConsent(page, 'Approve');

  const host = stack().demo.hostUrl;
  await page.waitForURL((url) => url.origin === host && url.pathname === '/integrations');
  const back = dialog(page);
  await back
    .getByRole('status')
    .filter({ hasText: /Sandbox CRM is connected/ })
    .waitFor();
  assert.equal(new URL(page.url()).search, '', 'the return parameters are taken off the address');
  await back.getByRole('button', { name: 'Done' }).click();
  await statusOf(page, 'Connected').waitFor();
  await page.context().close();
});

test('on a host page with Cross-Origin-Opener-Policy: same-origin, polling still finishes the sign-in', async (t) => {
  if (!(await needsProxySide(t))) return;
  const { page } = await stack().signedIn();
  const res = await page.goto(`${stack().demo.hostUrl}/integrations?coop=same-origin`);
  assert.equal(res?.headers()['cross-origin-opener-policy'], 'same-origin');
  const d = await openCrmDialog(page);
  const signIn = await continueInWindow(page);
  assert.ok(await signIn.evaluate(() => window.opener === null), 'COOP severed the opener: no message can come');
  await answerConsent(signIn, 'Approve');

  await d
    .getByRole('status')
    .filter({ hasText: /Sandbox CRM is connected/ })
    .waitFor();
  await d.getByRole('button', { name: 'Done' }).click();
  await statusOf(page, 'Connected').waitFor();
  await page.context().close();
});
