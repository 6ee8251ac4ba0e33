import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogElement } from '../../src/contract/index.js';
import { createCatalog } from '../../src/server/platform/catalog.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import { startProxy } from '../../src/server/main.js';
import { ADMIN_KEY, captureLogs, mintSession, testConfig } from './proxy-fixtures.js';
import { memoryLogger, problemOfCall, testDefinitions, testSecrets } from './test-elements.js';

const everyone = { tenantId: 't', userId: 'u' };
const vars = { SANDBOX_URL: 'http://127.0.0.1:9' };

test('the catalog offers only elements whose host secrets are set, and says why the others are missing', () => {
  const catalog = createCatalog({ definitions: testDefinitions(), sandbox: true, secrets: {}, vars });
  assert.deepEqual(
    catalog.list(everyone).map((e) => e.key),
    ['test-desk'],
  );
  const reasons = Object.fromEntries(catalog.skipped.map((s) => [s.key, s.reason]));
  assert.match(reasons['test-erp']!, /basic needs host secrets partner\.key \(set them under secrets\.test-erp\)/);
  assert.match(reasons['test-erp']!, /oauth2 needs host secrets oauth\.api\.key, oauth\.api\.secret/);
  const complete = createCatalog({ definitions: testDefinitions(), sandbox: true, secrets: testSecrets, vars });
  assert.deepEqual(
    complete.list(everyone).map((e) => e.key),
    ['test-erp', 'test-desk'],
  );
});

test('an element whose address needs an unset platform variable is left out, with the variable named', () => {
  const catalog = createCatalog({ definitions: testDefinitions(), sandbox: true, secrets: testSecrets, vars: {} });
  assert.deepEqual(
    catalog.list(everyone).map((e) => e.key),
    ['test-desk'],
  );
  const erp = catalog.skipped.find((s) => s.key === 'test-erp');
  assert.match(erp?.reason ?? '', /basic needs the platform variable SANDBOX_URL/);
});

test('configuration answers only user-facing objects, in display order', () => {
  const catalog = createCatalog({ definitions: testDefinitions(), sandbox: true, secrets: testSecrets, vars });
  const keys = catalog.configuration(everyone, 'test-erp', 'basic').map((c) => c.key);
  assert.deepEqual(keys, ['account.id', 'user.username', 'user.password', 'region', 'sync.days']);
  assert.deepEqual(catalog.authenticationTypes(everyone, 'test-erp'), [
    { type: 'basic', name: 'Username and password', flow: 'form', default: true },
  ]);
  const wire = catalog.get(everyone, 'test-erp');
  assert.deepEqual(wire, {
    key: 'test-erp',
    name: 'Test ERP',
    description: 'Basic auth against a local server',
    categories: ['erp'],
    logo: '/elements/test-erp/logo',
    authenticationTypes: ['basic'],
    methods: [{ type: 'basic', name: 'Username and password' }],
  });
});

