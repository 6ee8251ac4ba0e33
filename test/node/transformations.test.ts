import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  MappedPage,
  MappingPreview,
  Transformation,
  type CommonResource,
  type FieldMetadata,
  type TransformationInput,
} from '../../src/contract/index.js';
import { startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { crmObjects, CONTACT_COUNT } from '../../demo/sandbox/crm-data.js';
import type { ElementDefinition } from '../../src/server/platform/definitions.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { browser, connectCrm, crmElement } from './oauth-fixtures.js';
import { describeStores, type StoreFixture } from './stores.js';

/**
 * Mappings and records through them, over HTTP as the widget calls them, against the real Sandbox
 * CRM (1,000 contacts, 1,533 fields) on each database. Its contacts' fields are declared inline
 * here, so a test can remove one (a later release of the app) and see the drift reported.
 */
let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const CONTACT_FIELDS = crmObjects().get('contacts')!.fields;
const FIRST_CONTACT = crmObjects().get('contacts')!.records[0]!;

/** Sandbox CRM as shipped, its contacts' fields inline (as discovery would read them), changed by `edit`. */
async function crmWithFields(edit: (fields: FieldMetadata[]) => FieldMetadata[] = (f) => f): Promise<ElementDefinition[]> {
  const { definitions } = await crmElement();
  const def = structuredClone(definitions[0]!);
  const contacts = def.objects!.find((o) => o.name === 'contacts')!;
  // Inline only: discovery lists a definition's inline fields, and asks the app only when it declares a metadata request.
  delete contacts.metadata;
  contacts.fields = edit(structuredClone(CONTACT_FIELDS)) as typeof contacts.fields;
  return [def];
}

/** The host's Customer, mapped to Sandbox CRM contacts (nested paths on both sides). */
const CUSTOMER: TransformationInput = {
  vendorName: 'contacts',
  fields: [
    { path: 'id', vendorPath: 'id', type: 'string' },
    { path: 'name.first', vendorPath: 'firstName', type: 'string' },
    { path: 'name.last', vendorPath: 'lastName', type: 'string' },
    { path: 'email', vendorPath: 'email', type: 'string' },
    { path: 'billing.city', vendorPath: 'address.city', type: 'string' },
    { path: 'birthDate', vendorPath: 'birthDate', type: 'date' },
    { path: 'vip', vendorPath: 'cf_vip__c', type: 'boolean' },
    { path: 'points', vendorPath: 'cf_loyalty_points__c', type: 'number' },
    { path: 'taxId', vendorPath: 'cf_tax_id__c', type: 'string' },
    { path: 'since', vendorPath: 'createdAt', type: 'date' },
  ],
};

/** A proxy and platform on the suite's database; `restart` opens them again with other definitions (the same data). */
function stack(store: StoreFixture) {
  const ctx = { url: '', platform: undefined as EmbeddedPlatform | undefined, close: async () => {} };
  const logs = captureLogs();
  const open = async (definitions: ElementDefinition[], more: { commonResources?: CommonResource[] } = {}) => {
    const { secrets } = await crmElement();
    const platform = await createPlatform({
      ...store.options(),
      ...more,
      definitions,
      secrets,
      development: true,
      vars: { SANDBOX_URL: sandbox.url },
      oauthCallbackUrl: () => `${ctx.url}/oauth/callback`,
      logger: logs.logger,
    });
    const server = await listen(createApp({ platform, config: testConfig(), logger: logs.logger }).fetch);
    Object.assign(ctx, {
      url: server.url,
      platform,
      close: async () => {
        await server.close();
        await platform.close();
      },
    });
  };
  before(async () => open(await crmWithFields()));
  after(() => ctx.close());
  const restart = async (definitions: ElementDefinition[], more: { commonResources?: CommonResource[] } = {}) => {
    await ctx.close();
    await open(definitions, more);
  };
  return { ctx, restart };
}

/** The widget's calls for one session. */
async function client(url: string, tenantId = 'acme') {
  const token = await mintSession(url, ADMIN_KEY, { tenantId, userId: 'ada' });
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  return {
    connect: () => connectCrm(url, browser(url, token)),
    get: (id: string, name = 'Customer') => fetch(`${url}/instances/${id}/transformations/${name}`, { headers: auth }),
    put: (id: string, body: unknown, ifMatch?: string, name = 'Customer') =>
      fetch(`${url}/instances/${id}/transformations/${name}`, {
        method: 'PUT',
        headers: { ...json, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
        body: JSON.stringify(body),
      }),
    del: (id: string, ifMatch?: string, name = 'Customer') =>
      fetch(`${url}/instances/${id}/transformations/${name}`, {
        method: 'DELETE',
        headers: { ...auth, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
      }),
    preview: (id: string, body: unknown, name = 'Customer') =>
      fetch(`${url}/instances/${id}/transformations/${name}/preview`, { method: 'POST', headers: json, body: JSON.stringify(body) }),
    records: (id: string, query = '', name = 'Customer') =>
      fetch(`${url}/instances/${id}/resources/${name}${query}`, { headers: auth }),
  };
}

const read = async <T>(schema: z.ZodMiniType<T>, res: Response, status = 200): Promise<T> => {
  const body: unknown = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  return z.parse(schema, body);
};

describeStores('Mappings and records through them (Sandbox CRM)', (store) => {
  const { ctx, restart } = stack(store);
  let id = '';
  let c: Awaited<ReturnType<typeof client>>;
  before(async () => {
    c = await client(ctx.url);
    id = await c.connect();
  });

  test('a mapping is created without If-Match, read back with its version as ETag, and no drift', async () => {
    const res = await c.put(id, CUSTOMER);
    assert.equal(res.headers.get('etag'), '"1"');
    const saved = await read(Transformation, res, 201);
    assert.equal(saved.version, 1);
    assert.deepEqual(saved.drift, []);
    assert.equal(saved.fields.find((f) => f.path === 'points')?.vendorType, 'integer', "the app's type is kept for drift checks");
    const again = await c.get(id);
    assert.equal(again.headers.get('etag'), '"1"');
    const got = await read(Transformation, again);
    assert.deepEqual(
      got.fields.map((f) => [f.path, f.vendorPath]),
      CUSTOMER.fields.map((f) => [f.path, f.vendorPath]),
    );
    assert.deepEqual(got.drift, []);
  });

  test('a stale save from a second tab answers 412 and loses nothing', async () => {
    const tabA = await read(Transformation, await c.get(id));
    const tabB = await read(Transformation, await c.get(id));
    const fromA = { ...CUSTOMER, fields: CUSTOMER.fields.filter((f) => f.path !== 'taxId') };
    const savedA = await read(Transformation, await c.put(id, fromA, `"${tabA.version}"`));
    assert.equal(savedA.version, tabA.version + 1);
    const fromB = { ...CUSTOMER, fields: CUSTOMER.fields.filter((f) => f.path !== 'vip') };
    const refused = await assertProblem(await c.put(id, fromB, `"${tabB.version}"`), 'precondition_failed', /changed elsewhere/);
    assert.match(refused.detail!, new RegExp(`version ${savedA.version}`));
    const now = await read(Transformation, await c.get(id));
    assert.equal(now.version, savedA.version);
    assert.ok(now.fields.some((f) => f.path === 'vip') && !now.fields.some((f) => f.path === 'taxId'), "tab A's save stands");
    await assertProblem(await c.put(id, fromB), 'precondition_failed', /exists already/);
    // Tab B reloads and saves on top of A's version.
    const savedB = await read(Transformation, await c.put(id, fromB, `"${now.version}"`));
    assert.equal(savedB.version, now.version + 1);
    await read(Transformation, await c.put(id, CUSTOMER, '*'));
  });

  test('records come in the host shape, coerced per type, page by page to the end', async () => {
    const first = await read(MappedPage, await c.records(id, '?pageSize=3'));
    assert.equal(first.items.length, 3);
    assert.deepEqual(first.errors, []);
    assert.deepEqual(first.items[0], {
      id: String(FIRST_CONTACT.id),
      name: { first: FIRST_CONTACT.firstName, last: FIRST_CONTACT.lastName },
      email: FIRST_CONTACT.email,
      billing: { city: (FIRST_CONTACT.address as { city: string }).city },
      birthDate: FIRST_CONTACT.birthDate,
      vip: FIRST_CONTACT.cf_vip__c,
      points: FIRST_CONTACT.cf_loyalty_points__c,
      taxId: FIRST_CONTACT.cf_tax_id__c,
      since: FIRST_CONTACT.createdAt,
    });
    assert.equal(first.items[1]!.birthDate, null, 'a contact without a birth date reads as null');
    assert.ok(first.nextCursor);
    const ids = new Set<unknown>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: MappedPage = await read(
        MappedPage,
        await c.records(id, `?pageSize=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      );
      assert.equal(page.items.length, 100, "Sandbox CRM's largest page is 100");
      for (const item of page.items) ids.add(item.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(ids.size, CONTACT_COUNT);
    assert.equal(pages, CONTACT_COUNT / 100);
    const defaults = await read(MappedPage, await c.records(id));
    assert.equal(defaults.items.length, 50, 'pageSize defaults to 50');
  });

  test('a value that cannot be coerced is a per-record error naming the record and field; the rest of the record stands', async () => {
    const odd = {
      vendorName: 'contacts',
      fields: [
        { path: 'email', vendorPath: 'email', type: 'string' },
        { path: 'phone', vendorPath: 'phone', type: 'number' },
        { path: 'vip', vendorPath: 'jobTitle', type: 'boolean' },
      ],
    };
    await read(Transformation, await c.put(id, odd, undefined, 'Odd'), 201);
    const page = await read(MappedPage, await c.records(id, '?pageSize=2', 'Odd'));
    assert.deepEqual(page.items[0], { email: FIRST_CONTACT.email, phone: null, vip: null });
    assert.deepEqual(
      page.errors.filter((e) => e.index === 0),
      [
        { index: 0, path: 'phone', vendorPath: 'phone', message: `"${String(FIRST_CONTACT.phone)}" is not a number.` },
        { index: 0, path: 'vip', vendorPath: 'jobTitle', message: `"${String(FIRST_CONTACT.jobTitle)}" is not true or false.` },
      ],
    );
    assert.deepEqual(
      page.errors.map((e) => e.index),
      [0, 0, 1, 1],
    );
  });

  test('preview: the first record through an unsaved mapping, with the fields that do not read', async () => {
    const input = {
      vendorName: 'contacts',
      fields: [
        { path: 'fullName.last', vendorPath: 'lastName', type: 'string' },
        { path: 'score', vendorPath: 'phone', type: 'number' },
      ],
    };
    const preview = await read(MappingPreview, await c.preview(id, input, 'Lead'));
    assert.deepEqual(preview.item, { fullName: { last: FIRST_CONTACT.lastName }, score: null });
    assert.deepEqual(preview.errors, [{ path: 'score', message: `"${String(FIRST_CONTACT.phone)}" is not a number.` }]);
    await assertProblem(await c.get(id, 'Lead'), 'not_found');
  });

  test('a mapping that names what the app lacks, or maps a host field twice, is refused naming the field', async () => {
    const missing = { ...CUSTOMER, fields: [{ path: 'x', vendorPath: 'cf_nope__c', type: 'string' }] };
    const body = await assertProblem(await c.put(id, missing, undefined, 'Bad'), 'validation_failed');
    assert.deepEqual(
      body.errors?.map((e) => e.field),
      ['fields.0.vendorPath'],
    );
    const object = await assertProblem(await c.put(id, { ...CUSTOMER, vendorName: 'planets' }, undefined, 'Bad'), 'validation_failed');
    assert.equal(object.errors?.[0]?.field, 'vendorName');
    const twice = { ...CUSTOMER, fields: [CUSTOMER.fields[0], CUSTOMER.fields[0]] };
    assert.equal(
      (await assertProblem(await c.put(id, twice, undefined, 'Bad'), 'validation_failed')).errors?.[0]?.field,
      'fields.1.path',
    );
    const proto = { ...CUSTOMER, fields: [{ path: '__proto__.polluted', vendorPath: 'email', type: 'string' }] };
    assert.equal(
      (await assertProblem(await c.put(id, proto, undefined, 'Bad'), 'validation_failed')).errors?.[0]?.field,
      'fields.0.path',
    );
    const typo = { ...CUSTOMER, fields: [{ path: 'a', vendorPath: 'email', type: 'text' }] };
    await assertProblem(await c.put(id, typo, undefined, 'Bad'), 'validation_failed');
    await assertProblem(await c.put(id, CUSTOMER, undefined, 'no spaces'), 'validation_failed');
    await assertProblem(await c.put(id, CUSTOMER, 'version 3'), 'validation_failed');
    await assertProblem(await c.get(id, 'Bad'), 'not_found');
  });

  test('pageSize and cursor are checked', async () => {
    for (const q of ['?pageSize=0', '?pageSize=201', '?pageSize=ten'])
      assert.equal((await assertProblem(await c.records(id, q), 'validation_failed')).errors?.[0]?.field, 'pageSize', q);
    assert.equal((await assertProblem(await c.records(id, '?cursor=%01'), 'validation_failed')).errors?.[0]?.field, 'cursor');
  });

  test("another tenant's connection answers 404 for its mappings and records", async () => {
    const other = await client(ctx.url, 'globex');
    await assertProblem(await other.get(id), 'not_found');
    await assertProblem(await other.records(id), 'not_found');
    await assertProblem(await other.put(id, CUSTOMER), 'not_found');
    await assertProblem(await other.del(id, '*'), 'not_found');
  });

  test('a vendor field removed (or retyped) after mapping is reported as drift, not dropped', async () => {
    await restart(
      await crmWithFields((fields) =>
        fields
          .filter((f) => f.vendorPath !== 'cf_tax_id__c')
          .map((f) => (f.vendorPath === 'cf_loyalty_points__c' ? { ...f, type: 'string' } : f)),
      ),
    );
    c = await client(ctx.url);
    const got = await read(Transformation, await c.get(id));
    assert.deepEqual(got.drift, [
      { path: 'points', vendorPath: 'cf_loyalty_points__c', reason: 'type_changed', vendorType: 'string' },
      { path: 'taxId', vendorPath: 'cf_tax_id__c', reason: 'removed' },
    ]);
    assert.ok(
      got.fields.some((f) => f.path === 'taxId'),
      'the mapped field is kept',
    );
    const refused = await assertProblem(await c.put(id, CUSTOMER, `"${got.version}"`), 'validation_failed');
    assert.deepEqual(
      refused.errors?.map((e) => e.field),
      [`fields.${CUSTOMER.fields.findIndex((f) => f.path === 'taxId')}.vendorPath`],
    );
  });

  test('when the host declares its objects, a mapping is of one of them, and maps their fields at their types', async () => {
    const customers: CommonResource = {
      name: 'customers',
      displayName: 'Customer',
      fields: [
        { path: 'email', type: 'string', required: true },
        { path: 'since', type: 'date' },
      ],
    };
    await restart(await crmWithFields(), { commonResources: [customers] });
    c = await client(ctx.url);
    const ok = { vendorName: 'contacts', fields: [{ path: 'email', vendorPath: 'email', type: 'string' }] };
    assert.equal((await c.put(id, ok, undefined, 'customers')).status, 201);
    await assertProblem(await c.put(id, ok, undefined, 'invoices'), 'not_found');
    const wrong = {
      vendorName: 'contacts',
      fields: [
        { path: 'phone', vendorPath: 'phone', type: 'string' },
        { path: 'since', vendorPath: 'createdAt', type: 'string' },
      ],
    };
    const refused = await assertProblem(await c.put(id, wrong, '*', 'customers'), 'validation_failed');
    assert.deepEqual(
      refused.errors?.map((e) => [e.field, e.message]),
      [
        ['fields.0.path', 'Customer has no field "phone".'],
        ['fields.1.type', `Customer's "since" is a date field.`],
      ],
    );
    await restart(await crmWithFields());
    c = await client(ctx.url);
  });

  test('DELETE with a stale If-Match is refused; then deleted (204) and gone', async () => {
    const { version } = await read(Transformation, await c.get(id));
    await assertProblem(await c.del(id, `"${version - 1}"`), 'precondition_failed');
    assert.equal((await c.del(id, `"${version}"`)).status, 204);
    await assertProblem(await c.get(id), 'not_found');
    await assertProblem(await c.records(id), 'not_found');
    await assertProblem(await c.del(id), 'not_found');
  });
});
