// Acme Books' admin invites a customer in the demo; the local SMTP server receives the email; the
// customer opens its link in their own browser, connects one invited app on the hosted connect page,
// and the admin's list shows it connected. The link's session cannot reach an app it was not invited to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card, connectErpIn, dialog, useStack } from './stack.js';

const stack = useStack();

test('an invitation sent in the demo is received by SMTP, its link connects an invited app, and the admin list shows it', async () => {
  const { page: admin, problems: adminProblems } = await stack().signedIn({ path: '/admin/invitations' });
  await admin.getByLabel('Customer').selectOption({ label: 'Blue Harbor Ltd (Maya Chen, maya@blueharbor.test)' });
  await admin.getByRole('checkbox', { name: 'Sandbox ERP' }).check();
  await admin.getByRole('checkbox', { name: 'Sandbox Helpdesk' }).check();
  await admin.getByLabel('Message (optional)').fill('Hi Maya, <b>two</b> quick connections please.');
  await admin.getByRole('button', { name: 'Send invitation' }).click();
  await admin.getByRole('status').filter({ hasText: 'Invitation sent to maya@blueharbor.test.' }).waitFor();

  // The demo's mailbox shows what the local SMTP server received.
  await admin.getByRole('link', { name: 'Mailbox' }).click();
  const mail = admin.getByRole('article').filter({ hasText: 'maya@blueharbor.test' });
  await mail.waitFor();
  assert.match(await mail.getByRole('heading').innerText(), /Acme Books invites you to connect your apps/);
  const link = (await mail.getByRole('link').first().getAttribute('href')) ?? '';
  assert.ok(link.startsWith(`${stack().demo.proxyUrl}/connect?invitation=`), `the link opens the proxy's connect page: ${link}`);
  assert.equal(
    stack()
      .demo.mailbox.messages()
      .filter((m) => m.to.includes('maya@blueharbor.test')).length,
    1,
  );

  // The customer, in a browser of their own.
  const context = await stack().browser.newContext();
  const customer = await context.newPage();
  const problems: string[] = [];
  customer.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  customer.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  customer.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await customer.exposeFunction('__ceReportViolation', (v: string) => problems.push(`csp: ${v}`));
  await customer.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __ceReportViolation(v: string): void }).__ceReportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await customer.goto(link);
  await customer.getByRole('heading', { name: 'Maya Chen, connect your apps to Acme Books' }).waitFor();
  await customer.getByText('Hi Maya, <b>two</b> quick connections please.').waitFor();
  const progress = customer.locator('#progress');
  await progress.filter({ hasText: '0 of 2 connected' }).waitFor();
  await card(customer, 'sandbox-erp').waitFor();
  assert.equal(await customer.locator('ce-marketplace li[part~="card"]').count(), 2, 'only the invited apps');

  await card(customer, 'sandbox-erp').getByRole('button', { name: 'Connect Sandbox ERP' }).click();
  const d = dialog(customer);
  await connectErpIn(d);
  await progress.filter({ hasText: '1 of 2 connected' }).waitFor();
  assert.deepEqual(problems, [], 'no console error, page error or CSP violation on the connect page');

  // The admin's list (refreshed every two seconds) shows the app connected.
  await admin.getByRole('link', { name: 'Invitations (admin)' }).click();
  const row = admin.getByRole('row').filter({ hasText: 'maya@blueharbor.test' });
  await row.filter({ hasText: '1 of 2 connected' }).waitFor();
  assert.match(await row.innerText(), /Sandbox ERP:\s*Connected/);
  assert.match(await row.innerText(), /Sandbox Helpdesk:\s*Pending/);
  assert.deepEqual(adminProblems, []);

  // The link's session reaches the invited apps only: the proxy refuses another one.
  const token = new URL(link).searchParams.get('invitation')!;
  const exchanged = await fetch(`${stack().demo.proxyUrl}/invitations/${token}/session`, { method: 'POST' });
  assert.equal(exchanged.status, 201);
  const session = ((await exchanged.json()) as { token: string }).token;
  const asCustomer = (method: string, path: string, body?: unknown) =>
    fetch(`${stack().demo.proxyUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${session}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  assert.equal((await asCustomer('GET', '/elements/sandbox-crm')).status, 404);
  const uninvited = await asCustomer('POST', '/instances', {
    element: { key: 'sandbox-crm' },
    authenticationType: 'oauth2',
    configuration: {},
  });
  assert.ok([403, 404].includes(uninvited.status), `an uninvited app is refused: ${uninvited.status}`);
  const instances = (await (await asCustomer('GET', '/instances')).json()) as { element: { key: string } }[];
  assert.deepEqual(
    instances.map((i) => i.element.key),
    ['sandbox-erp'],
  );
  await context.close();
  await admin.context().close();
});
