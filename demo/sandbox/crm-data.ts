import type { FieldMetadata } from '../../src/contract/index.js';
import { CITIES, CURRENCIES, FIRST, INDUSTRIES, LAST, PREFIX, SUFFIX, isoDate, isoTime, pick, type SandboxObject } from './data.js';

/**
 * Sandbox CRM's objects (like HubSpot's or Salesforce's): contacts, companies and deals. Contacts is
 * the big one: about 30 standard fields, a few named custom fields and 1,500 generated custom fields
 * (`cf_…__c`, Salesforce's naming), as large CRM objects have. Everything is deterministic.
 */
export const CONTACT_COUNT = 1000;
export const COMPANY_COUNT = 50;
export const DEAL_COUNT = 50;
/** Generated custom fields on contacts: AREAS × ATTRIBUTES × ROUNDS. */
export const GENERATED_CUSTOM_FIELDS = 1500;

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'];
const LEAD_STATUS = ['New', 'Open', 'In progress', 'Unqualified', 'Connected', 'Bad timing'];
const LEAD_SOURCE = ['Web', 'Phone inquiry', 'Partner referral', 'Trade show', 'Other'];
const TIERS = ['Gold', 'Silver', 'Bronze'];
const LANGUAGES = ['en', 'de', 'fr', 'nl'];
const STREETS = ['Main Street', 'Station Road', 'Market Square', 'Mill Lane', 'Harbour Way'];
const STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'closedwon',
  'closedlost',
];
const PIPELINES = ['default', 'renewals'];
/** Win probability (%) per stage, in STAGES order. */
const PROBABILITY = [20, 40, 60, 80, 90, 100, 0];
const OWNERS = [9001, 9002, 9003];

const SOURCES = ['Organic', 'Paid', 'Referral', 'Direct'];
const PROGRESS = ['Not started', 'In progress', 'Done'];
const AREAS = ['marketing', 'sales', 'support', 'billing', 'product', 'events', 'partner', 'survey', 'onboarding', 'success'];
/** Each generated attribute's field shape and the value a record holds for it. */
const ATTRIBUTES: { name: string; field: Omit<FieldMetadata, 'vendorPath'>; value: (i: number, j: number) => unknown }[] = [
  { name: 'score', field: { type: 'number', vendorNativeType: 'formula', vendorReadOnly: true }, value: (i, j) => (i * 7 + j) % 100 },
  { name: 'source', field: { type: 'string', vendorNativeType: 'picklist', options: SOURCES }, value: (i, j) => pick(SOURCES, i + j) },
  { name: 'notes', field: { type: 'string', vendorNativeType: 'textarea' }, value: (i, j) => `Note ${j} on contact ${i + 1}` },
  { name: 'date', field: { type: 'date', vendorNativeType: 'date' }, value: (i, j) => isoDate((i + j) % 365) },
  { name: 'flag', field: { type: 'boolean', vendorNativeType: 'checkbox' }, value: (i, j) => (i + j) % 2 === 0 },
  { name: 'code', field: { type: 'string', vendorNativeType: 'text' }, value: (i, j) => `C-${(i * 31 + j) % 10_000}` },
  { name: 'count', field: { type: 'integer', vendorNativeType: 'number' }, value: (i, j) => (i + j) % 40 },
  {
    name: 'stage',
    field: { type: 'string', vendorNativeType: 'picklist', options: PROGRESS },
    value: (i, j) => pick(PROGRESS, i + j),
  },
  {
    name: 'updated',
    field: { type: 'datetime', vendorNativeType: 'datetime', vendorReadOnly: true },
    value: (i, j) => isoTime((i + j) % 365, 8),
  },
  { name: 'amount', field: { type: 'number', vendorNativeType: 'currency' }, value: (i, j) => ((i * 13 + j) % 500) * 10 },
];

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The j-th generated custom field: `cf_marketing_score_1__c`, `cf_sales_score_1__c`, … */
function generated(j: number) {
  const area = AREAS[j % AREAS.length]!;
  const attr = ATTRIBUTES[Math.floor(j / AREAS.length) % ATTRIBUTES.length]!;
  const round = Math.floor(j / (AREAS.length * ATTRIBUTES.length)) + 1;
  const field: FieldMetadata = {
    vendorPath: `cf_${area}_${attr.name}_${round}__c`,
    vendorDisplayName: `${capital(area)} ${attr.name} ${round}`,
    custom: true,
    ...attr.field,
  };
  if (attr.name === 'notes') field.description = `Free text kept by the ${area} team.`;
  return { field, value: (i: number) => attr.value(i, j) };
}
const GENERATED = Array.from({ length: GENERATED_CUSTOM_FIELDS }, (_, j) => generated(j));

