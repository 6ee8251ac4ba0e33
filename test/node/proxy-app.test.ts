import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createApp } from '../../src/server/proxy/app.js';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { FakePlatform } from './fake-platform.js';
import {
  ADMIN_KEY,
  ALLOWED_ORIGIN,
  assertProblem,
  captureLogs,
  HOST_SECRET,
  listen,
  SESSION_SECRET,
  testConfig,
} from './proxy-fixtures.js';
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

describe('session tokens', () => {
  test('a proxy-minted session reads the catalog', async () => {
    const { call } = setup();
    const res = await call('/elements', { token: await session() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { key: string }[];
    assert.deepEqual(body.map((e) => e.key), ['sandbox-erp', 'sandbox-helpdesk']);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('the session element list limits the catalog', async () => {
    const { call } = setup();
    const token = await session({ elements: ['sandbox-helpdesk'] });
    const list = (await (await call('/elements', { token })).json()) as { key: string }[];
    assert.deepEqual(list.map((e) => e.key), ['sandbox-helpdesk']);
    await assertProblem(await call('/elements/sandbox-erp', { token }), 404);
  });

  test('a missing token is a 401 problem saying what to send', async () => {
    const { call } = setup();
    const res = await call('/elements');
    await assertProblem(res, 401, /session token is required/);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  test('an expired token is a 401 problem the widget can act on', async () => {
    const { call } = setup();
    const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1', ttlSeconds: 60 }, Date.now() - 3_600_000);
    await assertProblem(await call('/instances', { token }), 401, /session has expired/);
  });

  test('a forged token (another key) is refused', async () => {
    const { call } = setup();
    const { token } = await mintSessionToken(new TextEncoder().encode('not-the-proxy-secret-0123456789abcdef'), { tenantId: 't1', userId: 'u1' });
    await assertProblem(await call('/elements', { token }), 401, /signature is invalid/);
  });

  test('a token with a tampered payload is refused', async () => {
    const { call } = setup();
    const [h, p, s] = (await session()).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, tid: 'other' })).toString('base64url')}.${s}`;
    await assertProblem(await call('/instances', { token: forged }), 401, /signature is invalid/);
  });

  test('a token for another audience is refused', async () => {
    const { call } = setup();
    const token = await new SignJWT({ tid: 't1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ce-proxy')
      .setAudience('someone-else')
      .setSubject('u1')
      .setExpirationTime('5m')
      .sign(SESSION_SECRET);
    await assertProblem(await call('/elements', { token }), 401, /another audience/);
  });

  test('a token that is not a JWT is refused as malformed', async () => {
    const { call } = setup();
    await assertProblem(await call('/elements', { token: 'abc' }), 401, /malformed/);
  });

  test('a host-signed HS256 JWT is accepted and scopes by its tenant', async () => {
    const { call, platform } = setup();
    const token = await new SignJWT({ tid: 'host-tenant', email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('host-user')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(HOST_SECRET));
    const res = await call('/instances', { token });
    assert.equal(res.status, 200);
    const last = platform.calls.at(-1)!;
    assert.deepEqual(last.args[0], { tenantId: 'host-tenant', userId: 'host-user', email: 'ada@example.com' });
  });

  test('a host-signed JWT without a tenant or expiry is refused', async () => {
    const { call } = setup();
    const key = new TextEncoder().encode(HOST_SECRET);
    const noTenant = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setExpirationTime('5m').sign(key);
    await assertProblem(await call('/elements', { token: noTenant }), 401, /tenant/);
    const noExp = await new SignJWT({ tid: 't' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(key);
    await assertProblem(await call('/elements', { token: noExp }), 401, /exp/);
  });

  test('a host HS256 JWT from the wrong issuer is refused when an issuer is configured', async () => {
    const { call } = setup({ hostJwt: { secret: HOST_SECRET, issuer: 'https://host.example.com' } });
    const key = new TextEncoder().encode(HOST_SECRET);
    const sign = (iss: string) =>
      new SignJWT({ tid: 't' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(iss).setSubject('u').setExpirationTime('5m').sign(key);
    assert.equal((await call('/elements', { token: await sign('https://host.example.com') })).status, 200);
    await assertProblem(await call('/elements', { token: await sign('https://evil.example.com') }), 401, /issuer/);
  });

  test('a host HS256 JWT for another audience is refused when an audience is configured', async () => {
    const { call } = setup({ hostJwt: { secret: HOST_SECRET, audience: 'acme-books' } });
    const key = new TextEncoder().encode(HOST_SECRET);
    const sign = (aud: string) =>
      new SignJWT({ tid: 't' }).setProtectedHeader({ alg: 'HS256' }).setAudience(aud).setSubject('u').setExpirationTime('5m').sign(key);
    assert.equal((await call('/elements', { token: await sign('acme-books') })).status, 200);
    await assertProblem(await call('/elements', { token: await sign('another-app') }), 401);
  });
});

describe('admin API', () => {
  test('POST /admin/sessions mints a token the widget can use', async () => {
    const { call } = setup();
    const res = await call('/admin/sessions', json({ tenantId: 't9', userId: 'u9', elements: ['sandbox-erp'], ttlSeconds: 600 }, { Authorization: `Bearer ${ADMIN_KEY}` }));
    assert.equal(res.status, 201);
    const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
    const ttl = (Date.parse(expiresAt) - Date.now()) / 1000;
    assert.ok(ttl > 500 && ttl <= 600, `expiresAt ${expiresAt} is about 10 minutes away`);
    const list = (await (await call('/elements', { token })).json()) as { key: string }[];
    assert.deepEqual(list.map((e) => e.key), ['sandbox-erp']);
  });

  test('a wrong or missing admin key is a 401 problem', async () => {
    const { call } = setup();
    const body = { tenantId: 't', userId: 'u' };
    await assertProblem(await call('/admin/sessions', json(body, { Authorization: `Bearer ${ADMIN_KEY}x` })), 401, /admin API key is wrong/);
    await assertProblem(await call('/admin/sessions', json(body)), 401, /admin API key is required/);
    // A session token is not an admin key.
    await assertProblem(await call('/admin/sessions', json(body, { Authorization: `Bearer ${await session()}` })), 401);
  });

  test('a session longer than a day is refused', async () => {
    const { call } = setup();
    const p = await assertProblem(
      await call('/admin/sessions', json({ tenantId: 't', userId: 'u', ttlSeconds: 86_401 }, { Authorization: `Bearer ${ADMIN_KEY}` })),
      400,
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
    const p = await assertProblem(await call('/admin/instances', { headers: admin }), 400);
    assert.equal(p.errors?.[0]?.field, 'tenantId');
    await assertProblem(await call('/admin/instances?tenantId=t1', { token: t1 }), 401);
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
    const p = await assertProblem(res, 400, /not valid JSON/);
    assert.doesNotMatch(JSON.stringify(p), /s3cret-pw/);
  });

  test('a body that is not JSON is a 415 problem', async () => {
    const { call } = setup();
    const res = await call('/instances', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi', token: await session() });
    await assertProblem(res, 415, /application\/json/);
  });

  test('unknown extra top-level fields are refused by name', async () => {
    const { call, platform } = setup();
    const res = await call('/instances', { ...json({ ...validCreate, tenantId: 'someone-else' }), token: await session() });
    const p = await assertProblem(res, 400);
    assert.deepEqual(p.errors, [{ field: 'tenantId', message: 'Unknown field.' }]);
    assert.equal(platform.calls.filter((c) => c.method === 'instances.create').length, 0);
  });

  test('a bad configuration value is named by its key', async () => {
    const { call } = setup();
    const res = await call('/instances', {
      ...json({ ...validCreate, configuration: { 'user.username': { nested: true } } }),
      token: await session(),
    });
    const p = await assertProblem(res, 400);
    assert.equal(p.errors?.[0]?.field, 'user.username');
  });

  test('a missing nested field is named by its dotted path', async () => {
    const { call } = setup();
    const res = await call('/instances', { ...json({ ...validCreate, element: {} }), token: await session() });
    const p = await assertProblem(res, 400);
    assert.equal(p.errors?.[0]?.field, 'element.key');
  });

  test('a 2 MB body is refused with 413 (Content-Length and chunked)', async () => {
    const { app } = setup();
    const server = await listen(app.fetch);
    try {
      const token = await session();
      const big = JSON.stringify({ ...validCreate, name: 'x'.repeat(2 * 1024 * 1024) });
      const res = await fetch(`${server.url}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: big,
      });
      await assertProblem(res, 413, /larger than 65536 bytes/);

      // Without Content-Length the limit is counted while streaming.
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 2 * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const chunked = await fetch(`${server.url}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      await assertProblem(chunked, 413);
    } finally {
      await server.close();
    }
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
    assert.deepEqual(creates.map((c) => c.args[2]), ['key-123', 'key-123']);
  });

  test('an Idempotency-Key over 200 characters is refused', async () => {
    const { call } = setup();
    const res = await call('/instances', { ...json(validCreate, { 'Idempotency-Key': 'k'.repeat(201) }), token: await session() });
    const p = await assertProblem(res, 400);
    assert.equal(p.errors?.[0]?.field, 'Idempotency-Key');
  });

  test('get, rename, delete; another tenant sees 404', async () => {
    const { call } = setup();
    const token = await session();
    const created = (await (await call('/instances', { ...json(validCreate), token })).json()) as { id: string };
    const other = await session({ tenantId: 't2' });
    await assertProblem(await call(`/instances/${created.id}`, { token: other }), 404);

    const renamed = await call(`/instances/${created.id}`, { ...json({ name: 'Books' }), method: 'PATCH', token });
    assert.equal(((await renamed.json()) as { name: string }).name, 'Books');
    const badPatch = await call(`/instances/${created.id}`, { ...json({ name: 'x', status: 'connected' }), method: 'PATCH', token });
    assert.deepEqual((await assertProblem(badPatch, 400)).errors, [{ field: 'status', message: 'Unknown field.' }]);

    const del = await call(`/instances/${created.id}`, { method: 'DELETE', token });
    assert.equal(del.status, 204);
    await assertProblem(await call(`/instances/${created.id}`, { token }), 404);
  });
});

describe('catalog routes', () => {
  test('configuration and configurations answer the same user-facing objects', async () => {
    const { call } = setup();
    const token = await session();
    const a = await (await call('/elements/sandbox-erp/authentication-types/basic/configuration', { token })).json();
    const b = await (await call('/elements/sandbox-erp/authentication-types/basic/configurations', { token })).json();
    assert.deepEqual(a, b);
    assert.deepEqual((a as { key: string }[]).map((o) => o.key), ['user.username', 'user.password']);
    const types = await (await call('/elements/sandbox-erp/authentication-types', { token })).json();
    assert.deepEqual(types, [{ type: 'basic', name: 'basic', flow: 'form' }]);
    await assertProblem(await call('/elements/sandbox-erp/authentication-types/oauth2/configuration', { token }), 404);
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
    await assertProblem(await call('/elements/nope/logo'), 404);
  });

  test('an unknown route is a 404 problem', async () => {
    const { call } = setup();
    await assertProblem(await call('/nope', { token: await session() }), 404, /GET \/nope/);
    await assertProblem(await call('/instances', { method: 'PUT', token: await session() }), 404);
  });

  test('an unexpected error is a generic 500 problem, logged but not leaked', async () => {
    const { call, platform, logs } = setup();
    platform.failNext = new Error('database exploded at /var/lib/ce/internal.sqlite');
    const p = await assertProblem(await call('/elements', { token: await session() }), 500);
    assert.doesNotMatch(JSON.stringify(p), /exploded|sqlite/);
    assert.ok(logs.lines().some((l) => l.msg === 'unhandled error' && /exploded/.test(JSON.stringify(l.err))));
  });

  test('the proxy mounts under a base path', async () => {
    const { app } = setup({ basePath: '/ce' });
    const token = await session();
    const res = await app.fetch(new Request(`${BASE}/ce/elements`, { headers: { Authorization: `Bearer ${token}` } }));
    assert.equal(res.status, 200);
    await assertProblem(await app.fetch(new Request(`${BASE}/elements`, { headers: { Authorization: `Bearer ${token}` } })), 404);
    assert.equal((await app.fetch(new Request(`${BASE}/ce/elements/sandbox-erp/logo`))).status, 200);
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
    await assertProblem(await call('/elements', { headers: { 'If-None-Match': tag! } }), 401);
  });

  test('the cached catalog answer follows each session\'s elements list', async () => {
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
    const res = await call('/elements', { token: await session({ elements: ['sandbox-erp'] }), headers: { 'If-None-Match': helpdesk.etag! } });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { key: string }[]).map((e) => e.key), ['sandbox-erp']);
  });
});

describe('CORS', () => {
  test('an allowed origin gets the header, another origin does not', async () => {
    const { call } = setup();
    const token = await session();
    const ok = await call('/elements', { token, headers: { Origin: ALLOWED_ORIGIN } });
    assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const other = await call('/elements', { token, headers: { Origin: 'https://evil.example.com' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    // Errors carry the header too, so the widget can read the problem.
    const denied = await call('/elements', { headers: { Origin: ALLOWED_ORIGIN } });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });

  test('preflight allows the widget\'s headers for an allowed origin only', async () => {
    const { call } = setup();
    const preflight = (origin: string) =>
      call('/instances', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    const allowHeaders = (ok.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
    for (const h of ['authorization', 'content-type', 'idempotency-key', 'if-match']) assert.ok(allowHeaders.includes(h), h);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    // Cached by the browser, so a widget on another origin does not pay a preflight before every call.
    assert.ok(Number(ok.headers.get('access-control-max-age')) >= 600, 'preflight answers carry Access-Control-Max-Age');
    const bad = await preflight('https://evil.example.com');
    assert.equal(bad.headers.get('access-control-allow-origin'), null);
    assert.notEqual(bad.headers.get('access-control-allow-origin'), '*');
  });

  test('admin routes send no CORS header, even to an allowed origin', async () => {
    const { call } = setup();
    const res = await call('/admin/sessions', json({ tenantId: 't', userId: 'u' }, { Authorization: `Bearer ${ADMIN_KEY}`, Origin: ALLOWED_ORIGIN }));
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('logs', () => {
  test('one line per request, without the Authorization value or any password', async () => {
    const { call, logs } = setup();
    const token = await session();
    const password = 'correct horse battery staple';
    await call('/instances', { ...json(validCreate), token });
    await call('/instances', { ...json({ ...validCreate, extra: password }), token });
    await call('/admin/sessions', json({ tenantId: 't1', userId: 'u1' }, { Authorization: `Bearer ${ADMIN_KEY}` }));
    await call('/elements', { token: `${token}x` });
    const text = logs.text();
    for (const secret of [token, ADMIN_KEY, password]) assert.ok(!text.includes(secret), 'a secret was logged');
    const requests = logs.lines().filter((l) => l.msg === 'request');
    assert.equal(requests.length, 4);
    assert.deepEqual(
      requests.map((l) => [l.method, l.path, l.status, l.tenant]),
      [
        ['POST', '/instances', 201, 't1'],
        ['POST', '/instances', 400, 't1'],
        ['POST', '/admin/sessions', 201, 't1'],
        ['GET', '/elements', 401, undefined],
      ],
    );
    assert.ok(requests.every((l) => typeof l.ms === 'number'));
  });
});
