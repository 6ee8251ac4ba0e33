import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ProblemError } from '../../src/server/problem.js';
import { ADMIN_KEY, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { browser, callback, connectCrm, consent, crmElement, sandboxStats } from './oauth-fixtures.js';
import { describeStores, type StoreFixture } from './stores.js';

/**
 * Token refresh as the engine's calls meet it: before expiry, on a 401, by two replicas at once
 * (exactly one refresh reaches the provider), and a refused refresh marking the connection.
 */
let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

const session = { tenantId: 'acme', userId: 'ada' };
/** The verify endpoint of Sandbox CRM, called as the host's backend does: through the passthrough (OAuth refresh included). */
const me = (platform: EmbeddedPlatform, id: string) =>
  platform.connections.passthrough(id, { method: 'GET', path: 'me', search: '', headers: new Headers(), body: null });
const refreshes = async () => (await sandboxStats(sandbox.url)).refresh_token ?? 0;

/** `count` replicas (platform + proxy) on the suite's database, sharing one clock the tests move. */
function replicasOf(store: StoreFixture, count: number) {
  const ctx = { clock: Date.now(), url: '', replicas: [] as { platform: EmbeddedPlatform; close(): Promise<void> }[] };
  const logs = captureLogs();
  before(async () => {
    const { definitions, secrets } = await crmElement();
    for (let i = 0; i < count; i++) {
      const platform = await createPlatform({
        ...store.options(),
        definitions,
        secrets,
        development: true,
        vars: { SANDBOX_URL: sandbox.url },
        timeoutMs: 2000,
        oauthCallbackUrl: () => `${ctx.url}/oauth/callback`,
        now: () => ctx.clock,
        logger: logs.logger,
      });
      const server = await listen(createApp({ platform, config: testConfig(), logger: logs.logger }).fetch);
      ctx.url ||= server.url;
      ctx.replicas.push({
        platform,
        close: async () => {
          await server.close();
          await platform.close();
        },
      });
    }
  });
  after(async () => {
    for (const r of ctx.replicas) await r.close();
  });
  const b = async () => browser(ctx.url, await mintSession(ctx.url, ADMIN_KEY, session));
  return { ctx, b, connect: async () => connectCrm(ctx.url, await b()) };
}

describeStores('OAuth 2 token refresh', (store) => {
  const { ctx, b, connect } = replicasOf(store, 1);
  const call = (id: string) => me(ctx.replicas[0]!.platform, id);

  test('a token that expires within a minute is refreshed before the call; a fresh one is not', async () => {
    const id = await connect();
    const start = await refreshes();
    assert.equal((await call(id)).status, 200);
    assert.equal(await refreshes(), start, 'a fresh token is used as it is');
    ctx.clock += 3600_000 - 30_000; // the sandbox's tokens live an hour
    try {
      assert.equal((await call(id)).status, 200);
      assert.equal(await refreshes(), start + 1);
      assert.equal((await call(id)).status, 200);
      assert.equal(await refreshes(), start + 1, 'the rotated token was saved: no second refresh');
    } finally {
      ctx.clock = Date.now();
    }
  });

  test('a 401 from the app refreshes once and retries once', async () => {
    const id = await connect();
    const start = await refreshes();
    await fetch(`${sandbox.url}/crm/__expire`, { method: 'POST' });
    assert.equal((await call(id)).status, 200);
    assert.equal(await refreshes(), start + 1);
    assert.equal((await call(id)).status, 200);
    assert.equal(await refreshes(), start + 1, 'the refreshed token was kept');
  });

  test('a refused refresh marks the connection needs_attention (refresh_failed); reconnecting restores it with its id', async () => {
    const id = await connect();
    await fetch(`${sandbox.url}/crm/__revoke`, { method: 'POST' });
    await assert.rejects(call(id), (e: unknown) => e instanceof ProblemError && e.code === 'refresh_failed');
    const marked = await ctx.replicas[0]!.platform.instances.get(session, id);
    assert.equal(marked.status, 'needs_attention');
    assert.equal(marked.statusReason, 'refresh_failed');
    assert.match(marked.statusMessage ?? '', /Reconnect it/);

    const user = await b();
    const { oauthUrl, flowId } = (await (await user.start({ instanceId: id })).json()) as { oauthUrl: string; flowId: string };
    await callback(ctx.url, await consent(oauthUrl));
    const flow = (await (await user.flow(flowId)).json()) as { instance: { id: string; status: string; statusReason?: string } };
    assert.deepEqual([flow.instance.id, flow.instance.status, flow.instance.statusReason], [id, 'connected', undefined]);
    assert.equal((await call(id)).status, 200);
  });
});

// Replicas share PostgreSQL; SQLite serves one process (its lock would block the other's event loop).
describeStores(
  'OAuth 2 token refresh by two replicas',
  (store) => {
    const { ctx, connect } = replicasOf(store, 2);
    test('two replicas meeting a 401 at once: exactly one refresh reaches the provider, both end with a working token', async () => {
      const id = await connect();
      const start = await refreshes();
      await fetch(`${sandbox.url}/crm/__expire`, { method: 'POST' });
      // The first refresh takes a moment, so the other replica meets the locked row while it runs.
      await fetch(`${sandbox.url}/crm/__fail-token?delay=500&times=1`, { method: 'POST' });
      const answers = await Promise.all(ctx.replicas.map((r) => me(r.platform, id)));
      assert.deepEqual(
        answers.map((r) => r.status),
        [200, 200],
      );
      assert.equal(await refreshes(), start + 1);
      for (const r of ctx.replicas) assert.equal((await me(r.platform, id)).status, 200);
      assert.equal(await refreshes(), start + 1);
    });
  },
  ['PostgreSQL'],
);
