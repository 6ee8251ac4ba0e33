import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * The bad inputs as a browser meets them: real HTTP, the real proxy, the real platform
 * (SQLite and PostgreSQL) and a local vendor. Each answer is a problem a form can show.
 */
/** Two apps whose vendor the platform cannot reach: one at a private address it may not call, one where nothing listens. */
const unreachableApps = () =>
  [
    { key: 'test-private', sandbox: false, baseUrl: 'https://127.0.0.1:1/api' },
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    { key: 'test-down', sandbox: true, baseUrl: 'http://127.0.0.1:1/api' },
  ].map(({ key, sandbox, baseUrl }) =>
    parseDefinition(
      {
        key,
        name: key,
        description: key,
        categories: [],
        hosts: ['127.0.0.1'],
        sandbox,
        authenticationTypes: [
          {
            type: 'apiKey',
            name: 'API key',
            baseUrl,
            configuration: [{ key: 'api.key', name: 'API key', type: 'PASSWORD', required: true }],
            credentials: { bearer: '{api.key}' },
            verify: { path: '/me' },
          },
        ],
      },
      `test:${key}`,
    ),
  );

let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

describeStores('proxy over the real platform', (store) => {
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  const config = (definitions = [...testDefinitions(), ...unreachableApps()]) =>
    testConfig({
      platform: {
        ...store.options(),
        definitions,
        secrets: testSecrets,
        development: true,
        vars: { SANDBOX_URL: vendor.url },
        timeoutMs: 500,
      },
    });
  before(async () => {
    const logs = captureLogs();
    platform = await createPlatform({ ...config().platform, logger: logs.logger });
    server = await listen(createApp({ platform, config: config(), logger: logs.logger }).fetch);
  });
  after(async () => {
    await server.close();
    await platform.close();
  });

  const sessionFor = (tenantId: string, elements?: string[]) =>
    mintSession(server.url, ADMIN_KEY, { tenantId, userId: 'user-1', elements });
  const call = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const erp = (configuration: Record<string, string> = {}) => ({
    element: { key: 'test-erp' },
    authenticationType: 'basic',
    configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password, ...configuration },
  });

  test('connect, list, rename, delete through HTTP', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const created = await call(token, 'POST', '/instances', erp());
    assert.equal(created.status, 201);
    const instance = (await created.json()) as { id: string; status: string; configuration: Record<string, unknown> };
    assert.equal(instance.status, 'connected');
    assert.equal(instance.configuration['user.password'], undefined);
    assert.equal(((await (await call(token, 'GET', '/instances')).json()) as unknown[]).length, 1);
    const renamed = await call(token, 'PATCH', `/instances/${instance.id}`, { name: 'Books' });
    assert.equal(((await renamed.json()) as { name: string }).name, 'Books');
    assert.equal((await call(token, 'DELETE', `/instances/${instance.id}`)).status, 204);
    await assertProblem(await call(token, 'GET', `/instances/${instance.id}`), 'not_found');
  });

  test('the same Idempotency-Key sent twice at once makes one instance', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const key = randomUUID();
    const [a, b] = await Promise.all([
      call(token, 'POST', '/instances', erp(), { 'Idempotency-Key': key }),
      call(token, 'POST', '/instances', erp(), { 'Idempotency-Key': key }),
    ]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(((await a.json()) as { id: string }).id, ((await b.json()) as { id: string }).id);
    assert.equal(((await (await call(token, 'GET', '/instances')).json()) as unknown[]).length, 1);
  });

  test('bad input answers problems naming the field', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const wrong = await assertProblem(
      await call(token, 'POST', '/instances', erp({ 'user.password': 'nope' })),
      'credentials_rejected',
    );
    assert.ok(wrong.detail, 'a refusal says why');
    const missing = await assertProblem(
      await call(token, 'POST', '/instances', { ...erp(), configuration: { 'account.id': ERP.account, 'user.username': ERP.user } }),
      'validation_failed',
    );
    assert.deepEqual(
      missing.errors?.map((e) => e.field),
      ['user.password'],
    );
    const long = await assertProblem(
      await call(token, 'POST', '/instances', erp({ 'account.id': 'A'.repeat(33) })),
      'validation_failed',
    );
    assert.deepEqual(
      long.errors?.map((e) => e.field),
      ['account.id'],
    );
    const evil = await assertProblem(
      await call(token, 'POST', '/instances', {
        element: { key: 'test-desk' },
        authenticationType: 'apiKey',
        configuration: { subdomain: 'evil.com/x', 'api.key': 'k' },
      }),
      'validation_failed',
    );
    assert.deepEqual(
      evil.errors?.map((e) => e.field),
      ['subdomain'],
    );
    await assertProblem(await call(token, 'POST', '/instances', { ...erp(), element: { key: 'no-such-app' } }), 'not_found');
    await assertProblem(await call(token, 'POST', '/instances', { ...erp(), authenticationType: 'nope' }), 'not_found');
    await assertProblem(await call(token, 'POST', '/instances', erp({ 'account.id': 'FAIL5' })), 'vendor_error');
    await assertProblem(await call(token, 'POST', '/instances', erp({ 'account.id': 'SLOW' })), 'vendor_timeout');
    assert.equal(((await (await call(token, 'GET', '/instances')).json()) as unknown[]).length, 0, 'nothing stored half-way');
  });

  test("another tenant's instance and an element outside the session answer 404", async () => {
    const mine = await sessionFor(`t-${randomUUID()}`);
    const { id } = (await (await call(mine, 'POST', '/instances', erp())).json()) as { id: string };
    const theirs = await sessionFor(`t-${randomUUID()}`);
    await assertProblem(await call(theirs, 'GET', `/instances/${id}`), 'not_found');
    await assertProblem(await call(theirs, 'PATCH', `/instances/${id}`, { name: 'x' }), 'not_found');
    await assertProblem(await call(theirs, 'DELETE', `/instances/${id}`), 'not_found');
    const limited = await sessionFor(`t-${randomUUID()}`, ['test-desk']);
    await assertProblem(await call(limited, 'GET', '/elements/test-erp'), 'not_found');
    await assertProblem(await call(limited, 'POST', '/instances', erp()), 'not_found');
    const keys = ((await (await call(limited, 'GET', '/elements')).json()) as { key: string }[]).map((e) => e.key);
    assert.deepEqual(keys, ['test-desk']);
  });

  test('an Idempotency-Key sent again with another request is idempotency_key_reused', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const key = randomUUID();
    assert.equal((await call(token, 'POST', '/instances', erp(), { 'Idempotency-Key': key })).status, 201);
    const reused = await call(token, 'POST', '/instances', { ...erp(), name: 'Another' }, { 'Idempotency-Key': key });
    await assertProblem(reused, 'idempotency_key_reused', /already used for a different request/);
  });

  test('a vendor at a private address is address_refused; one that refuses the connection is vendor_unreachable', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const connect = (key: string) =>
      call(token, 'POST', '/instances', { element: { key }, authenticationType: 'apiKey', configuration: { 'api.key': 'k' } });
    await assertProblem(await connect('test-private'), 'address_refused', /private network/);
    const down = await assertProblem(await connect('test-down'), 'vendor_unreachable', /could not be reached/);
    assert.doesNotMatch(JSON.stringify(down), /ECONNREFUSED/);
  });

  test('re-authenticating a connection whose sign-in method is no longer offered is a conflict', async () => {
    const token = await sessionFor(`t-${randomUUID()}`);
    const { id } = (await (await call(token, 'POST', '/instances', erp())).json()) as { id: string };
    // The same store, restarted with a definition of Test ERP that dropped its basic authentication.
    const definitions = testDefinitions().map((d) =>
      d.key === 'test-erp' ? { ...d, authenticationTypes: d.authenticationTypes.filter((a) => a.type !== 'basic') } : d,
    );
    const later = await createPlatform({ ...config(definitions).platform, logger: captureLogs().logger });
    try {
      const app = createApp({ platform: later, config: config(definitions), logger: captureLogs().logger });
      const res = await app.request(`/instances/${id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ configuration: { 'user.password': ERP.password } }),
      });
      await assertProblem(res, 'conflict', /can no longer be connected with basic/);
    } finally {
      await later.close();
    }
  });
});
