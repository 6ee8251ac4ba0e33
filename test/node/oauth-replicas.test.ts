import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { sandboxSecrets } from '../../demo/start.js';
import { ADMIN_KEY, ALLOWED_ORIGIN, mintSession } from './proxy-fixtures.js';
import { browser, callback, consent, postedMessage } from './oauth-fixtures.js';
import { describeStores } from './stores.js';

/** The "must show": two proxy processes on one PostgreSQL database; the flow starts on one and finishes on the other. */
const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

/** `tsx src/server/main.ts` with `env`; resolves with its URL once it listens. */
async function proxyProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', CE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg?.startsWith('Proxy listening')) {
      child.stdout.resume(); // keep draining its log
      return { url: entry.url!, child };
    }
  }
  throw new Error('the proxy process ended before it listened');
}

describeStores(
  'two proxy processes',
  (store) => {
    test('a flow started on one process is finished by the other', async () => {
      const { databaseUrl, databaseSchema, dataDir } = store.options();
      const env = {
        DATABASE_URL: databaseUrl!,
        CE_DATABASE_SCHEMA: databaseSchema!,
        CE_DATA_DIR: dataDir,
        CE_DEVELOPMENT: 'true',
        CE_LOG_LEVEL: 'info', // its 'Proxy listening' line says where it is
        CE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        CE_ADMIN_API_KEY: ADMIN_KEY,
        CE_SESSION_SECRET: randomBytes(32).toString('base64url'),
        CE_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
        CE_SANDBOX_URL: sandbox.url,
        CE_SECRETS: JSON.stringify(sandboxSecrets()),
        // The load balancer's address, the same for both: the redirect URI registered with the provider.
        CE_PUBLIC_URL: 'http://127.0.0.1:9',
      };
      // One after the other: both run the migrations at start-up.
      const one = await proxyProcess(env);
      const two = await proxyProcess(env);
      assert.notEqual(one.url, two.url);
      const token = await mintSession(one.url, ADMIN_KEY, { tenantId: 'acme', userId: 'ada' });
      const started = (await (await browser(one.url, token).start()).json()) as { oauthUrl: string; flowId: string };
      const back = await consent(started.oauthUrl);
      assert.equal(back.origin + back.pathname, 'http://127.0.0.1:9/oauth/callback');
      const html = await (await callback(two.url, back)).text();
      assert.deepEqual(postedMessage(html).message, { type: 'ce:oauth', flowId: started.flowId, status: 'connected' });
      const flow = (await (await browser(one.url, token).flow(started.flowId)).json()) as { status: string; instance: { id: string } };
      assert.equal(flow.status, 'connected');
      assert.equal((await browser(two.url, token).instance(flow.instance.id)).status, 200);
    });
  },
  ['PostgreSQL'],
);
