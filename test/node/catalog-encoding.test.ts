import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../../src/server/proxy/app.js';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { acceptedCoding } from '../../src/server/proxy/routes/catalog.js';
import { FakePlatform } from './fake-platform.js';
import { ALLOWED_ORIGIN, captureLogs, SESSION_SECRET, testConfig } from './proxy-fixtures.js';

// A 1,000-app catalog, as big catalogs are: the answer a browser downloads first.
function setup() {
  const platform = new FakePlatform();
  platform.elements.push(
    ...Array.from({ length: 1_000 }, (_, i) => ({
      key: `app-${i}`,
      name: `App ${i}`,
      description: `Sync invoices, customers and payments with App ${i}.`,
      categories: ['Accounting', 'CRM'],
      logo: `/elements/app-${i}/logo`,
      authenticationTypes: ['apiKey'],
    })),
  );
  const app = createApp({ platform, config: testConfig(), logger: captureLogs().logger });
  return async (headers: Record<string, string> = {}) => {
    const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1' });
    // app.fetch: the answer's bytes as the proxy sends them (fetch() would decompress them).
    return app.fetch(new Request('http://proxy.test/elements', { headers: { authorization: `Bearer ${token}`, ...headers } }));
  };
}

test('the catalog answer comes compressed (br, else gzip) when the browser accepts it, the same JSON in fewer bytes', async () => {
  const call = setup();
  const plain = await call();
  assert.equal(plain.headers.get('content-encoding'), null);
  const json = await plain.text();
  assert.ok(json.length > 100_000);

  const br = await call({ 'accept-encoding': 'gzip, deflate, br, zstd', origin: ALLOWED_ORIGIN });
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(br.headers.get('content-type'), 'application/json');
  // Caches keep each coding and language apart, and the CORS answer apart too.
  assert.equal(br.headers.get('vary'), 'Origin, Accept-Encoding, Accept-Language');
  const brBytes = Buffer.from(await br.arrayBuffer());
  assert.equal(brotliDecompressSync(brBytes).toString(), json);
  assert.ok(brBytes.length * 5 < json.length, `${brBytes.length} bytes compressed, ${json.length} plain`);

  const gzip = await call({ 'accept-encoding': 'gzip, br;q=0' });
  assert.equal(gzip.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString(), json);
});

test('each coding has its own strong ETag, and If-None-Match with it is a 304', async () => {
  const call = setup();
  const tags = new Set<string>();
  for (const accept of ['', 'br', 'gzip']) {
    const res = await call({ 'accept-encoding': accept });
    const tag = res.headers.get('etag')!;
    assert.match(tag, /^"[^"]+"$/);
    tags.add(tag);
    const again = await call({ 'accept-encoding': accept, 'if-none-match': tag });
    assert.equal(again.status, 304, accept);
    assert.equal(again.headers.get('etag'), tag);
  }
  assert.equal(tags.size, 3);
});

test('Accept-Encoding is read with its weights', () => {
  assert.equal(acceptedCoding(undefined), undefined);
  assert.equal(acceptedCoding('identity'), undefined);
  assert.equal(acceptedCoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(acceptedCoding('GZIP;q=0.5'), 'gzip');
  assert.equal(acceptedCoding('br;q=0, gzip'), 'gzip');
  assert.equal(acceptedCoding('*'), 'br');
  assert.equal(acceptedCoding('*, br;q=0'), 'gzip');
  assert.equal(acceptedCoding('br;q=0, gzip;q=0'), undefined);
});
