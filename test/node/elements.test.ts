import { after, afterEach, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { loadDefinitions, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { verifyCredentials } from '../../src/server/platform/engine.js';
import { findAuth } from './test-elements.js';
import { ProblemError } from '../../src/server/problem.js';
import type { ConfigurationValues } from '../../src/contract/index.js';

const ELEMENTS_DIR = fileURLToPath(new URL('../../src/server/elements/', import.meta.url));
const SANDBOX_KEYS = ['sandbox-crm', 'sandbox-erp', 'sandbox-helpdesk'];
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

// Mocked answers have no body: on Node 20 cancelling an msw response body never settles, and the
// engine cancels the verify answer's body (it reads only the status).

/**
 * Each real app's verify request, as the vendor documents it: the exact URL msw answers (any other
 * URL is an unhandled request and fails the test), the good values, the credential field, and
 * whether a request carries the right credential in the vendor's shape.
 */
interface VendorCase {
  key: string;
  type: string;
  url: string;
  values: ConfigurationValues;
  secretField: string;
  authorized(req: Request, values: ConfigurationValues): boolean;
}
const header = (name: string, expected: (v: ConfigurationValues) => string) => (req: Request, v: ConfigurationValues) =>
  req.headers.get(name) === expected(v);

const cases: VendorCase[] = [
  {
    key: 'zendesk',
    type: 'basic',
    url: 'https://acme.zendesk.com/api/v2/users/me.json',
    secretField: 'api.token',
    values: { subdomain: 'acme', 'user.email': 'ana@acme.test', 'api.token': 'wPyLq1r5d6Z0tokenZd' },
    authorized: header('authorization', (v) => basic(`${String(v['user.email'])}/token`, String(v['api.token']))),
  },
  {
    key: 'freshdesk',
    type: 'apiKey',
    url: 'https://acme.freshdesk.com/api/v2/agents/me',
    secretField: 'api.key',
    values: { domain: 'acme', 'api.key': 'sFdK3yExampleKey9' },
    authorized: header('authorization', (v) => basic(String(v['api.key']), 'X')),
  },
  {
    key: 'freshservice',
    type: 'apiKey',
    url: 'https://acme.freshservice.com/api/v2/agents/me',
    secretField: 'api.key',
    values: { domain: 'acme', 'api.key': 'fsVc8ExampleKey2' },
    authorized: header('authorization', (v) => basic(String(v['api.key']), 'X')),
  },
  {
    key: 'jira',
    type: 'basic',
    url: 'https://acme.atlassian.net/rest/api/3/myself',
    secretField: 'api.token',
    values: { site: 'acme', 'user.email': 'ana@acme.test', 'api.token': 'ATATT3xFfGF0exampletoken' },
    authorized: header('authorization', (v) => basic(String(v['user.email']), String(v['api.token']))),
  },
  {
    key: 'bigcommerce',
    type: 'apiKey',
    url: 'https://api.bigcommerce.com/stores/abc123/v2/store',
    secretField: 'access.token',
    values: { 'store.hash': 'abc123', 'access.token': 'bc0accesstoken1' },
    authorized: header('x-auth-token', (v) => String(v['access.token'])),
  },
  {
    key: 'stripe',
    type: 'apiKey',
    url: 'https://api.stripe.com/v1/balance',
    secretField: 'api.key',
    values: { 'api.key': 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
    authorized: header('authorization', (v) => `Bearer ${String(v['api.key'])}`),
  },
  {
    key: 'pipedrive',
    type: 'apiKey',
    url: 'https://acme.pipedrive.com/api/v1/users/me',
    secretField: 'api.token',
    values: { 'company.domain': 'acme', 'api.token': '659c9fddb16335e48cc67114694b52074e812e03' },
    authorized: header('x-api-token', (v) => String(v['api.token'])),
  },
  {
    key: 'shopify',
    type: 'apiKey',
    url: 'https://acme-store.myshopify.com/admin/api/2026-07/shop.json',
    secretField: 'access.token',
    values: { shop: 'acme-store', 'access.token': 'shpat_0123456789abcdef' },
    authorized: header('x-shopify-access-token', (v) => String(v['access.token'])),
  },
  {
    key: 'hubspot',
    type: 'apiKey',
    url: 'https://api.hubapi.com/account-info/v3/details',
    secretField: 'access.token',
    values: { 'access.token': 'pat-na1-11111111-2222-3333-4444-555555555555' },
    authorized: header('authorization', (v) => `Bearer ${String(v['access.token'])}`),
  },
  {
    key: 'twilio',
    type: 'basic',
    url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef.json',
    secretField: 'auth.token',
    values: { 'account.sid': 'AC0123456789abcdef0123456789abcdef', 'auth.token': 'f00dfacef00dfacef00dfacef00dface' },
    authorized: header('authorization', (v) => basic(String(v['account.sid']), String(v['auth.token']))),
  },
  {
    key: 'airtable',
    type: 'apiKey',
    url: 'https://api.airtable.com/v0/meta/whoami',
    secretField: 'access.token',
    values: { 'access.token': 'patAbCdEf012345.0123456789abcdef' },
    authorized: header('authorization', (v) => `Bearer ${String(v['access.token'])}`),
  },
];

let defs: ElementDefinition[];
const byKey = (key: string) => {
  const def = defs.find((d) => d.key === key);
  assert.ok(def, `no element definition with key ${key}`);
  return def;
};

before(async () => {
  defs = await loadDefinitions(ELEMENTS_DIR);
});

describe('shipped element definitions', () => {
  test('every JSON under src/server/elements loads, the sandboxes and at least 10 real apps', () => {
    const keys = defs.map((d) => d.key);
    for (const k of SANDBOX_KEYS) assert.ok(keys.includes(k), `${k} is shipped`);
    assert.ok(keys.length - SANDBOX_KEYS.length >= 10, `only ${keys.length - SANDBOX_KEYS.length} real apps`);
    // Every real app with a form is in the verify table below, so none ships untested (OAuth-only ones: oauth-apps.test.ts).
    const formApps = defs.filter((d) => !SANDBOX_KEYS.includes(d.key) && d.authenticationTypes.some((a) => a.type !== 'oauth2'));
    assert.deepEqual(formApps.map((d) => d.key).sort(), cases.map((c) => c.key).sort());
  });

  test('each definition is complete: logo beside it, docs, verify naming a real field, patterns that compile', async () => {
    for (const def of defs) {
      assert.ok(def.logo, `${def.key}: logo`);
      await access(join(ELEMENTS_DIR, def.logo));
      const svg = await readFile(join(ELEMENTS_DIR, def.logo), 'utf8');
      assert.match(svg, /^<svg [^>]*aria-label="[^"]+"/, `${def.key}: logo is a labelled SVG`);
      assert.doesNotMatch(svg, /<script|href=/i, `${def.key}: logo has no script or links`);
      assert.equal(def.sandbox, SANDBOX_KEYS.includes(def.key), `${def.key}: sandbox flag`);
      if (!def.sandbox) assert.match(def.docs ?? '', /^https:\/\//, `${def.key}: vendor docs URL`);
      assert.equal(def.authenticationTypes.filter((a) => a.default).length, 1, `${def.key}: one default auth type`);
      for (const auth of def.authenticationTypes) {
        const keys = auth.configuration.map((c) => c.key);
        for (const c of auth.configuration) if (c.pattern) new RegExp(c.pattern);
        if (auth.type === 'oauth2') {
          assert.ok(
            auth.configuration.some((c) => c.companyConfig && c.key === auth.oauth2!.clientSecretKey),
            `${def.key}: client secret is companyConfig`,
          );
          continue;
        }
        assert.ok(auth.verify, `${def.key}/${auth.type}: verify request`);
        assert.ok(
          keys.includes(auth.verify.rejectedField!),
          `${def.key}/${auth.type}: rejectedField ${auth.verify.rejectedField} is a configuration key`,
        );
        for (const r of auth.verify.rejected ?? []) {
          if (r.field) assert.ok(keys.includes(r.field), `${def.key}/${auth.type}: rejected field ${r.field} is a configuration key`);
        }
        // Every `{key}` template names a configuration key, so a typo cannot ship.
        const templates = JSON.stringify([auth.baseUrl, auth.credentials, auth.verify.path, auth.verify.headers ?? {}]);
        for (const [, name] of templates.matchAll(/\{(\$?[A-Za-z0-9_.-]+)\}/g)) {
          if (!name!.startsWith('$'))
            assert.ok(keys.includes(name!), `${def.key}/${auth.type}: template {${name}} has no configuration`);
        }
      }
    }
  });

  test("every credential field of every real app has a one-line hint and a helpUrl to the vendor's own page", () => {
    const site = (url: string) => new URL(url.replace('*.', '')).hostname.split('.').at(-2);
    const missing: string[] = [];
    for (const def of defs.filter((d) => !d.sandbox)) {
      const vendor = new Set([def.docs!, ...def.hosts.map((h) => `https://${h}`)].map(site));
      for (const auth of def.authenticationTypes) {
        // A credential: a secret, or any field the credentials are built from (an email, an account id).
        const used = JSON.stringify(auth.credentials);
        for (const c of auth.configuration) {
          if (c.companyConfig || c.resellerConfig || c.internal || c.hideFromConsole) continue;
          if (c.type !== 'PASSWORD' && !used.includes(`{${c.key}}`)) continue;
          const where = `${def.key}/${auth.type}/${c.key}`;
          if (!c.description || /\n/.test(c.description) || c.description.length > 120) missing.push(`${where}: a one-line hint`);
          if (!c.helpUrl?.startsWith('https://') || !vendor.has(site(c.helpUrl)))
            missing.push(`${where}: a helpUrl on ${[...vendor].join(' or ')}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test('the sandbox forms have optional fields, and the helpdesk workspace carries honest adornments', () => {
    // Sandbox CRM signs in (OAuth 2): it has no form.
    for (const key of SANDBOX_KEYS.filter((k) => k !== 'sandbox-crm')) {
      const cfg = byKey(key).authenticationTypes[0]!.configuration;
      assert.ok(
        cfg.some((c) => !c.required),
        `${key}: optional fields`,
      );
      assert.ok(
        cfg.some((c) => c.type === 'COMBO' && c.options?.length),
        `${key}: a COMBO with options`,
      );
    }
    const subdomain = byKey('sandbox-helpdesk').authenticationTypes[0]!.configuration.find((c) => c.key === 'subdomain')!;
    assert.equal(`${subdomain.prefix}acme${subdomain.suffix}`, 'helpdesk/acme/api/v2');
    assert.ok(new RegExp(subdomain.pattern!).test('acme'));
    assert.ok(!new RegExp(subdomain.pattern!).test('evil.com/x'));
  });
});

describe('a broken definition', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ce-elements-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('fails to load with a message naming the file and the field', async () => {
    const good = JSON.parse(await readFile(join(ELEMENTS_DIR, 'stripe.json'), 'utf8'));
    const broken = { ...good, key: 'broken-app', hosts: [] };
    await writeFile(join(dir, 'broken-app.json'), JSON.stringify(broken));
    await assert.rejects(loadDefinitions(dir), (e: Error) => {
      assert.match(e.message, /broken-app\.json/);
      assert.match(e.message, /: hosts: /);
      return true;
    });
  });

  test('a verify with an unknown property is refused, naming its path', async () => {
    const good = JSON.parse(await readFile(join(ELEMENTS_DIR, 'stripe.json'), 'utf8'));
    good.authenticationTypes[0].verify.rejectField = 'api.key'; // typo of rejectedField
    await writeFile(join(dir, 'broken-app.json'), JSON.stringify(good));
    await assert.rejects(loadDefinitions(dir), /broken-app\.json: authenticationTypes\.0\.verify/);
  });

  test('a configuration type it does not know is refused, not shown as a text field', async () => {
    const good = JSON.parse(await readFile(join(ELEMENTS_DIR, 'stripe.json'), 'utf8'));
    good.authenticationTypes[0].configuration[0].type = 'PASWORD';
    await writeFile(join(dir, 'broken-app.json'), JSON.stringify(good));
    await assert.rejects(loadDefinitions(dir), /broken-app\.json: authenticationTypes\.0\.configuration\.0\.type/);
  });
});

describe('verify requests of real apps against mocked vendors', () => {
  const server = setupServer();
  const looked: string[] = [];
  const seen: Request[] = [];
  const opts = { vars: {}, development: false, timeoutMs: 2000 };

  before(() => {
    // This machine has no DNS for the internet: answer every lookup with one public address.
    mock.method(dns.promises, 'lookup', async (host: string) => {
      looked.push(host);
      return [{ address: '1.1.1.1', family: 4 }];
    });
    syncBuiltinESMExports();
    server.listen({ onUnhandledRequest: 'error' });
    server.events.on('request:start', ({ request }) => void seen.push(request.clone()));
  });
  afterEach(() => {
    server.resetHandlers();
    looked.length = 0;
    seen.length = 0;
  });
  after(() => {
    server.close();
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  for (const c of cases) {
    test(`${c.key}: GET ${c.url} with the vendor's credential shape`, async () => {
      const def = byKey(c.key);
      const auth = findAuth(def, c.type);
      assert.ok(auth, `${c.key} has a ${c.type} authentication type`);
      // The example values are real-looking: they pass the form's own patterns.
      for (const cfg of auth.configuration) {
        const v = c.values[cfg.key];
        if (cfg.pattern && v !== undefined) assert.match(String(v), new RegExp(cfg.pattern), `${c.key}: ${cfg.key} example`);
      }
      server.use(
        http.get(c.url, ({ request }) => {
          const ok = new URL(request.url).search === '' && c.authorized(request, c.values);
          return new HttpResponse(null, { status: ok ? 200 : 401 });
        }),
      );

      await verifyCredentials(def, auth, c.values, opts);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.method, 'GET');
      assert.equal(seen[0]!.url, c.url);
      assert.deepEqual(looked, [new URL(c.url).hostname]);

      const wrong = { ...c.values, [c.secretField]: `${String(c.values[c.secretField])}-revoked` };
      await assert.rejects(verifyCredentials(def, auth, wrong, opts), (e: unknown) => {
        assert.ok(e instanceof ProblemError, String(e));
        assert.equal(e.status, 422);
        assert.deepEqual(
          e.errors?.map((f) => f.field),
          [c.secretField],
        );
        assert.match(e.errors[0]!.message, new RegExp(def.name.split(' ')[0]!));
        return true;
      });
    });
  }

  test('a vendor 5xx is a provider error, not a rejected credential', async () => {
    const c = cases.find((x) => x.key === 'zendesk')!;
    server.use(http.get(c.url, () => new HttpResponse(null, { status: 503 })));
    await assert.rejects(verifyCredentials(byKey('zendesk'), findAuth(byKey('zendesk'), 'basic')!, c.values, opts), { status: 502 });
  });

  test('a subdomain that is not one DNS label never leaves the machine', async () => {
    const c = cases.find((x) => x.key === 'zendesk')!;
    for (const subdomain of ['evil.com/x', '127.0.0.1', 'acme.evil.com']) {
      await assert.rejects(
        verifyCredentials(byKey('zendesk'), findAuth(byKey('zendesk'), 'basic')!, { ...c.values, subdomain }, opts),
        (e: unknown) => e instanceof ProblemError && e.status === 400 && e.errors?.[0]?.field === 'subdomain',
      );
    }
    assert.equal(seen.length, 0);
    assert.equal(looked.length, 0);
  });
});
