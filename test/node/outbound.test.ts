import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { createServer as createTlsServer } from 'node:tls';
import { isIP, type AddressInfo } from 'node:net';
import { hostMatches, isPrivateAddress, outboundFetch, type OutboundPolicy } from '../../src/server/platform/outbound.js';
import { buildRequest, callElement, checkPlacement } from '../../src/server/platform/engine.js';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { findAuth, problemOf, problemOfCall, startVendor, testDefinitions } from './test-elements.js';

let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor((req, res, url) => {
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to)
      return void res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
    if (url.pathname === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (url.pathname === '/hang') return; // never answers
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ path: url.pathname, method: req.method, auth: req.headers.authorization ?? null, query: url.search }));
  });
});
after(() => vendor.close());

const policy = (p: Partial<OutboundPolicy> = {}): OutboundPolicy => ({
  element: 'Acme',
  hosts: ['127.0.0.1'],
  allowPrivate: true,
  timeoutMs: 2000,
  ...p,
});

test('a wildcard host pattern matches exactly one label', () => {
  const p = ['*.zendesk.com', 'api.example.com'];
  for (const host of ['acme.zendesk.com', 'ACME.Zendesk.com', 'acme.zendesk.com.', 'api.example.com'])
    assert.ok(hostMatches(host, p), host);
  for (const host of [
    'zendesk.com',
    '.zendesk.com',
    'a.b.zendesk.com',
    'evilzendesk.com',
    'acme.zendesk.com.evil.com',
    'x.api.example.com',
    'example.com',
  ])
    assert.ok(!hostMatches(host, p), host);
});

// Every special-purpose range is refused; IPv6 forms that carry an IPv4 address are judged by that address.
const ADDRESSES: [address: string, refused: boolean, range: string][] = [
  ['0.0.0.0', true, 'this network'],
  ['10.0.0.1', true, 'private'],
  ['100.64.0.1', true, 'carrier-grade NAT'],
  ['127.1.2.3', true, 'loopback'],
  ['169.254.169.254', true, 'link-local'],
  ['172.16.5.4', true, 'private'],
  ['192.0.0.8', true, 'IETF protocol assignments'],
  ['192.0.2.1', true, 'documentation'],
  ['192.31.196.1', true, 'AS112'],
  ['192.52.193.1', true, 'AMT'],
  ['192.88.99.1', true, '6to4 relay anycast'],
  ['192.168.1.1', true, 'private'],
  ['198.18.0.1', true, 'benchmarking'],
  ['198.51.100.7', true, 'documentation'],
  ['203.0.113.10', true, 'documentation'],
  ['224.0.0.1', true, 'multicast'],
  ['240.0.0.1', true, 'reserved'],
  ['255.255.255.255', true, 'broadcast'],
  ['::', true, 'unspecified'],
  ['::1', true, 'loopback'],
  ['fe80::1', true, 'link-local'],
  ['fd12::1', true, 'unique local'],
  ['fec0::1', true, 'site-local (deprecated)'],
  ['ff02::1', true, 'multicast'],
  ['100::1', true, 'discard'],
  ['2001::1', true, 'Teredo'],
  ['2001:2::1', true, 'benchmarking'],
  ['2001:db8::1', true, 'documentation'],
  ['2001:20::1', true, 'ORCHIDv2'],
  ['5f00::1', true, 'segment routing'],
  ['64:ff9b:1::1', true, 'NAT64 local use'],
  ['::ffff:127.0.0.1', true, 'IPv4-mapped loopback'],
  ['::ffff:0:10.0.0.1', true, 'IPv4-translated private'],
  ['::127.0.0.1', true, 'IPv4-compatible loopback'],
  ['::7f00:1', true, 'IPv4-compatible loopback, hex'],
  ['64:ff9b::127.0.0.1', true, 'NAT64 of loopback'],
  ['64:ff9b::a9fe:a9fe', true, 'NAT64 of link-local'],
  ['2002:7f00:1::', true, '6to4 of loopback'],
  ['2002:c0a8:101::1', true, '6to4 of private'],
  ['8.8.8.8', false, 'public'],
  ['172.32.0.1', false, 'public, beside 172.16/12'],
  ['1.1.1.1', false, 'public'],
  ['2606:4700::1111', false, 'public'],
  ['::ffff:8.8.8.8', false, 'IPv4-mapped public'],
  ['64:ff9b::808:808', false, 'NAT64 of public'],
  ['2002:808:808::1', false, '6to4 of public'],
  ['not-an-ip', false, 'not an address'],
];

