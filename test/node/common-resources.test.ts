import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { createCommonResources, parseCommonResources } from '../../src/server/platform/common-resources.js';
import { problemOfCall } from './test-elements.js';

/** The host's common resources file: read and checked at start-up, a mistake named by file, resource and field. */
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ce-common-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const customers = {
  name: 'customers',
  displayName: 'Customers',
  fields: [
    { path: 'name', type: 'string', required: true },
    { path: 'billingAddress.city', type: 'string' },
  ],
};
const env = (file: string) => ({ CE_COMMON_RESOURCES: file, CE_ADMIN_API_KEY: 'k'.repeat(16), CE_SESSION_SECRET: 's'.repeat(32) });

async function configWith(content: string): Promise<ConfigError> {
  const file = join(dir, `resources-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, content);
  try {
    loadConfig(env(file));
  } catch (e) {
    if (e instanceof ConfigError) {
      assert.ok(e.message.includes(`CE_COMMON_RESOURCES (${file})`), e.message);
      return e;
    }
    throw e;
  }
  assert.fail('expected a configuration error');
}

test('a valid file becomes the platform option', async () => {
  const file = join(dir, 'ok.json');
  await writeFile(file, JSON.stringify([customers]));
  assert.deepEqual(loadConfig(env(file)).platform.commonResources, [customers]);
  assert.equal(loadConfig(env('')).platform.commonResources, undefined, 'unset: no common resources');
});

test('a missing file, bad JSON or a wrong shape stops start-up with the place named', async () => {
  assert.throws(() => loadConfig(env(join(dir, 'nope.json'))), /CE_COMMON_RESOURCES .*nope\.json\): cannot read the file \(ENOENT\)/);
  assert.match((await configWith('[{')).message, /not valid JSON/);
  assert.match((await configWith('{"customers": {}}')).message, /\(the whole file\): .*array/i);
  const badType = { ...customers, fields: [...customers.fields, { path: 'taxId', type: 'text' }] };
  assert.match((await configWith(JSON.stringify([badType]))).message, /\["customers"\]\.fields\["taxId"\]\.type: /);
  const badPath = { ...customers, fields: [{ path: 'billing address', type: 'string' }] };
  assert.match((await configWith(JSON.stringify([badPath]))).message, /fields\["billing address"\]\.path: must be a dotted path/);
  const extra = { ...customers, fields: [{ path: 'name', type: 'string', mandatory: true }] };
  assert.match((await configWith(JSON.stringify([extra]))).message, /fields\["name"\]: .*\(mandatory\)/);
  assert.match(
    (await configWith(JSON.stringify([{ name: 'empty', fields: [] }]))).message,
    /\["empty"\]\.fields: must list at least one field/,
  );
});

test('names once, paths once, and no path that is both a value and a parent', () => {
  assert.throws(() => parseCommonResources([customers, customers]), /\["customers"\]: the name is used twice/);
  const twice = {
    name: 'c',
    fields: [
      { path: 'email', type: 'string' },
      { path: 'email', type: 'string' },
    ],
  };
  assert.throws(() => parseCommonResources([twice]), /\["c"\]\.fields\["email"\]: the path is listed twice/);
  const both = {
    name: 'c',
    fields: [
      { path: 'billingAddress', type: 'string' },
      { path: 'billingAddress.city', type: 'string' },
    ],
  };
  assert.throws(() => parseCommonResources([both]), /fields\["billingAddress"\]: is a value and also holds other fields/);
});

test('an unknown name is not_found', () => {
  const resources = createCommonResources(parseCommonResources([customers]));
  assert.equal(resources.get('customers').displayName, 'Customers');
  assert.equal(problemOfCall(() => resources.get('vendors')).code, 'not_found');
});
