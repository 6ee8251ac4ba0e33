import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/** A session restricted to some elements (an invitation's) sees and changes only their connections. */
let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

describeStores('restricted sessions', (store) => {
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    const erp = testDefinitions().find((d) => d.key === 'test-erp')!;
    // A second app on the same vendor, so one tenant holds connections of two elements.
    const definitions = [erp, { ...erp, key: 'test-books', name: 'Test Books' }];
    const secrets = { ...testSecrets, 'test-books': testSecrets['test-erp'] };
    const config = testConfig({
      platform: { ...store.options(), definitions, secrets, development: true, vars: { SANDBOX_URL: vendor.url } },
    });
    const logs = captureLogs();
    platform = await createPlatform({ ...config.platform, logger: logs.logger });
    server = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
  });
  after(async () => {
    await server.close();
    await platform.close();
  });

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const configuration = { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password };
  const connect = async (token: string, key: string) => {
    const res = await call(token, 'POST', '/instances', { element: { key }, authenticationType: 'basic', configuration });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };

  test("lists, reads, renames, re-authenticates and deletes only its elements' connections", async () => {
    const tenantId = `t-${randomUUID()}`;
    const full = await mintSession(server.url, ADMIN_KEY, { tenantId, userId: 'owner' });
    const books = await connect(full, 'test-books');
    const erp = await connect(full, 'test-erp');
    const invited = await mintSession(server.url, ADMIN_KEY, { tenantId, userId: 'guest', elements: ['test-erp'] });

    const listed = (await (await call(invited, 'GET', '/instances')).json()) as { id: string }[];
    assert.deepEqual(
      listed.map((i) => i.id),
      [erp],
    );
    await assertProblem(await call(invited, 'GET', `/instances/${books}`), 'not_found');
    await assertProblem(await call(invited, 'PATCH', `/instances/${books}`, { name: 'Mine now' }), 'not_found');
    await assertProblem(await call(invited, 'PATCH', `/instances/${books}`, { configuration }), 'not_found');
    await assertProblem(await call(invited, 'DELETE', `/instances/${books}`), 'not_found');
    await assertProblem(await call(invited, 'POST', `/instances/${books}/check`), 'not_found');
    assert.equal((await call(invited, 'POST', `/instances/${erp}/check`)).status, 200);
    // Its own element's connection it may change; the other one is untouched.
    assert.equal((await call(invited, 'PATCH', `/instances/${erp}`, { name: 'Guest ERP' })).status, 200);
    const other = (await (await call(full, 'GET', `/instances/${books}`)).json()) as { name: string };
    assert.equal(other.name, 'Test Books');
    assert.equal(((await (await call(full, 'GET', '/instances')).json()) as unknown[]).length, 2);

    const none = await mintSession(server.url, ADMIN_KEY, { tenantId, userId: 'nobody', elements: [] });
    assert.deepEqual(await (await call(none, 'GET', '/instances')).json(), []);
    assert.equal((await call(invited, 'DELETE', `/instances/${erp}`)).status, 204);
  });
});
