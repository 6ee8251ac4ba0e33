import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { Config } from '../../src/server/config.js';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { sendJson } from '../../src/server/proxy/http.js';
import { createRateLimits, DEFAULT_RATE_LIMITS } from '../../src/server/platform/rate-limits.js';
import { sessionAuth } from '../../src/server/proxy/middleware/session-auth.js';
import { assertProblem, bareApp, HOST_SECRET, SESSION_SECRET, testConfig } from './proxy-fixtures.js';

/** A guarded route that answers the session and tenant the middleware set. */
function setup(overrides: Partial<Config> = {}, failedAuthPerAddress = DEFAULT_RATE_LIMITS.failedAuthPerAddress) {
  const app = bareApp();
  const limits = createRateLimits({ ...DEFAULT_RATE_LIMITS, failedAuthPerAddress });
  app.get('/me', sessionAuth(testConfig(overrides), limits), (c) =>
    sendJson(c, { session: c.get('session'), tenant: c.get('tenant') }),
  );
  return (token?: string) => app.request('/me', token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
}

const session = () =>
  mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1', elements: ['sandbox-erp'] }).then((s) => s.token);
const hostKey = new TextEncoder().encode(HOST_SECRET);

test('a proxy-minted token sets the session and its tenant', async () => {
  const res = await setup()(await session());
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { session: { tenantId: 't1', userId: 'u1', elements: ['sandbox-erp'] }, tenant: 't1' });
});

test('a missing token is session_invalid saying what to send', async () => {
  const res = await setup()();
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  await assertProblem(res, 'session_invalid', /session token is required/);
});

test('an expired token is session_expired, which the widget acts on', async () => {
  const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1', ttlSeconds: 60 }, Date.now() - 3_600_000);
  await assertProblem(await setup()(token), 'session_expired', /session has expired/);
});

test('a forged token (another key) is refused', async () => {
  const { token } = await mintSessionToken(new TextEncoder().encode('not-the-proxy-secret-0123456789abcdef'), {
    tenantId: 't1',
    userId: 'u1',
  });
  await assertProblem(await setup()(token), 'session_invalid', /signature is invalid/);
});

test('a token with a tampered payload is refused', async () => {
  const [h, p, s] = (await session()).split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, tid: 'other' })).toString('base64url')}.${s}`;
  await assertProblem(await setup()(forged), 'session_invalid', /signature is invalid/);
});

test('a token for another audience is refused', async () => {
  const token = await new SignJWT({ tid: 't1' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('ce-proxy')
    .setAudience('someone-else')
    .setSubject('u1')
    .setExpirationTime('5m')
    .sign(SESSION_SECRET);
  await assertProblem(await setup()(token), 'session_invalid', /another audience/);
});

test('a token that is not a JWT is refused as malformed', async () => {
  await assertProblem(await setup()('abc'), 'session_invalid', /malformed/);
});

test('a host-signed HS256 JWT is accepted with its own tenant', async () => {
  const token = await new SignJWT({ tid: 'host-tenant', email: 'ada@example.com' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('host-user')
    .setExpirationTime('5m')
    .sign(hostKey);
  const res = await setup()(token);
  assert.deepEqual(await res.json(), {
    session: { tenantId: 'host-tenant', userId: 'host-user', email: 'ada@example.com' },
    tenant: 'host-tenant',
  });
});

test('a host-signed JWT without a tenant or expiry is refused', async () => {
  const call = setup();
  const noTenant = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setExpirationTime('5m').sign(hostKey);
  await assertProblem(await call(noTenant), 'session_invalid', /tenant/);
  const noExp = await new SignJWT({ tid: 't' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').sign(hostKey);
  await assertProblem(await call(noExp), 'session_invalid', /exp/);
});

test('a host HS256 JWT from the wrong issuer is refused when an issuer is configured', async () => {
  const call = setup({ hostJwt: { secret: HOST_SECRET, issuer: 'https://host.example.com' } });
  const sign = (iss: string) =>
    new SignJWT({ tid: 't' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(iss)
      .setSubject('u')
      .setExpirationTime('5m')
      .sign(hostKey);
  assert.equal((await call(await sign('https://host.example.com'))).status, 200);
  await assertProblem(await call(await sign('https://evil.example.com')), 'session_invalid', /issuer/);
});

test('a host HS256 JWT for another audience is refused when an audience is configured', async () => {
  const call = setup({ hostJwt: { secret: HOST_SECRET, audience: 'acme-books' } });
  const sign = (aud: string) =>
    new SignJWT({ tid: 't' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(aud)
      .setSubject('u')
      .setExpirationTime('5m')
      .sign(hostKey);
  assert.equal((await call(await sign('acme-books'))).status, 200);
  await assertProblem(await call(await sign('another-app')), 'session_invalid', /another audience/);
});

test("the host's key set out of reach is service_unavailable, not the user's fault", async () => {
  // Port 1 on loopback: nothing listens, so the key set fetch fails at once.
  const call = setup({ hostJwt: { jwksUrl: 'http://127.0.0.1:1/jwks.json', issuer: 'https://login.example', audience: 'ce' } });
  const token = await new SignJWT({ tid: 't' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('https://login.example')
    .setAudience('ce')
    .setSubject('u')
    .setExpirationTime('5m')
    .sign((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])).privateKey);
  await assertProblem(await call(token), 'service_unavailable', /signing keys could not be fetched/);
});

test('after too many invalid tokens an address is refused with Retry-After; expired tokens and known good ones are not held against it', async () => {
  const call = setup({}, 3);
  const good = await session();
  assert.equal((await call(good)).status, 200);
  // Expired tokens come from widgets left open, not from guessing: not counted.
  const { token: expired } = await mintSessionToken(
    SESSION_SECRET,
    { tenantId: 't1', userId: 'u1', ttlSeconds: 60 },
    Date.now() - 3_600_000,
  );
  for (let i = 0; i < 5; i++) await assertProblem(await call(expired), 'session_expired');
  for (let i = 0; i < 3; i++) await assertProblem(await call(`forged.${i}.token`), 'session_invalid');
  const refused = await call('forged.4.token');
  await assertProblem(refused, 'rate_limited');
  assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  // A new token is not looked at from this address now; one verified before still passes.
  await assertProblem(
    await call(await mintSessionToken(SESSION_SECRET, { tenantId: 't2', userId: 'u2' }).then((s) => s.token)),
    'rate_limited',
  );
  assert.equal((await call(good)).status, 200);
});
