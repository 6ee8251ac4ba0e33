import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { createCrmApp } from '../../demo/sandbox/crm.js';
import { sandboxSecrets } from '../../demo/start.js';
import { createSealer, parseKey } from '../../src/server/platform/crypto.js';
import { openStore } from '../../src/server/store/store.js';
import { consent } from './oauth-fixtures.js';
import { loadDefinitions } from '../../src/server/platform/definitions.js';
import type { MailMessage } from '../../src/server/mail/mailer.js';
import { createPlatform, DEFAULT_ELEMENTS_DIR } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import {
  ADMIN_KEY,
  ALLOWED_ORIGIN,
  captureLogs,
  HOST_SECRET,
  listen,
  mintSession,
  SESSION_SECRET,
  testConfig,
} from './proxy-fixtures.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * DESIGN.md's security rule, tested: crawl every browser-facing route with a session, through the
 * real platform and a local vendor, and find no configured secret, password or token in any answer.
 */
const ENCRYPTION_KEY = randomBytes(32).toString('base64');
// A host secret configured for an element whose definition does not ask for it.
const EXTRA_HOST_SECRET = 'desk-host-secret-value-4242';
// Every companyConfig value of the shipped elements gets a recognisable secret.
const shippedSecrets: Record<string, Record<string, string>> = {};

let vendor: Awaited<ReturnType<typeof startVendor>>;
let server: Awaited<ReturnType<typeof listen>>;
let platform: Platform;
let app: Hono;
let dataDir: string;
const logs = captureLogs();
const mails: MailMessage[] = [];

before(async () => {
  // The test vendor, with Sandbox CRM (the OAuth 2 provider) under /crm beside it.
  const crm = getRequestListener(new Hono().route('/crm', createCrmApp()).fetch);
  vendor = await startVendor((req, res, url) => (url.pathname.startsWith('/crm/') ? crm(req, res) : erpHandler(req, res, url)));
  dataDir = await mkdtemp(join(tmpdir(), 'ce-crawl-'));
  const shipped = await loadDefinitions(DEFAULT_ELEMENTS_DIR);
  for (const def of shipped) {
    for (const auth of def.authenticationTypes) {
      for (const c of auth.configuration.filter((c) => c.companyConfig)) {
        (shippedSecrets[def.key] ??= {})[c.key] = `host-secret-${def.key}-${c.key}-${randomBytes(6).toString('hex')}`;
      }
    }
  }
  // Sandbox CRM's real demo app, so a whole OAuth flow runs; its client secret is searched for like the others.
  shippedSecrets['sandbox-crm'] = sandboxSecrets()['sandbox-crm'];
  const config = testConfig({
    platform: {
      definitions: [...testDefinitions(), ...shipped],
      secrets: { ...shippedSecrets, ...testSecrets, 'test-desk': { 'unused.host.value': EXTRA_HOST_SECRET } },
      dataDir,
      encryptionKey: ENCRYPTION_KEY,
      development: true,
      vars: { SANDBOX_URL: vendor.url },
      timeoutMs: 2000,
    },
  });
  platform = await createPlatform({
    ...config.platform,
    oauthCallbackUrl: 'http://127.0.0.1/oauth/callback',
    // Invitation emails are kept here, so the crawl can open the link's routes.
    mailer: { send: async (m) => void mails.push(m), close() {} },
    logger: logs.logger,
  });
  app = createApp({ platform, config, logger: logs.logger });
  server = await listen(app.fetch);
});

