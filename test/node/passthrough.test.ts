import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { SANDBOX_CREDENTIALS, startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { FakePlatform } from './fake-platform.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';

/**
 * The host backend's passthrough, `ANY /admin/instances/{id}/proxy/{path…}`: real HTTP, the real
 * proxy and platform (SQLite and PostgreSQL), and the sandbox ERP behind it.
 */
const MAX_RESPONSE_BYTES = 1024 * 1024;

let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

/** A request sent byte for byte as written: fetch would resolve `..` and `%2e%2e` before sending. */
function rawRequest(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET', headers: { authorization: `Bearer ${ADMIN_KEY}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

test('under a base path, the platform gets the path after /proxy/ as sent (undecoded) and the query', async () => {
  const fake = new FakePlatform();
  const { id } = await fake.instances.create(
    { tenantId: 't', userId: 'u' },
    { element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: {} },
  );
  const app = createApp({ platform: fake, config: testConfig({ basePath: '/ce' }), logger: captureLogs().logger });
  const res = await app.request(`/ce/admin/instances/${id}/proxy/customers/a%2Fb%20c?x=1&y=%2F`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  assert.deepEqual(await res.json(), { path: 'customers/a%2Fb%20c', search: '?x=1&y=%2F' });
  const bare = await app.request(`/ce/admin/instances/${id}/proxy`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  assert.deepEqual(await bare.json(), { path: '', search: '' });
});

describeStores('passthrough', (store) => {
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  let logs: ReturnType<typeof captureLogs>;
  let id = '';
  const tenantId = 'acme';
  before(async () => {
    logs = captureLogs('info');
    const config = testConfig({
      platform: {
        ...store.options(),
        secrets: {},
        development: true,
        vars: { SANDBOX_URL: sandbox.url },
        timeoutMs: 500,
        passthroughMaxResponseBytes: MAX_RESPONSE_BYTES,
      },
    });
    platform = await createPlatform({ ...config.platform, logger: logs.logger });
    server = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
    const created = await platform.instances.create(
      { tenantId, userId: 'u1' },
      { element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: { ...SANDBOX_CREDENTIALS.erp } },
    );
    id = created.id;
  });
  after(async () => {
    await server.close();
    await platform.close();
  });

  // Headers as a plain object (spreading a Headers or an array would lose them); the caller's win.
  const proxy = (path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}, key = ADMIN_KEY) =>
    fetch(`${server.url}/admin/instances/${id}/proxy/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...init.headers },
    });

  test('GET reaches the app under its base with the stored credentials, and answers its status, body and content type', async () => {
    const res = await proxy('customers?pageSize=2');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(res.headers.get('x-request-id'), "the proxy's own headers are added");
    const body = (await res.json()) as { items: { id: number }[]; nextCursor: string };
    assert.deepEqual(
      body.items.map((c) => c.id),
      [1001, 1002],
    );
    assert.ok(body.nextCursor);
  });

  test('method, query, body and content type pass through; the admin key and cookies do not', async () => {
    const res = await proxy('__echo?a=1&a=2&b=x%20y', {
      method: 'POST',
      body: 'name=Ada',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'host=1' },
    });
    assert.equal(res.status, 200);
    const echo = (await res.json()) as {
      method: string;
      query: Record<string, string[]>;
      contentType: string;
      body: string;
      headers: Record<string, string>;
    };
    assert.deepEqual(
      [echo.method, echo.query, echo.contentType, echo.body],
      ['POST', { a: ['1', '2'], b: ['x y'] }, 'application/x-www-form-urlencoded', 'name=Ada'],
    );
    const basic = Buffer.from(`${SANDBOX_CREDENTIALS.erp['user.username']}:${SANDBOX_CREDENTIALS.erp['user.password']}`).toString(
      'base64',
    );
    assert.equal(echo.headers.authorization, `Basic ${basic}`, 'the engine injected the instance credentials');
    assert.ok(!JSON.stringify(echo.headers).includes(ADMIN_KEY), 'the admin key never reaches the app');
    assert.equal(echo.headers.cookie, undefined);
    assert.equal(res.headers.get('set-cookie'), null, "the app's cookie is dropped");
    assert.equal(res.headers.get('x-sandbox-trace'), 'echo', 'other headers are kept');
  });

  test('a path that tries to leave the API base is refused before anything is sent', async () => {
    // fetch resolves `..` and `%2e%2e` itself: those go raw below.
    for (const path of ['..%2F..%2F__status%2F200', '..%2f__status/200', 'a//b', 'http:%2F%2Fevil.example/', 'a%5c..%5cb', '%00']) {
      await assertProblem(await proxy(path), 'validation_failed', /path/);
    }
    for (const path of ['../../me', '%2e%2e/%2e%2e/__status/200', 'customers/%2e%2e/%2e%2e/x', './customers/../../x']) {
      const res = await rawRequest(server.url, `/admin/instances/${id}/proxy/${path}`);
      // Resolved by the URL parser it no longer names the passthrough (404), or names it and is refused (400): never the app.
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status} ${res.body}`);
      assert.doesNotMatch(res.body, /"status":200/);
    }
  });

  test('an unknown instance is 404, a wrong admin key 401', async () => {
    await assertProblem(
      await fetch(`${server.url}/admin/instances/nope/proxy/me`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } }),
      'not_found',
    );
    await assertProblem(await proxy('me', {}, 'wrong-key-0123456789'), 'admin_key_invalid');
  });

  test("the app's error status passes through as it is; a hanging app is a timeout", async () => {
    const res = await proxy('me?status=500');
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { status: 500 });
    await assertProblem(await proxy('me?delay=5000'), 'vendor_timeout');
  });

  test('an answer over the limit: refused when its length says so, cut when it streams past it; never held whole', async () => {
    await assertProblem(await proxy('__big?mb=50'), 'vendor_error', /too large/);
    const res = await proxy('__big?mb=50&chunked=1');
    assert.equal(res.status, 200);
    let received = 0;
    await assert.rejects(async () => {
      for await (const chunk of res.body!) received += (chunk as Uint8Array).byteLength;
    });
    assert.ok(received <= MAX_RESPONSE_BYTES, `${received} bytes passed`);
    const small = await proxy('__big?mb=1&chunked=1');
    assert.equal((await small.arrayBuffer()).byteLength, MAX_RESPONSE_BYTES, 'an answer at the limit passes whole');
  });

  test('a request body over the proxy limit is 413', async () => {
    await assertProblem(
      await proxy('__echo', { method: 'POST', body: 'x'.repeat(65 * 1024), headers: { 'content-type': 'text/plain' } }),
      'payload_too_large',
    );
  });

  test('a 401 from the app marks the instance needs_attention; the log has the outcome, no secret', async () => {
    assert.equal((await proxy('me?status=401')).status, 401);
    const [instance] = await platform.instances.list({ tenantId, userId: 'u1' });
    assert.deepEqual([instance!.status, instance!.statusReason], ['needs_attention', 'credentials_rejected']);
    const line = logs.lines().find((l) => l.msg === 'passthrough' && l.status === 401);
    assert.deepEqual([line?.instance, line?.element, line?.method, typeof line?.ms], [id, 'sandbox-erp', 'GET', 'number']);
    assert.ok(!logs.text().includes(SANDBOX_CREDENTIALS.erp['user.password']));
    assert.ok(!logs.text().includes(ADMIN_KEY));
  });
});
