import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPException } from 'hono/http-exception';
import { PROBLEM_CODES, problemType } from '../../src/contract/index.js';
import { PROBLEM_STATUS, ProblemError } from '../../src/server/problem.js';
import { assertProblem, bareApp, captureLogs } from './proxy-fixtures.js';

function setup(thrown: () => unknown) {
  const logs = captureLogs();
  const app = bareApp(logs.logger);
  app.get('/throw', () => {
    throw thrown();
  });
  return { app, logs };
}

test('every code answers problem+json with its status, the title from the table and a type derived from the code', async () => {
  for (const code of PROBLEM_CODES) {
    const { app } = setup(() => new ProblemError(code, `detail of ${code}`));
    const body = await assertProblem(await app.request('/throw'), code, new RegExp(`detail of ${code}`));
    assert.deepEqual(
      { type: body.type, title: body.title, status: body.status },
      { type: problemType(code), title: PROBLEM_STATUS[code].title, status: PROBLEM_STATUS[code].status },
    );
    assert.match(body.type, new RegExp(`/problems/${code.replace(/_/g, '-')}$`));
  }
});

test('an unknown route is not_found naming the method and path', async () => {
  const { app } = setup(() => new Error('unused'));
  await assertProblem(await app.request('/nope'), 'not_found', /GET \/nope/);
  await assertProblem(await app.request('/throw', { method: 'PUT' }), 'not_found', /PUT \/throw/);
});

test('an unexpected error is a bare internal_error: the log has it, the answer does not', async () => {
  const { app, logs } = setup(() => new Error('database exploded at /var/lib/ce/internal.sqlite'));
  const p = await assertProblem(await app.request('/throw'), 'internal_error');
  assert.doesNotMatch(JSON.stringify(p), /exploded|sqlite/);
  assert.ok(logs.lines().some((l) => l.msg === 'unhandled error' && /exploded/.test(JSON.stringify(l.err))));
});

test("a problem's cause is logged, never answered; its headers are answered", async () => {
  const cause = new Error('ECONNRESET from 10.0.0.7:5432');
  const { app, logs } = setup(
    () => new ProblemError('rate_limited', 'Slow down.', undefined, { cause, headers: { 'retry-after': '30' } }),
  );
  const res = await app.request('/throw');
  assert.equal(res.headers.get('retry-after'), '30');
  const p = await assertProblem(res, 'rate_limited', /Slow down/);
  assert.doesNotMatch(JSON.stringify(p), /ECONNRESET|10\.0\.0\.7/);
  assert.ok(logs.lines().some((l) => l.code === 'rate_limited' && /ECONNRESET/.test(JSON.stringify(l.err))));
});

test("a 401 problem says which scheme to use; Hono's own 4xx exceptions are validation_failed", async () => {
  const denied = await setup(() => new ProblemError('session_invalid')).app.request('/throw');
  assert.equal(denied.headers.get('www-authenticate'), 'Bearer realm="ce-proxy"');
  await assertProblem(denied, 'session_invalid');
  const hono = await setup(() => new HTTPException(400, { message: 'Malformed header' })).app.request('/throw');
  await assertProblem(hono, 'validation_failed', /Malformed header/);
});
