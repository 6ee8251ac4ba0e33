import type { FieldMetadata, ObjectSummary } from '../../src/contract/index.js';

/**
 * Deterministic demo data for the sandbox providers: the same records on every start, so tests
 * and screenshots can name them.
 */
export interface SandboxObject {
  summary: ObjectSummary;
  fields: FieldMetadata[];
  records: Record<string, unknown>[];
}

export const RECORD_COUNT = 50;

export const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Niklaus'];
export const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Wirth'];
export const PREFIX = ['Blue', 'North', 'Bright', 'Silver', 'Green', 'Iron', 'Swift', 'Clear', 'Red', 'Stone'];
export const SUFFIX = ['Harbor Ltd', 'Works GmbH', 'Labs Inc', 'Foods SA', 'Logistics BV'];
export const CITIES: [string, string][] = [
  ['Berlin', 'DE'],
  ['Lyon', 'FR'],
  ['Austin', 'US'],
  ['Leeds', 'GB'],
  ['Utrecht', 'NL'],
];
export const CURRENCIES = ['USD', 'EUR', 'GBP'];
export const INDUSTRIES = ['Retail', 'Manufacturing', 'Software', 'Healthcare', 'Logistics'];
const SUBJECTS = [
  'Cannot sign in',
  'Invoice total looks wrong',
  'Export to CSV fails',
  'Please add a user',
  'Password reset mail missing',
  'Slow dashboard',
];
const TERMS = ['Net 15', 'Net 30', 'Due on receipt'];
const STREETS = ['Harbour Road', 'King Street', 'Rue de la Paix', 'Elm Avenue', 'Canal Street'];
const TICKET_STATUS = ['new', 'open', 'pending', 'solved', 'closed'];
const PRIORITY = ['low', 'normal', 'high', 'urgent'];

