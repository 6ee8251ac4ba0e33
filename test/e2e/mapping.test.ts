// Mapping, as a new user would: connect Sandbox ERP in the demo, open Map fields, map Acme Books'
// Customer (suggestions, and the Tax ID by keyboard in its picker), save, reload and find the
// mapping saved, then see the ERP's customers in Acme's shape on the host's Customers page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright';
import { erpObjects } from '../../demo/sandbox/data.js';
import { card, connectErpIn, dialog, useStack } from './stack.js';

const stack = useStack({ reset: true });

const HOST_FIELDS = ['Name', 'Email', 'Phone', 'Billing street', 'Billing city', 'Billing postal code', 'Billing country', 'Tax ID'];

/** Opens Manage on the ERP card, then its "Map fields"; answers the mapper once its rows are in. */
async function openMapper(page: Page): Promise<Locator> {
  const erp = card(page, 'sandbox-erp');
  await erp.getByRole('button', { name: 'Manage Sandbox ERP' }).click();
  await erp.getByRole('button', { name: 'Map fields: Sandbox ERP' }).click();
  const mapper = erp.locator('ce-field-mapper');
  await mapper.getByRole('combobox', { name: 'Tax ID' }).waitFor();
  return mapper;
}

/** Polls `check` until it holds (an input's value has no locator to wait on). */
async function until(check: () => Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return;
  assert.fail(message);
}

/** A host field's picker, by the field's label (a required one ends with ` *`). */
const picker = (mapper: Locator, field: string) => mapper.getByRole('combobox', { name: new RegExp(`^${field}( \\*)?$`) });

test('a new user maps the Customer to Sandbox ERP, saves, finds it after a reload, and reads customers in Acme shape', async () => {
  const { page, problems } = await stack().signedIn();
  // A mapping not saved yet is read as 404 ("none yet"), which Chromium logs; no other request may fail.
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  try {
    await card(page, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
    await connectErpIn(dialog(page));
    const mapper = await openMapper(page);
    await mapper.getByRole('combobox', { name: /Map Customers from/ }).selectOption({ label: 'Customers' });

    // One suggestion taken on its own, then the rest at once; the Tax ID has none (vatRegNumber is not named like it).
    await mapper.getByRole('button', { name: 'Use Email' }).click();
    assert.equal(await picker(mapper, 'Email').inputValue(), 'Email');
    const acceptAll = mapper.getByRole('button', { name: /^Accept all suggestions \(\d+\)$/ });
    await acceptAll.click();
    await acceptAll.waitFor({ state: 'detached' });
    assert.equal(await picker(mapper, 'Tax ID').inputValue(), '', 'no suggestion for the tax id');

    // The Tax ID by keyboard: type to filter, ↓ to the first match, Enter to choose.
    const taxId = picker(mapper, 'Tax ID');
    await taxId.focus();
    await page.keyboard.type('tax reg');
    await mapper.getByRole('option', { name: /Tax registration number/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    const active = mapper.getByRole('listbox').getByRole('option', { selected: true });
    assert.match(await active.innerText(), /^Tax registration number/, 'the first match is active');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.equal(await taxId.inputValue(), 'Tax registration number');

    const mapped = Object.fromEntries(await Promise.all(HOST_FIELDS.map(async (f) => [f, await picker(mapper, f).inputValue()])));
    assert.deepEqual(mapped, {
      Name: 'Company name',
      Email: 'Email',
      Phone: 'Phone',
      'Billing street': 'Billing street',
      'Billing city': 'Billing city',
      'Billing postal code': 'Billing postal code',
      'Billing country': 'Billing country',
      'Tax ID': 'Tax registration number',
    });
    await mapper.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();
    await mapper.getByRole('button', { name: 'Save', exact: true }).click();
    await mapper
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    // After a reload the mapper loads the saved mapping, unchanged.
    await page.reload();
    const again = await openMapper(page);
    await until(async () => (await picker(again, 'Tax ID').inputValue()) !== '', 'the saved mapping never showed');
    const reloaded = Object.fromEntries(await Promise.all(HOST_FIELDS.map(async (f) => [f, await picker(again, f).inputValue()])));
    assert.deepEqual(reloaded, mapped);
    assert.equal(await again.getByRole('status').filter({ hasText: 'Unsaved changes' }).count(), 0, 'nothing unsaved after a reload');

    // The host's Customers page: the ERP's customers through the mapping, in Acme's fields.
    await page.getByRole('link', { name: 'Customers' }).click();
    const panel = page.getByRole('region', { name: 'Customers from Sandbox ERP' });
    const rows = panel.getByRole('row');
    await rows.first().waitFor();
    assert.deepEqual(
      await panel.getByRole('columnheader').allInnerTexts(),
      HOST_FIELDS.map((f) => f.toUpperCase()),
    );
    assert.equal(await rows.count(), 1 + 10, 'a header row and a page of 10 customers');
    const records = erpObjects().get('customers')!.records;
    const expected = (r: Record<string, unknown>) => {
      const a = r.billingAddress as Record<string, string>;
      return [r.companyName, r.email, r.phone, a.street, a.city, a.postalCode, a.country, r.vatRegNumber ?? ''];
    };
    const cells = async (n: number) => rows.nth(n).getByRole('cell').allInnerTexts();
    assert.deepEqual(await cells(1), expected(records[0]!));
    assert.deepEqual(await cells(3), expected(records[2]!), 'a customer without a tax number has an empty cell');
    assert.equal(await panel.getByRole('alert').count(), 0, 'no value failed to read');

    // The next page goes on where the first ended.
    await panel.getByRole('link', { name: 'Next page of Sandbox ERP' }).click();
    await page.getByRole('region', { name: 'Customers from Sandbox ERP' }).getByRole('row').nth(1).waitFor();
    assert.deepEqual(await cells(1), expected(records[10]!));

    assert.equal(failed.length, 1, failed.join('; '));
    assert.match(failed[0]!, /^404 \/instances\/[^/]+\/transformations\/customers$/);
    assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 404 (Not Found)']);
  } finally {
    await page.context().close();
  }
});

test('the Customers page asks to map a connection that has no mapping yet', async () => {
  await stack().seedErp('Books ERP');
  const { page, problems } = await stack().signedIn({ path: '/customers' });
  try {
    const notice = page.locator('p.notice').filter({ hasText: 'Not mapped yet: Books ERP.' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /open Manage on the app and choose Map fields/);
    assert.equal(await page.getByRole('region').count(), 0, 'no table for an unmapped connection');
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});
