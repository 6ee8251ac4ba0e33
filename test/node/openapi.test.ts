import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from '@readme/openapi-parser';
import { PROBLEM_CODES } from '../../src/contract/index.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ROUTES } from '../../src/server/proxy/route-table.js';
import { FakePlatform } from './fake-platform.js';
import { captureLogs, testConfig } from './proxy-fixtures.js';

/** `GET /openapi.json`: valid OpenAPI 3.1, and exactly the routes the app serves. */
const app = createApp({
  platform: new FakePlatform(),
  config: testConfig({ publicUrl: 'http://127.0.0.1:8787' }),
  logger: captureLogs().logger,
});

async function documentOf(): Promise<{
  paths: Record<string, Record<string, { responses: Record<string, { 'x-problem-codes'?: string[] }> }>>;
}> {
  const res = await app.request('/openapi.json');
  assert.equal(res.status, 200, 'served without a session or key');
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  return (await res.json()) as never;
}

/** Hono's `/instances/:id/proxy/*` in OpenAPI's form: `/instances/{id}/proxy/{path}`. */
const openApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}');

/** The routes the app serves, as "METHOD /path": handlers only; `use()` middleware is registered as ALL without a parameter. */
function servedRoutes(): Set<string> {
  const methods = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];
  const served = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && !r.path.includes(':')) continue;
    const path = openApiPath(r.path);
    for (const m of r.method === 'ALL' ? methods : [r.method.toLowerCase()]) served.add(`${m} ${path}`);
  }
  return served;
}

test('the document is valid OpenAPI 3.1', async () => {
  const doc = await documentOf();
  await validate(structuredClone(doc) as never);
  assert.equal((doc as unknown as { openapi: string }).openapi, '3.1.0');
});

test('every route the app serves is described, and every described route is served', async () => {
  const doc = await documentOf();
  const described = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
  const served = servedRoutes();
  assert.deepEqual([...served].filter((r) => !described.has(r)).sort(), [], 'served but not described');
  assert.deepEqual([...described].filter((r) => !served.has(r)).sort(), [], 'described but not served');
  assert.equal(described.size, ROUTES.length);
});

test('answers name only known problem codes, and every guarded route its guard’s', async () => {
  const doc = await documentOf();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.values(op.responses).flatMap((r) => r['x-problem-codes'] ?? []);
      for (const c of codes) assert.ok((PROBLEM_CODES as readonly string[]).includes(c), `${method} ${path}: ${c}`);
      if (path.startsWith('/admin/')) assert.ok(codes.includes('admin_key_invalid'), `${method} ${path}`);
      else if (path.startsWith('/instances')) assert.ok(codes.includes('session_expired'), `${method} ${path}`);
    }
  }
});
