import { test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import type { ConfigurationValues } from '../../src/contract/index.js';
import { callElement } from '../../src/server/platform/engine.js';
import { exchangeCode } from '../../src/server/platform/oauth-client.js';
import { offlineApps } from './offline-apps.js';

/**
 * Each real OAuth 2 app's token exchange as its provider documents it, against msw: the token URL,
 * the client authentication (HTTP Basic or in the body), the PKCE verifier, the redirect URI, and the extra values an app keeps; then its API base and verify URL.
 */
interface AppCase {
  key: string;
  /** User values the URLs need (a shop, a subdomain, a COMBO choice). */
  values: ConfigurationValues;
  tokenUrl: string;
  basicAuth: boolean;
  /** Extra fields of the token answer, and callback parameters, with the values they must become. */
  tokenExtra?: Record<string, string>;
  callback?: Record<string, string>;
  verifyUrl: string;
}

const cases: AppCase[] = [
  {
    key: 'quickbooks',
    values: { 'qbo.api': 'sandbox-quickbooks' },
    tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    basicAuth: true,
    callback: { realmId: '9130357766' },
    verifyUrl: 'https://sandbox-quickbooks.api.intuit.com/v3/company/9130357766/companyinfo/9130357766',
  },
  {
    key: 'xero',
    values: {},
    tokenUrl: 'https://identity.xero.com/connect/token',
    basicAuth: true,
    verifyUrl: 'https://api.xero.com/connections',
  },
  {
    key: 'microsoft-365',
    values: {},
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    basicAuth: false,
    verifyUrl: 'https://graph.microsoft.com/v1.0/me',
  },
  {
    key: 'hubspot',
    values: {},
    tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
    basicAuth: false,
    verifyUrl: 'https://api.hubapi.com/account-info/v3/details',
  },
  {
    key: 'shopify',
    values: { shop: 'acme-store' },
    tokenUrl: 'https://acme-store.myshopify.com/admin/oauth/access_token',
    basicAuth: false,
    verifyUrl: 'https://acme-store.myshopify.com/admin/api/2026-07/shop.json',
  },
  {
    // The API lives on the org's own My Domain, named by the token answer's instance_url.
    key: 'salesforce',
    values: { 'sf.login': 'test' },
    tokenUrl: 'https://test.salesforce.com/services/oauth2/token',
    basicAuth: false,
    tokenExtra: { instance_url: 'https://acme--uat.sandbox.my.salesforce.com' },
    verifyUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/data/v62.0/chatter/users/me',
  },
  {
    key: 'zendesk',
    values: { subdomain: 'acme' },
    tokenUrl: 'https://acme.zendesk.com/oauth/tokens',
    basicAuth: false,
    verifyUrl: 'https://acme.zendesk.com/api/v2/users/me.json',
  },
];

const CLIENT = { 'oauth.api.key': 'client-id-123', 'oauth.api.secret': 'client-secret-456' };
const REDIRECT = 'https://app.example.com/ce/oauth/callback';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const opts = { vars: {}, development: false, timeoutMs: 2000 };
const { server, definition, definitions } = offlineApps();

test('every shipped OAuth 2 app is in this table', () => {
  const oauthApps = definitions()
    .filter((d) => !d.sandbox && d.authenticationTypes.some((a) => a.type === 'oauth2'))
    .map((d) => d.key);
  assert.deepEqual(oauthApps.sort(), cases.map((c) => c.key).sort());
});

for (const c of cases) {
  test(`${c.key}: the code exchange at ${c.tokenUrl}, then ${c.verifyUrl}`, async () => {
    const def = definition(c.key);
    const auth = def.authenticationTypes.find((a) => a.type === 'oauth2')!;
    let form: URLSearchParams | undefined;
    let authorization: string | null = null;
    server.use(
      http.post(c.tokenUrl, async ({ request }) => {
        form = new URLSearchParams(await request.text());
        authorization = request.headers.get('authorization');
        return HttpResponse.json({
          access_token: `at-${c.key}`,
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: `rt-${c.key}`,
          ...c.tokenExtra,
        });
      }),
    );
    const callback = new URLSearchParams({ code: 'the-code', ...c.callback });
    const tokens = await exchangeCode(def, auth, { ...c.values, ...CLIENT }, callback, REDIRECT, VERIFIER, opts);

    assert.ok(form, 'the token endpoint was called');
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('code'), 'the-code');
    assert.equal(form.get('redirect_uri'), REDIRECT);
    assert.equal(form.get('code_verifier'), VERIFIER);
    if (c.basicAuth) {
      // RFC 6749 §2.3.1: each part form-encoded, then Basic.
      const [id, secret] = Buffer.from(String(authorization).replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':')
        .map(decodeURIComponent);
      assert.deepEqual([id, secret], ['client-id-123', 'client-secret-456']);
      assert.equal(form.get('client_secret'), null, 'the secret is not in the body too');
    } else {
      assert.equal(authorization, null);
      assert.deepEqual([form.get('client_id'), form.get('client_secret')], ['client-id-123', 'client-secret-456']);
    }
    assert.equal(tokens['oauth.access.token'], `at-${c.key}`);
    assert.equal(tokens['oauth.refresh.token'], `rt-${c.key}`);

    // The callback parameters the definition keeps, then a call to the app with the new token.
    const kept = Object.fromEntries((auth.oauth2!.callbackParams ?? []).map((p) => [p, callback.get(p)!]));
    assert.deepEqual(kept, c.callback ?? {});
    let seen: Request | undefined;
    server.use(http.get(c.verifyUrl, ({ request }) => ((seen = request), new HttpResponse(null, { status: 200 }))));
    const res = await callElement(def, auth, { ...c.values, ...kept, ...CLIENT, ...tokens }, auth.verify!, opts);
    assert.equal(res.status, 200);
    const sent = [...seen!.headers].find(([, v]) => v.includes(`at-${c.key}`));
    assert.ok(sent, 'the access token is sent');
  });
}
