import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson, sendJson } from '../../src/server/proxy/http.js';
import { limitBody } from '../../src/server/proxy/middleware/body-limit.js';
import { assertProblem, bareApp, listen } from './proxy-fixtures.js';

const LIMIT = 64 * 1024;

function setup() {
  const app = bareApp();
  app.use('*', limitBody(LIMIT));
  app.post('/echo', async (c) => sendJson(c, { length: JSON.stringify(await readJson(c)).length }));
  return app;
}

test('a body within the limit is read', async () => {
  const body = JSON.stringify({ name: 'x'.repeat(LIMIT - 100) });
  const res = await setup().request('/echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { length: body.length });
});

test('a 2 MB body is refused with payload_too_large (Content-Length and chunked)', async () => {
  const server = await listen(setup().fetch);
  try {
    const res = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    await assertProblem(res, 'payload_too_large', /larger than 65536 bytes/);

    // Without Content-Length the limit is counted while streaming.
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) {
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const chunked = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await assertProblem(chunked, 'payload_too_large');
  } finally {
    await server.close();
  }
});
