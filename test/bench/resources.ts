// Bench step "resources": Sandbox CRM's 1,000 contacts read through a mapping (GET
// /instances/{id}/resources/{name}: OAuth credentials, the list request, paging, coercion into the
// host's shape) against the same pages through the passthrough (no mapping), in the same run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { CONTACT_COUNT, crmObjects } from '../../demo/sandbox/crm-data.js';
import type { TransformationField } from '../../src/contract/index.js';
import { mapRecord } from '../../src/server/platform/mapping.js';
import { startDemo } from '../../demo/start.js';
import { createLogger } from '../../src/server/log.js';
import { browser, connectCrm } from '../node/oauth-fixtures.js';
import { mintSession } from '../node/proxy-fixtures.js';
import { DURATION_S, failures, fmt, load, median, type Section } from './measure.js';

const RUNS = 7;
const PAGE = 100;
const LOAD_CONNECTIONS = 4;
const FIELDS: [string, string, string][] = [
  ['id', 'id', 'string'],
  ['name.first', 'firstName', 'string'],
  ['name.last', 'lastName', 'string'],
  ['email', 'email', 'string'],
  ['phone', 'phone', 'string'],
  ['billing.city', 'address.city', 'string'],
  ['billing.country', 'address.country', 'string'],
  ['birthDate', 'birthDate', 'date'],
  ['vip', 'cf_vip__c', 'boolean'],
  ['points', 'cf_loyalty_points__c', 'number'],
  ['taxId', 'cf_tax_id__c', 'string'],
  ['since', 'createdAt', 'date'],
];

/** Reads every page from `first`, following the answer's `nextCursor` with `next(cursor)`; the records and the time taken. */
async function readAll(first: string, next: (cursor: string) => string, headers: Record<string, string>) {
  const t0 = performance.now();
  let records = 0;
  let url: string | undefined = first;
  while (url) {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor?: string | null };
    records += page.items.length;
    url = page.nextCursor ? next(page.nextCursor) : undefined;
  }
  return { records, ms: performance.now() - t0 };
}

/** The mapping alone, in this process: every contact read into the host's shape, median of RUNS (after a warm-up). */
function mappingOnly(): number {
  const records = crmObjects().get('contacts')!.records;
  const fields = FIELDS.map(([path, vendorPath, type]) => ({ path, vendorPath, type }) as TransformationField);
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    for (const r of records) mapRecord(r, fields);
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

export async function benchResources(): Promise<Section> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ce-bench-'));
  const logger = createLogger({ destination: pino.destination({ dest: devNull, sync: false }) });
  // The bench's host declares its own Customer (the fields above), as Acme Books declares its customers.
  const commonResourcesFile = join(dataDir, 'common-resources.json');
  const customer = { name: 'Customer', fields: FIELDS.map(([path, , type]) => ({ path, type })) };
  await writeFile(commonResourcesFile, JSON.stringify([customer]));
  const demo = await startDemo({ dataDir, logger, commonResourcesFile });
  try {
    const token = await mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: 'bench', userId: 'bench-user', ttlSeconds: 3600 });
    const id = await connectCrm(demo.proxyUrl, browser(demo.proxyUrl, token, demo.hostUrl));
    const session = { authorization: `Bearer ${token}` };
    const saved = await fetch(`${demo.proxyUrl}/instances/${id}/transformations/Customer`, {
      method: 'PUT',
      headers: { ...session, 'content-type': 'application/json' },
      body: JSON.stringify({ vendorName: 'contacts', fields: FIELDS.map(([path, vendorPath, type]) => ({ path, vendorPath, type })) }),
    });
    if (saved.status !== 201) throw new Error(`PUT …/transformations/Customer answered ${saved.status}: ${await saved.text()}`);

    const resources = `${demo.proxyUrl}/instances/${id}/resources/Customer?pageSize=${PAGE}`;
    const passthrough = `${demo.proxyUrl}/admin/instances/${id}/proxy/contacts?pageSize=${PAGE}`;
    const admin = { authorization: `Bearer ${demo.adminApiKey}` };
    const mapped: number[] = [];
    const plain: number[] = [];
    // Taken in turns (after one warm-up of each), so a busy machine weighs on both alike.
    for (let i = 0; i <= RUNS; i++) {
      const m = await readAll(resources, (c) => `${resources}&cursor=${encodeURIComponent(c)}`, session);
      const p = await readAll(passthrough, (c) => `${passthrough}&cursor=${encodeURIComponent(c)}`, admin);
      if (m.records !== CONTACT_COUNT || p.records !== CONTACT_COUNT) throw new Error(`read ${m.records} and ${p.records} records`);
      if (i === 0) continue;
      mapped.push(m.ms);
      plain.push(p.ms);
    }
    const one = await load({ url: resources, connections: LOAD_CONNECTIONS, headers: session });
    const perSecond = (ms: number) => fmt((CONTACT_COUNT / ms) * 1000);
    const m = median(mapped);
    const p = median(plain);
    return {
      title: `(e) GET /resources: Sandbox CRM's ${fmt(CONTACT_COUNT)} contacts through a ${FIELDS.length}-field mapping, pages of ${PAGE}, loopback`,
      head: ['measure', 'median ms', 'records/s', 'min ms', 'max ms'],
      rows: [
        [
          `all ${fmt(CONTACT_COUNT)} through the mapping, one page at a time, ${RUNS} runs`,
          fmt(m, 1),
          perSecond(m),
          fmt(Math.min(...mapped), 1),
          fmt(Math.max(...mapped), 1),
        ],
        [
          `the same pages through the passthrough (no mapping), ${RUNS} runs`,
          fmt(p, 1),
          perSecond(p),
          fmt(Math.min(...plain), 1),
          fmt(Math.max(...plain), 1),
        ],
        [
          `one page of ${PAGE} under load, ${DURATION_S} s, ${LOAD_CONNECTIONS} connections (p50 ms; req/s × ${PAGE} = records/s)`,
          fmt(one.latency.p50, 1),
          fmt(one.requests.average * PAGE),
          '',
          `p99 ${fmt(one.latency.p99, 1)}`,
        ],
      ],
      notes: [
        `the mapping alone (${fmt(CONTACT_COUNT)} records × ${FIELDS.length} fields, in process): ${fmt(mappingOnly(), 2)} ms`,
        `the mapping costs ${fmt(((m - p) / p) * 100)}% over reading the same pages raw (the sandbox serves both; same Node process)`,
        ...[failures(one)].filter(Boolean),
      ],
    };
  } finally {
    await demo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