function contactFields(): FieldMetadata[] {
  const text = (vendorPath: string, vendorDisplayName: string, more: Partial<FieldMetadata> = {}): FieldMetadata => ({
    vendorPath,
    type: 'string',
    vendorDisplayName,
    vendorNativeType: 'string',
    ...more,
  });
  return [
    { vendorPath: 'id', type: 'integer', vendorDisplayName: 'Contact ID', vendorNativeType: 'id', vendorReadOnly: true },
    text('firstName', 'First name'),
    text('lastName', 'Last name', { vendorRequired: true }),
    text('email', 'Email', { vendorNativeType: 'email', vendorRequired: true }),
    text('phone', 'Phone', { vendorNativeType: 'phone' }),
    text('mobilePhone', 'Mobile phone', { vendorNativeType: 'phone' }),
    text('jobTitle', 'Job title'),
    text('department', 'Department'),
    text('lifecycleStage', 'Lifecycle stage', { vendorNativeType: 'picklist', options: LIFECYCLE }),
    text('leadStatus', 'Lead status', { vendorNativeType: 'picklist', options: LEAD_STATUS }),
    text('leadSource', 'Lead source', { vendorNativeType: 'picklist', options: LEAD_SOURCE }),
    { vendorPath: 'ownerId', type: 'integer', vendorDisplayName: 'Contact owner', vendorNativeType: 'reference' },
    { vendorPath: 'companyId', type: 'integer', vendorDisplayName: 'Company', vendorNativeType: 'reference' },
    text('address.street', 'Street'),
    text('address.city', 'City'),
    text('address.postalCode', 'Postal code'),
    text('address.country', 'Country', { description: 'ISO 3166-1 alpha-2 code' }),
    { vendorPath: 'birthDate', type: 'date', vendorDisplayName: 'Birth date', vendorNativeType: 'date' },
    { vendorPath: 'doNotCall', type: 'boolean', vendorDisplayName: 'Do not call', vendorNativeType: 'boolean' },
    { vendorPath: 'emailOptOut', type: 'boolean', vendorDisplayName: 'Email opt-out', vendorNativeType: 'boolean' },
    text('website', 'Website', { vendorNativeType: 'url' }),
    text('description', 'Description', { vendorNativeType: 'textarea' }),
    { vendorPath: 'tags', type: 'array', vendorDisplayName: 'Tags', vendorNativeType: 'multipicklist' },
    {
      vendorPath: 'leadScore',
      type: 'integer',
      vendorDisplayName: 'Lead score',
      vendorNativeType: 'calculated',
      vendorReadOnly: true,
    },
    { vendorPath: 'createdAt', type: 'datetime', vendorDisplayName: 'Created', vendorNativeType: 'datetime', vendorReadOnly: true },
    {
      vendorPath: 'updatedAt',
      type: 'datetime',
      vendorDisplayName: 'Last modified',
      vendorNativeType: 'datetime',
      vendorReadOnly: true,
    },
    text('cf_customer_tier__c', 'Customer tier', { vendorNativeType: 'picklist', options: TIERS, vendorRequired: true, custom: true }),
    text('cf_tax_id__c', 'Tax ID', { vendorNativeType: 'text', custom: true, description: 'VAT number or EIN' }),
    text('cf_preferred_language__c', 'Preferred language', { vendorNativeType: 'picklist', options: LANGUAGES, custom: true }),
    {
      vendorPath: 'cf_loyalty_points__c',
      type: 'integer',
      vendorDisplayName: 'Loyalty points',
      vendorNativeType: 'number',
      custom: true,
    },
    { vendorPath: 'cf_vip__c', type: 'boolean', vendorDisplayName: 'VIP', vendorNativeType: 'checkbox', custom: true },
    { vendorPath: 'cf_renewal_date__c', type: 'date', vendorDisplayName: 'Renewal date', vendorNativeType: 'date', custom: true },
    {
      vendorPath: 'cf_lifetime_value__c',
      type: 'number',
      vendorDisplayName: 'Lifetime value',
      vendorNativeType: 'formula',
      vendorReadOnly: true,
      custom: true,
    },
    ...GENERATED.map((g) => g.field),
  ];
}

