import { test } from 'node:test';
import assert from 'node:assert/strict';
import { send } from '../../src/server/proxy/http.js';
import { securityHeaders } from '../../src/server/proxy/middleware/security-headers.js';
import { ProblemError } from '../../src/server/problem.js';
import { ALLOWED_ORIGIN, bareApp } from './proxy-fixtures.js';

function setup() {
  const app = bareApp();
  app.use('*', securityHeaders({ allowedOrigins: [ALLOWED_ORIGIN], serverOnlyPrefix: '/admin/' }));
  app.get('/data', (c) => send(c, '{}', 200, { 'content-type': 'application/json' }));
  app.get('/denied', () => {
    throw new ProblemError('session_invalid');
  });
  app.post('/admin/sessions', (c) => send(c, '{}', 201));
  return app;
}

test('every answer, errors and unknown routes included, is private, unsniffed and unframed', async () => {
  const app = setup();
  for (const res of [await app.request('/data'), await app.request('/denied'), await app.request('/nowhere')]) {
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
  }
});

test('an allowed origin gets the CORS header, another origin does not', async () => {
  const app = setup();
  const ok = await app.request('/data', { headers: { Origin: ALLOWED_ORIGIN } });
  assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  assert.match(ok.headers.get('vary') ?? '', /Origin/);
  assert.match(ok.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  const other = await app.request('/data', { headers: { Origin: 'https://evil.example.com' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  // Errors carry the header too, so the widget can read the problem.
  const denied = await app.request('/denied', { headers: { Origin: ALLOWED_ORIGIN } });
  assert.equal(denied.status, 401);
  assert.equal(denied.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  // A call without Origin is not a cross-origin browser call: no CORS headers at all.
  assert.equal((await app.request('/data')).headers.get('vary'), null);
});

test("preflight allows the widget's headers for an allowed origin only", async () => {
  const app = setup();
  const preflight = (origin: string) =>
    app.request('/data', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
  const ok = await preflight(ALLOWED_ORIGIN);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  const allowHeaders = (ok.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
  for (const h of ['authorization', 'content-type', 'idempotency-key', 'if-match']) assert.ok(allowHeaders.includes(h), h);
  assert.match(ok.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  // Cached by the browser, so a widget on another origin does not pay a preflight before every call.
  assert.ok(Number(ok.headers.get('access-control-max-age')) >= 600, 'preflight answers carry Access-Control-Max-Age');
  assert.equal(ok.headers.get('cache-control'), 'no-store');
  const bad = await preflight('https://evil.example.com');
  assert.equal(bad.headers.get('access-control-allow-origin'), null);
});

test('server-only routes (the admin API) send no CORS header, even to an allowed origin', async () => {
  const app = setup();
  const res = await app.request('/admin/sessions', { method: 'POST', headers: { Origin: ALLOWED_ORIGIN } });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('cache-control'), 'no-store');
});
