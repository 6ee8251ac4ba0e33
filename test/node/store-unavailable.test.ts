import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { databaseUnavailableProblem, openStore } from '../../src/server/store/store.js';
import { describeStores, TEST_DATABASE_URL } from './stores.js';

/** The error a promise rejects with. */
async function errorOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => assert.fail('expected the database call to fail'),
    (e: unknown) => e,
  );
}

function assertUnavailable(err: unknown) {
  const problem = databaseUnavailableProblem(err);
  assert.ok(problem, `an unavailable database: ${String(err)}`);
  assert.equal(problem.code, 'database_unavailable');
  assert.equal(problem.status, 503);
  assert.equal(problem.headers?.['retry-after'], '5');
  assert.equal(problem.cause, err, 'the driver error is kept for the log');
  assert.ok(!JSON.stringify(problem.toJSON()).includes((err as Error).message), 'and never answered');
}

// Real driver errors, not hand-made ones: what each database says when it is gone, and what it says about a bad query.
describeStores('database errors', (store) => {
  if (store.kind === 'SQLite') {
    test('SQLite: a write lock held elsewhere past the busy timeout, or a file that cannot be opened, is unavailability', async () => {
      const s = await openStore(store.options());
      const file = join(store.options().dataDir, 'ce.sqlite');
      const holder = new SQLite(file);
      const other = new SQLite(file);
      try {
        holder.exec('begin immediate');
        other.pragma('busy_timeout = 0');
        let busy: unknown;
        try {
          other.prepare("insert into platform_meta (key, value) values ('busy', 'x')").run();
        } catch (e) {
          busy = e;
        }
        assertUnavailable(busy);
        holder.exec('rollback');
        let cantOpen: unknown;
        try {
          new SQLite(store.options().dataDir); // a directory where the file should be
        } catch (e) {
          cantOpen = e;
        }
        assertUnavailable(cantOpen);
        const bad = await errorOf(
          s.db
            .selectFrom('no_such_table' as 'instances')
            .selectAll()
            .execute(),
        );
        assert.equal(databaseUnavailableProblem(bad), undefined, 'a bad query is our bug, not an outage');
      } finally {
        holder.close();
        other.close();
        await s.close();
      }
    });
  } else {
    test('PostgreSQL: a refused connection or a terminated backend is unavailability; a bad query or a constraint is not', async () => {
      const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
      assertUnavailable(await errorOf(refused.connect()));

      const victim = new pg.Client({ connectionString: TEST_DATABASE_URL });
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await victim.connect();
      await admin.connect();
      try {
        victim.on('error', () => {}); // the FATAL message after the query's own error
        const pid = ((await victim.query('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
        const sleeping = errorOf(victim.query('select pg_sleep(30)'));
        await admin.query('select pg_terminate_backend($1)', [pid]);
        const terminated = await sleeping;
        assert.equal((terminated as { code?: string }).code, '57P01', String(terminated));
        assertUnavailable(terminated);
        assertUnavailable(await errorOf(victim.query('select 1')));
      } finally {
        await victim.end().catch(() => {});
        await admin.end();
      }

      const s = await openStore(store.options());
      try {
        const bad = await errorOf(
          s.db
            .selectFrom('no_such_table' as 'instances')
            .selectAll()
            .execute(),
        );
        assert.equal(databaseUnavailableProblem(bad), undefined, 'a bad query is our bug, not an outage');
        await s.db.insertInto('platform_meta').values({ key: 'dup', value: 'x' }).execute();
        const dup = await errorOf(s.db.insertInto('platform_meta').values({ key: 'dup', value: 'x' }).execute());
        assert.equal(databaseUnavailableProblem(dup), undefined, 'a constraint violation is not an outage');
      } finally {
        await s.close();
      }
    });
  }
});
