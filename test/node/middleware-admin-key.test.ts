import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { send } from '../../src/server/proxy/http.js';
import { createRateLimits, DEFAULT_RATE_LIMITS } from '../../src/server/platform/rate-limits.js';
import { adminKey, checkAdminKey } from '../../src/server/proxy/middleware/admin-key.js';
import { ProblemError } from '../../src/server/problem.js';
import { ADMIN_KEY, assertProblem, bareApp, SESSION_SECRET } from './proxy-fixtures.js';

function setup(opts: { trustProxy?: boolean } = {}) {
  const app = bareApp();
  app.use('/admin/*', adminKey(ADMIN_KEY, createRateLimits({ ...DEFAULT_RATE_LIMITS, failedAuthPerAddress: 3 }), opts));
  app.get('/admin/thing', (c) => send(c, 'ok', 200));
  return app;
}

const as = (authorization?: string) => (authorization ? { headers: { Authorization: authorization } } : {});

test('the exact admin key passes', async () => {
  const res = await setup().request('/admin/thing', as(`Bearer ${ADMIN_KEY}`));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok');
});

test('a wrong or missing admin key is an admin_key_invalid problem saying which', async () => {
  const app = setup();
  await assertProblem(await app.request('/admin/thing', as(`Bearer ${ADMIN_KEY}x`)), 'admin_key_invalid', /admin API key is wrong/);
  await assertProblem(await app.request('/admin/thing'), 'admin_key_invalid', /admin API key is required/);
  // A session token is not an admin key.
  const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't', userId: 'u' });
  const res = await app.request('/admin/thing', as(`Bearer ${token}`));
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  await assertProblem(res, 'admin_key_invalid');
});

test('an address with too many wrong keys is refused, even with the right key; another address is not', async () => {
  const app = setup({ trustProxy: true });
  const from = (address: string, key: string) =>
    app.request('/admin/thing', { headers: { Authorization: `Bearer ${key}`, 'X-Forwarded-For': `${address}, 10.0.0.1` } });
  for (let i = 0; i < 3; i++) await assertProblem(await from('203.0.113.7', 'wrong-key-0123456789'), 'admin_key_invalid');
  const refused = await from('203.0.113.7', ADMIN_KEY);
  await assertProblem(refused, 'rate_limited');
  assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  assert.equal((await from('203.0.113.8', ADMIN_KEY)).status, 200);
});

test('without trustProxy X-Forwarded-For is ignored: a changing header does not escape the limit', async () => {
  const app = setup();
  const from = (address: string) =>
    app.request('/admin/thing', { headers: { Authorization: 'Bearer wrong-key-0123456789', 'X-Forwarded-For': address } });
  for (let i = 0; i < 3; i++) await assertProblem(await from(`198.51.100.${i}`), 'admin_key_invalid');
  await assertProblem(await from('198.51.100.99'), 'rate_limited');
});

test('only the exact key passes checkAdminKey', () => {
  assert.doesNotThrow(() => checkAdminKey(`Bearer ${ADMIN_KEY}`, ADMIN_KEY));
  for (const wrong of [`Bearer ${ADMIN_KEY.slice(0, -1)}`, `Bearer ${ADMIN_KEY}0`, ADMIN_KEY, undefined, 'Bearer ']) {
    assert.throws(
      () => checkAdminKey(wrong, ADMIN_KEY),
      (e: unknown) => e instanceof ProblemError && e.code === 'admin_key_invalid',
    );
  }
});
