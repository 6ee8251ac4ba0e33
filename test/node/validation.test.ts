import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ConfigurationObject } from '../../src/contract/index.js';
import { publicValues, validateValues } from '../../src/server/platform/validation.js';

const config = z.parse(z.array(ConfigurationObject), [
  {
    key: 'authentication.type',
    name: 'Authentication',
    type: 'COMBO',
    required: true,
    groupControl: true,
    defaultValue: 'basic',
    options: [{ value: 'basic' }, { value: 'token' }],
  },
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_32', required: true, groupName: 'basic' },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, groupName: 'basic' },
  { key: 'token.id', name: 'Token ID', type: 'TEXTFIELD_64', required: true, groupName: 'token' },
  { key: 'email', name: 'Email', type: 'EMAIL' },
  { key: 'site', name: 'Site', type: 'URL' },
  { key: 'events', name: 'Events', type: 'BOOLEAN' },
  { key: 'objects', name: 'Objects', type: 'MULTISELECT', options: [{ value: 'a' }, { value: 'b' }] },
  { key: 'limit', name: 'Limit', type: 'NUMBER' },
  { key: 'future', name: 'From the future', type: 'TEXTFIELD_4096_RICH' },
  { key: 'client.secret', name: 'Client secret', type: 'PASSWORD', companyConfig: true, required: true },
]);

test('fields of the chosen group are required; the other group is neither required nor kept', () => {
  const basic = validateValues(config, { 'user.username': ' ada ', 'user.password': ' pw ', 'token.id': 'ignored' });
  assert.deepEqual(basic.errors, []);
  assert.deepEqual(basic.values, { 'authentication.type': 'basic', 'user.username': 'ada', 'user.password': ' pw ' });
  const token = validateValues(config, { 'authentication.type': 'token' });
  assert.deepEqual(token.errors, [{ field: 'token.id', message: 'Token ID is required.' }]);
});

test('a field in several groups (comma-separated groupName, as CE allows) counts for each of them', () => {
  const shared = z.parse(z.array(ConfigurationObject), [
    config[0],
    { key: 'account.id', name: 'Account ID', type: 'TEXTFIELD_32', required: true, groupName: 'basic, token' },
  ]);
  for (const type of ['basic', 'token']) {
    assert.deepEqual(validateValues(shared, { 'authentication.type': type }).errors, [
      { field: 'account.id', message: 'Account ID is required.' },
    ]);
  }
});

test('values are checked and normalised by type', () => {
  const ok = validateValues(config, {
    'user.username': 'ada',
    'user.password': 'pw',
    email: 'a@b.co',
    site: 'https://x.example',
    events: 'true',
    objects: 'a, b',
    limit: '25',
    future: 'x'.repeat(1000),
  });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual([ok.values.events, ok.values.objects, ok.values.limit], [true, ['a', 'b'], 25]);
  const bad = validateValues(config, {
    'user.username': 'ada',
    'user.password': 'pw',
    email: 'nope',
    site: 'javascript:alert(1)',
    events: 'maybe',
    objects: ['a', 'z'],
    limit: 'ten',
    future: 'x'.repeat(1001),
    'client.secret': 's',
  });
  assert.deepEqual(Object.fromEntries(bad.errors.map((e) => [e.field, e.message])), {
    'client.secret': 'This is not a setting of this connection.',
    email: 'Enter an email address, like name@example.com.',
    site: 'Enter a web address starting with https://.',
    events: 'Choose yes or no.',
    objects: 'Not an option: z. Choose from: a, b.',
    limit: 'Enter a number.',
    future: 'Use at most 1000 characters (this is 1001).',
  });
});

test('public values leave out passwords and host configuration', () => {
  assert.deepEqual(publicValues(config, { 'user.username': 'ada', 'user.password': 'pw', 'client.secret': 's', limit: 3 }), {
    'user.username': 'ada',
    limit: 3,
  });
});

test('a pattern is read as the form reads it: one valid only without the unicode flag still applies, a broken one is ignored', () => {
  const patterned = z.parse(z.array(ConfigurationObject), [
    { key: 'phone', name: 'Phone', type: 'TEXTFIELD_32', pattern: '\\d{3}\\-\\d{4}', example: '555-0100' },
    { key: 'code', name: 'Code', type: 'TEXTFIELD_32', pattern: '([' },
  ]);
  assert.deepEqual(validateValues(patterned, { phone: '555-0100', code: 'anything' }).errors, []);
  assert.deepEqual(validateValues(patterned, { phone: '5550100' }).errors, [
    { field: 'phone', message: 'This does not look right; for example: 555-0100.' },
  ]);
});
