import { test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import type { ConfigurationValues } from '../../src/contract/index.js';
import { callElement } from '../../src/server/platform/engine.js';
import { listPage, type ListDeps } from '../../src/server/platform/resources.js';
import type { InstanceRow } from '../../src/server/store/store.js';
import { offlineApps } from './offline-apps.js';
import { problemOf } from './test-elements.js';

/**
 * Salesforce's query paging as the shipped definition declares it: `GET /query?q=SELECT …` answers
 * a batch and, while `done` is false, `nextRecordsUrl`, the next batch's path on the same instance
 * (REST API Developer Guide, "Execute a SOQL Query"). The answers below are the documented ones,
 * mocked with msw. A next page on another host is never followed, nor a forged cursor that leaves
 * the API base.
 */
const INSTANCE = 'https://acme.my.salesforce.com';
const BASE = `${INSTANCE}/services/data/v62.0`;
const NEXT = '/services/data/v62.0/query/01gD0000002HU6KIAW-200';
const { server, definition } = offlineApps();
const opts = { vars: {}, development: false, timeoutMs: 2000 };
const values: ConfigurationValues = { 'instance.url': INSTANCE, 'oauth.access.token': 'sf-token' };

const contact = (id: string, last: string) => ({
  attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` },
  Id: id,
  LastName: last,
  Email: `${last.toLowerCase()}@example.com`,
});

/** The engine with the connection's stored values, as credentials.call is (no refresh needed here). */
const deps = {
  maxResponseBytes: 1_000_000,
  credentials: { call: (_row, d, auth, req, o) => callElement(d, auth, values, req, opts, o?.shape) },
} as Pick<ListDeps, 'credentials' | 'maxResponseBytes'> as ListDeps;

const contacts = (cursor?: string) => {
  const def = definition('salesforce');
  const auth = def.authenticationTypes[0]!;
  const list = def.objects!.find((o) => o.name === 'contacts')!.list!;
  return listPage(deps, {} as InstanceRow, { def, auth, list, object: 'contacts' }, { size: 50, ...(cursor ? { cursor } : {}) });
};

test('Salesforce: two pages of Contacts, the second at nextRecordsUrl, then done', async () => {
  const asked: { url: string; auth: string | null; options: string | null }[] = [];
  const seen = (request: Request) =>
    asked.push({
      url: request.url,
      auth: request.headers.get('authorization'),
      options: request.headers.get('sforce-query-options'),
    });
  server.use(
    http.get(`${BASE}/query`, ({ request }) => {
      seen(request);
      return HttpResponse.json({
        totalSize: 3,
        done: false,
        nextRecordsUrl: NEXT,
        records: [contact('003D000000QV9n2IAD', 'Rogers'), contact('003D000000QV9n3IAD', 'Stumuller')],
      });
    }),
    http.get(`${INSTANCE}${NEXT}`, ({ request }) => {
      seen(request);
      return HttpResponse.json({ totalSize: 3, done: true, records: [contact('003D000000QV9n4IAD', 'Young')] });
    }),
  );

  const first = await contacts();
  assert.deepEqual(
    first.records.map((r) => (r as { LastName: string }).LastName),
    ['Rogers', 'Stumuller'],
  );
  assert.equal(first.nextCursor, NEXT, 'the cursor is the path of the next batch');
  const second = await contacts(first.nextCursor);
  assert.deepEqual(
    second.records.map((r) => (r as { LastName: string }).LastName),
    ['Young'],
  );
  assert.equal(second.nextCursor, null, 'done: the last page');

  const q = new URL(asked[0]!.url).searchParams.get('q');
  assert.equal(q, 'SELECT FIELDS(STANDARD) FROM Contact');
  assert.equal(asked[1]!.url, `${INSTANCE}${NEXT}`, 'the next batch is asked at its own address, without the query again');
  for (const a of asked) {
    assert.equal(a.auth, 'Bearer sf-token');
    assert.equal(a.options, 'batchSize=200');
  }
});

test('Salesforce: a nextRecordsUrl on another host is refused, and nothing is sent there', async () => {
  for (const next of [
    'https://attacker.example/services/data/v62.0/query/x-200',
    '//attacker.example/services/data/v62.0/query/x-200',
  ]) {
    server.use(http.get(`${BASE}/query`, () => HttpResponse.json({ totalSize: 9, done: false, nextRecordsUrl: next, records: [] })));
    const p = await problemOf(contacts());
    assert.equal(p.code, 'vendor_error', next);
    assert.match(p.detail ?? '', /another host/);
  }
});

test('Salesforce: a cursor that would leave the instance or its API base is refused before anything is sent', async () => {
  // onUnhandledRequest: 'error' fails the test if any of these reached the network.
  for (const forged of [
    'https://attacker.example/services/data/v62.0/query/x',
    '//attacker.example/services/data/v62.0/query/x',
    '/services/apexrest/Admin',
    '/services/data/v62.0/../../secur/frontdoor.jsp',
    '/services/data/v62.0/query/%2e%2e/%2e%2e/x',
    '/services/data/v62.0/query%2F..%2Fsobjects',
    '/services/data/v62.0//query/x',
    'query/01gD0000002HU6KIAW-200',
  ]) {
    const p = await problemOf(contacts(forged));
    assert.equal(p.code, 'validation_failed', forged);
    assert.equal(p.errors?.[0]?.field, 'cursor', forged);
  }
});
