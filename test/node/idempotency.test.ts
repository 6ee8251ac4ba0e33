import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createSealer } from '../../src/server/platform/crypto.js';
import { createIdempotency, type Idempotency } from '../../src/server/platform/idempotency.js';
import { openStore, type Store } from '../../src/server/store/store.js';
import { describeStores } from './stores.js';
import { problemOf } from './test-elements.js';

const HOUR = 3600_000;

describeStores('idempotency', (fixture) => {
  let store: Store;
  let idempotency: Idempotency;
  before(async () => {
    store = await openStore(fixture.options());
    idempotency = createIdempotency({ db: store.db, sealer: createSealer(randomBytes(32)), waitMs: 1_000 });
  });
  after(() => store.close());

  /** What a create does: store an instance and mark the key done in the same transaction. */
  const creator = (tenant: string, key: string) => {
    let runs = 0;
    const run = async () => {
      runs++;
      const id = randomUUID();
      const now = new Date().toISOString();
      await store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('instances')
          .values({
            id,
            tenant_id: tenant,
            user_id: 'u',
            element_key: 'e',
            authentication_type: 'basic',
            name: 'n',
            configuration: '{}',
            credentials: 'x',
            status: 'connected',
            status_message: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await idempotency.complete(trx, tenant, key, id);
      });
      return id;
    };
    return { run, runs: () => runs };
  };
  const replay = async (id: string) => id;
  const keyRow = (tenant: string, key: string) =>
    store.db.selectFrom('idempotency_keys').selectAll().where('tenant_id', '=', tenant).where('key', '=', key).executeTakeFirst();

  test('the same request runs once and replays what it made, whatever its key order; another request is refused', async () => {
    const tenant = `t-${randomUUID()}`;
    const c = creator(tenant, 'k1');
    const first = await idempotency.once(tenant, 'k1', { a: 1, b: { c: [1, 2] } }, c.run, replay);
    const again = await idempotency.once(tenant, 'k1', { b: { c: [1, 2] }, a: 1 }, c.run, replay);
    assert.equal(again, first);
    assert.equal(c.runs(), 1);
    const reused = await problemOf(idempotency.once(tenant, 'k1', { a: 2, b: { c: [1, 2] } }, c.run, replay));
    assert.equal(reused.code, 'idempotency_key_reused');
    assert.equal((await keyRow(tenant, 'k1'))?.state, 'done');
  });

  test('a pending key older than the wait (its process died) is taken over', async () => {
    const tenant = `t-${randomUUID()}`;
    // A first request that claims the key and never finishes, as if its process had died.
    await new Promise<void>((claimed) => {
      void idempotency.once(tenant, 'k2', { a: 1 }, () => (claimed(), new Promise<string>(() => {})), replay);
    });
    await store.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 5_000).toISOString() })
      .where('tenant_id', '=', tenant)
      .execute();
    const c = creator(tenant, 'k2');
    const id = await idempotency.once(tenant, 'k2', { a: 1 }, c.run, replay);
    assert.equal(c.runs(), 1);
    assert.equal((await keyRow(tenant, 'k2'))?.instance_id, id);
  });

  test('a malformed key is validation_failed, and nothing runs or is stored', async () => {
    const tenant = `t-${randomUUID()}`;
    const c = creator(tenant, 'x');
    for (const key of ['', 'k'.repeat(201), 'tab\tkey', 'ключ']) {
      assert.equal((await problemOf(idempotency.once(tenant, key, {}, c.run, replay))).code, 'validation_failed', JSON.stringify(key));
    }
    assert.equal(c.runs(), 0);
    assert.deepEqual(await store.db.selectFrom('idempotency_keys').selectAll().where('tenant_id', '=', tenant).execute(), []);
  });

  test('purgeExpired deletes keys older than 24 hours and keeps the others', async () => {
    const tenant = `t-${randomUUID()}`;
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    await store.db
      .insertInto('idempotency_keys')
      .values([
        { tenant_id: tenant, key: 'old', fingerprint: 'f', instance_id: null, state: 'pending', created_at: at(25 * HOUR) },
        { tenant_id: tenant, key: 'young', fingerprint: 'f', instance_id: null, state: 'pending', created_at: at(23 * HOUR) },
      ])
      .execute();
    await idempotency.purgeExpired();
    const keys = await store.db.selectFrom('idempotency_keys').select('key').where('tenant_id', '=', tenant).execute();
    assert.deepEqual(
      keys.map((k) => k.key),
      ['young'],
    );
  });
});
