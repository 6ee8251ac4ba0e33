import { test } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import type { ConfigurationValues, FieldMetadata } from '../../src/contract/index.js';
import { fetchFields } from '../../src/server/platform/discovery.js';
import { callElement } from '../../src/server/platform/engine.js';
import { offlineApps } from './offline-apps.js';
import { problemOf } from './test-elements.js';

/**
 * Real apps' metadata answers, as their documentation shows them, mocked with msw and mapped by the
 * shipped definitions alone: Salesforce's sObject describe, HubSpot's CRM properties, Zendesk's
 * user fields; QuickBooks (no describe API in its v3 Accounting API) lists its fields inline.
 */
const { server, definition } = offlineApps();
const opts = { vars: {}, development: false, timeoutMs: 2000 };

/** The fields of one object of a shipped app, asked with `values` through the engine (credentials applied). */
async function fieldsOf(key: string, type: string, object: string, values: ConfigurationValues): Promise<FieldMetadata[]> {
  const def = definition(key);
  const auth = def.authenticationTypes.find((a) => a.type === type)!;
  const obj = def.objects!.find((o) => o.name === object)!;
  const fetched = await fetchFields(def, obj, (req) => callElement(def, auth, values, req, opts));
  const inline = obj.fields ?? [];
  return [...inline, ...fetched.filter((f) => !inline.some((i) => i.vendorPath === f.vendorPath))];
}
const byPath = (fields: FieldMetadata[]) => new Map(fields.map((f) => [f.vendorPath, f]));

const sfField = (name: string, more: Record<string, unknown>) => ({
  name,
  label: name,
  type: 'string',
  nillable: true,
  createable: true,
  updateable: true,
  defaultedOnCreate: false,
  custom: false,
  deprecatedAndHidden: false,
  inlineHelpText: null,
  picklistValues: [],
  ...more,
});

test('Salesforce: the sObject describe of Contact', async () => {
  let auth: string | null = null;
  server.use(
    http.get('https://acme.my.salesforce.com/services/data/v62.0/sobjects/Contact/describe', ({ request }) => {
      auth = request.headers.get('authorization');
      return HttpResponse.json({
        name: 'Contact',
        label: 'Contact',
        fields: [
          sfField('Id', {
            label: 'Contact ID',
            type: 'id',
            nillable: false,
            createable: false,
            updateable: false,
            defaultedOnCreate: true,
          }),
          sfField('LastName', { label: 'Last Name', nillable: false }),
          sfField('Email', { label: 'Email', type: 'email' }),
          sfField('MailingCity', { label: 'Mailing City', compoundFieldName: 'MailingAddress' }),
          sfField('MailingAddress', { label: 'Mailing Address', type: 'address', createable: false, updateable: false }),
          sfField('LeadSource', {
            label: 'Lead Source',
            type: 'picklist',
            picklistValues: [
              { active: true, defaultValue: false, label: 'Web', value: 'Web' },
              { active: true, defaultValue: false, label: 'Phone Inquiry', value: 'Phone Inquiry' },
            ],
          }),
          sfField('HasOptedOutOfEmail', { label: 'Email Opt Out', type: 'boolean', nillable: false, defaultedOnCreate: true }),
          sfField('Birthdate', { label: 'Birthdate', type: 'date' }),
          sfField('LastModifiedDate', { label: 'Last Modified Date', type: 'datetime', createable: false, updateable: false }),
          sfField('Tax_ID__c', { label: 'Tax ID', custom: true, inlineHelpText: 'VAT number or EIN' }),
          sfField('Score__c', { label: 'Score', type: 'double', custom: true }),
          sfField('Legacy__c', { label: 'Legacy', custom: true, deprecatedAndHidden: true }),
        ],
      });
    }),
  );
  const fields = await fieldsOf('salesforce', 'oauth2', 'contacts', {
    'instance.url': 'https://acme.my.salesforce.com',
    'oauth.access.token': 'sf-token',
  });
  assert.equal(auth, 'Bearer sf-token');
  const f = byPath(fields);
  assert.equal(f.has('Legacy__c'), false, 'a deprecated and hidden field is left out');
  assert.deepEqual(f.get('Id'), {
    vendorPath: 'Id',
    type: 'string',
    vendorDisplayName: 'Contact ID',
    vendorNativeType: 'id',
    vendorReadOnly: true,
  });
  assert.deepEqual(f.get('LastName'), {
    vendorPath: 'LastName',
    type: 'string',
    vendorDisplayName: 'Last Name',
    vendorNativeType: 'string',
    vendorRequired: true,
  });
  assert.equal(f.get('HasOptedOutOfEmail')!.vendorRequired, undefined, 'defaulted on create: not required');
  assert.equal(f.get('HasOptedOutOfEmail')!.type, 'boolean');
  assert.deepEqual(f.get('LeadSource')!.options, ['Web', 'Phone Inquiry']);
  assert.equal(f.get('MailingAddress')!.type, 'object');
  assert.deepEqual(
    ['Birthdate', 'LastModifiedDate', 'Score__c'].map((p) => f.get(p)!.type),
    ['date', 'datetime', 'number'],
  );
  assert.equal(f.get('LastModifiedDate')!.vendorReadOnly, true);
  assert.deepEqual(f.get('Tax_ID__c'), {
    vendorPath: 'Tax_ID__c',
    type: 'string',
    vendorDisplayName: 'Tax ID',
    vendorNativeType: 'string',
    description: 'VAT number or EIN',
    custom: true,
  });
});

