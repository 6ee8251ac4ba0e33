import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { ObjectList, ObjectMetadata, ResourcePage } from '../../src/contract/index.js';
import { loadDefinitions, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { buildRequest, callElement, verifyCredentials, type EngineOptions } from '../../src/server/platform/engine.js';
import { ProblemError } from '../../src/server/problem.js';
import { SANDBOX_CREDENTIALS, SANDBOX_HOOKS, startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import type { ConfigurationValues } from '../../src/contract/index.js';

const ERP = SANDBOX_CREDENTIALS.erp;
const HD = SANDBOX_CREDENTIALS.helpdesk;
const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

let sandbox: SandboxServer;
let defs: ElementDefinition[];
before(async () => {
  sandbox = await startSandbox();
  defs = await loadDefinitions(fileURLToPath(new URL('../../src/server/elements/', import.meta.url)));
});
after(() => sandbox.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(sandbox.url + path, { headers });
/** A delay hook really delays: a short client timeout gives up before its answer (a result, not a timing). */
const outwaited = (path: string, headers: Record<string, string> = {}) =>
  assert.rejects(fetch(sandbox.url + path, { headers, signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });

/** Each sandbox API, described once, so both get the same checks. */
type Headers = Record<string, string>;
const apis: { name: string; base: string; me: string; good: Headers; wrong: Headers[]; unknownBase: string; objects: string[] }[] = [
  {
    name: 'Sandbox ERP',
    base: `/erp/${ERP['account.id']}`,
    me: '/me',
    good: basic(ERP['user.username'], ERP['user.password']),
    wrong: [basic(ERP['user.username'], 'not-the-password'), basic('someone@acme.test', ERP['user.password']), {}],
    unknownBase: '/erp/NOPE-404',
    objects: ['customers', 'invoices'],
  },
  {
    name: 'Sandbox Helpdesk',
    base: `/helpdesk/${HD.subdomain}/api/v2`,
    me: '/users/me',
    good: { 'x-api-key': HD['api.key'] },
    wrong: [{ 'x-api-key': 'hd_wrong_key' }, {}],
    unknownBase: '/helpdesk/globex/api/v2',
    objects: ['tickets', 'users'],
  },
];

for (const api of apis) {
  describe(`${api.name} API`, () => {
    test('verify endpoint: 200 for the demo credentials, 401 for wrong ones, 404 for an unknown account', async () => {
      assert.equal((await get(api.base + api.me, api.good)).status, 200);
      for (const wrong of api.wrong) assert.equal((await get(api.base + api.me, wrong)).status, 401);
      const unknown = await get(api.unknownBase + api.me, api.good);
      assert.equal(unknown.status, 404);
      assert.match(JSON.stringify(await unknown.json()), /NOPE-404|globex/);
    });

    test('lists its objects, and each has field metadata in the contract shape', async () => {
      const list = z.parse(ObjectList, await (await get(`${api.base}/objects`, api.good)).json());
      assert.deepEqual(
        list.map((o) => o.name),
        api.objects,
      );
      for (const name of api.objects) {
        const meta = z.parse(ObjectMetadata, await (await get(`${api.base}/objects/${name}/metadata`, api.good)).json());
        assert.ok(meta.fields.length >= 8, `${name}: fields`);
        assert.ok(
          meta.fields.some((f) => f.vendorRequired),
          `${name}: a required field`,
        );
        assert.ok(
          meta.fields.some((f) => f.vendorReadOnly),
          `${name}: a read-only field`,
        );
        assert.ok(
          meta.fields.some((f) => f.options?.length),
          `${name}: a field with options`,
        );
      }
      assert.equal((await get(`${api.base}/objects/nothing/metadata`, api.good)).status, 404);
      assert.equal((await get(`${api.base}/objects`, api.wrong[0])).status, 401);
    });

    test('records page through 50 deterministic items with an opaque cursor', async () => {
      for (const name of api.objects) {
        const ids: unknown[] = [];
        let cursor: string | null | undefined;
        let pages = 0;
        do {
          const q = new URLSearchParams({ pageSize: '20', ...(cursor ? { cursor } : {}) });
          const body = z.parse(ResourcePage, await (await get(`${api.base}/${name}?${q}`, api.good)).json());
          ids.push(...body.items.map((r) => r.id));
          cursor = body.nextCursor;
          pages++;
        } while (cursor);
        assert.equal(pages, 3, `${name}: 20 + 20 + 10`);
        assert.equal(new Set(ids).size, 50, `${name}: 50 distinct records`);
        const again = await (await get(`${api.base}/${name}?pageSize=5`, api.good)).json();
        const first = await (await get(`${api.base}/${name}?pageSize=5`, api.good)).json();
        assert.deepEqual(again, first, `${name}: same records every time`);
        // Every record carries each metadata path that is not nested in an array.
        const meta = await (await get(`${api.base}/objects/${name}/metadata`, api.good)).json();
        for (const f of meta.fields as { vendorPath: string }[]) {
          const value = f.vendorPath
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], first.items[0]);
          assert.notEqual(value, undefined, `${name}: ${f.vendorPath} present in records`);
        }
      }
      for (const bad of ['pageSize=0', 'pageSize=101', 'pageSize=ten', 'cursor=bm9wZQ']) {
        assert.equal((await get(`${api.base}/${api.objects[0]}?${bad}`, api.good)).status, 400, bad);
      }
    });

    test('test hooks: ?status answers that status, ?delay delays, the broken account answers 500', async () => {
      assert.equal((await get(`${api.base}${api.me}?status=500`, api.good)).status, 500);
      assert.equal((await get(`${api.base}${api.me}?delay=1`, api.good)).status, 200);
      await outwaited(`${api.base}${api.me}?delay=1000`, api.good);
      const broken = api.base.replace(/^(\/\w+\/)[^/]+/, `$1${SANDBOX_HOOKS.broken}`);
      assert.equal((await get(broken + api.me, api.good)).status, 500);
    });
  });
}

test('root hooks: /__status answers any status (bodiless ones too), /__slow answers after ?ms', async () => {
  for (const code of [200, 204, 304, 429, 500, 503]) assert.equal((await get(`/__status/${code}`)).status, code);
  assert.equal((await get('/__status/100')).status, 400);
  assert.equal((await get('/__slow?ms=1')).status, 200);
  await outwaited('/__slow?ms=1000');
  assert.equal((await get('/__slow?ms=-5')).status, 400);
  assert.equal((await get('/nothing/here')).status, 404);
});

test('/__erp-password changes the ERP password (the old one is refused, the new one accepted) and resets it', async () => {
  const me = `/erp/${ERP['account.id']}/me`;
  const setPassword = (body?: unknown) =>
    fetch(`${sandbox.url}/__erp-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  assert.equal((await setPassword({ password: '' })).status, 400);
  assert.equal((await setPassword({ password: 'changed-at-the-vendor' })).status, 204);
  try {
    assert.equal((await get(me, basic(ERP['user.username'], ERP['user.password']))).status, 401);
    assert.equal((await get(me, basic(ERP['user.username'], 'changed-at-the-vendor'))).status, 200);
  } finally {
    assert.equal((await setPassword()).status, 204);
  }
  assert.equal((await get(me, basic(ERP['user.username'], ERP['user.password']))).status, 200);
});

describe('sandbox elements through the engine', () => {
  const opts = (): EngineOptions => ({ vars: { SANDBOX_URL: sandbox.url }, development: true, timeoutMs: 2000 });
  const el = (key: string) => {
    const def = defs.find((d) => d.key === key)!;
    return { def, auth: def.authenticationTypes[0]! };
  };
  const rejected =
    (field: string, status = 422) =>
    (e: unknown) => {
      assert.ok(e instanceof ProblemError, String(e));
      assert.equal(e.status, status, e.detail);
      assert.deepEqual(
        e.errors?.map((f) => f.field),
        [field],
      );
      return true;
    };

  test('Sandbox ERP: the demo credentials connect; a wrong password or account is a field error', async () => {
    const { def, auth } = el('sandbox-erp');
    const good: ConfigurationValues = { ...ERP };
    await verifyCredentials(def, auth, good, opts());
    await assert.rejects(verifyCredentials(def, auth, { ...good, 'user.password': 'guess' }, opts()), rejected('user.password'));
    await assert.rejects(verifyCredentials(def, auth, { ...good, 'account.id': 'GLOBEX-9' }, opts()), rejected('account.id'));
  });

  test('Sandbox Helpdesk: the demo key connects; a wrong key is a field error', async () => {
    const { def, auth } = el('sandbox-helpdesk');
    await verifyCredentials(def, auth, { ...HD }, opts());
    await assert.rejects(verifyCredentials(def, auth, { ...HD, 'api.key': 'hd_wrong' }, opts()), rejected('api.key'));
  });

  test('Sandbox Helpdesk: subdomain "evil.com/x" stays one path segment of the sandbox and is a field error', async () => {
    const { def, auth } = el('sandbox-helpdesk');
    const values = { ...HD, subdomain: 'evil.com/x' };
    const { url } = buildRequest(auth, values, opts().vars, auth.verify!);
    assert.equal(url.origin, sandbox.url);
    assert.equal(url.pathname, '/helpdesk/evil.com%2Fx/api/v2/users/me');
    await assert.rejects(verifyCredentials(def, auth, values, opts()), rejected('subdomain'));
  });

  test('the sandbox reads records through the element definition', async () => {
    const { def, auth } = el('sandbox-erp');
    const list = def.objects!.find((o) => o.name === 'customers')!.list!;
    const res = await callElement(def, auth, { ...ERP }, { path: list.path, query: { [list.pageSizeParam!]: '3' } }, opts());
    const body = z.parse(ResourcePage, await res.json());
    assert.equal(body.items.length, 3);
    assert.ok(body.nextCursor);
  });

  test('a sandbox answering 500 is a provider error, one too slow a timeout', async () => {
    const { def, auth } = el('sandbox-helpdesk');
    await assert.rejects(verifyCredentials(def, auth, { ...HD, subdomain: SANDBOX_HOOKS.broken }, opts()), { status: 502 });
    await assert.rejects(verifyCredentials(def, auth, { ...HD, subdomain: SANDBOX_HOOKS.slow }, { ...opts(), timeoutMs: 200 }), {
      status: 504,
    });
  });

  test('outside development mode the sandbox elements may not reach this machine', async () => {
    const { def, auth } = el('sandbox-erp');
    await assert.rejects(verifyCredentials(def, auth, { ...ERP }, { ...opts(), development: false }), { status: 400 });
  });
});