after(async () => {
  await server.close();
  await platform.close();
  await vendor.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('no answer of any browser-facing route holds a secret, password or token', async () => {
  const answers: { what: string; status: number; text: string }[] = [];
  const crawled = new Set<string>();
  const api = async (
    method: string,
    pattern: string,
    params: Record<string, string> = {},
    init: { token?: string; body?: unknown; headers?: Record<string, string>; query?: string } = {},
  ) => {
    crawled.add(`${method} ${pattern}`);
    const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]!)) + (init.query ?? '');
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await res.text()}`;
    answers.push({ what: `${method} ${path} → ${res.status}`, status: res.status, text });
    return { status: res.status, json: () => JSON.parse(text.slice(text.indexOf('\n\n') + 2)) as unknown };
  };

  // The host's backend mints the session (admin route: not crawled for secrets, it answers the token).
  const token = await mintSession(server.url, ADMIN_KEY, { tenantId: 'crawl-tenant', userId: 'crawl-user' });

  const erpConfig = { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password };
  const newPassword = 'n3w-Pa55-never-echoed';

  // Catalog, for every element and authentication type the session can see.
  const elements = (await (await api('GET', '/elements', {}, { token })).json()) as { key: string }[];
  assert.ok(
    elements.some((e) => e.key === 'test-erp'),
    'the test element is in the catalog',
  );
  for (const key of Object.keys(shippedSecrets))
    assert.ok(
      elements.some((e) => e.key === key),
      `${key} is in the catalog`,
    );
  for (const { key } of elements) {
    await api('GET', '/elements/:key', { key }, { token });
    await api('GET', '/elements/:key/logo', { key });
    const types = (await (await api('GET', '/elements/:key/authentication-types', { key }, { token })).json()) as { type: string }[];
    for (const { type } of types) {
      await api('GET', '/elements/:key/authentication-types/:type/configuration', { key, type }, { token });
      await api('GET', '/elements/:key/authentication-types/:type/configurations', { key, type }, { token });
    }
  }

  // Connect (with an idempotent retry), fail to connect, re-authenticate, read, delete.
  const body = { element: { key: 'test-erp' }, authenticationType: 'basic', configuration: erpConfig };
  const created = await api('POST', '/instances', {}, { token, body, headers: { 'Idempotency-Key': 'crawl-1' } });
  assert.equal(created.status, 201, 'the connection is created against the local vendor');
  const { id } = created.json() as { id: string };
  await api('POST', '/instances', {}, { token, body, headers: { 'Idempotency-Key': 'crawl-1' } });
  const wrong = await api(
    'POST',
    '/instances',
    {},
    { token, body: { ...body, configuration: { ...erpConfig, 'user.password': newPassword } } },
  );
  assert.equal(wrong.status, 422, 'the vendor refuses an unknown password');
  await api('POST', '/instances', {}, { token, body: { ...body, configuration: { ...erpConfig, extra: ERP.password } } });
  await api('GET', '/instances', {}, { token });
  await api('GET', '/instances/:id', { id }, { token });
  await api('PATCH', '/instances/:id', { id }, { token, body: { name: 'Books' } });
  await api('PATCH', '/instances/:id', { id }, { token, body: { configuration: erpConfig } });
  await api('PATCH', '/instances/:id', { id }, { token, body: { configuration: { ...erpConfig, 'user.password': newPassword } } });
  await api('POST', '/instances/:id/check', { id }, { token });
  await api('GET', '/openapi.json');
  await api('GET', '/instances/:id', { id }, { token: `${token.slice(0, -2)}xx` });
  await api('DELETE', '/instances/:id', { id }, { token });
  await api('GET', '/instances/:id', { id }, { token });

  // OAuth 2: start, the provider's consent, the callback page (its HTML), a replay, polling; the tokens it stored.
  const origin = { Origin: ALLOWED_ORIGIN };
  const started = await api(
    'POST',
    '/elements/:key/oauth/url',
    { key: 'sandbox-crm' },
    { token, body: { authenticationType: 'oauth2' }, headers: origin },
  );
  assert.equal(started.status, 200);
  const { oauthUrl, flowId } = started.json() as { oauthUrl: string; flowId: string };
  const back = await consent(oauthUrl);
  const page = await api('GET', '/oauth/callback', {}, { query: back.search });
  assert.equal(page.status, 200);
  await api('GET', '/oauth/callback', {}, { query: back.search });
  const flow = await api('GET', '/oauth/flows/:id', { id: flowId }, { token });
  const crmId = (flow.json() as { instance: { id: string } }).instance.id;
  await api('GET', '/instances/:id', { id: crmId }, { token });
  // Discovery: the connection's objects and fields (asked of the app with its token), and the host's own objects.
  await api('GET', '/instances/:id/objects', { id: crmId }, { token });
  const metadata = await api('GET', '/instances/:id/objects/:name/metadata', { id: crmId, name: 'contacts' }, { token });
  assert.equal(metadata.status, 200);
  await api('GET', '/common-resources', {}, { token });
  await api('GET', '/common-resources/:name', { name: 'customers' }, { token });
  // A mapping of the CRM connection's contacts, its preview, and records through it (the OAuth token is used on each).
  const mapped = { id: crmId, name: 'Customer' };
  const mapping = { vendorName: 'contacts', fields: [{ path: 'email', vendorPath: 'email', type: 'string' }] };
  assert.equal((await api('PUT', '/instances/:id/transformations/:name', mapped, { token, body: mapping })).status, 201);
  await api('GET', '/instances/:id/transformations/:name', mapped, { token });
  assert.equal((await api('POST', '/instances/:id/transformations/:name/preview', mapped, { token, body: mapping })).status, 200);
  assert.equal((await api('GET', '/instances/:id/resources/:name', mapped, { token, query: '?pageSize=2' })).status, 200);
  await api('DELETE', '/instances/:id/transformations/:name', mapped, { token });
  const crmRow = await readStored(crmId, flowId);

  // An invitation's link: the connect page, its files, the widget, the token's session (and a wrong token).
  const invited = await fetch(`${server.url}/admin/invitations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenantId: 'crawl-tenant', email: 'crawl@customer.test', elements: ['test-erp'] }),
  });
  assert.equal(invited.status, 201);
  const invitationToken = /invitation=([\w-]+)/.exec(mails[0]?.text ?? '')?.[1] ?? assert.fail('no link in the email');
  await api('GET', '/connect', {}, { query: `?invitation=${invitationToken}` });
  await api('GET', '/connect', {}, { query: `?invitation=${invitationToken.slice(0, -1)}x` });
  await api('GET', '/connect/connect.js');
  await api('GET', '/connect/theme.css');
  await api('POST', '/invitations/:token/session', { token: invitationToken });
  await api('GET', '/ce-marketplace.js');
  await api('GET', '/chunks/:file', { file: 'no-such-chunk.js' });
  await api('GET', '/locales/:file', { file: 'no-such-locale.json' });

  // Every browser-facing route the app has was crawled (new routes must join this test).
  const routes = new Set(
    app.routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/admin/')).map((r) => `${r.method} ${r.path}`),
  );
  assert.deepEqual(
    [...routes].filter((r) => !crawled.has(r)),
    [],
    'routes not crawled',
  );

  const secrets: Record<string, string> = {
    'ERP password': ERP.password,
    'new password': newPassword,
    'host partner key (companyConfig)': ERP.partnerKey,
    'another host secret': EXTRA_HOST_SECRET,
    'basic auth header value': Buffer.from(`${ERP.user}:${ERP.password}`).toString('base64'),
    'session token': token,
    'invitation token': invitationToken,
    'admin API key': ADMIN_KEY,
    'session secret': new TextDecoder().decode(SESSION_SECRET),
    'host JWT secret': HOST_SECRET,
    'encryption key': ENCRYPTION_KEY,
    'OAuth access token': crmRow.access,
    'OAuth refresh token': crmRow.refresh,
    'PKCE code verifier': crmRow.verifier,
    'authorization code': back.searchParams.get('code')!,
  };
  for (const [key, values] of Object.entries(shippedSecrets)) {
    for (const [name, value] of Object.entries(values)) secrets[`${key} host secret ${name}`] = value;
  }
  // A client id is public by OAuth's design: the provider URL carries it (RFC 6749 §2.2). Its secret is searched for.
  delete secrets['sandbox-crm host secret oauth.api.key'];
  assert.ok(secrets['sandbox-crm host secret oauth.api.secret']);
  assert.ok(Object.keys(shippedSecrets).length > 0, 'some shipped element has host secrets');
  assert.ok(answers.length >= 20, `crawled ${answers.length} answers`);
  for (const a of answers) {
    for (const [name, value] of Object.entries(secrets)) {
      assert.ok(!a.text.includes(value), `${a.what} answers the ${name}`);
    }
  }
  // The logs hold none either.
  const logText = logs.text();
  for (const [name, value] of Object.entries(secrets)) assert.ok(!logText.includes(value), `the logs hold the ${name}`);
});

/** The tokens and code verifier the OAuth flow stored (encrypted), read straight from the database. */
async function readStored(instanceId: string, flowId: string): Promise<{ access: string; refresh: string; verifier: string }> {
  const store = await openStore({ dataDir });
  try {
    const sealer = createSealer(parseKey(ENCRYPTION_KEY, 'test'));
    const row = await store.db.selectFrom('instances').select('credentials').where('id', '=', instanceId).executeTakeFirstOrThrow();
    const values = JSON.parse(sealer.decrypt(row.credentials, instanceId)) as Record<string, string>;
    const flow = await store.db.selectFrom('oauth_flows').select('secrets').where('id', '=', flowId).executeTakeFirstOrThrow();
    const { verifier } = JSON.parse(sealer.decrypt(flow.secrets, flowId)) as { verifier: string };
    assert.ok(values['oauth.access.token'] && values['oauth.refresh.token'] && verifier, 'the flow stored tokens and a verifier');
    return { access: values['oauth.access.token'], refresh: values['oauth.refresh.token'], verifier };
  } finally {
    await store.close();
  }
}
