import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { createPlatform } from '../../src/server/platform/platform.js';
import type { Platform } from '../../src/server/platform/types.js';
import { createApp } from '../../src/server/proxy/app.js';
import type { ProblemCode } from '../../src/contract/index.js';
import { ADMIN_KEY, assertProblem, captureLogs, HOST_SECRET, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

/**
 * Identifiers no column can hold (a NUL, a value past the column's length) answer the same on
 * SQLite and PostgreSQL: 400 naming the field, or 401 for a token's claims; never a 500.
 */
let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

const hostToken = (claims: { tid: string; sub: string }) =>
  new SignJWT({ tid: claims.tid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(HOST_SECRET));

describeStores('identifiers at the edge', (store) => {
  let platform: Platform;
  let server: Awaited<ReturnType<typeof listen>>;
  let token: string;
  let id: string;
  const logs = captureLogs();
  before(async () => {
    const config = testConfig({
      platform: {
        ...store.options(),
        definitions: testDefinitions(),
        secrets: testSecrets,
        development: true,
        vars: { SANDBOX_URL: vendor.url },
      },
    });
    platform = await createPlatform({ ...config.platform, logger: logs.logger });
    server = await listen(createApp({ platform, config, logger: logs.logger }).fetch);
    token = await mintSession(server.url, ADMIN_KEY, { tenantId: `t-${randomUUID()}`, userId: 'u1' });
    const created = await call(token, 'POST', '/instances', erp());
    assert.equal(created.status, 201);
    ({ id } = (await created.json()) as { id: string });
  });
  after(async () => {
    await server.close();
    await platform.close();
  });

  const call = (bearer: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const erp = (extra: Record<string, unknown> = {}) => ({
    element: { key: 'test-erp' },
    authenticationType: 'basic',
    configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
    ...extra,
  });
  const long = (n: number) => 'x'.repeat(n);

  test('each bad identifier is refused naming its field, before the database sees it', async () => {
    const session = (tenantId: string, userId: string, elements?: string[]) => ({
      tenantId,
      userId,
      ...(elements ? { elements } : {}),
    });
    const cases: [
      what: string,
      bearer: () => string | Promise<string>,
      method: string,
      path: string,
      body: unknown,
      code: ProblemCode,
      field?: string,
    ][] = [
      ['a NUL in a new name', () => token, 'POST', '/instances', erp({ name: 'Books\0' }), 'validation_failed', 'name'],
      ['a NUL in a new name (rename)', () => token, 'PATCH', `/instances/${id}`, { name: 'a\0b' }, 'validation_failed', 'name'],
      ['a name past its column', () => token, 'PATCH', `/instances/${id}`, { name: long(101) }, 'validation_failed', 'name'],
      [
        'a control character in an element key',
        () => token,
        'POST',
        '/instances',
        erp({ element: { key: 'test-erp\x1b' } }),
        'validation_failed',
        'element.key',
      ],
      [
        'a NUL in a sign-in type',
        () => token,
        'POST',
        '/instances',
        erp({ authenticationType: 'basic\0' }),
        'validation_failed',
        'authenticationType',
      ],
      ['GET /instances/%00', () => token, 'GET', '/instances/%00', undefined, 'validation_failed', 'id'],
      ['PATCH /instances/%00', () => token, 'PATCH', '/instances/%00', { name: 'x' }, 'validation_failed', 'id'],
      ['DELETE /instances/%00', () => token, 'DELETE', '/instances/%00', undefined, 'validation_failed', 'id'],
      ['an instance id past its column', () => token, 'GET', `/instances/${id}0`, undefined, 'validation_failed', 'id'],
      ['GET /elements/%00', () => token, 'GET', '/elements/%00', undefined, 'validation_failed', 'key'],
      [
        'a NUL in a sign-in type path',
        () => token,
        'GET',
        '/elements/test-erp/authentication-types/a%00/configuration',
        undefined,
        'validation_failed',
        'type',
      ],
      ['a NUL tenantId minted', () => ADMIN_KEY, 'POST', '/admin/sessions', session('t\0', 'u'), 'validation_failed', 'tenantId'],
      ['a NUL userId minted', () => ADMIN_KEY, 'POST', '/admin/sessions', session('t', '\0'), 'validation_failed', 'userId'],
      [
        'a tenantId past its column minted',
        () => ADMIN_KEY,
        'POST',
        '/admin/sessions',
        session(long(201), 'u'),
        'validation_failed',
        'tenantId',
      ],
      [
        'a NUL in an element of the list',
        () => ADMIN_KEY,
        'POST',
        '/admin/sessions',
        session('t', 'u', ['a\0']),
        'validation_failed',
        'elements.0',
      ],
      ['a NUL tenantId listed', () => ADMIN_KEY, 'GET', '/admin/instances?tenantId=%00', undefined, 'validation_failed', 'tenantId'],
      [
        'a tenantId past its column listed',
        () => ADMIN_KEY,
        'GET',
        `/admin/instances?tenantId=${long(201)}`,
        undefined,
        'validation_failed',
        'tenantId',
      ],
      [
        'a host token whose tid is past its column',
        () => hostToken({ tid: long(201), sub: 'u' }),
        'GET',
        '/instances',
        undefined,
        'session_invalid',
      ],
      [
        'a host token whose sub is past its column',
        () => hostToken({ tid: 't', sub: long(201) }),
        'GET',
        '/instances',
        undefined,
        'session_invalid',
      ],
      [
        'a host token with a NUL in its tid',
        () => hostToken({ tid: 't\0', sub: 'u' }),
        'POST',
        '/instances',
        erp(),
        'session_invalid',
      ],
    ];
    for (const [what, bearer, method, path, body, code, field] of cases) {
      const res = await call(await bearer(), method, path, body);
      const problem = await assertProblem(res, code).catch((e: unknown) => assert.fail(`${what}: ${(e as Error).message}`));
      if (field)
        assert.deepEqual(
          problem.errors?.map((e) => e.field),
          [field],
          what,
        );
    }
    assert.ok(!logs.lines().some((l) => l.level === 50), 'nothing was an unhandled error');
    // The longest values that fit still work on both databases.
    const fits = await mintSession(server.url, ADMIN_KEY, { tenantId: long(200), userId: `ü${long(199)}` });
    assert.equal((await call(fits, 'POST', '/instances', erp({ name: long(100) }))).status, 201);
    assert.equal((await call(await hostToken({ tid: long(200), sub: long(200) }), 'GET', '/instances')).status, 200);
  });
});