function contactRecord(i: number): Record<string, unknown> {
  const first = pick(FIRST, i);
  const last = pick(LAST, Math.floor(i / 10) + i * 3);
  const [city, country] = pick(CITIES, i);
  const record: Record<string, unknown> = {
    id: 100_001 + i,
    firstName: first,
    lastName: last,
    email: `${first}.${last}.${i + 1}@contact.example`.toLowerCase(),
    phone: `+1-555-${String(1000 + i).padStart(4, '0')}`,
    mobilePhone: i % 4 === 0 ? `+44 7700 ${String(900_000 + i)}` : null,
    jobTitle: pick(['CFO', 'Head of Sales', 'Office Manager', 'Engineer', 'Buyer'], i),
    department: pick(['Finance', 'Sales', 'Operations', 'Engineering', 'Purchasing'], i),
    lifecycleStage: pick(LIFECYCLE, i),
    leadStatus: pick(LEAD_STATUS, i * 5),
    leadSource: pick(LEAD_SOURCE, i * 3),
    ownerId: pick(OWNERS, i),
    companyId: 2001 + (i % COMPANY_COUNT),
    address: { street: `${1 + (i % 120)} ${pick(STREETS, i)}`, city, postalCode: String(10_000 + i * 7), country },
    birthDate: i % 3 === 0 ? isoDate(-10_000 - i * 11) : null,
    doNotCall: i % 13 === 12,
    emailOptOut: i % 17 === 16,
    website: `https://www.${pick(PREFIX, i).toLowerCase()}${i + 1}.example`,
    description: i % 5 === 0 ? 'Met at the spring trade show.' : '',
    tags: i % 2 === 0 ? ['newsletter'] : ['newsletter', 'beta'],
    leadScore: (i * 37) % 101,
    createdAt: isoTime(i % 365),
    updatedAt: isoTime((i % 365) + 3, 15),
    cf_customer_tier__c: pick(TIERS, i),
    cf_tax_id__c: i % 2 === 0 ? `DE${String(100_000_000 + i * 97)}` : null,
    cf_preferred_language__c: pick(LANGUAGES, i),
    cf_loyalty_points__c: (i * 53) % 5000,
    cf_vip__c: i % 20 === 0,
    cf_renewal_date__c: isoDate(200 + (i % 180)),
    cf_lifetime_value__c: ((i * 71) % 900) * 100,
  };
  // A record carries only the generated custom fields it has a value for (15 of 1,500), as CRMs omit empty ones.
  for (let j = i % 100; j < GENERATED.length; j += 100) record[GENERATED[j]!.field.vendorPath] = GENERATED[j]!.value(i);
  return record;
}

function contacts(): SandboxObject {
  return {
    summary: { name: 'contacts', vendorName: 'contact', displayName: 'Contacts' },
    fields: contactFields(),
    records: Array.from({ length: CONTACT_COUNT }, (_, i) => contactRecord(i)),
  };
}

