import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startProxy } from '../../src/server/main.js';
import { ADMIN_KEY, assertProblem, captureLogs, mintSession, testConfig } from './proxy-fixtures.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

let vendor: Awaited<ReturnType<typeof startVendor>>;
let dataDir: string;
before(async () => {
  vendor = await startVendor(erpHandler);
  dataDir = await mkdtemp(join(tmpdir(), 'ce-main-'));
});
after(async () => {
  await vendor.close();
  await rm(dataDir, { recursive: true, force: true });
});

const platformSettings = () => ({
  definitions: testDefinitions(),
  secrets: testSecrets,
  dataDir,
  development: true,
  vars: { SANDBOX_URL: vendor.url },
  timeoutMs: 2000,
});

describe('startProxy', () => {
  test('serves the real platform, logs skipped elements, closes gracefully', async () => {
    const logs = captureLogs();
    const proxy = await startProxy(testConfig({ platform: platformSettings() }), { logger: logs.logger });
    try {
      assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(proxy.address, '127.0.0.1', 'development listens on loopback only');
      const token = await mintSession(proxy.url, ADMIN_KEY, { tenantId: 'acme', userId: 'ada' });
      const created = await fetch(`${proxy.url}/instances`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          element: { key: 'test-erp' },
          authenticationType: 'basic',
          configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
        }),
      });
      assert.equal(created.status, 201);
      const list = (await (
        await fetch(`${proxy.url}/instances`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as unknown[];
      assert.equal(list.length, 1);
      const skipped = logs.lines().filter((l) => typeof l.element === 'string' && /left out of the catalog/.test(String(l.msg)));
      assert.ok(
        skipped.some((l) => l.element === 'test-partner' && /partner\.secret/.test(String(l.reason))),
        'names the missing secret',
      );
    } finally {
      await proxy.close();
    }
    await assert.rejects(fetch(`${proxy.url}/elements`), 'closed: no longer listening');
    assert.ok(logs.lines().some((l) => l.msg === 'Proxy closed'));
  });

  test('outside development it listens on every interface, unless a host is set', async () => {
    const platform = { ...platformSettings(), development: false };
    const open = await startProxy(testConfig({ development: false, platform }), { logger: captureLogs().logger });
    await open.close();
    assert.equal(open.address, '0.0.0.0');
    const pinned = await startProxy(testConfig({ development: false, host: '127.0.0.1', platform }), { logger: captureLogs().logger });
    await pinned.close();
    assert.equal(pinned.address, '127.0.0.1');
  });

  test('close lets a request in flight finish', async () => {
    const proxy = await startProxy(testConfig({ platform: platformSettings() }), { logger: captureLogs().logger });
    const token = await mintSession(proxy.url, ADMIN_KEY, { tenantId: 'slow', userId: 'ada' });
    // Account WAIT makes the vendor answer after a moment, so close() starts while this is in flight.
    const inFlight = fetch(`${proxy.url}/instances`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        element: { key: 'test-erp' },
        authenticationType: 'basic',
        configuration: { 'account.id': 'WAIT', 'user.username': ERP.user, 'user.password': ERP.password },
      }),
    });
    for (let i = 0; !vendor.calls.includes('/erp/WAIT/verify'); i++) {
      if (i > 1000) assert.fail('the vendor was never called');
      await new Promise((r) => setTimeout(r, 5));
    }
    const closed = proxy.close();
    assert.equal((await inFlight).status, 201);
    await closed;
  });

  test('serves under a base path', async () => {
    const proxy = await startProxy(testConfig({ basePath: '/ce', platform: platformSettings() }), { logger: captureLogs().logger });
    try {
      assert.match(proxy.url, /\/ce$/);
      await assertProblem(await fetch(`${proxy.url}/elements`), 'session_invalid');
      await assertProblem(await fetch(proxy.url.replace(/\/ce$/, '/elements')), 'not_found');
    } finally {
      await proxy.close();
    }
  });

  test("headers over Node's limit are a headers_too_large problem, and the server serves on", async () => {
    const proxy = await startProxy(testConfig({ platform: platformSettings() }), { logger: captureLogs().logger });
    try {
      const res = await fetch(`${proxy.url}/elements`, { headers: { Authorization: `Bearer ${'a'.repeat(100_000)}` } });
      const body = await assertProblem(res, 'headers_too_large');
      assert.match(body.detail ?? '', /larger than \d+ bytes/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      await assertProblem(await fetch(`${proxy.url}/elements`), 'session_invalid');
    } finally {
      await proxy.close();
    }
  });
});

describe('tsx src/server/main.ts', () => {
  const run = (env: Record<string, string>) =>
    spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { PATH: process.env.PATH ?? '', CE_PORT: '0', CE_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  test('starts from the environment and stops on SIGTERM', async () => {
    const elementsDir = await mkdtemp(join(tmpdir(), 'ce-main-elements-'));
    try {
      const def = testDefinitions().find((d) => d.key === 'test-erp')!;
      await writeFile(join(elementsDir, 'test-erp.json'), JSON.stringify(def));
      const child = run({
        CE_DEVELOPMENT: 'true',
        CE_ELEMENTS_DIR: elementsDir,
        CE_SANDBOX_URL: vendor.url,
        CE_SECRETS: JSON.stringify(testSecrets),
        CE_ALLOWED_ORIGINS: 'https://app.example.com',
      });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      after(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
      });
      const lines = createInterface({ input: child.stdout });
      let url = '';
      for await (const line of lines) {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg?.startsWith('Proxy listening')) {
          url = entry.url!;
          break;
        }
      }
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/elements`, { headers: { Origin: 'https://app.example.com' } });
      await assertProblem(res, 'session_invalid', /session token is required/);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      await rm(elementsDir, { recursive: true, force: true });
    }
  });

  test('a bad setting stops start-up with a message naming it', async () => {
    const child = run({ CE_PORT: 'eighty' });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    assert.equal(code, 1);
    assert.match(stderr, /Invalid configuration: CE_PORT: must be a whole number/);
  });
});
