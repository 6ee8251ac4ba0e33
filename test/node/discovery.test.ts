import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { parseDefinition, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { captureLogs } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { problemOf, startVendor } from './test-elements.js';

/**
 * Discovery through the platform against a local vendor whose metadata endpoint misbehaves on
 * demand: down, not JSON, no list, zero fields, duplicate paths, markup in names, too slow, gone.
 */
const MARKUP = '<img src=x onerror="alert(1)">Name & <b>title</b>';
const answers: Record<string, (res: import('node:http').ServerResponse) => void> = {
  ok: (res) => json(res, { fields: [{ vendorPath: 'name', type: 'string', vendorDisplayName: 'Name' }] }),
  down: (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Internal"}'),
  html: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'),
  nolist: (res) => json(res, { fields: { name: 'string' } }),
  empty: (res) => json(res, { fields: [] }),
  dupes: (res) =>
    json(res, {
      fields: [
        { vendorPath: 'email', type: 'string', vendorDisplayName: 'Email' },
        { vendorPath: 'email', type: 'string', vendorDisplayName: 'Email (again)' },
        { type: 'string', vendorDisplayName: 'No path' },
        'not a field',
        { vendorPath: 'phone', type: 'string' },
      ],
    }),
  markup: (res) => json(res, { fields: [{ vendorPath: 'x<y>', type: 'string', vendorDisplayName: MARKUP, description: MARKUP }] }),
  refused: (res) => res.writeHead(401).end(),
  slow: () => {}, // never answers: the timeout fires
  stall: (res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"fields": [{"vendorPath": "a"'),
};
const json = (res: import('node:http').ServerResponse, body: unknown) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
let calls = 0;

function definition(key: string, base: string): ElementDefinition {
  return parseDefinition(
    {
      key,
      name: key === 'meta-app' ? 'Meta App' : 'Gone App',
      description: 'A vendor whose metadata misbehaves on demand',
      categories: [],
      sandbox: true,
      hosts: ['127.0.0.1'],
      authenticationTypes: [
        {
          type: 'basic',
          name: 'Password',
          baseUrl: base,
          configuration: [{ key: 'user.password', name: 'Password', type: 'PASSWORD', required: true }],
          credentials: { basic: { username: 'u', password: '{user.password}' } },
        },
      ],
      objects: [
        ...Object.keys(answers).map((mode) => ({
          name: mode,
          vendorName: mode,
          metadata: { path: `/meta/${mode}`, fieldsPath: 'fields' },
        })),
        { name: 'inline', vendorName: 'Inline', displayName: 'Inline only', fields: [{ vendorPath: 'a.b', type: 'string' }] },
      ],
    },
    `${key}.json`,
  );
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let vendor: Awaited<ReturnType<typeof startVendor>>;
let dead = '';
before(async () => {
  vendor = await startVendor((_req, res, url) => {
    calls++;
    const answer = answers[url.pathname.split('/').pop()!];
    if (answer) answer(res);
    else res.writeHead(404).end();
  });
  dead = `http://127.0.0.1:${await closedPort()}`;
});
after(() => vendor.close());

const acme = { tenantId: 'acme', userId: 'ada' };
const globex = { tenantId: 'globex', userId: 'gus' };

describeStores('discovery', (store) => {
  let platform: EmbeddedPlatform;
  const logs = captureLogs();
  const ids = { app: '', gone: '' };
  before(async () => {
    platform = await createPlatform({
      ...store.options(),
      definitions: [definition('meta-app', vendor.url), definition('gone-app', dead)],
      secrets: {},
      development: true,
      vars: {},
      timeoutMs: 1500, // long enough for a loaded machine; 'slow' never answers
      logger: logs.logger,
    });
    const connect = async (key: string) =>
      (
        await platform.instances.create(acme, {
          element: { key },
          authenticationType: 'basic',
          configuration: { 'user.password': 'pw' },
        })
      ).id;
    ids.app = await connect('meta-app');
    ids.gone = await connect('gone-app');
  });
  after(() => platform.close());
  const meta = (mode: string, id = ids.app) => platform.discovery.metadata(acme, id, mode);
  const codeOf = async (mode: string, id?: string) => {
    const e = await problemOf(meta(mode, id));
    return { code: e.code, detail: e.detail };
  };

  test('objects come from the definition; another tenant and an unknown id answer not_found', async () => {
    const objects = await platform.discovery.objects(acme, ids.app);
    assert.deepEqual(objects.at(-1), { name: 'inline', vendorName: 'Inline', displayName: 'Inline only' });
    assert.ok(objects.some((o) => o.name === 'ok'));
    assert.equal((await problemOf(platform.discovery.objects(globex, ids.app))).code, 'not_found');
    assert.equal((await problemOf(platform.discovery.metadata(globex, ids.app, 'ok'))).code, 'not_found');
    assert.equal((await problemOf(platform.discovery.objects(acme, 'no-such-id'))).code, 'not_found');
    // A session limited to other elements (an invitation's) does not see this connection either.
    const invited = { ...acme, elements: ['gone-app'] };
    assert.equal((await problemOf(platform.discovery.metadata(invited, ids.app, 'ok'))).code, 'not_found');
    const e = await problemOf(meta('nope'));
    assert.equal(e.code, 'not_found');
    assert.match(e.detail!, /Meta App has no object "nope"/);
  });

  test('fields from the app, and inline ones without a call', async () => {
    assert.deepEqual(await meta('ok'), [{ vendorPath: 'name', type: 'string', vendorDisplayName: 'Name' }]);
    const before = calls;
    assert.deepEqual(await meta('inline'), [{ vendorPath: 'a.b', type: 'string' }]);
    assert.equal(calls, before, 'an object with inline fields only asks the app nothing');
  });

  test('the field list is kept briefly per connection and object', async () => {
    await meta('empty');
    const before = calls;
    await meta('empty');
    assert.equal(calls, before, 'the second ask was answered from the cache');
  });

  test('an object with zero fields answers an empty list', async () => {
    assert.deepEqual(await meta('empty'), []);
  });

  test('duplicate paths are listed once (the first wins); entries without a path are left out and logged', async () => {
    const fields = await meta('dupes');
    assert.deepEqual(
      fields.map((f) => [f.vendorPath, f.vendorDisplayName]),
      [
        ['email', 'Email'],
        ['phone', undefined],
      ],
    );
    assert.match(logs.text(), /"duplicates":\["email"\]/);
  });

  test('markup in names and descriptions is data: answered exactly as the app sent it', async () => {
    const [field] = await meta('markup');
    assert.equal(field!.vendorDisplayName, MARKUP);
    assert.equal(field!.description, MARKUP);
    assert.equal(field!.vendorPath, 'x<y>');
  });

  test('metadata endpoint down, not JSON, without a list: vendor_error naming the app; errors are not kept', async () => {
    for (const mode of ['down', 'html', 'nolist']) {
      const { code, detail } = await codeOf(mode);
      assert.equal(code, 'vendor_error', mode);
      assert.match(detail!, /^Meta App/, mode);
    }
    const before = calls;
    await codeOf('down');
    assert.equal(calls, before + 1, 'a failure is asked again, not served from the cache');
  });

  test('too slow, or stopping halfway: vendor_timeout; nobody listening: vendor_unreachable', async () => {
    assert.equal((await codeOf('slow')).code, 'vendor_timeout');
    assert.equal((await codeOf('stall')).code, 'vendor_timeout', 'an answer that stops halfway');
    assert.equal((await codeOf('ok', ids.gone)).code, 'vendor_unreachable');
  });

  test('the app refusing the credentials marks the connection needs_attention', async () => {
    assert.equal((await codeOf('refused')).code, 'credentials_rejected');
    const instance = await platform.instances.get(acme, ids.app);
    assert.equal(instance.status, 'needs_attention');
    assert.equal(instance.statusReason, 'credentials_rejected');
  });
});
