// Finding apps (issue 12, item 15): connected apps first, a "Connected" filter, search that forgives
// one typo, and "Request an integration" when nothing matches.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import type { Instance } from '../../src/contract/index.js';
import { english as messages } from './english.js';
import { mockProxy, http, HttpResponse, PROXY } from './msw.js';

const app = (key: string, name: string, description: string, categories: string[]) => ({
  key,
  name,
  description,
  categories,
  authenticationTypes: ['basic'],
});
const catalog = [
  app('airtable', 'Airtable', 'Bases, tables and records', ['Database']),
  app('hubspot', 'HubSpot', 'Contacts, companies and deals', ['CRM']),
  app('stripe', 'Stripe', 'Payments and customers', ['Payments']),
  app('zendesk', 'Zendesk', 'Tickets and users of your help center', ['Helpdesk']),
  app('xero', 'Xero', 'Invoices and contacts', ['Accounting']),
];
const connection = (key: string, status: Instance['status']): Instance => ({
  id: `inst-${key}`,
  name: `My ${key}`,
  element: { key },
  authenticationType: 'basic',
  configuration: {},
  status,
  createdDate: '2026-11-01T00:00:00Z',
  updatedDate: '2026-11-01T00:00:00Z',
});

async function mount(instances: Instance[] = []) {
  await mockProxy(
    http.get(`${PROXY}/elements`, () => HttpResponse.json(catalog)),
    http.get(`${PROXY}/instances`, () => HttpResponse.json(instances)),
  );
  const el = await fixture<CeMarketplace>(html`<ce-marketplace proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="card"]'), 'the catalog did not load', { timeout: 5000 });
  await el.updateComplete;
  return el;
}
const names = (el: CeMarketplace) => [...el.shadowRoot!.querySelectorAll('[part~="card-name"]')].map((n) => n.textContent.trim());
async function search(el: CeMarketplace, text: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('finding apps', () => {
  it('lists apps that need attention first, then connected ones, then the rest in catalog order', async () => {
    const el = await mount([connection('xero', 'connected'), connection('stripe', 'needs_attention')]);
    expect(names(el)).to.deep.equal(['Stripe', 'Xero', 'Airtable', 'HubSpot', 'Zendesk']);
  });

  it('the Connected filter shows only apps with a connection, and says so when there are none', async () => {
    const el = await mount([connection('hubspot', 'connected')]);
    const filter = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="connected-filter"]')!;
    expect(filter.labels?.[0]?.textContent.trim()).to.equal(messages['catalog.connected-filter']);
    filter.click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['HubSpot']);
    filter.click();
    await el.updateComplete;
    expect(names(el)).to.have.length(5);

    const none = await mount([]);
    none.shadowRoot!.querySelector<HTMLInputElement>('[part~="connected-filter"]')!.click();
    await none.updateComplete;
    expect(none.shadowRoot!.querySelector('[part~="empty"]')!.textContent).to.include(messages['catalog.none-connected']);
  });

  it('search forgives one typo in a word of four letters or more', async () => {
    const el = await mount();
    for (const [typed, found] of [
      ['zendsk', ['Zendesk']],
      ['zndsk', []],
      ['stirpe', []],
      ['hbspto', []],
      ['strpe', ['Stripe']],
      ['invoces', ['Xero']],
      ['hubsp', ['HubSpot']],
      ['tabls', ['Airtable']],
    ] as const) {
      await search(el, typed);
      expect(names(el), typed).to.deep.equal(found);
    }
  });

  it('when nothing matches, "Request an integration" fires ce-request-integration with the search', async () => {
    const el = await mount();
    await search(el, 'netsuite');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="request-button"]')!;
    expect(button.textContent.trim()).to.equal(messages['catalog.request-integration']);
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'ce-request-integration');
    expect(event.detail).to.deep.equal({ query: 'netsuite' });
    expect(event.bubbles && event.composed).to.equal(true);
  });
});
