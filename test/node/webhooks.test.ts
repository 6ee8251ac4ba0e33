import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { WebhookDelivery } from '../../src/contract/index.js';
import { createPlatform, type PlatformOptions } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, captureLogs, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * Signed webhooks to the host: every event delivered at least once from a durable queue (pg-boss
 * on PostgreSQL, the deliveries table on SQLite), retried, kept across a restart, and never sent
 * twice at once by two replicas. Signatures are checked with the standardwebhooks package.
 */
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const vendorState = { password: ERP.password };

type Received = { id: string; headers: Record<string, string>; body: string };
/** The host's endpoint: answers each request with the next scripted answer (a status, or 'slow'), then 200. */
const receiver = { script: [] as (number | 'slow')[], received: [] as Received[], inFlight: new Map<string, number>(), overlaps: 0 };

async function hostEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const id = String(req.headers['webhook-id']);
  const n = (receiver.inFlight.get(id) ?? 0) + 1;
  if (n > 1) receiver.overlaps++;
  receiver.inFlight.set(id, n);
  receiver.received.push({ id, headers: req.headers as Record<string, string>, body });
  const answer = receiver.script.shift() ?? 200;
  // Slower than the platform's webhook timeout: the attempt fails and is retried.
  await new Promise((r) => setTimeout(r, answer === 'slow' ? 1_500 : 20));
  receiver.inFlight.set(id, (receiver.inFlight.get(id) ?? 1) - 1);
  res.writeHead(answer === 'slow' ? 200 : answer).end();
}

function vendor(req: IncomingMessage, res: ServerResponse): void {
  const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  res.writeHead(user === ERP.user && pass === vendorState.password ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
}

let host: Awaited<ReturnType<typeof startVendor>>;
let api: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  host = await startVendor(hostEndpoint);
  api = await startVendor(vendor);
});
after(async () => {
  await host.close();
  await api.close();
});

/** Waits for a condition the queue brings about in its own time (never a timing assertion: only a ceiling). */
async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>, ceilingMs = 20_000): Promise<T> {
  for (const end = Date.now() + ceilingMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const v = await f();
    if (v) return v;
  }
  throw new Error(`gave up waiting for ${what}`);
}

const deliveredTypes = (id: string) => receiver.received.filter((r) => r.id === id);
const verify = (r: Received) =>
  new Webhook(SECRET).verify(r.body, r.headers) as {
    type: string;
    data: { tenantId: string; instance: { id: string; status: string } };
  };

describeStores('webhooks', (store) => {
  const platforms: Platform[] = [];
  const options = (): PlatformOptions => ({
    ...store.options(),
    definitions: testDefinitions(),
    secrets: testSecrets,
    development: true,
    vars: { SANDBOX_URL: api.url },
    timeoutMs: 500,
    webhooks: { url: `${host.url}/hooks`, secret: SECRET, timeoutMs: 500, retryBaseMs: 50, pollMs: 50 },
    logger: captureLogs().logger,
  });
  const start = async () => {
    const p = await createPlatform(options());
    platforms.push(p);
    return p;
  };
  const stop = async (p: Platform) => {
    platforms.splice(platforms.indexOf(p), 1);
    await p.close();
  };
  before(() => {
    receiver.received.length = 0;
    receiver.script.length = 0;
  });
  after(async () => {
    for (const p of [...platforms]) await stop(p);
  });

  const connect = (p: Platform, tenantId: string) =>
    p.instances.create(
      { tenantId, userId: 'u1' },
      {
        element: { key: 'test-erp' },
        authenticationType: 'basic',
        configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
      },
    );
  const deliveries = async (p: Platform) => {
    const app = createApp({ platform: p, config: testConfig(), logger: captureLogs().logger });
    const res = await app.request('/admin/webhook-deliveries?limit=500', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    assert.equal(res.status, 200);
    return (await res.json()) as WebhookDelivery[];
  };
  const settled = (p: Platform, type: string, instanceId: string, state: WebhookDelivery['state']) =>
    until(`${type} ${state}`, async () => {
      for (const d of await deliveries(p)) {
        const sent = receiver.received.find((r) => r.id === d.id);
        if (d.type === type && d.state === state && (state !== 'delivered' || verify(sent!).data.instance.id === instanceId)) return d;
      }
      return undefined;
    });

  test('created, updated, needs_attention and deleted: each delivered, signed, with the instance', async () => {
    const p = await start();
    const tenantId = 't-events';
    const instance = await connect(p, tenantId);
    await p.instances.update({ tenantId, userId: 'u1' }, instance.id, { name: 'Books' });
    vendorState.password = 'changed';
    await p.connections.check({}, instance.id);
    vendorState.password = ERP.password;
    await p.instances.delete({ tenantId, userId: 'u1' }, instance.id);
    for (const type of ['instance.created', 'instance.updated', 'instance.needs_attention', 'instance.deleted']) {
      const d = await settled(p, type, instance.id, 'delivered');
      const [sent] = deliveredTypes(d.id);
      const event = verify(sent!);
      assert.deepEqual([event.type, event.data.tenantId, d.tenantId, d.attempts], [type, tenantId, tenantId, 1]);
      assert.match(d.id, /^msg_/);
    }
    assert.throws(() =>
      new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers),
    );
    await stop(p);
  });

  test('an endpoint that is down or slow is retried with the same event id; 410 gives up; a failed delivery can be retried', async () => {
    const p = await start();
    receiver.script.push(503, 'slow', 500);
    const instance = await connect(p, 't-retry');
    const d = await settled(p, 'instance.created', instance.id, 'delivered');
    assert.equal(d.attempts, 4);
    const attempts = deliveredTypes(d.id);
    assert.equal(attempts.length, 4, 'the same webhook-id on every attempt');
    for (const a of attempts) assert.equal(verify(a).data.instance.id, instance.id, 'every attempt is signed');

    receiver.script.push(410);
    const gone = await connect(p, 't-gone');
    const failed = await settled(p, 'instance.created', gone.id, 'failed');
    assert.deepEqual([failed.attempts, failed.lastStatus], [1, 410]);
    const app = createApp({ platform: p, config: testConfig(), logger: captureLogs().logger });
    const retried = await app.request(`/admin/webhook-deliveries/${failed.id}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    assert.equal(((await retried.json()) as WebhookDelivery).state, 'pending');
    await settled(p, 'instance.created', gone.id, 'delivered');
    await stop(p);
  });

  test('deliveries pending when the proxy stops are delivered after it restarts', async () => {
    let p = await start();
    receiver.script.push(503, 503, 503, 503, 503, 503, 503, 503);
    const instance = await connect(p, 't-restart');
    await until('a failed attempt', () => receiver.script.length < 8);
    await stop(p);
    receiver.script.length = 0;
    p = await start();
    await settled(p, 'instance.created', instance.id, 'delivered');
    await stop(p);
  });

  test('two replicas on one database: every event delivered, none sent twice at once', async () => {
    const [a, b] = [await start(), await start()];
    receiver.overlaps = 0;
    const created = await Promise.all(Array.from({ length: 6 }, (_, i) => connect(i % 2 ? a : b, `t-replicas-${i}`)));
    for (const instance of created) await settled(a, 'instance.created', instance.id, 'delivered');
    const ids = (await deliveries(a)).filter((d) => d.tenantId.startsWith('t-replicas-')).map((d) => d.id);
    assert.equal(ids.length, 6);
    for (const id of ids) assert.equal(deliveredTypes(id).length, 1, `${id} delivered once`);
    assert.equal(receiver.overlaps, 0);
    await stop(a);
    await stop(b);
  });
});
