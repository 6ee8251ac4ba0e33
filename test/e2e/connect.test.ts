// A new user of Acme Books connects, fails to connect and disconnects Sandbox ERP: the real
// proxy, platform and sandbox behind a real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card, connectionRow, dialog, SANDBOX_CREDENTIALS, useStack, connectErpIn } from './stack.js';

const erp = SANDBOX_CREDENTIALS.erp;
const stack = useStack({ reset: true });

const statusOf = (page: Parameters<typeof card>[0], text: string) =>
  card(page, 'sandbox-erp')
    .locator('[part~="card-status"]')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });

test('connecting Sandbox ERP with the right password shows it connected, also after a reload', async () => {
  const { page } = await stack().signedIn();
  await statusOf(page, 'Not connected').waitFor();

  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  const d = dialog(page);
  await d.waitFor();
  await connectErpIn(d);
  await d.waitFor({ state: 'hidden' });
  await statusOf(page, 'Connected').waitFor();
  await page
    .locator('#integration-status')
    .filter({ hasText: /is connected/ })
    .waitFor();

  await page.reload();
  await statusOf(page, 'Connected').waitFor();

  // The host's admin page lists it too, through its backend and the proxy's admin API.
  await page.getByRole('link', { name: 'Connections (admin)' }).click();
  const row = connectionRow(page, 'Sandbox ERP');
  await row.waitFor();
  assert.match(await row.innerText(), /Connected/);
  await page.context().close();
});

test('a wrong password shows the message beside the password field and connects nothing', async () => {
  const { page } = await stack().signedIn();
  await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  const d = dialog(page);
  await d.getByRole('textbox', { name: 'Account ID', exact: true }).fill(erp['account.id']);
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill(erp['user.username']);
  const password = d.getByRole('textbox', { name: 'Password', exact: true });
  await password.fill('not-the-password');
  await d.getByRole('button', { name: 'Connect', exact: true }).click();

  const field = d.locator('[part~="field"]').filter({ has: page.getByRole('textbox', { name: 'Password', exact: true }) });
  const error = field.locator('[part~="error"]');
  await error.waitFor();
  const message = (await error.innerText()).trim();
  assert.match(message, /password/i, "the sandbox's refusal is shown beside the password field");
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  const errorId = await error.getAttribute('id');
  assert.ok(
    errorId && (await password.getAttribute('aria-describedby'))?.split(/\s+/).includes(errorId),
    'the message describes the input',
  );
  // Only the password is blamed, not the other fields.
  assert.equal(await d.locator('[aria-invalid="true"]').count(), 1);

  await d.getByRole('button', { name: 'Cancel' }).click();
  await d.waitFor({ state: 'hidden' });
  await statusOf(page, 'Not connected').waitFor();
  await page.reload();
  await statusOf(page, 'Not connected').waitFor();
  await page.context().close();
});

test('disconnect asks for confirmation first, then removes the connection', async () => {
  const seeded = await stack().seedErp('Books ERP');
  const { page } = await stack().signedIn();
  await statusOf(page, 'Connected').waitFor();
  const erpCard = card(page, 'sandbox-erp');
  await erpCard.getByRole('button', { name: 'Manage Sandbox ERP' }).click();

  // Cancel keeps it.
  await erpCard.getByRole('button', { name: `Disconnect ${seeded.name}` }).click();
  const confirm = erpCard.getByRole('group', { name: /Disconnect “Books ERP” from Sandbox ERP\?/ });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await statusOf(page, 'Connected').waitFor();

  // Confirming removes it.
  await erpCard.getByRole('button', { name: `Disconnect ${seeded.name}` }).click();
  await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await statusOf(page, 'Not connected').waitFor();
  await page.locator('#integration-status').filter({ hasText: 'Books ERP was disconnected.' }).waitFor();

  await page.reload();
  await statusOf(page, 'Not connected').waitFor();
  await page.goto(`${stack().demo.hostUrl}/admin`);
  await page.getByText('No connections yet.').waitFor();
  await page.context().close();
});