test('HubSpot: the CRM properties of contacts, read where records keep them (properties.<name>)', async () => {
  const prop = (name: string, more: Record<string, unknown>) => ({
    name,
    label: name,
    type: 'string',
    fieldType: 'text',
    description: '',
    groupName: 'contactinformation',
    options: [],
    hidden: false,
    formField: true,
    modificationMetadata: { archivable: true, readOnlyDefinition: true, readOnlyValue: false },
    ...more,
  });
  server.use(
    http.get('https://api.hubapi.com/crm/v3/properties/contacts', () =>
      HttpResponse.json({
        results: [
          prop('firstname', { label: 'First Name', description: "A contact's first name", hubspotDefined: true }),
          prop('lifecyclestage', {
            label: 'Lifecycle Stage',
            type: 'enumeration',
            fieldType: 'radio',
            hubspotDefined: true,
            options: [
              { label: 'Subscriber', value: 'subscriber', displayOrder: 0, hidden: false },
              { label: 'Lead', value: 'lead', displayOrder: 1, hidden: false },
            ],
          }),
          prop('hs_object_id', {
            label: 'Record ID',
            type: 'number',
            fieldType: 'number',
            hubspotDefined: true,
            modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true },
          }),
          prop('createdate', { label: 'Create Date', type: 'datetime', fieldType: 'date', hubspotDefined: true }),
          prop('vip', { label: 'VIP', type: 'bool', fieldType: 'booleancheckbox' }),
          prop('old_tier', { label: 'Old tier', archived: true }),
        ],
      }),
    ),
  );
  const f = byPath(await fieldsOf('hubspot', 'apiKey', 'contacts', { 'access.token': 'pat-na1-123' }));
  assert.deepEqual(
    [...f.keys()],
    ['properties.firstname', 'properties.lifecyclestage', 'properties.hs_object_id', 'properties.createdate', 'properties.vip'],
  );
  assert.deepEqual(f.get('properties.firstname'), {
    vendorPath: 'properties.firstname',
    type: 'string',
    vendorDisplayName: 'First Name',
    vendorNativeType: 'string',
    description: "A contact's first name",
  });
  assert.deepEqual(f.get('properties.lifecyclestage')!.options, ['subscriber', 'lead']);
  assert.equal(f.get('properties.lifecyclestage')!.type, 'string');
  assert.equal(f.get('properties.hs_object_id')!.vendorReadOnly, true);
  assert.equal(f.get('properties.createdate')!.type, 'datetime');
  assert.deepEqual(f.get('properties.vip'), {
    vendorPath: 'properties.vip',
    type: 'boolean',
    vendorDisplayName: 'VIP',
    vendorNativeType: 'bool',
    custom: true,
  });
});

