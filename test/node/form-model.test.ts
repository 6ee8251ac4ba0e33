import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ConfigurationObject } from '../../src/contract/index.js';
import {
  buildForm,
  initialValues,
  validate,
  validateField as problemOf,
  visibleFields,
  type FieldProblem,
  type FormField,
  type RawValue,
} from '../../src/widget/connect-dialog/form-model.js';
import english from '../../src/widget/locales/en.json' with { type: 'json' };
import { fill } from '../../src/widget/messages.js';

/** A problem in English words, as the dialog says it (it says it in its language: connect-dialog.test.ts). */
const inEnglish = (p: FieldProblem | undefined) => p && fill(english[p.id], p.vars);
const validateField = (f: FormField, v: RawValue | undefined) => inEnglish(problemOf(f, v));

// Metadata as the proxy sends it (parsed by the contract, like the API client does).
const parse = (raw: unknown[]) => z.parse(z.array(ConfigurationObject), raw);

const erp = parse([
  { key: 'sandbox.debug', name: 'Debug logging', type: 'BOOLEAN', required: false, defaultValue: 'false', displayOrder: 9 },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 3 },
  {
    key: 'account.id',
    name: 'Account ID',
    type: 'TEXTFIELD_64',
    required: true,
    displayOrder: 1,
    pattern: '[A-Z0-9-]+',
    example: 'ACME-01',
  },
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, displayOrder: 2 },
  { key: 'oauth.api.key', name: 'Host key', type: 'TEXTFIELD_256', required: true, companyConfig: true },
  { key: 'internal.flag', name: 'Internal', type: 'TEXTFIELD_32', required: false, internal: true },
  { key: 'page.size', name: 'Page size', type: 'NUMBER', required: false, defaultValue: 100, displayOrder: 5 },
  { key: 'sync.events', name: 'Sync events', type: 'BOOLEAN', required: false, defaultValue: 'true', displayOrder: 4 },
]);

const field = (model: ReturnType<typeof buildForm>, key: string): FormField => {
  const f = model.fields.find((x) => x.key === key);
  assert.ok(f, `field ${key}`);
  return f;
};

test('drops hidden configuration and orders required fields first by displayOrder', () => {
  const model = buildForm(erp);
  assert.deepEqual(
    model.fields.map((f) => f.key),
    ['account.id', 'user.username', 'user.password', 'sync.events', 'page.size', 'sandbox.debug'],
  );
});

test('defaults: BOOLEAN strings become booleans, numbers become text for the input', () => {
  const values = initialValues(buildForm(erp));
  assert.equal(values['sync.events'], true);
  assert.equal(values['sandbox.debug'], false);
  assert.equal(values['page.size'], '100');
  assert.equal(values['user.password'], '');
});

test('prefill (reconnect) wins over defaults', () => {
  const values = initialValues(buildForm(erp), { 'account.id': 'ACME-7', 'sync.events': false });
  assert.equal(values['account.id'], 'ACME-7');
  assert.equal(values['sync.events'], false);
});

test('person-readable messages: required, too long, pattern, number', () => {
  const model = buildForm(erp);
  assert.equal(validateField(field(model, 'user.password'), ''), 'Password is required.');
  assert.equal(validateField(field(model, 'user.password'), '   '), 'Password is required.');
  assert.equal(validateField(field(model, 'account.id'), 'A'.repeat(65)), 'Account ID must be at most 64 characters.');
  assert.equal(
    validateField(field(model, 'account.id'), 'acme 01'),
    'Account ID is not in the expected format (for example ACME-01).',
  );
  assert.equal(validateField(field(model, 'account.id'), 'ACME-01'), undefined);
  assert.equal(validateField(field(model, 'page.size'), 'ten'), 'Page size must be a number.');
  assert.equal(validateField(field(model, 'page.size'), ''), undefined);
});

test('validate outputs typed values for visible fields only, omitting empty optional ones', () => {
  const model = buildForm(erp);
  const values = {
    ...initialValues(model),
    'account.id': 'ACME-01',
    'user.username': ' ada ',
    'user.password': 's3cret',
    'page.size': '',
  };
  const r = validate(model, values);
  assert.deepEqual(r, {
    ok: true,
    configuration: {
      'account.id': 'ACME-01',
      'user.username': 'ada',
      'user.password': 's3cret',
      'sync.events': true,
      'sandbox.debug': false,
    },
  });
  const bad = validate(model, { ...values, 'user.password': '', 'page.size': '12.5' });
  assert.deepEqual(bad, { ok: false, errors: { 'user.password': { id: 'field.required', vars: { name: 'Password' } } } });
  assert.deepEqual(validate(model, { ...values, 'page.size': '25' }), {
    ok: true,
    configuration: {
      'account.id': 'ACME-01',
      'user.username': 'ada',
      'user.password': 's3cret',
      'sync.events': true,
      'page.size': 25,
      'sandbox.debug': false,
    },
  });
});

// Real CE multi-auth metadata: an authentication.type COMBO switches which group shows.
const multi = parse([
  {
    key: 'authentication.type',
    name: 'Authentication type',
    type: 'COMBO',
    required: true,
    groupControl: true,
    defaultValue: 'basic',
    options: [
      { value: 'basic', description: 'Username and password' },
      { value: 'apiKey', description: 'API key' },
    ],
  },
  { key: 'username', name: 'Username', type: 'TEXTFIELD_64', required: true, groupName: 'basic' },
  { key: 'password', name: 'Password', type: 'PASSWORD', required: true, groupName: 'basic' },
  { key: 'api.key', name: 'API key', type: 'PASSWORD', required: true, groupName: 'apiKey' },
  { key: 'region', name: 'Region', type: 'TEXTFIELD_32', required: false, groupName: 'basic, apiKey' },
  { key: 'site.url', name: 'Site URL', type: 'URL', required: false },
]);

