import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createCredentials, type Credentials } from '../../src/server/platform/credentials.js';
import { createSealer, DecryptionError } from '../../src/server/platform/crypto.js';
import { openStore, type InstanceRow, type Store } from '../../src/server/store/store.js';
import { describeStores } from './stores.js';
import { ERP, testDefinitions, testSecrets } from './test-elements.js';

describeStores('credentials', (fixture) => {
  let store: Store;
  let credentials: Credentials;
  before(async () => {
    store = await openStore(fixture.options());
    credentials = createCredentials({
      store,
      sealer: createSealer(randomBytes(32)),
      secrets: testSecrets,
      engine: { vars: {}, development: true, timeoutMs: 2000 },
    });
  });
  after(() => store.close());

  const insert = async (tenant: string, values: Record<string, string>): Promise<InstanceRow> => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const row: InstanceRow = {
      id,
      tenant_id: tenant,
      user_id: 'u',
      element_key: 'test-erp',
      authentication_type: 'basic',
      name: 'ERP',
      configuration: '{}',
      credentials: credentials.seal(id, values),
      status: 'needs_attention',
      status_message: 'expired',
      status_reason: null,
      checked_at: null,
      identity: null,
      created_at: now,
      updated_at: now,
    };
    await store.db.insertInto('instances').values(row).execute();
    return row;
  };
  const reread = (id: string) => store.db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('sealed values open only on the row they were sealed for', async () => {
    const row = await insert('t1', { 'user.password': ERP.password });
    assert.ok(!row.credentials.includes(ERP.password));
    assert.deepEqual(credentials.open(row), { 'user.password': ERP.password });
    assert.throws(() => credentials.open({ id: randomUUID(), credentials: row.credentials }), DecryptionError);
  });

  test('save re-encrypts the values with the other columns in one write; another tenant or a missing id saves nothing', async () => {
    const row = await insert('t1', { 'user.password': 'old' });
    assert.equal(
      await credentials.save('t1', row.id, { 'user.password': 'new' }, { status: 'connected', status_message: null }),
      true,
    );
    const saved = await reread(row.id);
    assert.deepEqual(credentials.open(saved), { 'user.password': 'new' });
    assert.notEqual(saved.credentials, row.credentials);
    assert.deepEqual([saved.status, saved.status_message], ['connected', null]);
    assert.equal(await credentials.save('t2', row.id, { 'user.password': 'theirs' }), false);
    assert.equal(await credentials.save('t1', randomUUID(), { 'user.password': 'nobody' }), false);
    assert.deepEqual(credentials.open(await reread(row.id)), { 'user.password': 'new' });
  });

  test("a vendor call sees the hidden settings' defaults, the user's values, and the host's secrets, which no user value replaces", () => {
    const def = testDefinitions().find((d) => d.key === 'test-erp')!;
    const auth = def.authenticationTypes.find((a) => a.type === 'basic')!;
    assert.deepEqual(credentials.withHostValues(def, auth, { 'user.username': 'ada' }), {
      'api.version': 'v2',
      'partner.key': ERP.partnerKey,
      'user.username': 'ada',
    });
    assert.equal(credentials.withHostValues(def, auth, { 'api.version': 'v3' })['api.version'], 'v3');
    assert.equal(credentials.withHostValues(def, auth, { 'partner.key': 'mine' })['partner.key'], ERP.partnerKey);
    const desk = testDefinitions().find((d) => d.key === 'test-desk')!;
    assert.deepEqual(credentials.withHostValues(desk, desk.authenticationTypes[0]!, { subdomain: 'acme' }), { subdomain: 'acme' });
  });
});