test('every address that is not global unicast is refused, embedded IPv4 judged as itself', () => {
  for (const [address, refused, range] of ADDRESSES) assert.equal(isPrivateAddress(address), refused, `${address} (${range})`);
});

test('loopback is refused unless the policy allows private addresses', async () => {
  const calls = vendor.calls.length;
  const direct = await problemOf(outboundFetch(new URL(`https://127.0.0.1:${vendor.port}/ok`), {}, policy({ allowPrivate: false })));
  assert.equal(direct.status, 400);
  assert.match(direct.detail!, /points to a private network/);
  // A name that resolves to loopback is refused the same way.
  const named = await problemOf(
    outboundFetch(new URL(`https://localhost:${vendor.port}/ok`), {}, policy({ hosts: ['localhost'], allowPrivate: false })),
  );
  assert.match(named.detail!, /localhost points to a private network/);
  const plain = await problemOf(outboundFetch(new URL(`${vendor.url}/ok`), {}, policy({ allowPrivate: false })));
  assert.match(plain.detail!, /must be reached over https/);
  assert.equal(vendor.calls.length, calls, 'nothing was sent');
  const res = await outboundFetch(new URL(`${vendor.url}/ok`), {}, policy());
  assert.equal(res.status, 200);
});

/**
 * Stands in for the system resolver while `run` runs: both the promise lookup (the check) and the
 * callback lookup (what a connection uses), as a DNS server would answer them. Names the hosts asked.
 */
async function withResolver(answer: (host: string, asked: number) => string, run: (asked: string[]) => Promise<void>) {
  const asked: string[] = [];
  const address = (host: string) => {
    if (isIP(host)) return host; // a server's listen() looks up its own address too
    asked.push(host);
    return answer(host, asked.length);
  };
  const entry = (a: string) => ({ address: a, family: a.includes(':') ? 6 : 4 });
  mock.method(dns.promises, 'lookup', async (host: string) => [entry(address(host))]);
  mock.method(
    dns,
    'lookup',
    (host: string, options: dns.LookupOptions | ((...a: unknown[]) => void), cb?: (...a: unknown[]) => void) => {
      const callback = typeof options === 'function' ? options : cb!;
      const e = entry(address(host));
      process.nextTick(() => (typeof options === 'object' && options.all ? callback(null, [e]) : callback(null, e.address, e.family)));
    },
  );
  syncBuiltinESMExports();
  try {
    await run(asked);
  } finally {
    mock.restoreAll();
    syncBuiltinESMExports();
  }
}

test('a name that turns private after the check (DNS rebinding) is refused before anything reaches it', async () => {
  // The attacker's DNS answers a public address to the check, then loopback to the connection.
  await withResolver(
    (_, n) => (n === 1 ? '1.1.1.1' : '127.0.0.1'),
    async (asked) => {
      const before = { calls: vendor.calls.length, connections: vendor.connections };
      const p = await problemOf(
        outboundFetch(new URL(`https://rebind.test:${vendor.port}/ok`), {}, policy({ hosts: ['rebind.test'], allowPrivate: false })),
      );
      assert.equal(vendor.connections, before.connections, 'nothing connected to the loopback vendor');
      assert.equal(vendor.calls.length, before.calls);
      assert.equal(p.status, 400);
      assert.equal(p.detail, 'The address rebind.test points to a private network, which Acme may not use.');
      assert.deepEqual(asked, ['rebind.test', 'rebind.test'], 'checked, then resolved again by the connection itself');
    },
  );
});

test('an allowed request connects to the address its own lookup answered, and TLS still names the host', async () => {
  await withResolver(
    () => '127.0.0.1',
    async (asked) => {
      // erp.test exists only in this resolver: the request reaching the vendor proves the connection used it.
      const res = await outboundFetch(new URL(`http://erp.test:${vendor.port}/ok`), {}, policy({ hosts: ['erp.test'] }));
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { path: string }).path, '/ok');
      assert.deepEqual(asked, ['erp.test']);

      // The certificate must be checked against the name, not the pinned address: the TLS hello says which.
      const names: string[] = [];
      const tls = createTlsServer({
        SNICallback: (name, cb) => {
          names.push(name);
          cb(new Error('no certificate here'));
        },
      });
      tls.on('tlsClientError', () => {});
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = tls.address() as AddressInfo;
        const p = await problemOf(outboundFetch(new URL(`https://erp.test:${port}/ok`), {}, policy({ hosts: ['erp.test'] })));
        assert.equal(p.status, 502);
        assert.deepEqual(names, ['erp.test']);
      } finally {
        tls.close();
      }
    },
  );
});

