import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import {
  AuthenticationTypeShape,
  CatalogElementShape,
  ConfigurationObjectShape,
  conforms,
  InstanceShape,
  ProblemShape,
  toZod,
  type Shape,
} from '../../src/contract/index.js';
import {
  array,
  boolean,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  scalar,
  string,
  union,
  unknown,
} from '../../src/contract/shape.js';

const app = {
  key: 'sandbox-erp',
  name: 'Sandbox ERP',
  description: 'An ERP',
  categories: ['ERP'],
  logo: '/elements/sandbox-erp/logo',
  authenticationTypes: ['basic'],
};
const instance = {
  id: 'i-1',
  name: 'ERP',
  element: { key: 'sandbox-erp' },
  authenticationType: 'basic',
  configuration: { 'account.id': 'ACME-001', retries: 3, sandbox: true, regions: ['eu', 'us'] },
  status: 'connected',
  createdDate: '2026-11-29T00:00:00Z',
  updatedDate: '2026-11-29T00:00:00Z',
};
const without = <T extends object>(o: T, key: keyof T) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

// Each shape with values it must accept and values it must refuse; the widget's checker and the
// server's zod schema must give the same answer for every one.
const cases: [string, Shape, unknown[]][] = [
  ['string', string(), ['', 'a', 1, null, undefined, ['a']]],
  ['string with bounds', string(1, 3), ['', 'a', 'abc', 'abcd']],
  ['number', number(), [0, -1.5, Infinity, NaN, '1', null]],
  ['boolean', boolean(), [true, false, 0, 'true']],
  ['scalar', scalar(), ['x', 2, false, Infinity, null, [], {}]],
  ['unknown', unknown(), [undefined, null, 1, {}]],
  ['enum', oneOf(['a', 'b']), ['a', 'b', 'c', 1]],
  ['array', array(string()), [[], ['a'], ['a', 1], 'a', { 0: 'a' }]],
  ['record', record(number()), [{}, { a: 1 }, { a: '1' }, [], null, [1]]],
  ['union', union(number(), array(string())), [1, ['a'], 'a', [1]]],
  ['optional', optional(string()), [undefined, 'a', null, 1]],
  ['nullable', nullable(string()), [null, 'a', undefined]],
  [
    'object',
    object({ a: string(), b: optional(number()) }),
    [{ a: 'x' }, { a: 'x', b: 1, c: true }, { a: 'x', b: '1' }, { b: 1 }, [], null, 'a'],
  ],
  [
    'catalog element',
    CatalogElementShape,
    [app, without(app, 'logo'), without(app, 'categories'), { ...app, key: '' }, { ...app, categories: [1] }, { ...app, logo: null }],
  ],
  [
    'instance',
    InstanceShape,
    [
      instance,
      { ...instance, status: 'broken' },
      { ...instance, configuration: { x: null } },
      { ...instance, configuration: { x: [1] } },
      { ...instance, element: {} },
      without(instance, 'updatedDate'),
    ],
  ],
  [
    'authentication type',
    AuthenticationTypeShape,
    [
      { type: 'basic', name: 'Basic', flow: 'form' },
      { type: 'basic', name: 'Basic' },
      { type: 'basic', name: '', flow: 'form' },
    ],
  ],
  [
    'configuration object',
    ConfigurationObjectShape,
    [
      {
        key: 'k',
        name: 'Key',
        type: 'TEXTFIELD_32',
        description: null,
        defaultValue: 3,
        options: [{ value: 'a', description: null }],
      },
      { key: 'k', name: 'Key', type: 'TEXTFIELD_32', defaultValue: {} },
      { key: 'k'.repeat(201), name: 'Key', type: 'TEXTFIELD_32' },
      { key: 'k', type: 'PASSWORD' },
    ],
  ],
  [
    'problem',
    ProblemShape,
    [
      { title: 'Bad', status: 400, code: 'validation_failed', errors: [{ field: 'a', message: 'b' }] },
      { title: 'Bad', status: '400' },
      { title: 'Bad', status: 400, errors: [{ field: 'a' }] },
    ],
  ],
];

for (const [name, shape, values] of cases) {
  test(`${name}: the widget's check and the server's zod schema agree`, () => {
    const schema = toZod(shape);
    for (const value of values) {
      assert.equal(conforms(shape, value), z.safeParse(schema, value).success, `${name}: ${JSON.stringify(value)}`);
    }
    // Every case accepts something and refuses something, so agreement is not trivial.
    const accepted = values.filter((v) => conforms(shape, v)).length;
    if (name !== 'unknown') assert.ok(accepted > 0 && accepted < values.length, `${name} has accepted and refused values`);
  });
}

test('toZod builds the schema the contract had: zod names the field and its rule', () => {
  const r = z.safeParse(toZod(ConfigurationObjectShape), { key: '', name: 'Key', type: 'TEXTFIELD_32' });
  assert.ok(!r.success);
  assert.deepEqual(
    r.error.issues.map((i) => [i.path.join('.'), i.code]),
    [['key', 'too_small']],
  );
});
