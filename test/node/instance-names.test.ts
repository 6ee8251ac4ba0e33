import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlatform } from '../../src/server/platform/platform.js';
import { DEFAULT_RATE_LIMITS } from '../../src/server/platform/rate-limits.js';
import type { Platform } from '../../src/server/platform/types.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, memoryLogger, startVendor, testDefinitions, testSecrets } from './test-elements.js';

const CONCURRENT = 200;

let vendor: Awaited<ReturnType<typeof startVendor>>;
before(async () => {
  vendor = await startVendor(erpHandler);
});
after(() => vendor.close());

describeStores('default instance names', (store) => {
  let platform: Platform;
  before(async () => {
    platform = await createPlatform({
      ...store.options(),
      definitions: testDefinitions(),
      secrets: testSecrets,
      development: true,
      vars: { SANDBOX_URL: vendor.url },
      timeoutMs: 5000,
      // One user's burst of creates is the point here, not the credential limits.
      rateLimits: { ...DEFAULT_RATE_LIMITS, credentialsPerUser: 100_000, credentialsPerTenant: 100_000 },
      logger: memoryLogger(),
    });
  });
  after(() => platform.close());

  test(`${CONCURRENT} concurrent unnamed creates in one tenant get ${CONCURRENT} distinct names`, async () => {
    const session = { tenantId: 'names', userId: 'ada' };
    const input = {
      element: { key: 'test-erp' },
      authenticationType: 'basic',
      configuration: { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password },
    };
    const created = await Promise.all(Array.from({ length: CONCURRENT }, () => platform.instances.create(session, input)));
    const names = created.map((i) => i.name);
    const expected = ['Test ERP', ...Array.from({ length: CONCURRENT - 1 }, (_, i) => `Test ERP ${i + 2}`)];
    assert.deepEqual([...names].sort(), [...expected].sort(), `${new Set(names).size} distinct names`);
    // Another tenant starts again at the plain name.
    assert.equal((await platform.instances.create({ tenantId: 'other', userId: 'bo' }, input)).name, 'Test ERP');
  });
});