test('only a sandbox element in development mode may reach loopback', async () => {
  const base = testDefinitions()[0]!;
  const auth = findAuth(base, 'basic')!;
  const values = { 'account.id': 'A1', 'user.username': 'u', 'user.password': 'p', 'partner.key': 'k' };
  const vars = { SANDBOX_URL: vendor.url };
  const ok = await callElement(base, auth, values, { path: '/ping' }, { vars, development: true, timeoutMs: 2000 });
  assert.equal(((await ok.json()) as { path: string }).path, '/erp/A1/ping');
  for (const [def, development] of [
    [base, false],
    [{ ...base, sandbox: false }, true],
  ] as const) {
    const p = await problemOf(callElement(def, auth, values, { path: '/ping' }, { vars, development, timeoutMs: 2000 }));
    assert.equal(p.status, 400, `sandbox ${def.sandbox}, development ${development}`);
  }
});

test('redirects are followed on the same origin; elsewhere it is a provider problem', async () => {
  const same = await outboundFetch(new URL(`${vendor.url}/redirect?to=/landed`), {}, policy());
  assert.equal(((await same.json()) as { path: string }).path, '/landed');
  for (const to of ['https://evil.example/x', `http://localhost:${vendor.port}/landed`]) {
    const p = await problemOf(outboundFetch(new URL(`${vendor.url}/redirect?to=${encodeURIComponent(to)}`), {}, policy()));
    assert.equal(p.status, 502, to);
    assert.equal(p.title, 'Provider error');
    assert.match(p.detail!, /Acme redirected to .* which it may not use/);
  }
  assert.equal((await problemOf(outboundFetch(new URL(`${vendor.url}/loop`), {}, policy()))).status, 502);
  const post = await problemOf(outboundFetch(new URL(`${vendor.url}/redirect?to=/landed`), { method: 'POST', body: '{}' }, policy()));
  assert.match(post.detail!, /redirected a POST request/);
  const kept = await outboundFetch(new URL(`${vendor.url}/redirect?status=307&to=/landed`), { method: 'POST', body: '{}' }, policy());
  assert.deepEqual(await kept.json(), { path: '/landed', method: 'POST', auth: null, query: '' });
});

test('a redirect to another origin is refused, even to another port of an allowed host', async () => {
  const other = await startVendor((_req, res) => void res.writeHead(200).end('{}'));
  try {
    for (const to of [`${other.url}/landed`, `http://localhost:${vendor.port}/landed`, `https://127.0.0.1:${vendor.port}/landed`]) {
      const p = await problemOf(outboundFetch(new URL(`${vendor.url}/redirect?to=${encodeURIComponent(to)}`), {}, policy()));
      assert.equal(p.code, 'vendor_error', to);
      assert.equal(p.detail, `Acme redirected to ${new URL(to).host}, which it may not use. Contact support.`);
    }
    assert.equal(other.connections, 0, 'nothing reached the other port');
  } finally {
    await other.close();
  }
});

