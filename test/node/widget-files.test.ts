// The proxy serves the built widget, so the README's first snippet (<script src="<proxy>/ce-marketplace.js">) works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/proxy/app.js';
import { FakePlatform } from './fake-platform.js';
import { ALLOWED_ORIGIN, assertProblem, captureLogs, testConfig } from './proxy-fixtures.js';

async function withWidget(fn: (get: (path: string, headers?: Record<string, string>) => Promise<Response>) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'ce-widget-'));
  try {
    await mkdir(join(dir, 'chunks'));
    await writeFile(join(dir, 'ce-marketplace.js'), 'export const entry = 1;');
    await writeFile(join(dir, 'chunks', 'connect-flow-AbC_12.js'), 'export const chunk = 1;');
    await mkdir(join(dir, 'locales'));
    await writeFile(join(dir, 'locales', 'de.json'), '{"card.manage":"Verwalten"}');
    await writeFile(join(dir, 'secret.txt'), 'no');
    const app = createApp({
      platform: new FakePlatform(),
      config: testConfig({ basePath: '/ce', widgetDir: dir }),
      logger: captureLogs().logger,
    });
    await fn(async (path, headers = {}) => app.request(`/ce${path}`, { headers }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the entry: JavaScript, an ETag, a short cache, and 304 when unchanged', async () => {
  await withWidget(async (get) => {
    const res = await get('/ce-marketplace.js', { Origin: ALLOWED_ORIGIN });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(await res.text(), 'export const entry = 1;');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300, must-revalidate');
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, 'a module script from another origin needs CORS');
    const etag = res.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/);
    const again = await get('/ce-marketplace.js', { 'If-None-Match': etag });
    assert.equal(again.status, 304);
  });
});

test('a hashed chunk is cached for good; nothing else in the folder is served', async () => {
  await withWidget(async (get) => {
    const res = await get('/chunks/connect-flow-AbC_12.js');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'export const chunk = 1;');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const path of [
      '/chunks/missing-1.js',
      '/chunks/..%2Fsecret.txt',
      '/secret.txt',
      '/chunks/x.txt',
      '/locales/de.js',
      '/locales/..%2Fsecret.txt',
    ]) {
      const refused = await get(path);
      await assertProblem(refused, 'not_found');
    }
  });
});

test("a language's words: JSON with CORS, an ETag and the entry's short cache", async () => {
  await withWidget(async (get) => {
    const res = await get('/locales/de.json', { Origin: ALLOWED_ORIGIN });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    assert.deepEqual(await res.json(), { 'card.manage': 'Verwalten' });
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300, must-revalidate');
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, 'the widget fetches it from the host page');
    assert.equal((await get('/locales/de.json', { 'If-None-Match': res.headers.get('etag')! })).status, 304);
  });
});