function companies(): SandboxObject {
  return {
    summary: { name: 'companies', vendorName: 'company', displayName: 'Companies' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'Company ID', vendorNativeType: 'id', vendorReadOnly: true },
      { vendorPath: 'name', type: 'string', vendorDisplayName: 'Company name', vendorNativeType: 'string', vendorRequired: true },
      { vendorPath: 'domain', type: 'string', vendorDisplayName: 'Company domain', vendorNativeType: 'string' },
      { vendorPath: 'industry', type: 'string', vendorDisplayName: 'Industry', vendorNativeType: 'picklist', options: INDUSTRIES },
      { vendorPath: 'numberOfEmployees', type: 'integer', vendorDisplayName: 'Number of employees', vendorNativeType: 'number' },
      { vendorPath: 'annualRevenue', type: 'number', vendorDisplayName: 'Annual revenue', vendorNativeType: 'currency' },
      { vendorPath: 'phone', type: 'string', vendorDisplayName: 'Phone', vendorNativeType: 'phone' },
      { vendorPath: 'address.city', type: 'string', vendorDisplayName: 'City', vendorNativeType: 'string' },
      { vendorPath: 'address.country', type: 'string', vendorDisplayName: 'Country', vendorNativeType: 'string' },
      { vendorPath: 'ownerId', type: 'integer', vendorDisplayName: 'Company owner', vendorNativeType: 'reference' },
      { vendorPath: 'createdAt', type: 'datetime', vendorDisplayName: 'Created', vendorNativeType: 'datetime', vendorReadOnly: true },
      {
        vendorPath: 'cf_account_tier__c',
        type: 'string',
        vendorDisplayName: 'Account tier',
        vendorNativeType: 'picklist',
        options: TIERS,
        custom: true,
      },
    ],
    records: Array.from({ length: COMPANY_COUNT }, (_, i) => {
      const [city, country] = pick(CITIES, i * 3);
      const name = `${pick(PREFIX, i)} ${pick(SUFFIX, Math.floor(i / 10) + i)}`;
      return {
        id: 2001 + i,
        name,
        domain: `${name.split(' ')[0]!.toLowerCase()}${i + 1}.example`,
        industry: pick(INDUSTRIES, i),
        numberOfEmployees: 10 + ((i * 97) % 2000),
        annualRevenue: (1 + (i % 25)) * 250_000,
        phone: `+1-555-02${String(i).padStart(2, '0')}`,
        address: { city, country },
        ownerId: pick(OWNERS, i),
        createdAt: isoTime(i, 11),
        cf_account_tier__c: pick(TIERS, i * 2),
      };
    }),
  };
}

function deals(): SandboxObject {
  return {
    summary: { name: 'deals', vendorName: 'deal', displayName: 'Deals' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'Deal ID', vendorNativeType: 'id', vendorReadOnly: true },
      { vendorPath: 'name', type: 'string', vendorDisplayName: 'Deal name', vendorNativeType: 'string', vendorRequired: true },
      { vendorPath: 'amount', type: 'number', vendorDisplayName: 'Amount', vendorNativeType: 'currency' },
      { vendorPath: 'currency', type: 'string', vendorDisplayName: 'Currency', vendorNativeType: 'picklist', options: CURRENCIES },
      {
        vendorPath: 'stage',
        type: 'string',
        vendorDisplayName: 'Deal stage',
        vendorNativeType: 'picklist',
        vendorRequired: true,
        options: STAGES,
      },
      { vendorPath: 'pipeline', type: 'string', vendorDisplayName: 'Pipeline', vendorNativeType: 'picklist', options: PIPELINES },
      { vendorPath: 'closeDate', type: 'date', vendorDisplayName: 'Close date', vendorNativeType: 'date', vendorRequired: true },
      {
        vendorPath: 'probability',
        type: 'number',
        vendorDisplayName: 'Probability (%)',
        vendorNativeType: 'formula',
        vendorReadOnly: true,
      },
      { vendorPath: 'companyId', type: 'integer', vendorDisplayName: 'Company', vendorNativeType: 'reference' },
      { vendorPath: 'contactIds', type: 'array', vendorDisplayName: 'Contacts', vendorNativeType: 'references' },
      { vendorPath: 'ownerId', type: 'integer', vendorDisplayName: 'Deal owner', vendorNativeType: 'reference' },
      { vendorPath: 'createdAt', type: 'datetime', vendorDisplayName: 'Created', vendorNativeType: 'datetime', vendorReadOnly: true },
      { vendorPath: 'cf_competitor__c', type: 'string', vendorDisplayName: 'Main competitor', vendorNativeType: 'text', custom: true },
    ],
    records: Array.from({ length: DEAL_COUNT }, (_, i) => {
      return {
        id: 3001 + i,
        name: `${pick(PREFIX, i * 3)} renewal ${2026 + (i % 2)}`,
        amount: (5 + ((i * 7) % 40)) * 1000,
        currency: pick(CURRENCIES, i),
        stage: pick(STAGES, i),
        pipeline: pick(PIPELINES, i),
        closeDate: isoDate(30 + i * 3),
        probability: pick(PROBABILITY, i),
        companyId: 2001 + ((i * 3) % COMPANY_COUNT),
        contactIds: [100_001 + i, 100_001 + ((i + 50) % CONTACT_COUNT)],
        ownerId: pick(OWNERS, i + 1),
        createdAt: isoTime(i, 16),
        cf_competitor__c: i % 4 === 0 ? 'Globex' : null,
      };
    }),
  };
}

export const crmObjects = (): Map<string, SandboxObject> =>
  new Map([contacts(), companies(), deals()].map((o) => [o.summary.name, o]));
