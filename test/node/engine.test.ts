import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { stdSerializers } from 'pino';
import { buildRequest, callElement, checkPlacement } from '../../src/server/platform/engine.js';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { scrubError, wordsOf } from '../../src/server/platform/scrub.js';
import { problemOf, problemOfCall } from './test-elements.js';

const def = parseDefinition(
  {
    key: 'acct',
    name: 'Acct',
    description: '',
    categories: [],
    hosts: ['api.acct.example'],
    authenticationTypes: [
      {
        type: 'custom',
        name: 'Key',
        baseUrl: 'https://api.acct.example/v1/{acct}',
        configuration: [
          { key: 'acct', name: 'Account', type: 'TEXTFIELD_64', required: true },
          { key: 'api.key', name: 'API key', type: 'PASSWORD', required: true },
        ],
        credentials: { headers: { 'x-api-key': '{api.key}' }, query: { key: '{api.key}' } },
        verify: { path: '/me' },
      },
    ],
  },
  'test:acct',
);
const auth = def.authenticationTypes[0]!;

test('a path value is exactly one segment: a dot segment is a field error, anything else is escaped', () => {
  for (const acct of ['..', '.', '%2e%2e', '.%2E', '%2e']) {
    assert.deepEqual(
      checkPlacement(auth, { acct, 'api.key': 'k' }),
      [{ field: 'acct', message: 'Account cannot be "." or "..".' }],
      acct,
    );
    const p = problemOfCall(() => buildRequest(auth, { acct, 'api.key': 'k' }, {}, { path: '/me' }));
    assert.equal(p.code, 'validation_failed');
    assert.deepEqual(
      p.errors?.map((e) => e.field),
      ['acct'],
      acct,
    );
  }
  // The request's own path template is held to the same rule.
  const item = problemOfCall(() => buildRequest(auth, { acct: 'a1', 'api.key': 'k', item: '..' }, {}, { path: '/items/{item}' }));
  assert.deepEqual(
    item.errors?.map((e) => e.field),
    ['item'],
  );
  for (const [acct, path] of [
    ['a/b?c#d', '/v1/a%2Fb%3Fc%23d/me'],
    ['...', '/v1/.../me'],
    ['..a', '/v1/..a/me'],
    ['%2F', '/v1/%252F/me'],
  ]) {
    assert.equal(buildRequest(auth, { acct: acct!, 'api.key': 'k' }, {}, { path: '/me' }).url.pathname, path, acct);
  }
});

test('a header value with a line break, NUL, a control character or beyond Latin-1 is a field error, and says no value', () => {
  for (const key of ['k\r\nX-Injected: 1', 'k\nx', 'k\0', 'k\x01', 'k\x7f', 'k€', 'k😀']) {
    const errors = checkPlacement(auth, { acct: 'a1', 'api.key': key });
    assert.deepEqual(
      errors.map((e) => e.field),
      ['api.key'],
      JSON.stringify(key),
    );
    assert.match(errors[0]!.message, /^API key holds a character that cannot be sent/);
    const p = problemOfCall(() => buildRequest(auth, { acct: 'a1', 'api.key': key }, {}, { path: '/me' }));
    assert.equal(p.status, 400);
    assert.ok(!JSON.stringify(p.toJSON()).includes('k\\'), 'the answer quotes no value');
  }
  // Latin-1 and tabs are what a header can carry.
  const { init } = buildRequest(auth, { acct: 'a1', 'api.key': 'clé\tx' }, {}, { path: '/me' });
  assert.equal(new Headers(init.headers).get('x-api-key'), 'clé\tx');
});

test('a failed call logs and answers no configuration value: the cause is scrubbed', async () => {
  const token = 'tok-0123456789';
  // An underlying failure that quotes the request, as a socket or parser error might.
  mock.method(globalThis, 'fetch', async (url: URL, init: RequestInit) => {
    const inner = Object.assign(new Error(`refused ${url.href} with ${new Headers(init.headers).get('x-api-key')}`), {
      code: 'EFAIL',
      port: 443,
      meta: { token },
    });
    throw new TypeError('fetch failed', { cause: inner });
  });
  mock.method(dns.promises, 'lookup', async () => [{ address: '1.1.1.1', family: 4 }]);
  syncBuiltinESMExports();
  try {
    const p = await problemOf(
      callElement(def, auth, { acct: 'acme', 'api.key': token }, { path: '/me' }, { vars: {}, development: false, timeoutMs: 2000 }),
    );
    assert.equal(p.code, 'vendor_unreachable');
    const logged = JSON.stringify(stdSerializers.err(p.cause as Error));
    assert.match(logged, /fetch failed/);
    const inner = (p.cause as Error).cause as Error & Record<string, unknown>;
    assert.deepEqual([inner.code, inner.port, inner.meta], ['EFAIL', 443, undefined], 'plain fields kept, objects dropped');
    assert.match(logged, /refused https:\/\/api\.acct\.example\/v1\/\[redacted\]\/me\?key=\[redacted\] with \[redacted\]/);
    assert.ok(!logged.includes(token) && !logged.includes('acme'), logged);
    assert.ok(!JSON.stringify(p.toJSON()).includes(token));
  } finally {
    mock.restoreAll();
    syncBuiltinESMExports();
  }
});

