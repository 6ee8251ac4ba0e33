import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from '../../src/server/platform/definitions.js';
import { mapFields, MalformedMetadata, type MetadataMapping } from '../../src/server/platform/field-map.js';

/** The declarative mapping from an app's metadata answer to the contract's fields, and its checks at start-up. */

test('nested fields give dotted paths; the container is not listed itself', () => {
  const m: MetadataMapping = {
    fieldsPath: 'schema.properties',
    map: { vendorPath: 'key', vendorNativeType: 'kind' },
    children: 'properties',
  };
  const answer = {
    schema: {
      properties: [
        { key: 'name', kind: 'string' },
        {
          key: 'address',
          kind: 'object',
          properties: [
            { key: 'city', kind: 'string' },
            { key: 'geo', kind: 'object', properties: [{ key: 'lat', kind: 'number' }] },
          ],
        },
      ],
    },
  };
  assert.deepEqual(
    mapFields(answer, m).fields.map((f) => [f.vendorPath, f.type]),
    [
      ['name', 'string'],
      ['address.city', 'string'],
      ['address.geo.lat', 'number'],
    ],
  );
});

test('native types map through `types`, contract types stay, others take defaultType', () => {
  const m: MetadataMapping = { map: { vendorPath: 'n', vendorNativeType: 't' }, types: { double: 'number' }, defaultType: 'string' };
  const { fields } = mapFields([{ n: 'a', t: 'double' }, { n: 'b', t: 'boolean' }, { n: 'c', t: 'geolocation' }, { n: 'd' }], m);
  assert.deepEqual(
    fields.map((f) => f.type),
    ['number', 'boolean', 'string', 'string'],
  );
});

test("paths read a field's own members only: `constructor` or `__proto__` is no name", () => {
  const { fields, unreadable } = mapFields([{ label: 'x' }, { name: 'ok' }], {
    map: { vendorPath: 'name', vendorDisplayName: 'constructor', description: '__proto__' },
  });
  assert.deepEqual(fields, [{ vendorPath: 'ok', type: 'string' }]);
  assert.equal(unreadable, 1);
});

test('a template needs every part: an entry missing one is left out, numbers become text', () => {
  const { fields, unreadable } = mapFields(
    { list: [{ id: 7 }, { id: 'abc' }, {}] },
    { fieldsPath: 'list', map: { vendorPath: 'custom.{id}' } },
  );
  assert.deepEqual(
    fields.map((f) => f.vendorPath),
    ['custom.7', 'custom.abc'],
  );
  assert.equal(unreadable, 1);
});

test('flags: literal, negated, joined; only true is answered', () => {
  const m: MetadataMapping = {
    map: { vendorPath: 'n', vendorRequired: '!nillable & createable', custom: true, vendorReadOnly: 'ro' },
  };
  const { fields } = mapFields(
    [
      { n: 'a', nillable: false, createable: true, ro: 'yes' },
      { n: 'b', nillable: true, createable: true },
    ],
    m,
  );
  assert.deepEqual(fields, [
    { vendorPath: 'a', type: 'string', vendorRequired: true, custom: true },
    { vendorPath: 'b', type: 'string', custom: true },
  ]);
});

test('no list where the definition says is MalformedMetadata', () => {
  assert.throws(() => mapFields({ fields: null }, { fieldsPath: 'fields' }), MalformedMetadata);
  assert.throws(() => mapFields('text', {}), MalformedMetadata);
});

const base = {
  key: 'x-app',
  name: 'X',
  description: '',
  categories: [],
  hosts: ['api.x.example'],
  authenticationTypes: [{ type: 'custom', name: 'Token', baseUrl: 'https://api.x.example', configuration: [] }],
};
const withObjects = (objects: unknown[]) => () => parseDefinition({ ...base, objects }, 'x-app.json');

test('a definition with a bad discovery declaration stops start-up, naming the file and the place', () => {
  assert.throws(withObjects([{ name: 'a', vendorName: 'A' }]), /x-app\.json: objects\.a: needs metadata \(a request\) or fields/);
  assert.throws(
    withObjects([
      { name: 'a', vendorName: 'A', fields: [{ vendorPath: 'id', type: 'string' }] },
      { name: 'a', vendorName: 'B', fields: [{ vendorPath: 'id', type: 'string' }] },
    ]),
    /objects\.a: the name is used twice/,
  );
  assert.throws(
    withObjects([
      {
        name: 'a',
        vendorName: 'A',
        fields: [
          { vendorPath: 'id', type: 'string' },
          { vendorPath: 'id', type: 'integer' },
        ],
      },
    ]),
    /objects\.a\.fields: "id" is declared twice/,
  );
  assert.throws(
    withObjects([{ name: 'a', vendorName: 'A', fields: [{ vendorPath: 'id', type: 'text' }] }]),
    /objects\.0\.fields\.0\.type/,
  );
  assert.throws(
    withObjects([{ name: 'a', vendorName: 'A', metadata: { path: '/m', map: { vendorPath: 'a b' } } }]),
    /objects\.0\.metadata\.map\.vendorPath: must be a dotted path/,
  );
  assert.throws(
    withObjects([{ name: 'a', vendorName: 'A', metadata: { path: '/m', map: { vendorPath: 'n', custom: 'a | b' } } }]),
    /metadata\.map\.custom/,
  );
  assert.throws(
    withObjects([{ name: 'a', vendorName: 'A', metadata: { path: '/m', types: { double: 'float' } } }]),
    /metadata\.types\.double/,
  );
  assert.throws(withObjects([{ name: 'a', vendorName: 'A', metadata: { path: '/m', mapping: {} } }]), /metadata/);
});
