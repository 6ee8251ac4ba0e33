import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MappedPage, TransformationInput } from '../../src/contract/index.js';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { coerce, readPath } from '../../src/server/platform/mapping.js';
import { createPlatform, type EmbeddedPlatform } from '../../src/server/platform/platform.js';
import { captureLogs } from './proxy-fixtures.js';
import { problemOf, startVendor } from './test-elements.js';
import { describeStores } from './stores.js';

/**
 * Paging as element definitions declare it, against a local vendor shaped like real APIs:
 * QuickBooks' query language (STARTPOSITION is 1-based), page numbers with a total (many REST
 * APIs), Zendesk's cursor with meta.has_more; and the vendor's faults.
 */
const CUSTOMERS = Array.from({ length: 25 }, (_, i) => ({
  Id: String(i + 1),
  DisplayName: `Customer ${i + 1}`,
  Balance: i === 3 ? 'n/a' : (i * 2.5).toFixed(2),
  Active: i % 2 === 0,
  MetaData: { CreateTime: '2026-01-05T09:00:00-08:00' },
}));
const INVOICES = Array.from({ length: 23 }, (_, i) => ({ number: `INV-${i + 1}` }));
const TICKETS = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}` }));
const KEY = 'books-key-123';

const queries: string[] = [];
const ticketCursors: (string | null)[] = [];
let revoked = false;

const vendor = await startVendor((req, res, url) => {
  const send = (status: number, body: unknown) =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.headers.authorization !== `Bearer ${KEY}` || (revoked && url.pathname !== '/v3/me')) return send(401, { error: 'no' });
  const q = url.searchParams;
  switch (url.pathname) {
    case '/v3/me':
      return send(200, { ok: true });
    case '/v3/query': {
      queries.push(q.get('query') ?? '');
      const m = /STARTPOSITION (\d+) MAXRESULTS (\d+)$/.exec(q.get('query') ?? '');
      const start = Number(m?.[1]) - 1;
      const rows = CUSTOMERS.slice(start, start + Number(m?.[2]));
      return send(200, { QueryResponse: { Customer: rows, startPosition: start + 1, maxResults: rows.length } });
    }
    case '/v3/invoices': {
      const page = Number(q.get('page'));
      const size = Number(q.get('per_page'));
      return send(200, { data: INVOICES.slice((page - 1) * size, page * size), total: INVOICES.length });
    }
    case '/v3/tickets': {
      ticketCursors.push(q.get('page[after]'));
      const from = Number(q.get('page[after]') ?? 0);
      const size = Number(q.get('page[size]'));
      const rows = TICKETS.slice(from, from + size);
      return send(200, { tickets: rows, meta: { has_more: from + size < TICKETS.length, after_cursor: String(from + rows.length) } });
    }
    case '/v3/html':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    case '/v3/flat':
      return send(200, { items: 'none' });
    default:
      return send(404, { error: 'unknown' });
  }
});
after(() => vendor.close());

const list = (path: string, more: Record<string, unknown> = {}) => ({ path, ...more });
const definition = parseDefinition(
  {
    key: 'test-books',
    name: 'Test Books',
    description: 'A local vendor with several kinds of paging',
    categories: ['accounting'],
    sandbox: true,
    hosts: ['127.0.0.1'],
    authenticationTypes: [
      {
        type: 'apiKey',
        name: 'API key',
        baseUrl: '{$SANDBOX_URL}/v3',
        configuration: [{ key: 'api.key', name: 'API key', type: 'PASSWORD', required: true }],
        credentials: { bearer: '{api.key}' },
        verify: { path: '/me' },
      },
    ],
    objects: [
      {
        name: 'customers',
        vendorName: 'Customer',
        list: list('/query', {
          query: { query: 'select * from Customer STARTPOSITION {page.offset} MAXRESULTS {page.size}' },
          paging: 'offset',
          offsetBase: 1,
          itemsPath: 'QueryResponse.Customer',
          maxPageSize: 1000,
        }),
        fields: [
          { vendorPath: 'DisplayName', type: 'string' },
          { vendorPath: 'Balance', type: 'number' },
          { vendorPath: 'Active', type: 'boolean' },
          { vendorPath: 'MetaData.CreateTime', type: 'datetime' },
        ],
      },
      {
        name: 'invoices',
        vendorName: 'Invoice',
        list: list('/invoices', { pageParam: 'page', pageSizeParam: 'per_page', totalPath: 'total', itemsPath: 'data' }),
        // Its fields cannot be read (the app answers 404): mappings are saved as sent, without drift.
        metadata: { path: '/invoices/fields' },
      },
      {
        name: 'tickets',
        vendorName: 'Ticket',
        list: list('/tickets', {
          cursorParam: 'page[after]',
          nextCursorPath: 'meta.after_cursor',
          hasMorePath: 'meta.has_more',
          pageSizeParam: 'page[size]',
          itemsPath: 'tickets',
        }),
        fields: [{ vendorPath: 'subject', type: 'string' }],
      },
      { name: 'html', vendorName: 'Html', list: list('/html'), fields: [{ vendorPath: 'x', type: 'string' }] },
      { name: 'flat', vendorName: 'Flat', list: list('/flat', { itemsPath: 'items' }), fields: [{ vendorPath: 'x', type: 'string' }] },
    ],
  },
  'test-books.json',
);

const session = { tenantId: 'acme', userId: 'ada' };
const mapping = (vendorName: string, fields: [string, string, TransformationInput['fields'][number]['type']][]) => ({
  vendorName,
  fields: fields.map(([path, vendorPath, type]) => ({ path, vendorPath, type })),
});

describeStores(
  'Records through a mapping, paged as the definition declares',
  (store) => {
    let platform: EmbeddedPlatform;
    let id = '';
    before(async () => {
      platform = await createPlatform({
        ...store.options(),
        definitions: [definition],
        secrets: {},
        development: true,
        vars: { SANDBOX_URL: vendor.url },
        logger: captureLogs().logger,
      });
      id = (
        await platform.instances.create(session, {
          element: { key: 'test-books' },
          authenticationType: 'apiKey',
          configuration: { 'api.key': KEY },
        })
      ).id;
      const t = platform.transformations;
      await t.put(
        session,
        id,
        'Customer',
        mapping('customers', [
          ['name', 'DisplayName', 'string'],
          ['balance', 'Balance', 'number'],
          ['active', 'Active', 'boolean'],
          ['since', 'MetaData.CreateTime', 'date'],
        ]),
        {},
      );
      await t.put(session, id, 'Invoice', mapping('invoices', [['number', 'number', 'string']]), {});
      await t.put(session, id, 'Ticket', mapping('Ticket', [['title', 'subject', 'string']]), {});
      for (const name of ['html', 'flat']) await t.put(session, id, name, mapping(name, [['x', 'x', 'string']]), {});
    });
    after(() => platform.close());

    /** Every page of a mapping's records, `size` at a time. */
    async function all(name: string, size: number, firstSize = size) {
      const pages: MappedPage[] = [];
      let cursor: string | undefined;
      do {
        const page = await platform.transformations.records(session, id, name, {
          pageSize: pages.length ? size : firstSize,
          ...(cursor ? { cursor } : {}),
        });
        pages.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return pages;
    }

    test('offset paging in a query language (QuickBooks: 1-based STARTPOSITION): a short page ends it', async () => {
      queries.length = 0;
      const pages = await all('Customer', 10);
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [10, 10, 5],
      );
      assert.deepEqual(
        queries.map((q) => /STARTPOSITION \d+ MAXRESULTS \d+/.exec(q)?.[0]),
        ['STARTPOSITION 1 MAXRESULTS 10', 'STARTPOSITION 11 MAXRESULTS 10', 'STARTPOSITION 21 MAXRESULTS 10'],
      );
      assert.deepEqual(pages[0]!.items[1], { name: 'Customer 2', balance: 2.5, active: false, since: '2026-01-05T17:00:00.000Z' });
      assert.deepEqual(pages[0]!.errors, [{ index: 3, path: 'balance', vendorPath: 'Balance', message: '"n/a" is not a number.' }]);
      assert.equal(pages[0]!.items[3]!.name, 'Customer 4', 'the rest of the record stands');
    });

    test('page numbers with a total: the size travels with the cursor, so no record is skipped or repeated', async () => {
      const pages = await all('Invoice', 50, 10);
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [10, 10, 3],
      );
      assert.deepEqual(
        pages.flatMap((p) => p.items.map((i) => i.number)),
        INVOICES.map((i) => i.number),
      );
    });

    test("Zendesk-style cursor with has_more; the mapping's vendorName may be the object's vendorName", async () => {
      ticketCursors.length = 0;
      const pages = await all('Ticket', 3);
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [3, 3, 1],
      );
      assert.deepEqual(ticketCursors, [null, '3', '6']);
      // A caller's cursor is sent as it is, never filled as a template.
      await platform.transformations.records(session, id, 'Ticket', { cursor: '{api.key}' });
      assert.equal(ticketCursors.at(-1), '{api.key}');
    });

    test("when the app's fields cannot be read, a mapping is saved as sent and answered without drift (unknown, not empty)", async () => {
      const t = platform.transformations;
      const input = mapping('invoices', [['number', 'number', 'string']]);
      const saved = await t.put(session, id, 'Bill', { ...input, fields: [{ ...input.fields[0]!, vendorType: 'text' }] }, {});
      assert.equal(saved.transformation.drift, undefined);
      assert.equal(saved.transformation.fields[0]!.vendorType, 'text');
      assert.equal((await t.get(session, id, 'Bill')).drift, undefined);
      const customer = await t.get(session, id, 'Customer');
      assert.deepEqual(customer.drift, [], 'an object whose fields are known is checked');
      assert.equal(customer.fields.find((f) => f.path === 'since')?.vendorType, 'datetime');
    });

    test('a cursor that does not fit the paging is a field error', async () => {
      for (const cursor of ['abc', '-1', '']) {
        const p = await problemOf(platform.transformations.records(session, id, 'Customer', { cursor }));
        assert.equal(p.code, 'validation_failed');
        assert.equal(p.errors?.[0]?.field, 'cursor');
      }
      assert.equal(
        (await problemOf(platform.transformations.records(session, id, 'Invoice', { cursor: '2' }))).code,
        'validation_failed',
      );
    });

    test('an answer that is not JSON, or holds no list, is a vendor error', async () => {
      assert.equal((await problemOf(platform.transformations.records(session, id, 'html', {}))).code, 'vendor_error');
      const flat = await problemOf(platform.transformations.records(session, id, 'flat', {}));
      assert.equal(flat.code, 'vendor_error');
      assert.match(flat.detail!, /without a list of records/);
    });

    test('credentials the app refuses: credentials_rejected, and the connection needs attention', async () => {
      revoked = true;
      try {
        assert.equal((await problemOf(platform.transformations.records(session, id, 'Customer', {}))).code, 'credentials_rejected');
        const instance = await platform.instances.get(session, id);
        assert.equal(instance.status, 'needs_attention');
        assert.equal(instance.statusReason, 'credentials_rejected');
      } finally {
        revoked = false;
      }
    });
  },
  ['SQLite'],
);

describe('coercion to the host types', () => {
  const ok = (v: unknown, type: Parameters<typeof coerce>[1]) => {
    const r = coerce(v, type);
    assert.ok('value' in r, JSON.stringify(r));
    return r.value;
  };
  const error = (v: unknown, type: Parameters<typeof coerce>[1]) => {
    const r = coerce(v, type);
    assert.ok('error' in r, `${JSON.stringify(v)} as ${type} should not coerce`);
    return r.error;
  };
  test('string', () => {
    assert.equal(ok(42, 'string'), '42');
    assert.equal(ok(['newsletter', 'beta'], 'string'), 'newsletter, beta');
    assert.equal(ok('', 'string'), '');
    assert.match(error({ a: 1 }, 'string'), /an object is not text/);
  });
  test('number', () => {
    assert.equal(ok(' 12.50 ', 'number'), 12.5);
    assert.equal(ok('1e3', 'number'), 1000);
    assert.equal(ok('', 'number'), null);
    assert.match(error('12,50', 'number'), /"12,50" is not a number/);
    assert.match(error(true, 'number'), /true is not a number/);
  });
  test('boolean', () => {
    assert.equal(ok('Yes', 'boolean'), true);
    assert.equal(ok(0, 'boolean'), false);
    assert.match(error(2, 'boolean'), /2 is not true or false/);
  });
  test('date: ISO 8601 out, dates kept as dates, instants in UTC', () => {
    assert.equal(ok('2026-02-28', 'date'), '2026-02-28');
    assert.equal(ok('2026-01-05T09:00:00+01:00', 'date'), '2026-01-05T08:00:00.000Z');
    assert.equal(ok('2026-01-05 09:00', 'date'), '2026-01-05T09:00:00.000Z', 'no offset reads as UTC');
    assert.equal(ok(1_767_600_000, 'date'), '2026-01-05T08:00:00.000Z', 'seconds');
    assert.equal(ok(1_767_600_000_000, 'date'), '2026-01-05T08:00:00.000Z', 'milliseconds');
    assert.match(error('2026-02-30', 'date'), /not a date/);
    assert.match(error('next Tuesday', 'date'), /"next Tuesday" is not a date/);
  });
  test('a long value is cut in the message', () => {
    assert.ok(error('x'.repeat(500), 'number').length < 100);
  });
  test('paths: a key holding the dots wins; a prototype member is never read', () => {
    assert.equal(readPath({ 'a.b': 1, a: { b: 2 } }, 'a.b'), 1);
    assert.equal(readPath({ a: { b: 2 } }, 'a.b'), 2);
    assert.equal(readPath({}, 'constructor'), undefined);
    assert.equal(readPath({ a: [{ b: 3 }] }, 'a.0.b'), 3);
  });
});

test('a list whose paging lacks what it needs stops start-up naming the object', () => {
  const withList = (l: Record<string, unknown>) => ({
    ...JSON.parse(JSON.stringify(definition)),
    objects: [
      { name: 'things', vendorName: 'Thing', list: { path: '/things', ...l }, fields: [{ vendorPath: 'id', type: 'string' }] },
    ],
  });
  assert.throws(() => parseDefinition(withList({ cursorParam: 'after' }), 'x.json'), /objects\.things\.list: cursor paging needs/);
  assert.throws(() => parseDefinition(withList({ paging: 'offset' }), 'x.json'), /offset paging needs offsetParam/);
  assert.throws(() => parseDefinition(withList({ paging: 'page' }), 'x.json'), /page paging needs pageParam/);
  assert.throws(() => parseDefinition(withList({ paging: 'url' }), 'x.json'), /url paging needs nextUrlPath/);
  assert.doesNotThrow(() => parseDefinition(withList({ nextUrlPath: 'nextRecordsUrl' }), 'x.json'));
  assert.doesNotThrow(() => parseDefinition(withList({ paging: 'page', query: { p: '{page.number}' } }), 'x.json'));
});
