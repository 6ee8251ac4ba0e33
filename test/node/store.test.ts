import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../../src/server/store/store.js';
import { describeStores } from './stores.js';

describeStores('store', (store) => {
  test('migrations run at start-up and again are a no-op', async () => {
    const a = await openStore(store.options());
    const b = await openStore(store.options());
    try {
      assert.equal(a.dialect, store.kind === 'SQLite' ? 'sqlite' : 'postgres');
      const tables = (await b.db.introspection.getTables()).map((t) => t.name).sort();
      for (const t of ['idempotency_keys', 'instances', 'platform_meta']) assert.ok(tables.includes(t), t);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('an idempotency key is unique per tenant and goes with its instance', async () => {
    const s = await openStore(store.options());
    try {
      const now = new Date().toISOString();
      const instance = {
        id: 'i-1',
        tenant_id: 't1',
        user_id: 'u',
        element_key: 'e',
        authentication_type: 'basic',
        name: 'E',
        configuration: '{}',
        credentials: 'v1.x.y.z',
        status: 'connected',
        status_message: null,
        created_at: now,
        updated_at: now,
      };
      await s.db.insertInto('instances').values(instance).execute();
      const key = { tenant_id: 't1', key: 'k', fingerprint: 'f', instance_id: 'i-1', state: 'done' as const, created_at: now };
      await s.db.insertInto('idempotency_keys').values(key).execute();
      await assert.rejects(s.db.insertInto('idempotency_keys').values(key).execute());
      await s.db
        .insertInto('idempotency_keys')
        .values({ ...key, tenant_id: 't2', instance_id: null, state: 'pending' })
        .execute();
      // Foreign keys are on (SQLite needs the pragma): no key may point at a missing instance.
      await assert.rejects(
        s.db
          .insertInto('idempotency_keys')
          .values({ ...key, key: 'k2', instance_id: 'missing' })
          .execute(),
      );
      await s.db.deleteFrom('instances').where('id', '=', 'i-1').execute();
      const left = await s.db.selectFrom('idempotency_keys').select(['tenant_id', 'key']).execute();
      assert.deepEqual(left, [{ tenant_id: 't2', key: 'k' }]);
    } finally {
      await s.close();
    }
  });
});

test('SQLite lives in the data directory, in WAL mode', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-sqlite-'));
  try {
    const s = await openStore({ dataDir: join(dir, 'nested') });
    try {
      assert.equal(s.location, join(dir, 'nested', 'ce.sqlite'));
      const { rows } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(s.db);
      assert.equal(rows[0]?.journal_mode, 'wal');
    } finally {
      await s.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the SQLite database and its -wal and -shm files are owner-only (0600), like the key files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-sqlite-mode-'));
  const file = join(dir, 'ce.sqlite');
  const modes = async () =>
    Promise.all([file, `${file}-wal`, `${file}-shm`].map(async (f) => ((await stat(f)).mode & 0o777).toString(8)));
  try {
    const fresh = await openStore({ dataDir: dir });
    try {
      await fresh.db.insertInto('platform_meta').values({ key: 'k', value: 'v' }).execute();
      assert.deepEqual(await modes(), ['600', '600', '600']);
    } finally {
      await fresh.close();
    }
    // A database an older version left readable by everyone is tightened at start-up, and the log says so.
    await writeFile(`${file}-wal`, '');
    for (const f of [file, `${file}-wal`]) await chmod(f, 0o644);
    const warnings: string[] = [];
    const again = await openStore({ dataDir: dir, logger: { warn: (_o, msg) => void warnings.push(msg ?? '') } });
    try {
      await again.db.insertInto('platform_meta').values({ key: 'k2', value: 'v' }).execute();
      assert.deepEqual(await modes(), ['600', '600', '600']);
      assert.equal(warnings.filter((w) => /owner-only \(0600\)/.test(w)).length, 2, warnings.join('\n'));
    } finally {
      await again.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad database URL or an unreachable PostgreSQL is a clear start-up error without the password', async () => {
  await assert.rejects(
    openStore({ dataDir: tmpdir(), databaseUrl: 'mysql://u:pw@host/db' }),
    /must start with postgres:\/\/ \(got mysql:\/\/u:\*\*\*@host\/db\)/,
  );
  await assert.rejects(
    openStore({ dataDir: tmpdir(), databaseUrl: 'postgres://u:hunter2@127.0.0.1:1/db' }),
    (e: Error) =>
      /Cannot open the PostgreSQL database at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/.test(e.message) &&
      !e.message.includes('hunter2'),
  );
  await assert.rejects(
    openStore({ dataDir: tmpdir(), databaseUrl: 'postgres://127.0.0.1:1/db', databaseSchema: 'x; drop' }),
    /Invalid database schema/,
  );
});