export const pick = <T>(list: T[], i: number): T => list[i % list.length]!;
/** A fixed instant plus whole days, so dates never depend on when the sandbox runs. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 5) + n * 86_400_000);
export const isoDate = (n: number) => day(n).toISOString().slice(0, 10);
export const isoTime = (n: number, hour = 9) => new Date(day(n).getTime() + hour * 3_600_000).toISOString();

function erpCustomers(): SandboxObject {
  return {
    summary: { name: 'customers', vendorName: 'customer', displayName: 'Customers' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'Internal ID', vendorNativeType: 'integer', vendorReadOnly: true },
      { vendorPath: 'entityId', type: 'string', vendorDisplayName: 'Customer number', vendorNativeType: 'text', vendorReadOnly: true },
      { vendorPath: 'companyName', type: 'string', vendorDisplayName: 'Company name', vendorNativeType: 'text', vendorRequired: true },
      { vendorPath: 'contact.firstName', type: 'string', vendorDisplayName: 'Contact first name', vendorNativeType: 'text' },
      { vendorPath: 'contact.lastName', type: 'string', vendorDisplayName: 'Contact last name', vendorNativeType: 'text' },
      { vendorPath: 'email', type: 'string', vendorDisplayName: 'Email', vendorNativeType: 'email' },
      { vendorPath: 'phone', type: 'string', vendorDisplayName: 'Phone', vendorNativeType: 'phone' },
      {
        vendorPath: 'vatRegNumber',
        type: 'string',
        vendorDisplayName: 'Tax registration number',
        vendorNativeType: 'text',
        description: 'VAT number or EIN',
      },
      { vendorPath: 'terms', type: 'string', vendorDisplayName: 'Terms', vendorNativeType: 'select', options: TERMS },
      {
        vendorPath: 'currency',
        type: 'string',
        vendorDisplayName: 'Currency',
        vendorNativeType: 'select',
        vendorRequired: true,
        options: CURRENCIES,
      },
      { vendorPath: 'creditLimit', type: 'number', vendorDisplayName: 'Credit limit', vendorNativeType: 'currency' },
      { vendorPath: 'isInactive', type: 'boolean', vendorDisplayName: 'Inactive', vendorNativeType: 'checkbox' },
      { vendorPath: 'billingAddress.street', type: 'string', vendorDisplayName: 'Billing street', vendorNativeType: 'text' },
      { vendorPath: 'billingAddress.city', type: 'string', vendorDisplayName: 'Billing city', vendorNativeType: 'text' },
      { vendorPath: 'billingAddress.postalCode', type: 'string', vendorDisplayName: 'Billing postal code', vendorNativeType: 'text' },
      {
        vendorPath: 'billingAddress.country',
        type: 'string',
        vendorDisplayName: 'Billing country',
        vendorNativeType: 'text',
        description: 'ISO 3166-1 alpha-2 code',
      },
      {
        vendorPath: 'dateCreated',
        type: 'datetime',
        vendorDisplayName: 'Date created',
        vendorNativeType: 'datetime',
        vendorReadOnly: true,
      },
      {
        vendorPath: 'custentity_industry',
        type: 'string',
        vendorDisplayName: 'Industry',
        vendorNativeType: 'select',
        custom: true,
        options: INDUSTRIES,
      },
    ],
    records: Array.from({ length: RECORD_COUNT }, (_, i) => {
      const [city, country] = pick(CITIES, i);
      return {
        id: 1001 + i,
        entityId: `CUST-${String(i + 1).padStart(4, '0')}`,
        companyName: `${pick(PREFIX, i)} ${pick(SUFFIX, Math.floor(i / 10) + i)}`,
        contact: { firstName: pick(FIRST, i * 3), lastName: pick(LAST, i * 7) },
        email: `billing${i + 1}@customer${i + 1}.example`,
        phone: `+1-555-01${String(i).padStart(2, '0')}`,
        vatRegNumber: i % 3 === 2 ? null : `${country}${String(200_000_000 + i * 7919)}`,
        terms: pick(TERMS, i),
        currency: pick(CURRENCIES, i),
        creditLimit: 5000 + (i % 7) * 2500,
        isInactive: i % 9 === 8,
        billingAddress: { street: `${10 + i} ${pick(STREETS, i)}`, city, postalCode: String(20_000 + i * 13), country },
        dateCreated: isoTime(i),
        custentity_industry: pick(INDUSTRIES, i * 3),
      };
    }),
  };
}

function erpInvoices(): SandboxObject {
  const statuses = ['Open', 'Paid In Full', 'Pending Approval'];
  return {
    summary: { name: 'invoices', vendorName: 'invoice', displayName: 'Invoices' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'Internal ID', vendorNativeType: 'integer', vendorReadOnly: true },
      { vendorPath: 'tranId', type: 'string', vendorDisplayName: 'Invoice number', vendorNativeType: 'text', vendorReadOnly: true },
      { vendorPath: 'customerId', type: 'integer', vendorDisplayName: 'Customer', vendorNativeType: 'select', vendorRequired: true },
      { vendorPath: 'tranDate', type: 'date', vendorDisplayName: 'Date', vendorNativeType: 'date', vendorRequired: true },
      { vendorPath: 'dueDate', type: 'date', vendorDisplayName: 'Due date', vendorNativeType: 'date' },
      {
        vendorPath: 'status',
        type: 'string',
        vendorDisplayName: 'Status',
        vendorNativeType: 'select',
        vendorReadOnly: true,
        options: statuses,
      },
      { vendorPath: 'currency', type: 'string', vendorDisplayName: 'Currency', vendorNativeType: 'select', options: CURRENCIES },
      { vendorPath: 'total', type: 'number', vendorDisplayName: 'Total', vendorNativeType: 'currency', vendorReadOnly: true },
      { vendorPath: 'memo', type: 'string', vendorDisplayName: 'Memo', vendorNativeType: 'textarea' },
      { vendorPath: 'lines', type: 'array', vendorDisplayName: 'Lines', vendorNativeType: 'sublist' },
    ],
    records: Array.from({ length: RECORD_COUNT }, (_, i) => {
      const lines = Array.from({ length: 1 + (i % 3) }, (_, j) => ({
        item: `SKU-${100 + ((i + j) % 12)}`,
        quantity: 1 + j,
        rate: 40 + ((i * 7 + j * 13) % 60),
      }));
      return {
        id: 5001 + i,
        tranId: `INV-${String(2026000 + i + 1)}`,
        customerId: 1001 + ((i * 7) % RECORD_COUNT),
        tranDate: isoDate(i),
        dueDate: isoDate(i + 30),
        status: pick(statuses, i),
        currency: pick(CURRENCIES, i * 7),
        total: lines.reduce((s, l) => s + l.quantity * l.rate, 0),
        memo: i % 4 === 0 ? 'Thank you for your business.' : '',
        lines,
      };
    }),
  };
}

function helpdeskUsers(): SandboxObject {
  const roles = ['end-user', 'agent', 'admin'];
  return {
    summary: { name: 'users', vendorName: 'user', displayName: 'Users' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'ID', vendorNativeType: 'integer', vendorReadOnly: true },
      { vendorPath: 'name', type: 'string', vendorDisplayName: 'Name', vendorNativeType: 'string', vendorRequired: true },
      { vendorPath: 'email', type: 'string', vendorDisplayName: 'Email', vendorNativeType: 'string', vendorRequired: true },
      { vendorPath: 'role', type: 'string', vendorDisplayName: 'Role', vendorNativeType: 'string', options: roles },
      { vendorPath: 'phone', type: 'string', vendorDisplayName: 'Phone', vendorNativeType: 'string' },
      { vendorPath: 'organization', type: 'string', vendorDisplayName: 'Organization', vendorNativeType: 'string' },
      { vendorPath: 'active', type: 'boolean', vendorDisplayName: 'Active', vendorNativeType: 'boolean', vendorReadOnly: true },
      { vendorPath: 'created_at', type: 'datetime', vendorDisplayName: 'Created', vendorNativeType: 'date', vendorReadOnly: true },
    ],
    records: Array.from({ length: RECORD_COUNT }, (_, i) => {
      const first = pick(FIRST, i);
      const last = pick(LAST, Math.floor(i / 10) + i * 3);
      return {
        id: 360_000 + i,
        name: `${first} ${last}`,
        email: `${first}.${last}${i + 1}@customer.example`.toLowerCase(),
        role: i < 5 ? pick(roles, (i % 2) + 1) : 'end-user',
        phone: i % 3 === 0 ? `+44 20 7946 0${String(i).padStart(3, '0')}` : null,
        organization: `${pick(PREFIX, i)} ${pick(SUFFIX, i)}`,
        active: i % 11 !== 10,
        created_at: isoTime(i, 14),
      };
    }),
  };
}

function helpdeskTickets(): SandboxObject {
  return {
    summary: { name: 'tickets', vendorName: 'ticket', displayName: 'Tickets' },
    fields: [
      { vendorPath: 'id', type: 'integer', vendorDisplayName: 'ID', vendorNativeType: 'integer', vendorReadOnly: true },
      { vendorPath: 'subject', type: 'string', vendorDisplayName: 'Subject', vendorNativeType: 'subject', vendorRequired: true },
      { vendorPath: 'description', type: 'string', vendorDisplayName: 'Description', vendorNativeType: 'description' },
      { vendorPath: 'status', type: 'string', vendorDisplayName: 'Status', vendorNativeType: 'status', options: TICKET_STATUS },
      { vendorPath: 'priority', type: 'string', vendorDisplayName: 'Priority', vendorNativeType: 'priority', options: PRIORITY },
      {
        vendorPath: 'requester_id',
        type: 'integer',
        vendorDisplayName: 'Requester',
        vendorNativeType: 'integer',
        vendorRequired: true,
      },
      { vendorPath: 'assignee_id', type: 'integer', vendorDisplayName: 'Assignee', vendorNativeType: 'integer' },
      { vendorPath: 'tags', type: 'array', vendorDisplayName: 'Tags', vendorNativeType: 'tagger' },
      { vendorPath: 'created_at', type: 'datetime', vendorDisplayName: 'Created', vendorNativeType: 'date', vendorReadOnly: true },
      { vendorPath: 'updated_at', type: 'datetime', vendorDisplayName: 'Updated', vendorNativeType: 'date', vendorReadOnly: true },
      {
        vendorPath: 'custom_fields.order_number',
        type: 'string',
        vendorDisplayName: 'Order number',
        vendorNativeType: 'text',
        custom: true,
      },
    ],
    records: Array.from({ length: RECORD_COUNT }, (_, i) => ({
      id: 1 + i,
      subject: pick(SUBJECTS, i),
      description: `${pick(SUBJECTS, i)}: reported by customer ${i + 1}.`,
      status: pick(TICKET_STATUS, i),
      priority: pick(PRIORITY, i * 3),
      requester_id: 360_000 + ((i * 3) % RECORD_COUNT),
      assignee_id: i % 5 === 0 ? null : 360_000 + (i % 5),
      tags: i % 2 === 0 ? ['billing'] : ['login', 'web'],
      created_at: isoTime(i, 10),
      updated_at: isoTime(i + 1, 11),
      custom_fields: { order_number: i % 3 === 0 ? `ORD-${7000 + i}` : null },
    })),
  };
}

export const erpObjects = (): Map<string, SandboxObject> => new Map([erpCustomers(), erpInvoices()].map((o) => [o.summary.name, o]));
export const helpdeskObjects = (): Map<string, SandboxObject> =>
  new Map([helpdeskTickets(), helpdeskUsers()].map((o) => [o.summary.name, o]));