test("Zendesk: the built-in user fields, then the account's own user fields (active ones) under user_fields", async () => {
  server.use(
    http.get('https://acme.zendesk.com/api/v2/user_fields', () =>
      HttpResponse.json({
        user_fields: [
          { id: 7, key: 'employee_id', type: 'text', title: 'Employee ID', description: 'HR number', active: true, position: 0 },
          {
            id: 8,
            key: 'plan',
            type: 'dropdown',
            title: 'Plan',
            description: '',
            active: true,
            custom_field_options: [
              { id: 1, name: 'Free', value: 'free' },
              { id: 2, name: 'Pro', value: 'pro' },
            ],
          },
          { id: 9, key: 'vip', type: 'checkbox', title: 'VIP', active: true },
          { id: 10, key: 'signup', type: 'date', title: 'Signed up', active: true },
          { id: 11, key: 'retired', type: 'text', title: 'Retired', active: false },
        ],
        next_page: null,
        previous_page: null,
        count: 5,
      }),
    ),
  );
  const fields = await fieldsOf('zendesk', 'basic', 'users', { subdomain: 'acme', 'user.email': 'a@acme.test', 'api.token': 't' });
  const f = byPath(fields);
  assert.equal(f.get('name')!.vendorRequired, true, 'the built-in fields come first');
  assert.equal(fields[0]!.vendorPath, 'id');
  assert.deepEqual(f.get('user_fields.employee_id'), {
    vendorPath: 'user_fields.employee_id',
    type: 'string',
    vendorDisplayName: 'Employee ID',
    vendorNativeType: 'text',
    description: 'HR number',
    custom: true,
  });
  assert.deepEqual(f.get('user_fields.plan')!.options, ['free', 'pro']);
  assert.equal(f.get('user_fields.vip')!.type, 'boolean');
  assert.equal(f.get('user_fields.signup')!.type, 'date');
  assert.equal(f.has('user_fields.retired'), false, 'an inactive field is left out');
});

test('QuickBooks: the Customer fields are declared in the definition, nested paths included, with no call', async () => {
  const def = definition('quickbooks');
  const obj = def.objects!.find((o) => o.name === 'customers')!;
  assert.equal(obj.metadata, undefined, 'no metadata request: QuickBooks Online has no describe API');
  const f = byPath(await fieldsOf('quickbooks', 'oauth2', 'customers', {}));
  for (const p of ['DisplayName', 'PrimaryEmailAddr.Address', 'PrimaryPhone.FreeFormNumber', 'BillAddr.City', 'BillAddr.PostalCode'])
    assert.ok(f.has(p), p);
  assert.equal(f.get('Balance')!.vendorReadOnly, true);
  assert.equal(f.get('Active')!.type, 'boolean');
});

test('a real app answering an error, or a page that is not JSON, is a vendor_error naming the app', async () => {
  const values = { 'access.token': 'pat' };
  server.use(
    http.get('https://api.hubapi.com/crm/v3/properties/contacts', () => HttpResponse.json({ status: 'error' }, { status: 500 })),
  );
  let e = await problemOf(fieldsOf('hubspot', 'apiKey', 'contacts', values));
  assert.equal(e.code, 'vendor_error');
  assert.match(e.detail!, /^HubSpot answered 500 when asked for the fields of Contacts/);
  server.use(http.get('https://api.hubapi.com/crm/v3/properties/contacts', () => HttpResponse.text('<html>Bad gateway</html>')));
  e = await problemOf(fieldsOf('hubspot', 'apiKey', 'contacts', values));
  assert.equal(e.code, 'vendor_error');
  assert.match(e.detail!, /not JSON/);
  server.use(http.get('https://api.hubapi.com/crm/v3/properties/contacts', () => HttpResponse.json({ results: 'none' })));
  e = await problemOf(fieldsOf('hubspot', 'apiKey', 'contacts', values));
  assert.match(e.detail!, /no list of fields at "results"/);
});
