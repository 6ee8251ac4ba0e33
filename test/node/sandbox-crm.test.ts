import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { ObjectList, ObjectMetadata, ResourcePage } from '../../src/contract/index.js';
import { SANDBOX_CREDENTIALS, startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { CONTACT_COUNT, GENERATED_CUSTOM_FIELDS } from '../../demo/sandbox/crm-data.js';

const CRM = SANDBOX_CREDENTIALS.crm;
const APP = { id: 'test-app', secret: 'test-app-secret', redirectUri: 'https://app.example/ce/oauth/callback' };
const OTHER = { id: 'other-app', secret: 'other-secret', redirectUri: 'https://other.example/cb' };
const TTL = 300;

let sandbox: SandboxServer;
let clock = Date.UTC(2026, 10, 30, 12);
before(async () => {
  sandbox = await startSandbox({
    crm: {
      clients: [
        { id: APP.id, secret: APP.secret, redirectUris: [APP.redirectUri], name: 'Test <App>' },
        { id: OTHER.id, secret: OTHER.secret, redirectUris: [OTHER.redirectUri] },
        { id: CRM.clientId, secret: CRM.clientSecret, redirectUris: [...CRM.redirectUris] },
      ],
      accessTokenTtlSeconds: TTL,
      now: () => clock,
    },
  });
});
after(() => sandbox.close());

const url = (path: string) => `${sandbox.url}/crm${path}`;
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
const authorizeUrl = (params: Record<string, string>) => {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: APP.id,
    redirect_uri: APP.redirectUri,
    scope: 'crm.read offline_access',
    state: 'st-1',
    code_challenge_method: 'S256',
    ...params,
  });
  return url(`/oauth/authorize?${q}`);
};

/** GET the consent page: its transaction id and the browser cookie it set. */
async function openConsent(params: Record<string, string>) {
  const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
  const page = await res.text();
  assert.equal(res.status, 200, page);
  const tx = /name="transaction" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(tx, 'a hidden transaction id');
  return { res, page, tx, cookie: res.headers.getSetCookie()[0]!.split(';')[0]! };
}
const answer = (tx: string, cookie: string | undefined, fields: Record<string, string>) =>
  fetch(url('/oauth/authorize'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ transaction: tx, ...fields }),
  });
const approve = { decision: 'approve', email: CRM.email, password: CRM.password };

/** Signs in and approves: the code and state from the redirect, and the PKCE verifier. */
async function authorizeCode(params: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const { tx, cookie } = await openConsent({ code_challenge: challenge, ...params });
  const res = await answer(tx, cookie, approve);
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location')!);
  return { back, code: back.searchParams.get('code')!, verifier };
}

type Auth = 'basic' | 'post' | 'none';
function token(fields: Record<string, string>, auth: Auth = 'basic', client = APP, signal?: AbortSignal) {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
  if (auth === 'post') {
    body.set('client_id', client.id);
    body.set('client_secret', client.secret);
  }
  return fetch(url('/oauth/token'), { method: 'POST', headers, body, signal });
}
const exchange = (code: string, verifier: string, auth: Auth = 'basic', signal?: AbortSignal) =>
  token({ grant_type: 'authorization_code', code, redirect_uri: APP.redirectUri, code_verifier: verifier }, auth, APP, signal);
const refresh = (refreshToken: string, auth: Auth = 'post') =>
  token({ grant_type: 'refresh_token', refresh_token: refreshToken }, auth);
