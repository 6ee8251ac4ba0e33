import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureLogs } from './proxy-fixtures.js';

type Fields = Record<string, unknown>;
/** A log line, nested as the assertions below read it. */
type LogLine = Fields & { headers: Fields; instance: Fields; upstream: Fields; err: Fields & { stack: string } };

function capture() {
  const { logger, lines, text } = captureLogs();
  return { logger, last: () => lines().at(-1) as LogLine, raw: text };
}

test('credentials are censored at the top level and one level down, the rest is kept', () => {
  const { logger, last, raw } = capture();
  const input = {
    password: 'hunter2',
    token: 'tok-top',
    adminApiKey: 'admin-key',
    headers: { authorization: 'Bearer abc', accept: 'application/json' },
    instance: { configuration: { 'user.password': 'pw-nested' }, name: 'My ERP' },
    upstream: { body: 'secret body', status: 502 },
    requestId: 'r1',
    status: 200,
  };
  logger.info(input, 'request');
  const line = last();
  for (const secret of ['hunter2', 'tok-top', 'admin-key', 'Bearer abc', 'pw-nested', 'secret body']) {
    assert.ok(!raw().includes(secret), `${secret} reached the log`);
  }
  assert.equal(line.password, '[redacted]');
  assert.equal(line.headers.authorization, '[redacted]');
  assert.equal(line.headers.accept, 'application/json');
  assert.equal(line.instance.configuration, '[redacted]');
  assert.equal(line.instance.name, 'My ERP');
  assert.equal(line.upstream.body, '[redacted]');
  assert.equal(line.upstream.status, 502);
  assert.equal(line.requestId, 'r1');
  assert.equal(line.status, 200);
  // The caller's object is left as it was.
  assert.equal(input.instance.configuration['user.password'], 'pw-nested');
});

test('an error carrying a credential keeps its type, message and stack, not the credential', () => {
  const { logger, last, raw } = capture();
  const err = Object.assign(new TypeError('upstream refused'), { token: 'tok-in-error' });
  logger.error({ err }, 'failed');
  const line = last();
  assert.equal(line.err.type, 'TypeError');
  assert.equal(line.err.message, 'upstream refused');
  assert.match(line.err.stack, /upstream refused/);
  assert.equal(line.err.token, '[redacted]');
  assert.ok(!raw().includes('tok-in-error'));
  assert.equal(err.token, 'tok-in-error');
});