test('a groupControl COMBO decides which grouped fields show; ungrouped always show', () => {
  const model = buildForm(multi);
  const values = initialValues(model);
  assert.equal(values['authentication.type'], 'basic');
  const keys = (v: typeof values) => visibleFields(model, v).map((f) => f.key);
  assert.deepEqual(keys(values), ['authentication.type', 'username', 'password', 'region', 'site.url']);
  assert.deepEqual(keys({ ...values, 'authentication.type': 'apiKey' }), ['authentication.type', 'api.key', 'region', 'site.url']);
  // Hidden fields are neither validated nor sent.
  const r = validate(model, { ...values, 'authentication.type': 'apiKey', 'api.key': 'k-1' });
  assert.deepEqual(r, { ok: true, configuration: { 'authentication.type': 'apiKey', 'api.key': 'k-1' } });
});

test('a grouped field no control selects is hidden, like the proxy ignores it', () => {
  const model = buildForm(
    parse([
      { key: 'a', name: 'A', type: 'TEXTFIELD_32', groupName: 'x', required: true },
      { key: 'b', name: 'B', type: 'TEXTFIELD_32' },
    ]),
  );
  assert.deepEqual(
    visibleFields(model, initialValues(model)).map((f) => f.key),
    ['b'],
  );
  assert.deepEqual(validate(model, { a: '', b: '' }), { ok: true, configuration: {} });
});

test('passwords are sent as typed; other text is trimmed', () => {
  const model = buildForm(erp);
  const values = { ...initialValues(model), 'account.id': ' ACME-01 ', 'user.username': 'ada', 'user.password': ' pass phrase ' };
  const r = validate(model, values);
  assert.ok(r.ok);
  assert.equal(r.configuration['user.password'], ' pass phrase ');
  assert.equal(r.configuration['account.id'], 'ACME-01');
});

test('COMBO and MULTISELECT accept only their options; empty options fall back to text', () => {
  const model = buildForm(
    parse([
      {
        key: 'env',
        name: 'Environment',
        type: 'COMBO',
        required: true,
        defaultValue: 'nope',
        options: [{ value: 'prod' }, { value: 'test' }],
      },
      {
        key: 'scopes',
        name: 'Scopes',
        type: 'MULTISELECT',
        required: true,
        defaultValue: 'read, write,bogus',
        options: [{ value: 'read' }, { value: 'write' }, { value: 'admin' }],
      },
      { key: 'tags', name: 'Tags', type: 'MULTISELECT', required: false, options: [{ value: 'a' }] },
      { key: 'mode', name: 'Mode', type: 'COMBO', required: false, options: [] },
    ]),
  );
  const values = initialValues(model);
  assert.equal(values['env'], '', 'a default outside the options is not kept');
  assert.deepEqual(values['scopes'], ['read', 'write']);
  assert.equal(field(model, 'mode').control, 'text');
  assert.equal(validateField(field(model, 'env'), ''), 'Environment is required.');
  assert.equal(validateField(field(model, 'env'), 'staging'), 'Choose Environment from the options given.');
  assert.equal(validateField(field(model, 'scopes'), []), 'Scopes is required.');
  assert.equal(validateField(field(model, 'scopes'), ['root']), 'Choose Scopes from the options given.');
  const r = validate(model, { ...values, env: 'prod', tags: [] });
  assert.deepEqual(r, { ok: true, configuration: { env: 'prod', scopes: ['read', 'write'] } });
});

test('EMAIL and URL are checked; only http(s) URLs and help links pass', () => {
  const model = buildForm(
    parse([
      { key: 'mail', name: 'Email', type: 'EMAIL', required: true },
      { key: 'site', name: 'Site', type: 'URL', required: true, helpUrl: 'javascript:alert(1)' },
      { key: 'other', name: 'Other', type: 'TEXTFIELD_32', helpUrl: 'https://help.example.com/x' },
    ]),
  );
  assert.equal(validateField(field(model, 'mail'), 'ada'), 'Email must be an email address, like name@example.com.');
  assert.equal(validateField(field(model, 'mail'), 'ada@example.com'), undefined);
  assert.equal(validateField(field(model, 'site'), 'javascript:alert(1)'), 'Site must be a web address starting with https://.');
  assert.equal(validateField(field(model, 'site'), 'https://erp.example.com'), undefined);
  assert.equal(field(model, 'site').helpUrl, undefined);
  assert.equal(field(model, 'other').helpUrl, 'https://help.example.com/x');
});

test('malformed metadata does not crash: unknown type is text, bad pattern ignored, duplicate keys once', () => {
  const model = buildForm(
    parse([
      { key: 'x', name: 'X', type: 'WIDGET_9000', required: true, pattern: '([' },
      { key: 'x', name: 'X again', type: 'TEXTFIELD_32' },
    ]),
  );
  assert.equal(model.fields.length, 1);
  const x = field(model, 'x');
  assert.equal(x.type, 'TEXTFIELD_1000');
  assert.equal(x.control, 'text');
  assert.equal(validateField(x, 'anything'), undefined);
  assert.equal(validateField(x, 'a'.repeat(1001)), 'X must be at most 1000 characters.');
});
