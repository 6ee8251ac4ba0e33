import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_CREDENTIALS, SANDBOX_HOOKS, startSandbox } from '../../demo/sandbox/server.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import { memoryLogger, problemOf } from './test-elements.js';

// The shipped definitions and the real sandbox, end to end through the platform (SQLite).
test('the shipped sandbox elements connect through the platform, and refusals name the field', async (t) => {
  const sandbox = await startSandbox({ port: 0 });
  const dataDir = await mkdtemp(join(tmpdir(), 'ce-platform-sandbox-'));
  t.after(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const platform = await createPlatform({
    dataDir,
    secrets: {},
    development: true,
    vars: { SANDBOX_URL: sandbox.url },
    timeoutMs: 500,
    logger: memoryLogger(),
  });
  t.after(() => platform.close());
  const s = { tenantId: 'acme', userId: 'u1' };

  const keys = platform.catalog.list(s).map((e) => e.key);
  assert.ok(keys.includes('sandbox-erp') && keys.includes('sandbox-helpdesk'), keys.join(', '));
  for (const { key, reason } of platform.skipped) assert.match(reason, /host secrets/, key);

  const erp = await platform.instances.create(s, {
    element: { key: 'sandbox-erp' },
    authenticationType: 'basic',
    configuration: { ...SANDBOX_CREDENTIALS.erp },
  });
  assert.deepEqual(erp.configuration, { 'account.id': 'ACME-001', 'user.username': 'demo@acme.test', 'erp.role': 'accountant' });
  const desk = await platform.instances.create(s, {
    element: { key: 'sandbox-helpdesk' },
    authenticationType: 'apiKey',
    configuration: { ...SANDBOX_CREDENTIALS.helpdesk },
  });
  assert.equal(desk.name, 'Sandbox Helpdesk');
  assert.ok(!JSON.stringify(await platform.instances.list(s)).includes(SANDBOX_CREDENTIALS.helpdesk['api.key']));

  const refused = async (configuration: Record<string, string>) => {
    const e = await problemOf(
      platform.instances.create(s, { element: { key: 'sandbox-erp' }, authenticationType: 'basic', configuration }),
    );
    return { status: e.status, fields: e.errors?.map((x) => x.field) };
  };
  assert.deepEqual(await refused({ ...SANDBOX_CREDENTIALS.erp, 'user.password': 'wrong' }), {
    status: 422,
    fields: ['user.password'],
  });
  assert.deepEqual(await refused({ ...SANDBOX_CREDENTIALS.erp, 'account.id': 'NOPE-1' }), { status: 422, fields: ['account.id'] });
  assert.deepEqual(await refused({ ...SANDBOX_CREDENTIALS.erp, 'account.id': SANDBOX_HOOKS.broken }), {
    status: 502,
    fields: undefined,
  });
  assert.deepEqual(await refused({ ...SANDBOX_CREDENTIALS.erp, 'account.id': SANDBOX_HOOKS.slow }), {
    status: 504,
    fields: undefined,
  });
  assert.equal((await platform.instances.list(s)).length, 2);
});
