// Bench step "passthrough": one page of Sandbox ERP invoices read through the proxy's passthrough
// (admin key; credentials decrypted and injected, outbound rules, streamed answer, one log line)
// against the same request sent to the sandbox directly, in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { SANDBOX_CREDENTIALS } from '../../demo/sandbox/server.js';
import { startDemo } from '../../demo/start.js';
import { createLogger } from '../../src/server/log.js';
import { mintSession } from '../node/proxy-fixtures.js';
import { CONNECTIONS, DURATION_S, failures, fmt, interleaved, type Section } from './measure.js';

const PATH = 'invoices?pageSize=10';
const AIM = 0.7;

export async function benchPassthrough(): Promise<Section> {
  const erp = SANDBOX_CREDENTIALS.erp;
  const dataDir = await mkdtemp(join(tmpdir(), 'ce-bench-'));
  // As in production: the proxy logs each passthrough call at info (here to nowhere).
  const logger = createLogger({ destination: pino.destination({ dest: devNull, sync: false }) });
  const demo = await startDemo({ dataDir, logger });
  try {
    const token = await mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: 'bench', userId: 'bench-user', ttlSeconds: 3600 });
    const created = await fetch(`${demo.proxyUrl}/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration: erp }),
    });
    if (created.status !== 201) throw new Error(`POST /instances answered ${created.status}`);
    const { id } = (await created.json()) as { id: string };

    const basic = Buffer.from(`${erp['user.username']}:${erp['user.password']}`).toString('base64');
    const direct = { url: `${demo.sandboxUrl}/erp/${erp['account.id']}/${PATH}`, headers: { authorization: `Basic ${basic}` } };
    const through = {
      url: `${demo.proxyUrl}/admin/instances/${id}/proxy/${PATH}`,
      headers: { authorization: `Bearer ${demo.adminApiKey}` },
    };
    // Both must answer the same bytes, or the ratio compares different work.
    const read = async (t: typeof direct) => (await fetch(t.url, { headers: t.headers })).text();
    const [a, b] = await Promise.all([read(direct), read(through)]);
    if (a !== b) throw new Error('the passthrough did not answer what the sandbox answers directly');

    const [d, p] = await interleaved([
      { ...direct, connections: CONNECTIONS },
      { ...through, connections: CONNECTIONS },
    ]);
    const ratio = p.requests.average / d.requests.average;
    return {
      title: `(b2) GET …/${PATH} of Sandbox ERP (${fmt(a.length)} bytes), ${DURATION_S} s, ${CONNECTIONS} connections, loopback`,
      head: ['path', 'req/s', 'p50 ms', 'p99 ms', 'vs direct'],
      rows: [
        ['sandbox directly (basic auth)', fmt(d.requests.average), fmt(d.latency.p50), fmt(d.latency.p99), '100%'],
        ['proxy passthrough (admin key)', fmt(p.requests.average), fmt(p.latency.p50), fmt(p.latency.p99), `${fmt(ratio * 100)}%`],
      ],
      notes: [
        `aim: passthrough at >= ${AIM * 100}% of the direct calls (${ratio >= AIM ? 'met' : 'NOT met'}); the sandbox serves both rows`,
        ...[failures(d) && `direct: ${failures(d)}`, failures(p) && `passthrough: ${failures(p)}`].filter(Boolean),
      ],
    };
  } finally {
    await demo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