test("an app's detail comes from its definition before connecting: each sign-in method's scopes, and only an https docs link", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-detail-'));
  const platform = {
    dataDir: dir,
    secrets: {
      hubspot: { 'oauth.api.key': 'hub-client-id', 'oauth.api.secret': 'hub-client-secret' },
      'sandbox-crm': { 'oauth.api.key': 'crm-client-id', 'oauth.api.secret': 'crm-client-secret' },
    },
    development: true,
    vars,
  };
  const proxy = await startProxy(testConfig({ host: '127.0.0.1', platform }), { logger: memoryLogger() });
  try {
    const token = await mintSession(proxy.url, ADMIN_KEY, { tenantId: 't', userId: 'u' });
    const get = async (path: string) =>
      (await (await fetch(`${proxy.url}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as CatalogElement;
    const hubspot = await get('/elements/hubspot');
    assert.equal(hubspot.docsUrl, 'https://developers.hubspot.com/docs/apps/legacy-apps/authentication/intro-to-auth');
    assert.deepEqual(hubspot.methods, [
      { type: 'apiKey', name: 'Private app access token' },
      {
        type: 'oauth2',
        name: 'Sign in with HubSpot',
        scopes: [
          'oauth',
          'crm.objects.contacts.read',
          'crm.objects.companies.read',
          'crm.objects.deals.read',
          'crm.schemas.contacts.read',
          'crm.schemas.companies.read',
          'crm.schemas.deals.read',
        ],
      },
    ]);
    // The list says the same; a sandbox app's docs is a README anchor, which never reaches the browser.
    const list = (await (
      await fetch(`${proxy.url}/elements`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as CatalogElement[];
    assert.deepEqual(
      list.find((e) => e.key === 'hubspot'),
      hubspot,
    );
    const crm = list.find((e) => e.key === 'sandbox-crm');
    assert.ok(crm);
    assert.equal(crm.docsUrl, undefined);
    assert.deepEqual(crm.methods?.[0]?.scopes, ['crm.read', 'offline_access']);
    // Every shipped app with a docs link points at https.
    for (const e of list) if (e.docsUrl) assert.match(e.docsUrl, /^https:\/\/[^/]+\//, e.key);
    assert.doesNotMatch(JSON.stringify(list), /client-secret|client-id/);
  } finally {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a session's element list limits what it sees; unknown and forbidden are the same 404", () => {
  const catalog = createCatalog({ definitions: testDefinitions(), sandbox: true, secrets: testSecrets, vars });
  const limited = { ...everyone, elements: ['test-desk'] };
  assert.deepEqual(
    catalog.list(limited).map((e) => e.key),
    ['test-desk'],
  );
  const problem = (f: () => unknown) => {
    const { status, detail } = problemOfCall(f);
    return { status, detail };
  };
  assert.deepEqual(
    problem(() => catalog.get(limited, 'test-erp')),
    { status: 404, detail: 'There is no element "test-erp".' },
  );
  assert.deepEqual(
    problem(() => catalog.get(everyone, 'nope')),
    { status: 404, detail: 'There is no element "nope".' },
  );
  assert.equal(problem(() => catalog.configuration(limited, 'test-erp', 'basic')).status, 404);
  assert.equal(problem(() => catalog.configuration(everyone, 'test-erp', 'oauth2')).status, 404);
  assert.equal(problem(() => catalog.authenticationTypes(everyone, 'test-partner')).status, 404);
});

test('logos are read beside the definitions, with their content type, and never from elsewhere', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-logos-'));
  try {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    await writeFile(join(dir, 'test-erp.svg'), svg);
    const defs = testDefinitions();
    defs[1]!.logo = '../secret.png';
    const catalog = createCatalog({ definitions: defs, sandbox: true, secrets: testSecrets, vars, logoDir: dir });
    const logo = await catalog.logo('test-erp');
    assert.equal(logo?.contentType, 'image/svg+xml');
    assert.equal(Buffer.from(logo.body).toString(), svg);
    assert.equal(await catalog.logo('test-erp'), logo, 'read once: the same answer again, not another file read');
    assert.equal(await catalog.logo('test-desk'), undefined, 'a path out of the folder is refused');
    assert.equal(await catalog.logo('test-partner'), undefined, 'skipped elements have no logo');
    assert.equal(await catalog.logo('nope'), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the platform loads definitions and logos from a folder, and names a missing folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-elements-'));
  try {
    const [erp] = testDefinitions();
    await writeFile(join(dir, 'test-erp.json'), JSON.stringify(erp));
    await writeFile(join(dir, 'test-erp.svg'), '<svg/>');
    const platform = await createPlatform({
      elementsDir: dir,
      dataDir: join(dir, 'data'),
      secrets: testSecrets,
      development: true,
      vars,
      logger: memoryLogger(),
    });
    try {
      assert.deepEqual(
        platform.catalog.list(everyone).map((e) => e.logo),
        ['/elements/test-erp/logo'],
      );
      assert.equal((await platform.catalog.logo('test-erp'))?.contentType, 'image/svg+xml');
    } finally {
      await platform.close();
    }
    await assert.rejects(
      createPlatform({
        elementsDir: join(dir, 'none'),
        dataDir: join(dir, 'data'),
        secrets: {},
        development: false,
        vars,
        logger: memoryLogger(),
      }),
      /No element definitions folder at .*none/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sandbox elements are served only in development, or where a setting enables them; start-up says why they are missing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-sandbox-catalog-'));
  const SANDBOXES = ['sandbox-erp', 'sandbox-helpdesk'];
  try {
    // Production with a sandbox URL set: the shipped definitions, served by the proxy.
    const logs = captureLogs();
    const platform = { dataDir: dir, secrets: {}, development: false, vars: { SANDBOX_URL: 'https://sandbox.example.com' } };
    const proxy = await startProxy(testConfig({ development: false, host: '127.0.0.1', platform }), { logger: logs.logger });
    try {
      const token = await mintSession(proxy.url, ADMIN_KEY, { tenantId: 't', userId: 'u' });
      const keys = (
        (await (await fetch(`${proxy.url}/elements`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { key: string }[]
      ).map((e) => e.key);
      assert.deepEqual(
        keys.filter((k) => SANDBOXES.includes(k)),
        [],
      );
    } finally {
      await proxy.close();
    }
    for (const key of SANDBOXES) {
      const line = logs.lines().find((l) => l.element === key && /left out of the catalog/.test(String(l.msg)));
      assert.match(
        String(line?.reason),
        /sandbox element, offered only in development \(CE_ENABLE_SANDBOX=true offers it here\)/,
        key,
      );
    }
    for (const settings of [{ development: false, enableSandbox: true }, { development: true }]) {
      const p = await createPlatform({ ...platform, ...settings, logger: memoryLogger() });
      try {
        const listed = p.catalog.list(everyone).map((e) => e.key);
        assert.deepEqual(
          SANDBOXES.filter((k) => listed.includes(k)),
          SANDBOXES,
          JSON.stringify(settings),
        );
      } finally {
        await p.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
