import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { send } from '../../src/server/proxy/http.js';
import { adminKey, checkAdminKey } from '../../src/server/proxy/middleware/admin-key.js';
import { ProblemError } from '../../src/server/problem.js';
import { ADMIN_KEY, assertProblem, bareApp, SESSION_SECRET } from './proxy-fixtures.js';

function setup() {
  const app = bareApp();
  app.use('/admin/*', adminKey(ADMIN_KEY));
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

test('only the exact key passes checkAdminKey', () => {
  assert.doesNotThrow(() => checkAdminKey(`Bearer ${ADMIN_KEY}`, ADMIN_KEY));
  for (const wrong of [`Bearer ${ADMIN_KEY.slice(0, -1)}`, `Bearer ${ADMIN_KEY}0`, ADMIN_KEY, undefined, 'Bearer ']) {
    assert.throws(() => checkAdminKey(wrong, ADMIN_KEY), (e: unknown) => e instanceof ProblemError && e.code === 'admin_key_invalid');
  }
});
