// Acme Books' backend uses a connection, as a new user would see it: Sandbox ERP connected in the
// widget, its invoices listed on the host's Data page through the passthrough, the webhooks in
// the admin page's Events panel; then the password changed at the vendor, a check run from the
// admin page, and "Needs attention" in the widget and as an instance.needs_attention event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import { card, connectionRow, dialog, SANDBOX_CREDENTIALS, useStack } from './stack.js';

const erp = SANDBOX_CREDENTIALS.erp;
const stack = useStack();

const erpStatus = (page: Page, text: string) =>
  card(page, 'sandbox-erp')
    .locator('[part~="card-status"]')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

/** A row of the Events panel (admin.js refreshes it while the page is open). */
const eventRow = (page: Page, type: string) =>
  page
    .getByRole('region', { name: 'Events' })
    .getByRole('row')
    .filter({ has: page.getByText(type, { exact: true }) });

const setErpPassword = async (password?: string) => {
  const res = await fetch(`${stack().demo.sandboxUrl}/__erp-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: password === undefined ? undefined : JSON.stringify({ password }),
  });
  assert.equal(res.status, 204);
};

test('the host lists Sandbox ERP invoices through the passthrough, checks the connection and hears of it by webhook', async () => {
  const { page, problems } = await stack().signedIn();
  try {
    await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
    const d = dialog(page);
    await d.getByRole('textbox', { name: 'Account ID', exact: true }).fill(erp['account.id']);
    await d.getByRole('textbox', { name: 'Email', exact: true }).fill(erp['user.username']);
    await d.getByRole('textbox', { name: 'Password', exact: true }).fill(erp['user.password']);
    await d.getByRole('button', { name: 'Connect', exact: true }).click();
    await d.getByRole('button', { name: 'Done' }).click();
    await erpStatus(page, 'Connected').waitFor();

    // The Data page: the sandbox's first invoices, read by the host's backend with the admin key.
    await page.getByRole('link', { name: 'Data' }).click();
    const invoices = page.getByRole('region', { name: 'Invoices from Sandbox ERP' });
    await invoices.getByRole('row').filter({ hasText: 'INV-2026001' }).waitFor();
    assert.equal(await invoices.getByRole('row').count(), 1 + 10, 'a header row and one page of 10 invoices');
    assert.match(await invoices.getByRole('row').nth(1).innerText(), /INV-2026001\s+2026-01-05\s+Open\s+USD/);

    // The admin page: connected, checked when it connected, and the signed instance.created event.
    await page.getByRole('link', { name: 'Connections (admin)' }).click();
    const row = connectionRow(page, 'Sandbox ERP');
    assert.match(await row.innerText(), /Connected[\s\S]*demo@acme\.test/);
    await eventRow(page, 'instance.created').waitFor();

    // The user changes the password at the vendor; the admin's check finds the stored one refused.
    await setErpPassword('changed-at-the-vendor');
    await row.getByRole('button', { name: 'Check now: Sandbox ERP' }).click();
    await page.getByRole('status').filter({ hasText: 'Checked Sandbox ERP: Needs attention.' }).waitFor();
    assert.match(await row.innerText(), /Needs attention[\s\S]*credentials_rejected/);
    await eventRow(page, 'instance.needs_attention').waitFor();
    assert.equal(await eventRow(page, 'instance.created').count(), 1, 'each event shown once');

    // The widget tells the user, and the Data page says why it has nothing to show.
    await page.getByRole('link', { name: 'Integrations' }).click();
    await erpStatus(page, 'Needs attention').waitFor();
    await page.getByRole('link', { name: 'Data' }).click();
    await page
      .getByRole('region', { name: 'Invoices from Sandbox ERP' })
      .getByRole('alert')
      .filter({ hasText: /answered 401/ })
      .waitFor();

    assert.deepEqual(problems, []);
  } finally {
    await setErpPassword();
    await page.context().close();
  }
});