test('a redirect to an origin the definition lists is followed without any credential', async () => {
  const seen: { headers: Record<string, unknown>; query: string }[] = [];
  const files = await startVendor((req, res, url) => {
    seen.push({ headers: req.headers, query: url.search });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  try {
    const def = parseDefinition(
      {
        key: 'files',
        name: 'Files',
        description: '',
        categories: [],
        sandbox: true,
        hosts: ['127.0.0.1'],
        redirectOrigins: ['{$FILES_URL}'],
        authenticationTypes: [
          {
            type: 'custom',
            name: 'Token',
            baseUrl: '{$SANDBOX_URL}',
            configuration: [{ key: 'token', name: 'Token', type: 'PASSWORD', required: true }],
            credentials: { bearer: '{token}', headers: { 'x-api-key': '{token}' }, query: { api_key: '{token}' } },
          },
        ],
      },
      'test:files',
    );
    const opts = { vars: { SANDBOX_URL: vendor.url, FILES_URL: `${files.url}/` }, development: true, timeoutMs: 2000 };
    const call = (to: string) =>
      callElement(def, def.authenticationTypes[0]!, { token: 'tok-123' }, { path: '/redirect', query: { to } }, opts);
    // The same origin keeps the credentials.
    assert.equal(((await (await call('/landed')).json()) as { auth: string }).auth, 'Bearer tok-123');
    // The listed one gets none, even when the vendor copies them into the address.
    const res = await call(`${files.url}/file?api_key=tok-123&page=2`);
    assert.equal(res.status, 200);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.query, '?page=2');
    assert.equal(seen[0]!.headers.accept, 'application/json');
    for (const name of ['authorization', 'x-api-key']) assert.equal(seen[0]!.headers[name], undefined, name);
    assert.ok(!JSON.stringify(seen).includes('tok-123'));
  } finally {
    await files.close();
  }
});

test('redirectOrigins name origins only', () => {
  const def = (redirectOrigins: string[]) => ({
    key: 'x',
    name: 'X',
    description: '',
    categories: [],
    hosts: ['api.x.example'],
    redirectOrigins,
    authenticationTypes: [{ type: 'custom', name: 'X', baseUrl: 'https://api.x.example', configuration: [] }],
  });
  assert.deepEqual(
    parseDefinition(def(['https://files.x.example', 'https://cdn.x.example:8443/', '{$FILES_URL}']), 'ok').redirectOrigins?.length,
    3,
  );
  for (const bad of ['https://files.x.example/path', 'files.x.example', 'https://files.x.example/?q=1'])
    assert.throws(() => parseDefinition(def([bad]), 'bad'), /redirectOrigins: .* is not an origin/, bad);
});

test('a vendor that does not answer in time is a 504 with a readable message', async () => {
  const p = await problemOf(outboundFetch(new URL(`${vendor.url}/hang`), {}, policy({ timeoutMs: 200 })));
  assert.equal(p.status, 504);
  assert.equal(p.detail, 'Acme did not answer within 0.2 seconds. Try again in a moment.');
});

test('user values in the host part must be one DNS label', () => {
  const desk = findAuth(testDefinitions()[1]!, 'apiKey')!;
  for (const bad of ['evil.com/x', '127.0.0.1', 'acme:8080', 'a b', '-acme', 'evil.com#', 'user@evil'])
    assert.deepEqual(
      checkPlacement(desk, { subdomain: bad }).map((e) => e.field),
      ['subdomain'],
      bad,
    );
  assert.deepEqual(checkPlacement(desk, { subdomain: 'acme-2' }), []);
  const p = problemOfCall(() => buildRequest(desk, { subdomain: 'evil.com/x', 'api.key': 'k' }, {}, { path: '/users/me' }));
  assert.equal(p.status, 400);
  assert.deepEqual(
    p.errors?.map((e) => e.field),
    ['subdomain'],
  );
});

test('credentials are applied as the definition says, and path values are escaped', () => {
  const def = parseDefinition(
    {
      key: 'apply',
      name: 'Apply',
      description: '',
      categories: [],
      hosts: ['api.apply.example'],
      authenticationTypes: [
        {
          type: 'custom',
          name: 'Token',
          baseUrl: 'https://api.apply.example/{tenant}',
          configuration: [
            { key: 'tenant', name: 'Tenant', type: 'TEXTFIELD_32' },
            { key: 'token', name: 'Token', type: 'PASSWORD' },
          ],
          credentials: { bearer: '{token}', query: { api_key: '{token}' }, headers: { 'x-tenant': '{tenant}' } },
        },
      ],
    },
    'test:apply',
  );
  const { url, init } = buildRequest(
    def.authenticationTypes[0]!,
    { tenant: 'a/../b', token: 't k' },
    {},
    { path: '/me', query: { q: '1' } },
  );
  assert.equal(url.pathname, '/a%2F..%2Fb/me');
  assert.equal(url.searchParams.get('api_key'), 't k');
  assert.equal(url.searchParams.get('q'), '1');
  const headers = new Headers(init.headers);
  assert.equal(headers.get('authorization'), 'Bearer t k');
  assert.equal(headers.get('x-tenant'), 'a/../b');
});
