import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../src/server/proxy/app.js';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { FakePlatform } from './fake-platform.js';
import { ADMIN_KEY, ALLOWED_ORIGIN, assertProblem, captureLogs, SESSION_SECRET, testConfig } from './proxy-fixtures.js';
import type { Config } from '../../src/server/config.js';

const BASE = 'http://proxy.test';

function setup(overrides: Partial<Config> = {}) {
  const platform = new FakePlatform();
  const logs = captureLogs();
  const config = testConfig(overrides);
  const app = createApp({ platform, config, logger: logs.logger });
  const call = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    return app.fetch(new Request(`${BASE}${config.basePath ?? ''}${path}`, { ...init, headers }));
  };
  return { app, platform, logs, call, config };
}

const session = (over: Partial<{ tenantId: string; userId: string; elements: string[]; ttlSeconds: number }> = {}) =>
  mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1', ...over }).then((s) => s.token);

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const validCreate = {
  element: { key: 'sandbox-erp' },
  authenticationType: 'basic',
  configuration: { 'user.username': 'ada', 'user.password': 'correct horse battery staple' },
};

describe('catalog and sessions', () => {
  test('a proxy-minted session reads the catalog', async () => {
    const { call } = setup();
    const res = await call('/elements', { token: await session() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { key: string }[];
    assert.deepEqual(
      body.map((e) => e.key),
      ['sandbox-erp', 'sandbox-helpdesk'],
    );
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('the session element list limits the catalog', async () => {
    const { call } = setup();
    const token = await session({ elements: ['sandbox-helpdesk'] });
    const list = (await (await call('/elements', { token })).json()) as { key: string }[];
    assert.deepEqual(
      list.map((e) => e.key),
      ['sandbox-helpdesk'],
    );
    await assertProblem(await call('/elements/sandbox-erp', { token }), 'not_found');
  });
});

describe('admin API', () => {
  test('POST /admin/sessions mints a token the widget can use', async () => {
    const { call } = setup();
    const res = await call(
      '/admin/sessions',
      json({ tenantId: 't9', userId: 'u9', elements: ['sandbox-erp'], ttlSeconds: 600 }, { Authorization: `Bearer ${ADMIN_KEY}` }),
    );
    assert.equal(res.status, 201);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    const ttl = (Date.parse(expiresAt) - Date.now()) / 1000;
    assert.ok(ttl > 500 && ttl <= 600, `expiresAt ${expiresAt} is about 10 minutes away`);
    const list = (await (await call('/elements', { token })).json()) as { key: string }[];
    assert.deepEqual(
      list.map((e) => e.key),
      ['sandbox-erp'],
    );
  });

  test('a session longer than a day is refused', async () => {
    const { call } = setup();
    const p = await assertProblem(
      await call(
        '/admin/sessions',
        json({ tenantId: 't', userId: 'u', ttlSeconds: 86_401 }, { Authorization: `Bearer ${ADMIN_KEY}` }),
      ),
      'validation_failed',
    );
    assert.equal(p.errors?.[0]?.field, 'ttlSeconds');
  });

  test('GET /admin/instances lists one tenant and requires tenantId', async () => {
    const { call } = setup();
    const t1 = await session();
    assert.equal((await call('/instances', { ...json(validCreate), token: t1 })).status, 201);
    const admin = { Authorization: `Bearer ${ADMIN_KEY}` };
    const list = (await (await call('/admin/instances?tenantId=t1', { headers: admin })).json()) as unknown[];
    assert.equal(list.length, 1);
    const other = (await (await call('/admin/instances?tenantId=t2', { headers: admin })).json()) as unknown[];
    assert.equal(other.length, 0);
    const p = await assertProblem(await call('/admin/instances', { headers: admin }), 'validation_failed');
    assert.equal(p.errors?.[0]?.field, 'tenantId');
    await assertProblem(await call('/admin/instances?tenantId=t1', { token: t1 }), 'admin_key_invalid');
  });
});

describe('request bodies', () => {
  test('malformed JSON is a 400 problem that does not echo the body', async () => {
    const { call } = setup();
    const res = await call('/instances', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"configuration": {"user.password": "s3cret-pw" ',
      token: await session(),
    });
    const p = await assertProblem(res, 'validation_failed', /not valid JSON/);
    assert.doesNotMatch(JSON.stringify(p), /s3cret-pw/);
  });

  test('a body that is not JSON is a 415 problem', async () => {
    const { call } = setup();
    const res = await call('/instances', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
      token: await session(),
    });
    await assertProblem(res, 'unsupported_media_type', /application\/json/);
  });

  test('unknown extra top-level fields are refused by name', async () => {
    const { call, platform } = setup();
    const res = await call('/instances', { ...json({ ...validCreate, tenantId: 'someone-else' }), token: await session() });
    const p = await assertProblem(res, 'validation_failed');
    assert.deepEqual(p.errors, [{ field: 'tenantId', message: 'Unknown field.' }]);
    assert.equal(platform.calls.filter((c) => c.method === 'instances.create').length, 0);
  });

  test('a bad configuration value is named by its key', async () => {
    const { call } = setup();
    const res = await call('/instances', {
      ...json({ ...validCreate, configuration: { 'user.username': { nested: true } } }),
      token: await session(),
    });
    const p = await assertProblem(res, 'validation_failed');
    assert.equal(p.errors?.[0]?.field, 'user.username');
  });

  test('a missing nested field is named by its dotted path', async () => {
    const { call } = setup();
    const res = await call('/instances', { ...json({ ...validCreate, element: {} }), token: await session() });
    const p = await assertProblem(res, 'validation_failed');
    assert.equal(p.errors?.[0]?.field, 'element.key');
  });

  test('the configured body limit applies to every route that reads a body', async () => {
    const { call } = setup({ bodyLimitBytes: 1024 });
    const res = await call('/instances', { ...json({ ...validCreate, name: 'x'.repeat(2048) }), token: await session() });
    await assertProblem(res, 'payload_too_large', /larger than 1024 bytes/);
  });
});

describe('instances', () => {
  test('Idempotency-Key reaches the platform and a retry answers the same instance', async () => {
    const { call, platform } = setup();
    const token = await session();
    const first = await call('/instances', { ...json(validCreate, { 'Idempotency-Key': 'key-123' }), token });
    assert.equal(first.status, 201);
    const again = await call('/instances', { ...json(validCreate, { 'Idempotency-Key': 'key-123' }), token });
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { id: string }[];
    assert.equal(a!.id, b!.id);
    assert.equal(first.headers.get('location'), `/instances/${a!.id}`);
    const creates = platform.calls.filter((c) => c.method === 'instances.create');
    assert.deepEqual(
      creates.map((c) => c.args[2]),
      ['key-123', 'key-123'],
    );
  });

  test('an Idempotency-Key over 200 characters is refused', async () => {
    const { call } = setup();
    const res = await call('/instances', { ...json(validCreate, { 'Idempotency-Key': 'k'.repeat(201) }), token: await session() });
    const p = await assertProblem(res, 'validation_failed');
    assert.equal(p.errors?.[0]?.field, 'Idempotency-Key');
  });

  test('get, rename, delete; another tenant sees 404', async () => {
    const { call } = setup();
    const token = await session();
    const created = (await (await call('/instances', { ...json(validCreate), token })).json()) as { id: string };
    const other = await session({ tenantId: 't2' });
    await assertProblem(await call(`/instances/${created.id}`, { token: other }), 'not_found');

    const renamed = await call(`/instances/${created.id}`, { ...json({ name: 'Books' }), method: 'PATCH', token });
    assert.equal(((await renamed.json()) as { name: string }).name, 'Books');
    const badPatch = await call(`/instances/${created.id}`, { ...json({ name: 'x', status: 'connected' }), method: 'PATCH', token });
    assert.deepEqual((await assertProblem(badPatch, 'validation_failed')).errors, [{ field: 'status', message: 'Unknown field.' }]);

    const del = await call(`/instances/${created.id}`, { method: 'DELETE', token });
    assert.equal(del.status, 204);
    await assertProblem(await call(`/instances/${created.id}`, { token }), 'not_found');
  });
});

describe('catalog routes', () => {
  test('configuration and configurations answer the same user-facing objects', async () => {
    const { call } = setup();
    const token = await session();
    const a = await (await call('/elements/sandbox-erp/authentication-types/basic/configuration', { token })).json();
    const b = await (await call('/elements/sandbox-erp/authentication-types/basic/configurations', { token })).json();
    assert.deepEqual(a, b);
    assert.deepEqual(
      (a as { key: string }[]).map((o) => o.key),
      ['user.username', 'user.password'],
    );
    const types = await (await call('/elements/sandbox-erp/authentication-types', { token })).json();
    assert.deepEqual(types, [{ type: 'basic', name: 'basic', flow: 'form' }]);
    await assertProblem(await call('/elements/sandbox-erp/authentication-types/oauth2/configuration', { token }), 'not_found');
  });

  test('a logo is served without a session, cacheable, with an ETag', async () => {
    const { call } = setup();
    const res = await call('/elements/sandbox-erp/logo');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(res.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    const tag = res.headers.get('etag');
    assert.ok(tag);
    assert.equal((await call('/elements/sandbox-erp/logo', { headers: { 'If-None-Match': tag } })).status, 304);
    await assertProblem(await call('/elements/nope/logo'), 'not_found');
  });

  test('the proxy mounts under a base path', async () => {
    const { app } = setup({ basePath: '/ce' });
    const token = await session();
    const res = await app.fetch(new Request(`${BASE}/ce/elements`, { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(res.status, 200);
    assert.equal((await app.fetch(new Request(`${BASE}/ce/elements/sandbox-erp/logo`))).status, 200);
    // Outside the base path: nothing is served, but the answer is still a private, logged problem.
    const outside = await app.fetch(new Request(`${BASE}/elements`, { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(outside.headers.get('cache-control'), 'no-store');
    assert.ok(outside.headers.get('x-request-id'));
    await assertProblem(outside, 'not_found');
  });

  test('the catalog answer has a strong ETag; If-None-Match with it is a 304 without a body', async () => {
    const { call, logs } = setup();
    const token = await session();
    const first = await call('/elements', { token });
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^"[^"]+"$/);
    const body = await first.text();
    const again = await call('/elements', { token });
    assert.equal(again.headers.get('etag'), tag);
    assert.equal(await again.text(), body);
    for (const ifNoneMatch of [tag!, `W/${tag}`, `"other", ${tag}`, '*']) {
      const res = await call('/elements', { token, headers: { 'If-None-Match': ifNoneMatch } });
      assert.equal(res.status, 304, ifNoneMatch);
      assert.equal(await res.text(), '');
      assert.equal(res.headers.get('etag'), tag);
      // Still a private answer with the usual headers.
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.ok(res.headers.get('x-request-id'));
    }
    assert.equal((await call('/elements', { token, headers: { 'If-None-Match': '"stale"' } })).status, 200);
    // A 304 is still logged like any request.
    assert.equal(logs.lines().at(-2)?.status, 304);
    // Without a valid session there is no 304, only the 401.
    await assertProblem(await call('/elements', { headers: { 'If-None-Match': tag! } }), 'session_invalid');
  });

  test("the cached catalog answer follows each session's elements list", async () => {
    const { call } = setup();
    const keys = async (token: string) => {
      const res = await call('/elements', { token });
      return { keys: ((await res.json()) as { key: string }[]).map((e) => e.key), etag: res.headers.get('etag') };
    };
    const all = await keys(await session());
    const helpdesk = await keys(await session({ elements: ['sandbox-helpdesk'] }));
    const erp = await keys(await session({ elements: ['sandbox-erp'], userId: 'u2' }));
    const none = await keys(await session({ elements: [] }));
    // Asked again after the others were cached: each list keeps its own answer.
    const helpdeskAgain = await keys(await session({ elements: ['sandbox-helpdesk'], tenantId: 't2' }));
    const allAgain = await keys(await session({ tenantId: 't3' }));
    assert.deepEqual(all.keys, ['sandbox-erp', 'sandbox-helpdesk']);
    assert.deepEqual(helpdesk.keys, ['sandbox-helpdesk']);
    assert.deepEqual(erp.keys, ['sandbox-erp']);
    assert.deepEqual(none.keys, []);
    assert.deepEqual(helpdeskAgain, helpdesk);
    assert.deepEqual(allAgain, all);
    assert.equal(new Set([all.etag, helpdesk.etag, erp.etag, none.etag]).size, 4);
    // One list's ETag does not validate another list's answer.
    const res = await call('/elements', {
      token: await session({ elements: ['sandbox-erp'] }),
      headers: { 'If-None-Match': helpdesk.etag! },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      ((await res.json()) as { key: string }[]).map((e) => e.key),
      ['sandbox-erp'],
    );
  });
});

describe('assembly', () => {
  test("CORS for the widget's routes, none for the admin API, under a base path too", async () => {
    const { call } = setup({ basePath: '/ce' });
    const widget = await call('/elements', { token: await session(), headers: { Origin: ALLOWED_ORIGIN } });
    assert.equal(widget.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    const admin = await call(
      '/admin/sessions',
      json({ tenantId: 't', userId: 'u' }, { Authorization: `Bearer ${ADMIN_KEY}`, Origin: ALLOWED_ORIGIN }),
    );
    assert.equal(admin.status, 201);
    assert.equal(admin.headers.get('access-control-allow-origin'), null);
  });
});
