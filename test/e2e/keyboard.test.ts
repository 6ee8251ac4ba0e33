// The connect dialog with the keyboard alone: Tab to move, Enter and Space to press, Escape to
// leave; focus goes back to the button that opened it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card, dialog, focused, SANDBOX_CREDENTIALS, useStack, tabTo } from './stack.js';

const erp = SANDBOX_CREDENTIALS.erp;
const stack = useStack({ reset: true });

const isConnectErp = (f: { label: string }) => f.label === 'Connect Sandbox ERP';

test('Escape closes the dialog and focus returns to the Connect button', async () => {
  const { page } = await stack().signedIn();
  await card(page, 'sandbox-erp').waitFor();
  await tabTo(page, isConnectErp);
  await page.keyboard.press('Space');
  const d = dialog(page);
  await d.waitFor();
  assert.notEqual((await focused(page)).label, 'Connect Sandbox ERP', 'focus moved into the dialog');

  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.getAttribute('aria-label') === 'Connect Sandbox ERP';
  });
  await page.context().close();
});

test('a keyboard user fills the form, connects with Enter and leaves with Escape', async () => {
  const { page } = await stack().signedIn();
  await card(page, 'sandbox-erp').waitFor();
  await tabTo(page, isConnectErp);
  await page.keyboard.press('Enter');
  const d = dialog(page);
  await d.waitFor();

  // Focus stays inside the modal dialog while tabbing through it.
  await tabTo(page, (f) => f.label.startsWith('Account ID'));
  await page.keyboard.type(erp['account.id']);
  await tabTo(page, (f) => f.label.startsWith('Email'));
  await page.keyboard.type(erp['user.username']);
  await tabTo(page, (f) => f.label.startsWith('Password') && f.tag === 'input');
  await page.keyboard.type(erp['user.password']);

  // The show/hide toggle works with Space.
  const password = d.getByRole('textbox', { name: 'Password', exact: true });
  await tabTo(page, (f) => f.label === 'Show Password');
  await page.keyboard.press('Space');
  assert.equal(await password.getAttribute('type'), 'text');
  await page.keyboard.press('Space');
  assert.equal(await password.getAttribute('type'), 'password');

  await tabTo(page, (f) => f.part.split(' ').includes('submit-button'));
  await page.keyboard.press('Enter');
  await d
    .getByRole('status')
    .filter({ hasText: /Sandbox ERP is connected/ })
    .waitFor();

  await page.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden' });
  await card(page, 'sandbox-erp')
    .locator('[part~="card-status"]')
    .filter({ hasText: /^\s*Connected\s*$/ })
    .waitFor();
  // The button that opened the dialog is the card's main action, which now says Manage.
  assert.equal((await focused(page)).label, 'Manage Sandbox ERP', 'focus is back on the button that opened the dialog');
  await page.context().close();
});
