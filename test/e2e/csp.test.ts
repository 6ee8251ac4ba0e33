// The host page runs the widget under a strict Content-Security-Policy (no inline script or
// style, scripts only from its own origin) with no console error and no violation; the admin API
// key never reaches the browser; the second theme restyles the widget from outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../demo/host/server.js';
import { CHUNKS, DIST } from '../bench/bundle-size.js';
import { card, connectionRow, dialog, SANDBOX_CREDENTIALS, useStack } from './stack.js';

const erp = SANDBOX_CREDENTIALS.erp;
const stack = useStack();

test('every page of the host answers the strict policy', async () => {
  const proxy = new URL(stack().demo.proxyUrl).origin;
  const expected = contentSecurityPolicy(proxy);
  // The policy the README states, written out here, so a looser directive fails.
  assert.equal(
    expected,
    `default-src 'self'; script-src 'self'; connect-src 'self' ${proxy}; img-src 'self' ${proxy} data:; style-src 'self'; ` +
      "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  assert.match(expected, /script-src 'self'(;|$)/);
  assert.doesNotMatch(expected, /unsafe-inline|unsafe-eval/);
  const signin = await fetch(`${stack().demo.hostUrl}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: stack().demo.hostUrl },
  });
  const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
  const chunks = (await readdir(join(DIST, CHUNKS))).map((name) => `/assets/${CHUNKS}/${name}`);
  assert.ok(chunks.length > 0, 'the build wrote chunks');
  for (const path of [
    '/',
    '/integrations',
    '/integrations?theme=midnight',
    '/data',
    '/customers',
    '/admin',
    '/admin/events',
    '/assets/ce-marketplace.js',
    ...chunks,
  ]) {
    // Signed in, / redirects to the Integrations page; the sign-in page is what a stranger sees.
    const res = await fetch(`${stack().demo.hostUrl}${path}`, { headers: path === '/' ? {} : { cookie }, redirect: 'manual' });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-security-policy'), expected, path);
  }
});

test('browsing, connecting and the admin page run with no console error and no CSP violation', async () => {
  await stack().reset();
  const { page, problems, responses } = await stack().signedIn();

  await card(page, 'sandbox-erp').waitFor();
  const search = page.getByRole('searchbox', { name: 'Search apps' });
  await search.fill('helpdesk');
  await card(page, 'sandbox-erp').waitFor({ state: 'hidden' });
  await search.fill('');

  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  const d = dialog(page);
  await d.getByRole('textbox', { name: 'Account ID', exact: true }).fill(erp['account.id']);
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill(erp['user.username']);
  await d.getByRole('textbox', { name: 'Password', exact: true }).fill(erp['user.password']);
  await d.getByRole('button', { name: 'Connect', exact: true }).click();
  await d
    .getByRole('status')
    .filter({ hasText: /is connected/ })
    .waitFor();
  await d.getByRole('button', { name: 'Done' }).click();
  await card(page, 'sandbox-erp')
    .locator('[part~="card-status"]')
    .filter({ hasText: /^\s*Connected\s*$/ })
    .waitFor();
  // Logos come from the proxy's origin, which the policy allows for images.
  await page.waitForFunction(() => {
    const img = document.querySelector('ce-marketplace')?.shadowRoot?.querySelector<HTMLImageElement>('img[part~="card-logo"]');
    return !!img && img.complete && img.naturalWidth > 0;
  });

  await page.goto(`${stack().demo.hostUrl}/integrations?theme=midnight`);
  await card(page, 'sandbox-erp').waitFor();
  await page.goto(`${stack().demo.hostUrl}/admin`);
  await connectionRow(page, 'Sandbox ERP').waitFor();
  await page.goto(`${stack().demo.hostUrl}/customers`);
  await page.locator('p.notice').filter({ hasText: 'Not mapped yet: Sandbox ERP.' }).waitFor();
  await page.goto(`${stack().demo.hostUrl}/integrations?theme=daylight`);
  await card(page, 'sandbox-erp').waitFor();

  assert.deepEqual(problems, []);
  // From the sign-in on, every answer read to its end before looking.
  const bodies = await Promise.all(responses);
  assert.ok(
    bodies.some((b) => b.startsWith(`${stack().demo.hostUrl}/signin`)),
    'the sign-in exchange was recorded',
  );
  for (const b of bodies)
    assert.ok(!b.includes(stack().demo.adminApiKey), `the admin API key reached the browser in ${b.split('\n')[0]}`);
  await page.context().close();
});

test('the midnight theme restyles the widget through ::part() and --ce-* only', async () => {
  const { page } = await stack().signedIn();
  const look = async () => {
    await card(page, 'sandbox-erp').waitFor();
    return page.evaluate(() => {
      const root = document.querySelector('ce-marketplace')!.shadowRoot!;
      const button = getComputedStyle(root.querySelector('[part~="connect-button"]')!);
      const c = getComputedStyle(root.querySelector('li[part~="card"][data-key]')!);
      return {
        transform: button.textTransform,
        buttonBg: button.backgroundColor,
        cardRadius: c.borderTopLeftRadius,
        cardBg: c.backgroundImage,
      };
    });
  };
  await page.goto(`${stack().demo.hostUrl}/integrations?theme=daylight`);
  const day = await look();
  await page.getByRole('link', { name: 'Switch to the midnight theme' }).click();
  const night = await look();
  assert.equal(day.transform, 'none');
  assert.equal(night.transform, 'uppercase', '::part(connect-button) applies');
  assert.notEqual(night.buttonBg, day.buttonBg, '--ce-color-primary applies');
  assert.notEqual(night.cardRadius, day.cardRadius, '--ce-radius applies');
  assert.match(night.cardBg, /gradient/, '::part(card) applies');
  await page.context().close();
});
