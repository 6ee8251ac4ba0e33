import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { startSandbox, SANDBOX_CREDENTIALS, type SandboxServer } from '../../demo/sandbox/server.js';
import { COMMON_RESOURCES_FILE, sandboxSecrets } from '../../demo/start.js';
import { CommonResourceList, ObjectList, ObjectMetadata } from '../../src/contract/index.js';
import { loadConfig } from '../../src/server/config.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { createApp } from '../../src/server/proxy/app.js';
import { browser, connectCrm } from './oauth-fixtures.js';
import { ADMIN_KEY, ALLOWED_ORIGIN, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';

/**
 * What the browser asks: the host's common resources (the demo's file), and a connected app's
 * objects and fields, over HTTP with a session token, against the real sandbox apps.
 */
let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

describeStores('discovery routes', (store) => {
  let platform: EmbeddedPlatform;
  let server: { url: string; close(): Promise<void> };
  const logs = captureLogs();
  before(async () => {
    // The demo's file, read through the config setting as a host would set it.
    const { commonResources } = loadConfig({
      CE_COMMON_RESOURCES: COMMON_RESOURCES_FILE,
      CE_ADMIN_API_KEY: ADMIN_KEY,
      CE_SESSION_SECRET: 'x'.repeat(32),
    }).platform;
    platform = await createPlatform({
      ...store.options(),
      secrets: sandboxSecrets(),
      commonResources,
      development: true,
      vars: { SANDBOX_URL: sandbox.url },
      timeoutMs: 5000,
      oauthCallbackUrl: () => `${server.url}/oauth/callback`,
      logger: logs.logger,
    });
    server = await listen(createApp({ platform, config: testConfig(), logger: logs.logger }).fetch);
  });
  after(async () => {
    await server.close();
    await platform.close();
  });
  const as = async (tenantId: string) => {
    const token = await mintSession(server.url, ADMIN_KEY, { tenantId, userId: 'u1' });
    return (path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, Origin: ALLOWED_ORIGIN, ...init.headers },
      });
  };

  test("common resources: the host's Customer, one by name, an unknown name, no session", async () => {
    const get = await as('acme');
    const list = z.parse(CommonResourceList, await (await get('/common-resources')).json());
    assert.deepEqual(
      list.map((r) => r.name),
      ['customers'],
    );
    const res = await get('/common-resources/customers');
    assert.equal(res.status, 200);
    const customers = (await res.json()) as (typeof list)[number];
    assert.deepEqual(
      customers.fields.filter((f) => f.required).map((f) => f.path),
      ['name', 'email'],
    );
    assert.ok(customers.fields.some((f) => f.path === 'billingAddress.postalCode'));
    await assertProblem(await get('/common-resources/suppliers'), 'not_found', /suppliers/);
    await assertProblem(await fetch(`${server.url}/common-resources`), 'session_invalid');
  });

  test("Sandbox ERP's customers: nested billing address fields and a custom field", async () => {
    const get = await as('acme');
    const created = await get('/instances', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: SANDBOX_CREDENTIALS.erp }),
    });
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    const objects = z.parse(ObjectList, await (await get(`/instances/${id}/objects`)).json());
    assert.deepEqual(
      objects.map((o) => o.name),
      ['customers', 'invoices'],
    );
    const res = await get(`/instances/${id}/objects/customers/metadata`);
    assert.equal(res.status, 200);
    const { fields } = z.parse(ObjectMetadata, await res.json());
    const paths = fields.map((f) => f.vendorPath);
    for (const p of [
      'companyName',
      'email',
      'billingAddress.street',
      'billingAddress.city',
      'billingAddress.postalCode',
      'vatRegNumber',
    ])
      assert.ok(paths.includes(p), p);
    assert.ok(fields.find((f) => f.vendorPath === 'custentity_industry')?.custom);
    assert.equal(fields.find((f) => f.vendorPath === 'companyName')?.vendorRequired, true);

    // Another tenant's session cannot see the connection's objects or fields.
    const other = await as('globex');
    await assertProblem(await other(`/instances/${id}/objects`), 'not_found');
    await assertProblem(await other(`/instances/${id}/objects/customers/metadata`), 'not_found');
    await assertProblem(await get(`/instances/${id}/objects/planets/metadata`), 'not_found', /Sandbox ERP has no object "planets"/);
  });

  test("Sandbox CRM's contacts through OAuth: 1,500+ fields with custom ones and nested paths", async () => {
    const token = await mintSession(server.url, ADMIN_KEY, { tenantId: 'acme', userId: 'u2' });
    const id = await connectCrm(server.url, browser(server.url, token));
    const get = await as('acme');
    const res = await get(`/instances/${id}/objects/contacts/metadata`);
    assert.equal(res.status, 200);
    const { fields } = z.parse(ObjectMetadata, await res.json());
    assert.ok(fields.length > 1500, `${fields.length} fields`);
    assert.equal(new Set(fields.map((f) => f.vendorPath)).size, fields.length, 'each path once');
    assert.ok(fields.filter((f) => f.custom).length > 1500);
    assert.deepEqual(
      fields.find((f) => f.vendorPath === 'address.city'),
      {
        vendorPath: 'address.city',
        type: 'string',
        vendorDisplayName: 'City',
        vendorNativeType: 'string',
      },
    );
  });
});
