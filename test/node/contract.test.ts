import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ConfigurationObject, configurationType, isHiddenConfiguration, maxLengthOf } from '../../src/contract/index.js';

// As Cloud Elements answered GET /elements/{key}/authentication-types/…/configuration: nulls, ids,
// a groupControl COMBO and grouped fields.
const ceMetadata = [
  {
    id: 12001,
    key: 'authentication.type',
    name: 'Authentication Type',
    type: 'COMBO',
    required: true,
    defaultValue: 'basic',
    displayOrder: 0,
    groupControl: true,
    hideFromConsole: false,
    internal: false,
    companyConfig: false,
    resellerConfig: false,
    description: null,
    active: true,
    options: [
      { value: 'basic', description: 'Basic' },
      { value: 'custom', description: 'Token based' },
    ],
  },
  { id: 12002, key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, groupName: 'basic', defaultValue: null },
  { id: 12003, key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, groupName: 'basic' },
  { id: 12004, key: 'event.notification.enabled', name: 'Events Enabled', type: 'BOOLEAN', required: false, defaultValue: 'false' },
  { id: 12005, key: 'oauth.api.secret', name: 'Client secret', type: 'PASSWORD', required: true, companyConfig: true },
  { id: 12006, key: 'odd', name: 'From the future', type: 'TEXTFIELD_4096_RICH', required: false },
];

test('real Cloud Elements configuration metadata parses', () => {
  const parsed = z.parse(z.array(ConfigurationObject), ceMetadata);
  assert.equal(parsed[0]!.type, 'COMBO');
  assert.equal(parsed[0]!.groupControl, true);
  assert.deepEqual(
    parsed[0]!.options?.map((o) => o.value),
    ['basic', 'custom'],
  );
  assert.equal(parsed[1]!.groupName, 'basic');
  assert.equal(maxLengthOf(configurationType(parsed[1]!.type)), 128);
  assert.equal(parsed[2]!.required, true);
  assert.equal(isHiddenConfiguration(parsed[4]!), true);
  assert.equal(isHiddenConfiguration(parsed[1]!), false);
});

test('an unknown configuration type parses, and reads as a text field', () => {
  const odd = z.parse(ConfigurationObject, ceMetadata[5]);
  assert.equal(configurationType(odd.type), 'TEXTFIELD_1000');
  assert.equal(configurationType('PASSWORD'), 'PASSWORD');
});

test('a configuration object without a name is refused', () => {
  assert.equal(z.safeParse(ConfigurationObject, { key: 'x', type: 'PASSWORD' }).success, false);
});