async function oauthError(res: Response, error: string, status = 400) {
  const body = (await res.json()) as { error: string; error_description: string };
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(body.error, error, body.error_description);
}
interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
}
async function tokens(res: Response): Promise<Tokens> {
  const body = (await res.json()) as Tokens;
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return body;
}
const api = (path: string, accessToken?: string) =>
  fetch(url(`/api/v1${path}`), { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
async function invalidToken(res: Response) {
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="Sandbox CRM", error="invalid_token"/);
}
const connect = async (params: Record<string, string> = {}) => {
  const { code, verifier } = await authorizeCode(params);
  return tokens(await exchange(code, verifier));
};

describe('Sandbox CRM OAuth 2', () => {
  test('the whole flow by HTTP: consent page, sign-in, code + PKCE, API, rotating refresh, old refresh refused', async () => {
    const { verifier, challenge } = pkce();
    const { res, page, tx, cookie } = await openConsent({ code_challenge: challenge });
    assert.match(
      res.headers.get('content-security-policy')!,
      /default-src 'none'.*frame-ancestors 'none'.*form-action 'self' https:\/\/app\.example/,
    );
    assert.match(page, /<h1>Sign in to Sandbox CRM<\/h1>/);
    assert.match(page, /<strong>Test &lt;App&gt;<\/strong> wants to access/, 'the app name, as text');
    assert.match(page, /<li>Read your contacts, companies and deals<\/li>/);
    assert.match(page, /<label for="email">Email<\/label>\s*<input\s+id="email"/);
    assert.match(page, /<label for="password">Password<\/label>\s*<input\s+id="password"/);
    assert.match(page, /dana@acme\.test.*sandbox-crm-password/, 'the demo account, printed');
    assert.doesNotMatch(page, /<script|\sstyle=|\son[a-z]+=/i, 'no inline script or style');

    const wrong = await answer(tx, cookie, { ...approve, password: 'guess' });
    const again = await wrong.text();
    assert.equal(wrong.status, 200);
    assert.match(again, /role="alert">Wrong email or password\./);
    assert.match(again, /id="password"[^>]*aria-invalid="true"/);
    assert.match(again, /value="dana@acme.test"/, 'the email is kept');

    const ok = await answer(tx, cookie, approve);
    assert.equal(ok.status, 303);
    const back = new URL(ok.headers.get('location')!);
    assert.equal(back.origin + back.pathname, APP.redirectUri);
    assert.equal(back.searchParams.get('state'), 'st-1');
    assert.equal((await answer(tx, cookie, approve)).status, 400, 'a transaction answers once');

    const first = await tokens(await exchange(back.searchParams.get('code')!, verifier));
    assert.equal(first.token_type, 'Bearer');
    assert.equal(first.expires_in, TTL);
    assert.equal(first.scope, 'crm.read offline_access');
    assert.ok(first.refresh_token);
    const me = await api('/me', first.access_token);
    assert.equal(me.status, 200);
    assert.deepEqual(await me.json(), {
      user: { id: 'usr_1001', email: CRM.email, name: 'Dana Reyes' },
      account: { id: 'acct_acme', name: 'Acme Corporation (sandbox)' },
      scopes: ['crm.read', 'offline_access'],
    });

    const second = await tokens(await refresh(first.refresh_token));
    assert.notEqual(second.refresh_token, first.refresh_token, 'rotated');
    assert.equal((await api('/contacts?pageSize=1', second.access_token)).status, 200);
    await oauthError(await refresh(first.refresh_token), 'invalid_grant');
    // Reuse of a rotated token revokes the grant (OAuth security BCP): the newest tokens die too.
    await oauthError(await refresh(second.refresh_token!), 'invalid_grant');
    await invalidToken(await api('/me', second.access_token));
  });

  test('a code is single-use: reusing it is invalid_grant and revokes the tokens it gave', async () => {
    const { code, verifier } = await authorizeCode();
    const got = await tokens(await exchange(code, verifier, 'post'));
    await oauthError(await exchange(code, verifier), 'invalid_grant');
    await invalidToken(await api('/me', got.access_token));
    await oauthError(await refresh(got.refresh_token!), 'invalid_grant');
  });

  test('PKCE, redirect_uri, client and expiry are checked when the code is exchanged', async () => {
    const a = await authorizeCode();
    await oauthError(await exchange(a.code, pkce().verifier), 'invalid_grant');
    const b = await authorizeCode();
    await oauthError(
      await token({ grant_type: 'authorization_code', code: b.code, redirect_uri: APP.redirectUri }),
      'invalid_request',
    );
    const c = await authorizeCode();
    const elsewhere = {
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: 'https://app.example/other',
      code_verifier: c.verifier,
    };
    await oauthError(await token(elsewhere), 'invalid_grant');
    const d = await authorizeCode();
    const byOther = { grant_type: 'authorization_code', code: d.code, redirect_uri: APP.redirectUri, code_verifier: d.verifier };
    await oauthError(await token(byOther, 'basic', OTHER), 'invalid_grant');
    assert.equal((await exchange(d.code, d.verifier)).status, 200, "another client's attempt neither used nor revoked the code");
    const e = await authorizeCode();
    clock += 61_000;
    await oauthError(await exchange(e.code, e.verifier), 'invalid_grant');
  });

  test('Deny goes back with access_denied and the state, and needs no password', async () => {
    const { tx, cookie } = await openConsent({ code_challenge: pkce().challenge, state: 'st-deny' });
    const res = await answer(tx, cookie, { decision: 'deny' });
    assert.equal(res.status, 303);
    const back = new URL(res.headers.get('location')!);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'st-deny');
    assert.equal(back.searchParams.get('code'), null);
  });

  test('an unknown client or redirect_uri is an error page, never a redirect; other errors redirect with error=', async () => {
    const challenge = pkce().challenge;
    const unknown: Record<string, string>[] = [
      { client_id: 'nobody' },
      { redirect_uri: 'https://evil.example/cb' },
      { redirect_uri: `${APP.redirectUri}/x` },
      { redirect_uri: '' },
    ];
    for (const params of unknown) {
      const res = await fetch(authorizeUrl({ code_challenge: challenge, ...params }), { redirect: 'manual' });
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.equal(res.headers.get('location'), null);
      assert.match(await res.text(), /<h1>Unknown (app|redirect URI)<\/h1>/);
    }
    const cases: [Record<string, string>, string][] = [
      [{}, 'invalid_request'], // no code_challenge: PKCE is required
      [{ code_challenge: challenge, code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: challenge, response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: challenge, scope: 'crm.read crm.delete_everything' }, 'invalid_scope'],
    ];
    for (const [params, error] of cases) {
      const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
      assert.equal(res.status, 303, error);
      const back = new URL(res.headers.get('location')!);
      assert.equal(back.searchParams.get('error'), error);
      assert.equal(back.searchParams.get('state'), 'st-1');
    }
  });

  test('the consent form only counts from the browser that opened it', async () => {
    const { tx, cookie } = await openConsent({ code_challenge: pkce().challenge });
    for (const res of [
      await answer(tx, undefined, approve),
      await answer(tx, 'crm_browser=someone-else', approve),
      await answer('tx_forged', cookie, approve),
    ]) {
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
    }
    assert.equal((await answer(tx, cookie, approve)).status, 303, 'still open for its own browser');
  });

  test('the default demo client accepts its loopback callback on any port (RFC 8252), nothing else', async () => {
    const params = (redirect_uri: string) => ({ client_id: CRM.clientId, redirect_uri, code_challenge: pkce().challenge });
    assert.equal((await fetch(authorizeUrl(params('http://127.0.0.1:54321/oauth/callback')), { redirect: 'manual' })).status, 200);
    assert.equal((await fetch(authorizeUrl(params('http://localhost:4401/oauth/callback')), { redirect: 'manual' })).status, 200);
    for (const bad of [
      'http://127.0.0.1:54321/elsewhere',
      'http://evil.example:54321/oauth/callback',
      'https://127.0.0.1:54321/oauth/callback',
    ]) {
      assert.equal((await fetch(authorizeUrl(params(bad)), { redirect: 'manual' })).status, 400, bad);
    }
  });

  test('token endpoint errors: client authentication, grant type, body type', async () => {
    const res = await token({ grant_type: 'refresh_token', refresh_token: 'x' }, 'basic', { ...APP, secret: 'wrong' });
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic /);
    await oauthError(res, 'invalid_client', 401);
    await oauthError(await token({ grant_type: 'refresh_token', refresh_token: 'x' }, 'none'), 'invalid_client', 401);
    await oauthError(await token({ grant_type: 'password', client_secret: APP.secret }, 'basic'), 'invalid_request');
    await oauthError(await token({ grant_type: 'password' }), 'unsupported_grant_type');
    await oauthError(await token({ grant_type: 'refresh_token', refresh_token: 'crm_rt_unknown' }), 'invalid_grant');
    const json = await fetch(url('/oauth/token'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await oauthError(json, 'invalid_request');
  });

  test('access tokens expire (the API says invalid_token) and refresh gives a working one', async () => {
    const got = await connect();
    assert.equal((await api('/me', got.access_token)).status, 200);
    clock += TTL * 1000;
    await invalidToken(await api('/me', got.access_token));
    const fresh = await tokens(await refresh(got.refresh_token!));
    assert.equal((await api('/me', fresh.access_token)).status, 200);
    const none = await api('/me');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="Sandbox CRM"');
    await invalidToken(await api('/me', 'crm_at_made_up'));
  });

  test('scopes: no refresh token without offline_access, no records without crm.read', async () => {
    const readOnly = await connect({ scope: 'crm.read' });
    assert.equal(readOnly.refresh_token, undefined);
    const offline = await connect({ scope: 'offline_access' });
    assert.equal((await api('/me', offline.access_token)).status, 200);
    const res = await api('/contacts', offline.access_token);
    assert.equal(res.status, 403);
    assert.match(res.headers.get('www-authenticate')!, /error="insufficient_scope", scope="crm.read"/);
  });
});

describe('Sandbox CRM test hooks', () => {
  const hook = (path: string) => fetch(url(path), { method: 'POST' });
  const stats = async () => (await (await fetch(url('/__stats'))).json()) as { token: Record<string, number>; failNext: number };

  test('__stats counts token-endpoint calls per grant type, failed ones too', async () => {
    const before = (await stats()).token;
    const got = await connect();
    await tokens(await refresh(got.refresh_token!));
    await oauthError(await refresh(got.refresh_token!), 'invalid_grant');
    const now = (await stats()).token;
    assert.equal(now.authorization_code! - (before.authorization_code ?? 0), 1);
    assert.equal(now.refresh_token! - (before.refresh_token ?? 0), 2);
  });

  test('__fail-token answers the next calls with a status (the code stays good), or hangs', async () => {
    const { code, verifier } = await authorizeCode();
    assert.deepEqual(await (await hook('/__fail-token?status=500&times=2')).json(), { failNext: 2 });
    await oauthError(await exchange(code, verifier), 'server_error', 500);
    assert.equal((await stats()).failNext, 1);
    await oauthError(await exchange(code, verifier), 'server_error', 500);
    await tokens(await exchange(code, verifier));
    const slow = await authorizeCode();
    assert.equal((await hook('/__fail-token?delay=60000')).status, 200);
    // A hang is a result, not a timing: a client that waits 200 ms gives up before any answer.
    await assert.rejects(exchange(slow.code, slow.verifier, 'basic', AbortSignal.timeout(200)), { name: 'TimeoutError' });
    assert.equal((await stats()).failNext, 0);
    for (const bad of ['', '?status=302', '?delay=-1', '?times=many'])
      assert.equal((await hook(`/__fail-token${bad}`)).status, 400, bad);
  });

  test('__revoke: refresh and API calls fail as when the user removes the app', async () => {
    const got = await connect();
    assert.ok(((await (await hook('/__revoke')).json()) as { revoked: number }).revoked >= 1);
    await oauthError(await refresh(got.refresh_token!), 'invalid_grant');
    await invalidToken(await api('/me', got.access_token));
  });

  test('__expire: access tokens expire now; the refresh token still works', async () => {
    const got = await connect();
    await hook('/__expire');
    await invalidToken(await api('/me', got.access_token));
    await tokens(await refresh(got.refresh_token!));
  });
});

describe('Sandbox CRM API', () => {
  let access: string;
  before(async () => (access = (await connect()).access_token));
  const json = async (path: string) => {
    const res = await api(path, access);
    assert.equal(res.status, 200, path);
    return res.json();
  };

  test('objects, and contacts metadata with 1,500+ fields in the contract shape', async () => {
    assert.deepEqual(
      z.parse(ObjectList, await json('/objects')).map((o) => o.name),
      ['contacts', 'companies', 'deals'],
    );
    const { fields } = z.parse(ObjectMetadata, await json('/objects/contacts/metadata'));
    assert.ok(fields.length >= 1500, `${fields.length} fields`);
    assert.equal(new Set(fields.map((f) => f.vendorPath)).size, fields.length, 'unique paths');
    const custom = fields.filter((f) => f.custom);
    assert.ok(custom.length >= GENERATED_CUSTOM_FIELDS);
    assert.ok(custom.every((f) => /^cf_[a-z_0-9]+__c$/.test(f.vendorPath)));
    assert.ok(fields.some((f) => f.vendorPath === 'address.city'));
    for (const flag of ['vendorRequired', 'vendorReadOnly'] as const) {
      assert.ok(fields.some((f) => f[flag] && !f.custom) && fields.some((f) => f[flag] && f.custom), flag);
    }
    assert.ok(fields.some((f) => f.options?.length && f.custom));
    for (const name of ['companies', 'deals'])
      assert.ok(z.parse(ObjectMetadata, await json(`/objects/${name}/metadata`)).fields.length >= 10);
    assert.equal((await api('/objects/leads/metadata', access)).status, 404);
  });

  test('contacts page through 1,000 deterministic records; every field has values somewhere', async () => {
    const { fields } = z.parse(ObjectMetadata, await json('/objects/contacts/metadata'));
    const ids = new Set<unknown>();
    const seen = new Set<string>();
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const body = z.parse(ResourcePage, await json(`/contacts?pageSize=100${cursor ? `&cursor=${cursor}` : ''}`));
      for (const r of body.items) {
        ids.add(r.id);
        for (const [k, v] of Object.entries(r)) seen.add(v && typeof v === 'object' && !Array.isArray(v) ? `${k}.` : k);
      }
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 10);
    assert.equal(ids.size, CONTACT_COUNT);
    for (const f of fields)
      assert.ok(seen.has(f.vendorPath.includes('.') ? `${f.vendorPath.split('.')[0]}.` : f.vendorPath), f.vendorPath);
    assert.deepEqual(await json('/deals?pageSize=3'), await json('/deals?pageSize=3'));
    assert.equal(z.parse(ResourcePage, await json('/companies?pageSize=100')).items.length, 50);
    assert.equal((await api('/contacts?pageSize=0', access)).status, 400);
    assert.equal((await api('/contacts')).status, 401);
  });
});
