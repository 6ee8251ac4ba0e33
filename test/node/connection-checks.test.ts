import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * Connection checks, `POST /instances/{id}/check` (session) and `POST /admin/instances/{id}/check`
 * (admin key): a vendor whose password can be changed and which can go down, on both stores.
 */
const vendorState = { password: ERP.password, down: false };

function vendor(req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!/^\/erp\/[^/]+\/verify$/.test(url.pathname)) return void res.writeHead(404).end();
  if (vendorState.down) return void res.writeHead(503).end('down');
  const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  if (user !== ERP.user || pass !== vendorState.password) return void res.writeHead(401).end();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ user: { email: `${user}@erp.example` } }));
}

let api: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  api = await startVendor(vendor);
});
after(() => api.close());

/** test-erp, telling where its verify answer names the account. */
function definitions() {
  const defs = testDefinitions();
  defs.find((d) => d.key === 'test-erp')!.authenticationTypes[0]!.verify!.identity = 'user.email';
  return defs;
}

describeStores('connection checks', (store) => {
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    const logs = captureLogs();
    const config = testConfig({
      platform: {
        ...store.options(),
        definitions: definitions(),
        secrets: testSecrets,
        development: true,
        vars: { SANDBOX_URL: api.url },
        timeoutMs: 500,
      },
    });
    platform = await createPlatform({ ...config.platform, logger: logs.logger });
    server = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
  });
  after(async () => {
    Object.assign(vendorState, { password: ERP.password, down: false });
    await server.close();
    await platform.close();
  });

  const connect = (tenantId: string) =>
    platform.instances.create(
      { tenantId, userId: 'u1' },
      {
        element: { key: 'test-erp' },
        authenticationType: 'basic',
        configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
      },
    );
  const check = async (token: string, path: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  test('connecting records the identity and the first check; a check records it again', async () => {
    const instance = await connect('t-identity');
    assert.equal(instance.identity, 'ada@erp.example');
    assert.ok(instance.checkedAt);
    const token = await mintSession(server.url, ADMIN_KEY, { tenantId: 't-identity', userId: 'u1' });
    const res = await check(token, `/instances/${instance.id}/check`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, string>;
    assert.deepEqual({ ...body, checkedAt: 'x' }, { status: 'connected', checkedAt: 'x', identity: 'ada@erp.example' });
    assert.ok(body.checkedAt! >= instance.checkedAt);
  });

  test('another tenant checking the instance is 404; the admin reaches any tenant', async () => {
    const instance = await connect('t-owner');
    const other = await mintSession(server.url, ADMIN_KEY, { tenantId: 't-other', userId: 'u1' });
    await assertProblem(await check(other, `/instances/${instance.id}/check`), 'not_found');
    assert.equal((await check(ADMIN_KEY, `/admin/instances/${instance.id}/check`)).status, 200);
    await assertProblem(await check(ADMIN_KEY, '/admin/instances/nope/check'), 'not_found');
  });

  test('a password the app no longer accepts: needs_attention with credentials_rejected, then connected again once it does', async () => {
    const instance = await connect('t-rejected');
    vendorState.password = 'changed-by-the-user';
    try {
      const res = await check(ADMIN_KEY, `/admin/instances/${instance.id}/check`);
      const body = (await res.json()) as Record<string, string>;
      assert.deepEqual([body.status, body.statusReason], ['needs_attention', 'credentials_rejected']);
      const [listed] = await platform.instances.list({ tenantId: 't-rejected', userId: 'u1' });
      assert.deepEqual(
        [listed!.status, listed!.statusReason, listed!.checkedAt],
        ['needs_attention', 'credentials_rejected', body.checkedAt],
      );
    } finally {
      vendorState.password = ERP.password;
    }
    const again = (await (await check(ADMIN_KEY, `/admin/instances/${instance.id}/check`)).json()) as Record<string, string>;
    assert.deepEqual([again.status, again.statusReason], ['connected', undefined]);
  });

  test('an app that is down keeps the status and records why the check failed', async () => {
    const instance = await connect('t-down');
    vendorState.down = true;
    try {
      const body = (await (await check(ADMIN_KEY, `/admin/instances/${instance.id}/check`)).json()) as Record<string, string>;
      assert.deepEqual([body.status, body.statusReason, body.identity], ['connected', 'vendor_error', 'ada@erp.example']);
    } finally {
      vendorState.down = false;
    }
  });
});
