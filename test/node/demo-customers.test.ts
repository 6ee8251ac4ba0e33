// The demo host's Customers page (demo/host/customers.ts): records through the mapping in Acme's
// shape, each value that could not be read said plainly in its cell and in a list under the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPanels, type HostField, type Panel } from '../../demo/host/customers.js';

const FIELDS: HostField[] = [
  { path: 'name', type: 'string', displayName: 'Name', required: true },
  { path: 'billingAddress.city', type: 'string', displayName: 'Billing city' },
  { path: 'since', type: 'date', displayName: 'Customer since' },
];
const erp = (id: string, name: string) => ({
  id,
  name,
  element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
  status: 'connected',
  createdDate: '',
});

const render = async (panels: Panel[]) => String(await renderPanels(FIELDS, panels));
/** The page's text, tags dropped and spaces folded: what a reader gets. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test('a value that could not be read is named in its cell and listed with its row, field and app field', async () => {
  const html = await render([
    {
      instance: erp('7', 'Books ERP'),
      kind: 'records',
      page: {
        items: [
          { name: 'Blue Harbor Ltd', billingAddress: { city: 'Lisbon' }, since: null },
          { name: '<b>Iron</b> & Co', billingAddress: { city: null }, since: '2026-01-05' },
        ],
        nextCursor: 'abc',
        errors: [{ index: 0, path: 'since', vendorPath: 'dateCreated', message: '"soon" is not a date.' }],
      },
    },
  ]);
  const t = text(html);
  assert.match(t, /Customers from Books ERP/);
  assert.match(
    t,
    /Blue Harbor Ltd Lisbon ⚠ "soon" is not a date\./,
    'the failed value is said in its cell, the rest of the record stands',
  );
  assert.match(t, /One value could not be read as Acme Books expects/);
  assert.match(t, /Row 1, Customer since \(from dateCreated \): "soon" is not a date\./);
  assert.match(t, /<b>Iron<\/b> & Co 2026-01-05/, 'an empty value is an empty cell');
  assert.ok(!html.includes('<b>Iron') && html.includes('&lt;b&gt;Iron'), 'app text is escaped, never markup');
  assert.match(html, /href="\/customers\?instance=7&amp;cursor=abc"/, 'a next page link for this connection');
});

test('no errors, no error list; an unmapped connection is named with the way to map it; a refusal is an alert', async () => {
  const html = await render([
    { instance: erp('1', 'ERP one'), kind: 'records', page: { items: [{ name: 'A' }], nextCursor: null, errors: [] } },
    { instance: erp('2', 'ERP two'), kind: 'unmapped' },
    { instance: erp('3', 'ERP three'), kind: 'failed', message: 'The connection service answered 401: reconnect it.' },
  ]);
  const t = text(html);
  assert.doesNotMatch(t, /could not be read/);
  assert.doesNotMatch(t, /Next page/);
  assert.match(t, /Not mapped yet: ERP two \. On the Integrations page, open Manage on the app and choose Map fields/);
  assert.match(html, /<p class="notice error" role="alert">The connection service answered 401: reconnect it\.<\/p>/);
  assert.equal((html.match(/<table/g) ?? []).length, 1);
});

test('no connection at all points to the Integrations page', async () => {
  assert.match(text(await render([])), /No app is connected yet\. Connect Sandbox ERP or Sandbox CRM on the Integrations page\./);
});