test('scrubbing cuts values from every part a logger prints, and keeps the rest', () => {
  const words = wordsOf(['ada lovelace', 'eu', 42]);
  assert.deepEqual(words, ['ada%20lovelace', 'ada lovelace'], 'encoded forms too; short values are no secret');
  const inner = Object.assign(new Error('GET /u/ada%20lovelace'), { code: 'E2', hostname: 'ada lovelace.example' });
  const e = Object.assign(new AggregateError([inner], 'user ada lovelace in eu', { cause: 'for ada lovelace' }), {
    code: 'E1',
    errno: -1,
    headers: { a: 'ada lovelace' },
  });
  const out = scrubError(e, words) as Error & Record<string, unknown>;
  assert.equal(out.message, 'user [redacted] in eu');
  assert.equal(out.code, 'E1');
  assert.equal(out.errno, -1);
  assert.equal(out.headers, undefined, 'object fields are dropped unread');
  assert.equal(out.cause, 'for [redacted]');
  const [copy] = out.errors as (Error & Record<string, unknown>)[];
  assert.deepEqual([copy!.message, copy!.code, copy!.hostname], ['GET /u/[redacted]', 'E2', '[redacted].example']);
  assert.ok(!JSON.stringify(stdSerializers.err(out)).includes('lovelace'));
});

const originDef = parseDefinition(
  {
    key: 'org',
    name: 'Org',
    description: '',
    categories: [],
    hosts: ['login.org.example', '*.my.org.example'],
    authenticationTypes: [
      {
        type: 'custom',
        name: 'Token',
        baseUrl: '{origin:instance.url}/api/v1',
        configuration: [{ key: 'token', name: 'Token', type: 'PASSWORD', required: true }],
        credentials: { bearer: '{token}' },
      },
    ],
  },
  'test:org',
);
const originAuth = originDef.authenticationTypes[0]!;
const orgHosts = originDef.hosts;

test('{origin:key} takes a bare https origin on the element hosts, verbatim', () => {
  for (const origin of ['https://acme.my.org.example', 'https://login.org.example']) {
    assert.deepEqual(checkPlacement(originAuth, { 'instance.url': origin, token: 't' }, undefined, orgHosts), [], origin);
    const { url } = buildRequest(originAuth, { 'instance.url': origin, token: 't' }, {}, { path: '/me' }, orgHosts);
    assert.equal(url.href, `${origin}/api/v1/me`);
  }
});

test('{origin:key} refuses http, a path, a query, a port, userinfo and a host outside the patterns', () => {
  for (const origin of [
    'http://acme.my.org.example',
    'https://acme.my.org.example/x',
    'https://acme.my.org.example/',
    'https://acme.my.org.example?q=1',
    'https://acme.my.org.example:8443',
    'https://acme.my.org.example:443',
    'https://user:pw@acme.my.org.example',
    'https://evil.example',
    'https://a.b.my.org.example',
    'https://my.org.example',
    'acme',
  ]) {
    assert.deepEqual(
      checkPlacement(originAuth, { 'instance.url': origin, token: 't' }, undefined, orgHosts).map((e) => e.field),
      ['instance.url'],
      origin,
    );
    const p = problemOfCall(() => buildRequest(originAuth, { 'instance.url': origin, token: 't' }, {}, { path: '/me' }, orgHosts));
    assert.equal(p.code, 'validation_failed', origin);
  }
  // Without the element's hosts no origin fits.
  assert.equal(checkPlacement(originAuth, { 'instance.url': 'https://acme.my.org.example', token: 't' }).length, 1);
});

test('{origin:key} may only start the API base', () => {
  const at =
    (baseUrl: string, path = '/me') =>
    () =>
      parseDefinition(
        {
          key: 'org',
          name: 'Org',
          description: '',
          categories: [],
          hosts: ['*.my.org.example'],
          authenticationTypes: [
            { type: 'custom', name: 'T', baseUrl, configuration: [], credentials: { bearer: 'x' }, verify: { path } },
          ],
        },
        'test:org',
      );
  assert.throws(at('https://x.my.org.example/{origin:instance.url}'), /may only start baseUrl/);
  assert.throws(at('{origin:instance.url}/v1', '/{origin:instance.url}'), /may only start baseUrl/);
  assert.doesNotThrow(at('{origin:instance.url}/v1'));
});
