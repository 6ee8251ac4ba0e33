import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { createApp } from '../../src/server/proxy/app.js';
import { send } from '../../src/server/proxy/http.js';
import { requestLog } from '../../src/server/proxy/middleware/request-log.js';
import { ProblemError } from '../../src/server/problem.js';
import { FakePlatform } from './fake-platform.js';
import { ADMIN_KEY, bareApp, captureLogs, SESSION_SECRET, testConfig } from './proxy-fixtures.js';

function setup() {
  const logs = captureLogs();
  const app = bareApp(logs.logger);
  app.use('*', requestLog(logs.logger));
  app.get('/ok', (c) => {
    c.set('tenant', 't1');
    return send(c, 'hi', 200);
  });
  app.get('/fail', () => {
    throw new ProblemError('conflict');
  });
  const requests = () => logs.lines().filter((l) => l.msg === 'request');
  return { app, logs, requests };
}

test('each answer carries its own request id, and the log line names it', async () => {
  const { app, requests } = setup();
  const a = await app.request('/ok');
  const b = await app.request('/ok');
  const ids = [a.headers.get('x-request-id'), b.headers.get('x-request-id')];
  assert.match(ids[0] ?? '', /^[0-9a-f-]{36}$/);
  assert.notEqual(ids[0], ids[1]);
  assert.deepEqual(
    requests().map((l) => l.requestId),
    ids,
  );
});

test('one line per request: method, path, status, duration and tenant, errors included', async () => {
  const { app, requests } = setup();
  await app.request('/ok?secret=query-value');
  await app.request('/fail', { method: 'GET' });
  await app.request('/nowhere', { method: 'DELETE' });
  assert.deepEqual(
    requests().map((l) => [l.method, l.path, l.status, l.tenant]),
    [
      ['GET', '/ok', 200, 't1'],
      ['GET', '/fail', 409, undefined],
      ['DELETE', '/nowhere', 404, undefined],
    ],
  );
  assert.ok(requests().every((l) => typeof l.ms === 'number'));
  assert.ok(
    requests().every((l) => !JSON.stringify(l).includes('query-value')),
    'the query string is not logged',
  );
});

test('no line is built when info is off', async () => {
  const logs = captureLogs('warn');
  const app = bareApp(logs.logger);
  app.use('*', requestLog(logs.logger));
  app.get('/ok', (c) => send(c, 'hi', 200));
  assert.equal((await app.request('/ok')).status, 200);
  assert.deepEqual(logs.lines(), []);
});

test('through the proxy: one line per request, without the Authorization value or any password', async () => {
  const logs = captureLogs();
  const app = createApp({ platform: new FakePlatform(), config: testConfig(), logger: logs.logger });
  const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1' });
  const password = 'correct horse battery staple';
  const post = (path: string, body: unknown, authorization: string) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: JSON.stringify(body),
    });
  const create = {
    element: { key: 'sandbox-erp' },
    authenticationType: 'basic',
    configuration: { 'user.username': 'ada', 'user.password': password },
  };
  await post('/instances', create, `Bearer ${token}`);
  await post('/instances', { ...create, extra: password }, `Bearer ${token}`);
  await post('/admin/sessions', { tenantId: 't1', userId: 'u1' }, `Bearer ${ADMIN_KEY}`);
  await app.request('/elements', { headers: { Authorization: `Bearer ${token}x` } });
  const text = logs.text();
  for (const secret of [token, ADMIN_KEY, password]) assert.ok(!text.includes(secret), 'a secret was logged');
  assert.deepEqual(
    logs
      .lines()
      .filter((l) => l.msg === 'request')
      .map((l) => [l.method, l.path, l.status, l.tenant]),
    [
      ['POST', '/instances', 201, 't1'],
      ['POST', '/instances', 400, 't1'],
      ['POST', '/admin/sessions', 201, 't1'],
      ['GET', '/elements', 401, undefined],
    ],
  );
});
