import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startProxy } from '../../src/server/main.js';
import { ADMIN_KEY, assertProblem, captureLogs, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores, TEST_DATABASE_URL } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/** A TCP forwarder to PostgreSQL that a test can cut (connections refused, open ones ended) and restore on the same port. */
async function startForwarder(host: string, port: number) {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (at: number) =>
    new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', fail);
        ok();
      });
    });
  await listen(0);
  const own = (server.address() as AddressInfo).port;
  return {
    port: own,
    async cut() {
      const closed = new Promise((done) => server.close(done));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: () => listen(own),
  };
}

/** Waits for a condition the proxy reaches by itself (no time limit here: the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

describeStores(
  'the proxy when PostgreSQL goes away',
  (store) => {
    test(
      'survives ended connections, answers 503 while the database is unreachable, and serves again once it is back',
      { timeout: 60_000 },
      async () => {
        const target = new URL(TEST_DATABASE_URL);
        const forwarder = await startForwarder(target.hostname, Number(target.port || 5432));
        // The proxy's backends carry this name, so the test can end exactly them.
        const applicationName = `ce-fault-${randomBytes(4).toString('hex')}`;
        const databaseUrl = new URL(TEST_DATABASE_URL);
        databaseUrl.host = `127.0.0.1:${forwarder.port}`;
        databaseUrl.searchParams.set('application_name', applicationName);
        const logs = captureLogs();
        const platform = {
          ...store.options(),
          databaseUrl: databaseUrl.toString(),
          definitions: testDefinitions(),
          secrets: testSecrets,
          development: true,
          vars: { SANDBOX_URL: vendor.url },
          timeoutMs: 5000,
        };
        const proxy = await startProxy(testConfig({ platform }), { logger: logs.logger });
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        try {
          const token = await mintSession(proxy.url, ADMIN_KEY, { tenantId: 'faults', userId: 'ada' });
          const auth = { Authorization: `Bearer ${token}` };
          const list = () => fetch(`${proxy.url}/instances`, { headers: auth });
          const create = (key: string) =>
            fetch(`${proxy.url}/instances`, {
              method: 'POST',
              headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
              body: JSON.stringify({
                element: { key: 'test-erp' },
                authenticationType: 'basic',
                configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
              }),
            });
          const count = async (res: Response) => {
            assert.equal(res.status, 200);
            return ((await res.json()) as unknown[]).length;
          };
          assert.equal((await create('before')).status, 201);

          const ended = () => logs.lines().filter((l) => /PostgreSQL ended an idle connection/.test(String(l.msg))).length;
          for (let round = 0; round < 3; round++) {
            const seen = ended();
            const { rows } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
              applicationName,
            ]);
            assert.ok(rows.length > 0, 'the proxy had pooled connections to end');
            await until(() => ended() >= seen + rows.length);
            assert.equal(await count(await list()), 1, `round ${round}: answers again on new connections`);
          }

          await forwarder.cut();
          const down = await list();
          await assertProblem(down, 'database_unavailable');
          assert.equal(down.headers.get('retry-after'), '5');
          await assertProblem(await create('during'), 'database_unavailable');
          assert.ok(
            logs.lines().some((l) => l.code === 'database_unavailable' && l.err !== undefined),
            'the driver error is logged for the operator',
          );

          await forwarder.restore();
          assert.equal(await count(await list()), 1, 'serves again without a restart');
          assert.equal((await create('during')).status, 201, 'the refused create succeeds when retried with its key');
          assert.equal(await count(await list()), 2);
        } finally {
          await admin.end();
          await proxy.close();
          await forwarder.cut();
        }
      },
    );
  },
  ['PostgreSQL'],
);
