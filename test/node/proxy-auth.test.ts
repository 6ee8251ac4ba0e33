import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createSessionVerifier, mintSessionToken } from '../../src/server/proxy/auth.js';
import type { ProblemCode } from '../../src/contract/index.js';
import { ProblemError } from '../../src/server/problem.js';
import { createApp } from '../../src/server/proxy/app.js';
import { FakePlatform } from './fake-platform.js';
import { captureLogs, SESSION_SECRET, testConfig } from './proxy-fixtures.js';

const ISSUER = 'https://login.host.example.com';
const AUDIENCE = 'ce-marketplace';

async function rejects(p: Promise<unknown>, code: ProblemCode, detail: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ProblemError, `expected a ProblemError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.detail ?? '', detail);
    return true;
  });
}

describe('host-signed JWTs against a JWKS URL', () => {
  let server: Server;
  let jwksUrl: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let fetches = 0;

  before(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((req, res) => {
      fetches++;
      if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const sign = (k: CryptoKey, over: { iss?: string; aud?: string; kid?: string; exp?: string | number } = {}) =>
    new SignJWT({ tid: 'acme', elements: ['sandbox-erp'] })
      .setProtectedHeader({ alg: 'ES256', kid: over.kid ?? 'k1' })
      .setIssuer(over.iss ?? ISSUER)
      .setAudience(over.aud ?? AUDIENCE)
      .setSubject('user-7')
      .setExpirationTime(over.exp ?? '5m')
      .sign(k);

  test('a token signed with the host key is accepted and mapped to a session', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET, hostJwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    const s = await verify(`Bearer ${await sign(key)}`);
    assert.deepEqual(s, { tenantId: 'acme', userId: 'user-7', elements: ['sandbox-erp'] });
    assert.ok(fetches >= 1, 'the JWKS was fetched');
    // Another token (a later expiry) from the same key: verified with the cached key set.
    const n = fetches;
    assert.equal((await verify(`Bearer ${await sign(key, { exp: '6m' })}`)).userId, 'user-7');
    assert.equal(fetches, n, 'the key set is cached, not fetched per token');
  });

  test('through the app: GET /elements with a JWKS-signed token', async () => {
    const app = createApp({
      platform: new FakePlatform(),
      config: testConfig({ hostJwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } }),
      logger: captureLogs().logger,
    });
    const res = await app.fetch(
      new Request('http://proxy.test/elements', { headers: { Authorization: `Bearer ${await sign(key)}` } }),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      ((await res.json()) as { key: string }[]).map((e) => e.key),
      ['sandbox-erp'],
    );
  });

  test('a token signed with another key, audience or issuer is refused', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET, hostJwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    await rejects(verify(`Bearer ${await sign(otherKey)}`), 'session_invalid', /signature is invalid/);
    await rejects(verify(`Bearer ${await sign(otherKey, { kid: 'unknown' })}`), 'session_invalid', /signature is invalid/);
    await rejects(verify(`Bearer ${await sign(key, { aud: 'another-app' })}`), 'session_invalid', /another audience/);
    await rejects(verify(`Bearer ${await sign(key, { iss: 'https://evil.example.com' })}`), 'session_invalid', /issuer/);
    await rejects(
      verify(`Bearer ${await sign(key, { exp: Math.floor(Date.now() / 1000) - 600 })}`),
      'session_expired',
      /session has expired/,
    );
  });

  test('an HS256 token is not checked against the JWKS (no algorithm confusion)', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET, hostJwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
    const hs = await new SignJWT({ tid: 'acme' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('guessed-secret-0123456789abcdef0123'));
    await rejects(verify(`Bearer ${hs}`), 'session_invalid', /not signed by a key this service accepts/);
  });

  test("an unreachable JWKS is a 503, not the user's fault", async () => {
    const verify = createSessionVerifier({
      sessionSecret: SESSION_SECRET,
      hostJwt: { jwksUrl: jwksUrl.replace('jwks.json', 'missing.json'), issuer: ISSUER, audience: AUDIENCE },
    });
    await rejects(verify(`Bearer ${await sign(key)}`), 'service_unavailable', /signing keys could not be fetched/);
  });
});

describe('proxy session tokens', () => {
  test('minted tokens carry the agreed claims and cap the lifetime at a day', async () => {
    const { token, expiresAt } = await mintSessionToken(SESSION_SECRET, {
      tenantId: 't',
      userId: 'u',
      email: 'a@b.co',
      elements: ['x'],
    });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.iss, 'ce-proxy');
    assert.equal(claims.aud, 'ce-widget');
    assert.equal(claims.sub, 'u');
    assert.equal(claims.tid, 't');
    assert.equal(claims.email, 'a@b.co');
    assert.deepEqual(claims.elements, ['x']);
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
    assert.equal(Date.parse(expiresAt), (claims.exp as number) * 1000);
    const long = await mintSessionToken(SESSION_SECRET, { tenantId: 't', userId: 'u', ttlSeconds: 10 * 86_400 });
    const exp = JSON.parse(Buffer.from(long.token.split('.')[1]!, 'base64url').toString()).exp as number;
    assert.ok(exp - Date.now() / 1000 <= 86_400 + 1);
  });

  test('without a host secret, a host-style HS256 token is refused', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET });
    const t = await new SignJWT({ tid: 't' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('5m')
      .sign(SESSION_SECRET);
    await rejects(verify(`Bearer ${t}`), 'session_invalid', /not signed by a key this service accepts/);
  });

  test('a token verified once still expires on time', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET });
    const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't', userId: 'u', ttlSeconds: 60 });
    assert.equal((await verify(`Bearer ${token}`)).tenantId, 't');
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 10 * 60_000 });
    try {
      await rejects(verify(`Bearer ${token}`), 'session_expired', /session has expired/);
    } finally {
      mock.timers.reset();
    }
  });

  test('the Bearer scheme is required', async () => {
    const verify = createSessionVerifier({ sessionSecret: SESSION_SECRET });
    const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't', userId: 'u' });
    await rejects(verify(`Basic ${token}`), 'session_invalid', /session token is required/);
    assert.equal((await verify(`bearer ${token}`)).tenantId, 't');
  });
});
