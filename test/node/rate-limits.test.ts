import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../src/server/config.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, testConfig } from './proxy-fixtures.js';
import { describeStores, type StoreFixture } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * Rate limits through real HTTP, the real proxy and platform: credential attempts per user and
 * tenant never reach the vendor past their limit; failed auth checks are counted per client
 * address (from X-Forwarded-For here, with trustProxy, so one test can be many clients).
 */
let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

async function startApp(store: StoreFixture): Promise<{ url: string; platform: Platform; close(): Promise<void> }> {
  const config: Config = testConfig({
    trustProxy: true,
    platform: {
      ...store.options(),
      definitions: testDefinitions(),
      secrets: testSecrets,
      development: true,
      vars: { SANDBOX_URL: vendor.url },
    },
  });
  const logger = captureLogs().logger;
  const platform = await createPlatform({ ...config.platform, logger });
  const server = await listen(createApp({ platform, config, logger }).fetch);
  const close = async () => {
    await server.close();
    await platform.close();
  };
  return { url: server.url, platform, close };
}

const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID()}`;
const request = (url: string, from: string, method: string, path: string, bearer: string, body?: unknown) =>
  fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${bearer}`,
      'X-Forwarded-For': from,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const mint = async (url: string, tenantId: string, userId: string) => {
  const res = await request(url, address(), 'POST', '/admin/sessions', ADMIN_KEY, { tenantId, userId });
  assert.equal(res.status, 201);
  return ((await res.json()) as { token: string }).token;
};
const erp = (account: string, password: string) => ({
  element: { key: 'test-erp' },
  authenticationType: 'basic',
  configuration: { 'account.id': account, 'user.username': ERP.user, 'user.password': password },
});

describeStores('rate limits', (store) => {
  let app: Awaited<ReturnType<typeof startApp>>;
  before(async () => {
    app = await startApp(store);
  });
  after(() => app.close());
  const verifies = (account: string) => vendor.calls.filter((p) => p === `/erp/${account}/verify`).length;

  test('the 11th wrong password of a user is 429 and never reaches the vendor; re-authenticating counts too', async () => {
    const tenant = `t-${randomUUID()}`;
    const token = await mint(app.url, tenant, 'ada');
    const account = `ACC${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 10; i++)
      await assertProblem(
        await request(app.url, address(), 'POST', '/instances', token, erp(account, `wrong-${i}`)),
        'credentials_rejected',
      );
    assert.equal(verifies(account), 10);
    const refused = await request(app.url, address(), 'POST', '/instances', token, erp(account, ERP.password));
    await assertProblem(refused, 'rate_limited');
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal(verifies(account), 10, 'the 11th attempt was not sent to the vendor');

    // Another user of the tenant connects; ada may not re-authenticate it now, nor may a third user once the tenant is at 30.
    const bob = await mint(app.url, tenant, 'bob');
    const created = await request(app.url, address(), 'POST', '/instances', bob, erp(account, ERP.password));
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    await assertProblem(
      await request(app.url, address(), 'PATCH', `/instances/${id}`, token, {
        configuration: erp(account, ERP.password).configuration,
      }),
      'rate_limited',
    );
    assert.equal(
      (await request(app.url, address(), 'PATCH', `/instances/${id}`, token, { name: 'Renamed' })).status,
      200,
      'a rename checks no credential',
    );
  });

  test("a tenant's users together get 30 attempts a minute", async () => {
    const tenant = `t-${randomUUID()}`;
    const account = `ACC${randomUUID().slice(0, 8)}`;
    for (const user of ['u1', 'u2', 'u3']) {
      const token = await mint(app.url, tenant, user);
      for (let i = 0; i < 10; i++)
        await assertProblem(
          await request(app.url, address(), 'POST', '/instances', token, erp(account, 'wrong')),
          'credentials_rejected',
        );
    }
    const fourth = await mint(app.url, tenant, 'u4');
    await assertProblem(await request(app.url, address(), 'POST', '/instances', fourth, erp(account, ERP.password)), 'rate_limited');
    assert.equal(verifies(account), 30);
    // Another tenant is not affected.
    const other = await mint(app.url, `t-${randomUUID()}`, 'u1');
    assert.equal((await request(app.url, address(), 'POST', '/instances', other, erp(account, ERP.password))).status, 201);
  });

  test('the 21st bad token from an address is 429; a good admin key still works from another address', async () => {
    const from = address();
    for (let i = 0; i < 20; i++)
      await assertProblem(await request(app.url, from, 'GET', '/instances', `forged.${i}.x`), 'session_invalid');
    const refused = await request(app.url, from, 'GET', '/instances', 'forged.21.x');
    await assertProblem(refused, 'rate_limited');
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    // Admin keys count against the same address: even the right one is refused there, so guessing learns nothing.
    await assertProblem(await request(app.url, from, 'GET', '/admin/instances?tenantId=t', ADMIN_KEY), 'rate_limited');
    assert.equal((await request(app.url, address(), 'GET', '/admin/instances?tenantId=t', ADMIN_KEY)).status, 200);
  });

  test('the 21st wrong admin key from an address is 429', async () => {
    const from = address();
    for (let i = 0; i < 20; i++)
      await assertProblem(
        await request(app.url, from, 'GET', '/admin/instances?tenantId=t', `wrong-admin-key-${i}`),
        'admin_key_invalid',
      );
    await assertProblem(await request(app.url, from, 'GET', '/admin/instances?tenantId=t', `wrong-admin-key-21`), 'rate_limited');
  });
});

describeStores(
  'rate limits across replicas',
  (store) => {
    test('two proxies on one PostgreSQL count failures from an address together', async () => {
      const [a, b] = [await startApp(store), await startApp(store)];
      try {
        const from = address();
        for (let i = 0; i < 10; i++) {
          await assertProblem(await request(a.url, from, 'GET', '/instances', `forged.a${i}.x`), 'session_invalid');
          await assertProblem(await request(b.url, from, 'GET', '/instances', `forged.b${i}.x`), 'session_invalid');
        }
        await assertProblem(await request(a.url, from, 'GET', '/instances', 'forged.a21.x'), 'rate_limited');
        await assertProblem(await request(b.url, from, 'GET', '/instances', 'forged.b21.x'), 'rate_limited');
      } finally {
        await a.close();
        await b.close();
      }
    });
  },
  ['PostgreSQL'],
);
