import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createPlatform, type PlatformOptions } from '../../src/server/platform/platform.js';
import type { Platform, Session } from '../../src/server/platform/types.js';
import { openStore } from '../../src/server/store/store.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, memoryLogger, problemOf, startVendor, testDefinitions, testSecrets } from './test-elements.js';

type Vendor = Awaited<ReturnType<typeof startVendor>>;
let vendor: Vendor;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

const session = (tenantId = `tenant-${randomUUID()}`, elements?: string[]): Session => ({
  tenantId,
  userId: 'user-1',
  ...(elements ? { elements } : {}),
});

const erp = (configuration: Record<string, unknown> = {}, name?: string) => ({
  element: { key: 'test-erp' },
  authenticationType: 'basic',
  ...(name ? { name } : {}),
  configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password, ...configuration } as Record<
    string,
    string
  >,
});

describeStores('platform', (store) => {
  let platform: Platform & { skipped: { key: string; reason: string }[] };
  const logger = memoryLogger();
  const options = (extra: Partial<PlatformOptions> = {}): PlatformOptions => ({
    ...store.options(),
    definitions: testDefinitions(),
    secrets: testSecrets,
    development: true,
    vars: { SANDBOX_URL: vendor.url },
    timeoutMs: 300,
    logger,
    ...extra,
  });
  before(async () => {
    platform = await createPlatform(options());
  });
  after(() => platform.close());

  test('generates an encryption key once and says so in one log line', async () => {
    const generated = logger.lines.filter((l) => /encryption key/i.test(l.msg ?? ''));
    assert.equal(generated.length, 1);
    const again = await createPlatform(options());
    await again.close();
    assert.equal(logger.lines.filter((l) => /encryption key/i.test(l.msg ?? '')).length, 1);
  });

  test('creates an instance with the right credentials and answers no secret', async () => {
    const s = session();
    const instance = await platform.instances.create(s, erp({ region: 'eu', 'sync.days': '30' }));
    assert.equal(instance.element.key, 'test-erp');
    assert.equal(instance.element.name, 'Test ERP');
    assert.equal(instance.status, 'connected');
    assert.equal(instance.name, 'Test ERP');
    assert.deepEqual(instance.configuration, { 'account.id': ERP.account, 'user.username': ERP.user, region: 'eu', 'sync.days': 30 });
    const body = JSON.stringify([instance, await platform.instances.list(s), await platform.instances.get(s, instance.id)]);
    assert.ok(!body.includes(ERP.password), 'the password is never answered');
    assert.ok(!body.includes(ERP.partnerKey), 'the host secret is never answered');
    const second = await platform.instances.create(s, erp());
    assert.equal(second.name, 'Test ERP 2', 'a default name is unique within the tenant');
    assert.deepEqual(
      (await platform.instances.list(s)).map((i) => i.id),
      [instance.id, second.id],
    );
  });

  test('stores credentials encrypted: the raw rows (instance and Idempotency-Key) hold no password', async () => {
    const s = session();
    const instance = await platform.instances.create(s, erp(), 'key-of-the-raw-row-test');
    const raw = await openStore(store.options());
    try {
      const row = await raw.db.selectFrom('instances').selectAll().where('id', '=', instance.id).executeTakeFirstOrThrow();
      assert.equal(row.tenant_id, s.tenantId);
      assert.match(row.credentials, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      // The Idempotency-Key keeps a keyed hash of the request, not the request.
      const keyRows = await raw.db.selectFrom('idempotency_keys').selectAll().where('tenant_id', '=', s.tenantId).execute();
      assert.equal(keyRows.length, 1);
      const everything = JSON.stringify([row, keyRows]);
      assert.ok(!everything.includes(ERP.password));
      assert.ok(!everything.includes(Buffer.from(ERP.password).toString('base64')));
      assert.ok(!everything.includes(ERP.partnerKey), 'host secrets are merged at call time, not stored');
      assert.deepEqual(JSON.parse(row.configuration), { 'account.id': ERP.account, 'user.username': ERP.user });
    } finally {
      await raw.close();
    }
  });

  test('a wrong password is a 422 naming the field, and nothing is stored', async () => {
    const s = session();
    const p = await problemOf(platform.instances.create(s, erp({ 'user.password': 'nope' })));
    assert.equal(p.code, 'credentials_rejected');
    assert.deepEqual(p.errors, [{ field: 'user.password', message: 'Test ERP did not accept this username and password.' }]);
    assert.deepEqual(await platform.instances.list(s), []);
  });

  test('a vendor 5xx is a 502 and a vendor that never answers a 504, storing nothing', async () => {
    const s = session();
    const down = await problemOf(platform.instances.create(s, erp({ 'account.id': 'FAIL5' })));
    assert.equal(down.code, 'vendor_error');
    assert.match(down.detail ?? '', /Test ERP answered 503/);
    const slow = await problemOf(platform.instances.create(s, erp({ 'account.id': 'SLOW' })));
    assert.equal(slow.code, 'vendor_timeout');
    assert.equal(slow.detail, 'Test ERP did not answer within 0.3 seconds. Try again in a moment.');
    assert.deepEqual(await platform.instances.list(s), []);
  });

  test('every bad field comes back in one 400, and the vendor is not called', async () => {
    const s = session();
    const before = vendor.calls.length;
    const p = await problemOf(
      platform.instances.create(s, {
        element: { key: 'test-erp' },
        authenticationType: 'basic',
        configuration: {
          'account.id': 'A'.repeat(33),
          'user.password': ERP.password,
          region: 'mars',
          'sync.days': 'many',
          'partner.key': 'mine',
          'api.version': 'v9',
          extra: 'x',
        },
      }),
    );
    assert.equal(p.code, 'validation_failed');
    const byField = Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));
    assert.deepEqual(Object.keys(byField).sort(), [
      'account.id',
      'api.version',
      'extra',
      'partner.key',
      'region',
      'sync.days',
      'user.username',
    ]);
    assert.equal(byField['user.username'], 'Username is required.');
    assert.equal(byField['account.id'], 'Use at most 32 characters (this is 33).');
    assert.equal(byField['region'], 'Choose one of: eu, us.');
    assert.equal(byField['extra'], 'This is not a setting of this connection.');
    assert.equal(vendor.calls.length, before);
    const pattern = await problemOf(platform.instances.create(s, erp({ 'account.id': 'acme-01' })));
    assert.deepEqual(pattern.errors, [{ field: 'account.id', message: 'This does not look right; for example: ACME01.' }]);
    assert.deepEqual(await platform.instances.list(s), []);
  });

  test('unknown element, unknown or unoffered authentication type, and a forbidden element are 404', async () => {
    const s = session();
    for (const [input, status] of [
      [{ ...erp(), element: { key: 'nope' } }, 404],
      [{ ...erp(), authenticationType: 'custom' }, 404],
      [{ ...erp(), authenticationType: 'oauth2' }, 404],
      [{ ...erp(), element: { key: 'test-partner' } }, 404],
    ] as const) {
      assert.equal((await problemOf(platform.instances.create(s, input))).status, status);
    }
    const limited = await problemOf(platform.instances.create(session(s.tenantId, ['test-desk']), erp()));
    assert.equal(limited.code, 'not_found');
    assert.equal(limited.detail, 'There is no element "test-erp".');
    assert.deepEqual(await platform.instances.list(s), []);
  });

  test('a subdomain that is not one DNS label is a 400 on that field', async () => {
    const s = session();
    for (const subdomain of ['evil.com/x', '127.0.0.1', 'a.b']) {
      const p = await problemOf(
        platform.instances.create(s, {
          element: { key: 'test-desk' },
          authenticationType: 'apiKey',
          configuration: { subdomain, 'api.key': 'k' },
        }),
      );
      assert.equal(p.code, 'validation_failed', subdomain);
      assert.deepEqual(
        p.errors?.map((e) => e.field),
        ['subdomain'],
      );
      assert.match(p.errors[0]!.message, /letters, digits and hyphens/);
    }
  });

  test('an idempotent retry answers the same instance; another body with that key is a 422', async () => {
    const s = session();
    const key = randomUUID();
    const first = await platform.instances.create(s, erp(), key);
    const retry = await platform.instances.create(s, erp(), key);
    assert.deepEqual(retry, first);
    assert.equal((await platform.instances.list(s)).length, 1);
    const reused = await problemOf(platform.instances.create(s, erp({}, 'Other name'), key));
    assert.equal(reused.code, 'idempotency_key_reused');
    assert.match(reused.detail ?? '', /already used for a different request/);
    // Keys belong to a tenant: another tenant's same key is its own request.
    const other = await platform.instances.create(session(), erp(), key);
    assert.notEqual(other.id, first.id);
    assert.equal((await platform.instances.list(s)).length, 1);
  });

  test('the same key sent at once, to one or two replicas, creates one instance and checks the vendor once', async () => {
    const replica = await createPlatform(options());
    try {
      const s = session();
      const key = randomUUID();
      const before = vendor.calls.length;
      const answers = await Promise.all(
        [platform, platform, replica, replica].map((p) => p.instances.create(s, erp({ 'account.id': 'WAIT' }), key)),
      );
      assert.equal(new Set(answers.map((a) => a.id)).size, 1);
      assert.equal((await platform.instances.list(s)).length, 1);
      assert.equal(vendor.calls.length - before, 1);
    } finally {
      await replica.close();
    }
  });

  test('an idempotency key expires after 24 hours', async () => {
    const s = session();
    const key = randomUUID();
    const first = await platform.instances.create(s, erp(), key);
    const raw = await openStore(store.options());
    try {
      await raw.db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
        .where('tenant_id', '=', s.tenantId)
        .where('key', '=', key)
        .execute();
    } finally {
      await raw.close();
    }
    const later = await platform.instances.create(s, erp({}, 'Another'), key);
    assert.notEqual(later.id, first.id);
    assert.equal(later.name, 'Another');
  });

  test('a failed request releases its key for the retry', async () => {
    const s = session();
    const key = randomUUID();
    assert.equal((await problemOf(platform.instances.create(s, erp({ 'user.password': 'wrong' }), key))).code, 'credentials_rejected');
    const ok = await platform.instances.create(s, erp(), key);
    assert.equal(ok.status, 'connected');
  });

  test("another tenant's instance is not found, exactly like a missing one", async () => {
    const a = session();
    const b = session();
    const instance = await platform.instances.create(a, erp());
    const missing = await problemOf(platform.instances.get(b, randomUUID()));
    for (const call of [
      () => platform.instances.get(b, instance.id),
      () => platform.instances.update(b, instance.id, { name: 'mine' }),
      () => platform.instances.delete(b, instance.id),
    ]) {
      const problem = await problemOf(call());
      assert.equal(problem.code, 'not_found');
      assert.equal(problem.title, missing.title);
      assert.equal(problem.detail, `There is no connection "${instance.id}".`);
    }
    assert.deepEqual(await platform.instances.list(b), []);
    assert.equal((await platform.instances.get(a, instance.id)).name, 'Test ERP');
  });

  test('update renames and re-authenticates; a failed re-authentication changes nothing', async () => {
    const s = session();
    const created = await platform.instances.create(s, erp());
    const renamed = await platform.instances.update(s, created.id, { name: 'Books' });
    assert.equal(renamed.name, 'Books');
    assert.deepEqual(renamed.configuration, created.configuration);
    // An empty password keeps the stored one; the vendor still sees the right credentials.
    const calls = vendor.calls.length;
    const reauth = await platform.instances.update(s, created.id, {
      configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': '', region: 'us' },
    });
    assert.equal(vendor.calls.length, calls + 1);
    assert.equal(reauth.status, 'connected');
    assert.equal(reauth.name, 'Books');
    assert.deepEqual(reauth.configuration, { 'account.id': ERP.account, 'user.username': ERP.user, region: 'us' });
    const wrong = await problemOf(
      platform.instances.update(s, created.id, {
        name: 'Never',
        configuration: { 'account.id': ERP.account, 'user.username': 'eve', 'user.password': 'guess' },
      }),
    );
    assert.equal(wrong.code, 'credentials_rejected');
    const bad = await problemOf(
      platform.instances.update(s, created.id, { configuration: { 'account.id': ERP.account, 'user.password': '' } }),
    );
    assert.deepEqual(
      bad.errors?.map((e) => e.field),
      ['user.username'],
    );
    const now = await platform.instances.get(s, created.id);
    assert.equal(now.name, 'Books');
    assert.deepEqual(now.configuration, reauth.configuration);
  });

  test('delete removes the instance, and a second delete is a 404', async () => {
    const s = session();
    const key = randomUUID();
    const instance = await platform.instances.create(s, erp(), key);
    await platform.instances.delete(s, instance.id);
    assert.equal((await problemOf(platform.instances.get(s, instance.id))).code, 'not_found');
    assert.equal((await problemOf(platform.instances.delete(s, instance.id))).code, 'not_found');
    assert.deepEqual(await platform.instances.list(s), []);
    // The key that created it went with it: a retry connects anew instead of pointing at nothing.
    const again = await platform.instances.create(s, erp(), key);
    assert.notEqual(again.id, instance.id);
  });

  test('elements missing host secrets, and oauth2-only elements, are skipped with the reason', () => {
    const skipped = Object.fromEntries(platform.skipped.map((x) => [x.key, x.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), ['test-oauth', 'test-partner']);
    assert.match(skipped['test-partner']!, /partner\.secret/);
    assert.match(skipped['test-partner']!, /secrets\.test-partner/);
    assert.match(skipped['test-oauth']!, /oauth2/);
    assert.deepEqual(
      platform.catalog.list(session()).map((e) => e.key),
      ['test-erp', 'test-desk'],
    );
    assert.deepEqual(platform.catalog.get(session(), 'test-erp').authenticationTypes, ['basic']);
  });

  test('instances survive a restart; another encryption key stops start-up with a clear message', async () => {
    const s = session();
    const instance = await platform.instances.create(s, erp());
    const reopened = await createPlatform(options());
    try {
      assert.deepEqual(await reopened.instances.get(s, instance.id), instance);
      // Re-authenticating decrypts the stored password (left empty here).
      const reauth = await reopened.instances.update(s, instance.id, {
        configuration: { 'account.id': ERP.account, 'user.username': ERP.user },
      });
      assert.equal(reauth.status, 'connected');
    } finally {
      await reopened.close();
    }
    await assert.rejects(
      createPlatform(options({ encryptionKey: randomBytes(32).toString('base64') })),
      /encryption key does not match/,
    );
  });
});
