import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SANDBOX_CREDENTIALS, startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { createSealer, loadOrCreateKey } from '../../src/server/platform/crypto.js';
import { openStore } from '../../src/server/store/store.js';
import { ADMIN_KEY, mintSession } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { memoryLogger } from './test-elements.js';

const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
const TOTAL = 40;
const PARALLEL = 8;
const KILL_AFTER = 10;

interface Running {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `tsx src/server/main.ts` as its own process, as an operator runs it; its output is drained so it never blocks on a full pipe. */
async function startMain(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return; // only the proxy's own JSON log lines
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg?.startsWith('Proxy listening')) ok(entry.url!);
    });
    void exited.then(() => fail(new Error(`the proxy exited before listening: ${stderr}`)));
  });
  return { url, child, exited };
}

/** POST /instances for Sandbox ERP with an Idempotency-Key, unnamed (so default names are chosen too). */
const create = (url: string, token: string, key: string) =>
  fetch(`${url}/instances`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: SANDBOX_CREDENTIALS.erp }),
  });

/** Runs `each` over 0..TOTAL-1 with PARALLEL requests at a time, until `stop` says so. */
async function inParallel(each: (i: number) => Promise<void>, stop = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < TOTAL && !stop()) await each(next++);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
after(() => sandbox.close());

describeStores('kill -9 during concurrent creates', (store) => {
  test(
    'after a restart every acknowledged instance is there once, every retry answers it, every credential decrypts',
    { timeout: 120_000 },
    async () => {
      const { dataDir, databaseUrl, databaseSchema } = store.options();
      const env = {
        CE_PORT: '0',
        CE_DATA_DIR: dataDir,
        CE_DEVELOPMENT: 'true',
        CE_ADMIN_API_KEY: ADMIN_KEY,
        CE_SANDBOX_URL: sandbox.url,
        // Keeps the wait for keys the killed process left pending short (twice this plus 5 s).
        CE_OUTBOUND_TIMEOUT_MS: '1000',
        // One user's burst of creates and their retries is the point here, not the credential limits.
        CE_RATE_LIMIT_CREDENTIALS_PER_USER: '100000',
        CE_RATE_LIMIT_CREDENTIALS_PER_TENANT: '100000',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        ...(databaseSchema ? { CE_DATABASE_SCHEMA: databaseSchema } : {}),
      };

      const first = await startMain(env);
      // The session secret is generated into the data dir: the token outlives the process.
      const token = await mintSession(first.url, ADMIN_KEY, { tenantId: 'crash', userId: 'ada' });
      const acknowledged = new Map<string, string>();
      const unexpected: number[] = [];
      let cut = 0;
      await inParallel(
        async (i) => {
          try {
            const res = await create(first.url, token, `crash-${i}`);
            if (res.status !== 201) return void unexpected.push(res.status);
            acknowledged.set(`crash-${i}`, ((await res.json()) as { id: string }).id);
            if (acknowledged.size === KILL_AFTER) first.child.kill('SIGKILL');
          } catch {
            cut++; // in flight when the process died
          }
        },
        () => first.child.signalCode !== null,
      );
      assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
      assert.deepEqual(unexpected, []);
      assert.ok(acknowledged.size >= KILL_AFTER);
      assert.ok(cut > 0, 'some creates were in flight when the process was killed');

      const second = await startMain(env);
      const ids = new Map<string, string>();
      await inParallel(async (i) => {
        const res = await create(second.url, token, `crash-${i}`);
        assert.equal(res.status, 201, `retry of crash-${i}: ${await res.clone().text()}`);
        ids.set(`crash-${i}`, ((await res.json()) as { id: string }).id);
      });
      for (const [key, id] of acknowledged) assert.equal(ids.get(key), id, `${key} answers the instance it acknowledged`);
      const listed = (await (await fetch(`${second.url}/instances`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        id: string;
        name: string;
      }[];
      assert.deepEqual(listed.map((i) => i.id).sort(), [...ids.values()].sort(), 'one instance per key, none twice');
      assert.equal(new Set(listed.map((i) => i.name)).size, TOTAL, 'distinct default names');
      second.child.kill('SIGTERM');
      assert.deepEqual(await second.exited, { code: 0, signal: null });

      const raw = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}), ...(databaseSchema ? { databaseSchema } : {}) });
      try {
        const sealer = createSealer(await loadOrCreateKey({ dataDir, logger: memoryLogger() }));
        const rows = await raw.db.selectFrom('instances').select(['id', 'credentials']).execute();
        assert.equal(rows.length, TOTAL);
        for (const row of rows) {
          const values = JSON.parse(sealer.decrypt(row.credentials, row.id)) as Record<string, string>;
          assert.equal(values['user.password'], SANDBOX_CREDENTIALS.erp['user.password']);
        }
      } finally {
        await raw.close();
      }
    },
  );
});
