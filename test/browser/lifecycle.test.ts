// A connection's lifecycle as the end user meets it in <ce-marketplace> (issue 12, items 1–5, 11, 12):
// what needs attention, managing several accounts, checking, slow and hung requests, step events,
// focus and words.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import type { Instance } from '../../src/contract/index.js';
import { ApiClient } from '../../src/widget/api/client.js';
import type { StepEventDetail } from '../../src/widget/events.js';
import { english as messages, errorMessage } from './english.js';
import { mockProxy, http, HttpResponse, PROXY } from './msw.js';

const erp = {
  key: 'sandbox-erp',
  name: 'Sandbox ERP',
  description: 'Invoices, customers and payments',
  categories: ['ERP'],
  authenticationTypes: ['basic'],
};
const helpdesk = {
  key: 'sandbox-helpdesk',
  name: 'Sandbox Helpdesk',
  description: 'Tickets from your support desk',
  categories: ['Helpdesk'],
  authenticationTypes: ['apiKey'],
};
const crm = {
  key: 'acme-crm',
  name: 'Acme CRM',
  description: 'Leads and deals',
  categories: ['CRM'],
  authenticationTypes: ['apiKey'],
};
const catalog = [erp, crm, helpdesk];

function instance(over: Partial<Instance> = {}): Instance {
  return {
    id: 'inst-1',
    name: 'My ERP',
    element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
    authenticationType: 'basic',
    configuration: {},
    status: 'connected',
    createdDate: '2026-11-01T09:30:00Z',
    updatedDate: '2026-11-01T09:30:00Z',
    ...over,
  };
}

const config = [
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, displayOrder: 1 },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 2 },
];

interface Calls {
  created: unknown[];
  patched: { id: string; body: unknown }[];
  deleted: string[];
}

/** A proxy with the catalog and the given connections; `created` is what POST /instances answers. */
function proxy(instances: Instance[], created: Partial<Instance> = {}, calls: Calls = { created: [], patched: [], deleted: [] }) {
  let list = [...instances];
  return [
    http.get(`${PROXY}/elements`, () => HttpResponse.json(catalog)),
    http.get(`${PROXY}/elements/:key`, ({ params }) => HttpResponse.json(catalog.find((e) => e.key === params.key))),
    http.get(`${PROXY}/elements/:key/authentication-types`, () =>
      HttpResponse.json([{ type: 'basic', name: 'Username and password', flow: 'form', default: true }]),
    ),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(config)),
    http.get(`${PROXY}/instances`, () => HttpResponse.json(list)),
    http.post(`${PROXY}/instances`, async ({ request }) => {
      calls.created.push(await request.json());
      const made = instance({ id: 'inst-new', name: 'Sandbox ERP 2', ...created });
      list = [...list, made];
      return HttpResponse.json(made, { status: 201 });
    }),
    http.patch(`${PROXY}/instances/:id`, async ({ params, request }) => {
      const body = await request.json();
      calls.patched.push({ id: params.id as string, body });
      const found = list.find((i) => i.id === params.id)!;
      const updated = { ...found, status: 'connected' as const, statusReason: undefined };
      list = list.map((i) => (i.id === params.id ? updated : i));
      return HttpResponse.json(updated);
    }),
    http.delete(`${PROXY}/instances/:id`, ({ params }) => {
      calls.deleted.push(params.id as string);
      list = list.filter((i) => i.id !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}

async function mount() {
  const el = await fixture<CeMarketplace>(html`<ce-marketplace proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
  await waitUntil(() => root(el).querySelector('[part~="card"]:not(.skeleton), [part~="error"]'), 'marketplace did not load');
  await el.updateComplete;
  return el;
}

const root = (el: CeMarketplace) => el.shadowRoot!;
const cards = (el: CeMarketplace) => [...root(el).querySelectorAll<HTMLElement>('[part~="card"]')];
const names = (el: CeMarketplace) => cards(el).map((c) => c.querySelector('[part~="card-name"]')!.textContent.trim());
const card = (el: CeMarketplace, name: string) =>
  cards(el).find((c) => c.querySelector('[part~="card-name"]')!.textContent.trim() === name)!;
const buttonNamed = (scope: ParentNode, label: string) =>
  [...scope.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === label);
const dialogOf = (el: CeMarketplace) => root(el).querySelector<CeConnectDialog>('ce-connect-dialog');
const inDialog = (el: CeMarketplace) => dialogOf(el)!.shadowRoot!;
const title = (el: CeMarketplace) => inDialog(el).querySelector('[part~="title"]')!.textContent.trim();
function field(el: CeMarketplace, name: string) {
  const label = [...inDialog(el).querySelectorAll('label[for]')].find((l) => l.textContent.replace('*', '').trim() === name)!;
  return inDialog(el).getElementById(label.getAttribute('for')!) as HTMLInputElement;
}
async function fill(el: CeMarketplace, name: string, value: string) {
  const input = field(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await dialogOf(el)!.updateComplete;
}
const formLoaded = (el: CeMarketplace) =>
  waitUntil(() => dialogOf(el)?.shadowRoot?.querySelector('[part~="submit-button"]'), 'the form loads', { timeout: 5000 });
const submit = (el: CeMarketplace) => inDialog(el).querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
async function openManage(el: CeMarketplace, name: string) {
  buttonNamed(card(el, name), `Manage ${name}`)!.click();
  await waitUntil(() => card(el, name).querySelector('[part~="instance"]'), 'the connections show', { timeout: 5000 });
  await el.updateComplete;
}
const visible = (node: Element | null) => Boolean(node?.checkVisibility({ visibilityProperty: true }));

describe('connection lifecycle in <ce-marketplace>', () => {
  afterEach(() => {
    ApiClient.timeout = 30_000;
  });

  it('1. puts a connection that needs attention in a banner, sorts its app first, and reconnects the same connection', async () => {
    const calls: Calls = { created: [], patched: [], deleted: [] };
    const broken = instance({
      id: 'inst-2',
      name: 'Support desk',
      element: { key: 'sandbox-helpdesk', name: 'Sandbox Helpdesk' },
      status: 'needs_attention',
      statusReason: 'credentials_rejected',
    });
    await mockProxy(...proxy([instance(), broken], {}, calls));
    const el = await mount();
    await expect(el).to.be.accessible();

    const banner = root(el).querySelector('[part~="attention"]')!;
    expect(banner.textContent).to.contain('Sandbox Helpdesk needs you to sign in again.');
    expect(names(el)[0]).to.equal('Sandbox Helpdesk');
    const main = card(el, 'Sandbox Helpdesk').querySelector('[part~="reconnect-button"]')!;
    expect(main.classList.contains('primary')).to.equal(true);
    expect(buttonNamed(card(el, 'Sandbox Helpdesk'), 'Connect Sandbox Helpdesk')).to.equal(undefined);

    const opening = oneEvent(el, 'ce-connect');
    buttonNamed(banner, 'Reconnect Support desk')!.click();
    expect((await opening).detail.instance!.id).to.equal('inst-2');
    await formLoaded(el);
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'new-secret');
    const done = oneEvent(el, 'ce-connected');
    submit(el);
    expect((await done).detail.instance.id).to.equal('inst-2');
    expect(calls.patched.map((p) => p.id)).to.deep.equal(['inst-2']);
    expect(calls.created).to.deep.equal([]);
    await waitUntil(() => !root(el).querySelector('[part~="attention"]'), 'the banner goes once the connection works');
  });

  it('2. makes Manage the main action of a connected app, adds another account on purpose, and offers to update the same account', async () => {
    const calls: Calls = { created: [], patched: [], deleted: [] };
    const existing = instance({ identity: 'ada@acme.test' });
    await mockProxy(...proxy([existing], { identity: 'ada@acme.test' }, calls));
    const el = await mount();
    const erpCard = card(el, 'Sandbox ERP');
    expect(buttonNamed(erpCard, 'Connect Sandbox ERP')).to.equal(undefined);
    const manage = erpCard.querySelector<HTMLButtonElement>('[part~="manage-button"]')!;
    expect(manage.classList.contains('primary')).to.equal(true);
    expect(manage.getAttribute('aria-expanded')).to.equal('false');
    await openManage(el, 'Sandbox ERP');
    expect(manage.getAttribute('aria-expanded')).to.equal('true');

    erpCard.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
    await formLoaded(el);
    expect(dialogOf(el)!.instance).to.equal(undefined);
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'secret');
    submit(el);
    await waitUntil(() => inDialog(el).querySelector('[part~="duplicate"]'), 'the same account is named');
    expect(inDialog(el).querySelector('[part~="duplicate"]')!.textContent).to.contain('“My ERP” (ada@acme.test)');

    const done = oneEvent(el, 'ce-connected');
    buttonNamed(inDialog(el), 'Update “My ERP” instead')!.click();
    expect((await done).detail.instance.id).to.equal('inst-1');
    expect(calls.patched.map((p) => p.id)).to.deep.equal(['inst-1']);
    expect(calls.deleted).to.deep.equal(['inst-new']);
    await waitUntil(() => card(el, 'Sandbox ERP').querySelectorAll('[part~="instance"]').length === 1, 'one connection stays');
  });

  it('3. tells connections apart: account, connected and last checked, a check, and which one a reconnect updates', async () => {
    let checks = 0;
    await mockProxy(
      http.post(`${PROXY}/instances/:id/check`, () => {
        checks++;
        return HttpResponse.json({
          status: 'needs_attention',
          statusReason: 'credentials_rejected',
          checkedAt: '2026-11-29T08:00:00Z',
        });
      }),
      ...proxy([instance({ identity: 'ada@acme.test' }), instance({ id: 'inst-2', name: 'Books', identity: 'books@acme.test' })]),
    );
    const el = await mount();
    await openManage(el, 'Sandbox ERP');
    const rows = [...card(el, 'Sandbox ERP').querySelectorAll('[part~="instance"]')];
    expect(rows).to.have.length(2);
    expect(rows[0]!.textContent).to.contain('ada@acme.test');
    expect(rows[1]!.textContent).to.contain('books@acme.test');
    expect(rows[0]!.querySelector('.dates')!.textContent).to.match(/Connected .*2026/);
    expect(rows[0]!.textContent).to.contain(messages['instance.unchecked']);
    await expect(el).to.be.accessible();

    buttonNamed(rows[0]!, 'Check connection: My ERP')!.click();
    await waitUntil(() => card(el, 'Sandbox ERP').querySelector('[part~="card-status"]')!.textContent.includes('Needs attention'));
    expect(checks).to.equal(1);
    const row = card(el, 'Sandbox ERP').querySelector('[part~="instance"]')!;
    expect(row.textContent).to.match(/Last checked .*2026/);
    expect(row.textContent).to.contain(messages['attention.sign-in']);

    buttonNamed(row, 'Reconnect My ERP')!.click();
    await formLoaded(el);
    expect(title(el)).to.equal('Reconnect Sandbox ERP');
    expect(inDialog(el).querySelector('[part~="description"]')!.textContent).to.contain('“My ERP”').and.contain('ada@acme.test');
  });

  it('4. times out a hung request, says when one takes longer than usual, and keeps fields read-only while submitting', async () => {
    // A hung catalog: after the timeout, the error state with Retry instead of a skeleton forever.
    ApiClient.timeout = 300;
    await mockProxy(
      http.get(`${PROXY}/elements`, () => new Promise(() => undefined)),
      ...proxy([]).slice(1),
    );
    const el = await fixture<CeMarketplace>(
      html`<ce-marketplace proxy-url=${PROXY} session-token="t" style="--ce-slow-after: 0s"></ce-marketplace>`,
    );
    await waitUntil(() => visible(root(el).querySelector('.slow')), 'the skeleton says it is slow');
    expect(root(el).querySelector('.slow')!.textContent).to.equal(messages.slow);
    await waitUntil(() => root(el).querySelector('[part~="error"]'), 'the request times out');
    expect(root(el).querySelector('[part~="error"]')!.textContent).to.contain(errorMessage('timeout'));
    expect(root(el).querySelector('[part~="retry-button"]')).to.exist;
  });

  it('4. keeps fields read-only while submitting, and says what happened when the dialog closed first', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await mockProxy(
      http.post(`${PROXY}/instances`, async () => {
        await gate;
        return HttpResponse.json(instance({ id: 'inst-new', name: 'Sandbox ERP' }), { status: 201 });
      }),
      ...proxy([]),
    );
    const el = await fixture<CeMarketplace>(
      html`<ce-marketplace proxy-url=${PROXY} session-token="t" style="--ce-slow-after: 0s"></ce-marketplace>`,
    );
    await waitUntil(() => card(el, 'Sandbox ERP'), 'the catalog loads', { timeout: 5000 });
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP')!.click();
    await formLoaded(el);
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'secret');
    submit(el);
    await waitUntil(() => visible(inDialog(el).querySelector('.slow')), 'the dialog says it is slow');
    expect(field(el, 'Username').readOnly).to.equal(true);
    expect(field(el, 'Password').readOnly).to.equal(true);

    const closed = oneEvent(el, 'ce-closed');
    inDialog(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    expect((await closed).detail).to.deep.equal({ source: 'close-button', pending: true });
    await el.updateComplete;
    const notice = root(el).querySelector('[part~="notice"]')!;
    expect(notice.textContent).to.equal('Still connecting Sandbox ERP…');
    release();
    await waitUntil(() => notice.textContent === 'Sandbox ERP is connected', 'the notice says how it ended');
  });

  it('5. fires one ce-step stream a host can measure drop-off with', async () => {
    await mockProxy(...proxy([]));
    const el = await mount();
    const steps: StepEventDetail[] = [];
    el.addEventListener('ce-step', (e) => steps.push(e.detail));
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP')!.click();
    await formLoaded(el);
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'secret');
    const connected = oneEvent(el, 'ce-connected');
    submit(el);
    await connected;
    await waitUntil(() => buttonNamed(card(el, 'Sandbox ERP'), 'Manage Sandbox ERP'), 'the card turns Connected');
    await dialogOf(el)!.hide();
    expect(steps.map((s) => s.step)).to.deep.equal(['opened', 'method', 'submitted', 'succeeded', 'closed']);
    expect(steps.every((s) => s.element === 'sandbox-erp')).to.equal(true);
    expect(steps[1]!.method).to.equal('basic');
    expect(steps[3]!.instance).to.equal('inst-new');
    expect(steps[4]!.source).to.equal('method');

    // A failure carries its code.
    await mockProxy(
      http.post(`${PROXY}/instances`, () =>
        HttpResponse.json(
          { type: 'about:blank', code: 'credentials_rejected', title: 'Rejected', status: 422 },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
      ...proxy([]),
    );
    steps.length = 0;
    buttonNamed(card(el, 'Sandbox ERP'), 'Manage Sandbox ERP')!.click();
    await waitUntil(() => card(el, 'Sandbox ERP').querySelector('[part~="add-button"]'));
    card(el, 'Sandbox ERP').querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
    await formLoaded(el);
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'wrong');
    submit(el);
    await waitUntil(() => steps.some((s) => s.step === 'failed'));
    expect(steps.find((s) => s.step === 'failed')!.code).to.equal('credentials_rejected');
  });

  it('11. names the app in the title from the start, keeps the height steady, and focuses the first field', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await mockProxy(
      http.get(`${PROXY}/elements/:key/authentication-types`, async () => {
        await gate;
        return HttpResponse.json([{ type: 'basic', name: 'Username and password', flow: 'form', default: true }]);
      }),
      ...proxy([]),
    );
    const el = await mount();
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP')!.click();
    await waitUntil(() => dialogOf(el)?.shadowRoot?.querySelector('[part~="dialog"]'));
    await dialogOf(el)!.updateComplete;
    expect(title(el)).to.equal('Connect Sandbox ERP');
    const dialog = inDialog(el).querySelector('[part~="dialog"]')!;
    const loadingHeight = dialog.getBoundingClientRect().height;
    release();
    await formLoaded(el);
    await waitUntil(() => inDialog(el).activeElement === field(el, 'Username'), 'the first field takes the focus');
    expect(dialog.getBoundingClientRect().height).to.equal(loadingHeight);
    expect(title(el)).to.equal('Connect Sandbox ERP');
  });

  it("12. speaks the widget's words: no vendor text, a success title, Clear search resets the category, no placeholder repeating the example", async () => {
    await mockProxy(
      http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () =>
        HttpResponse.json([{ ...config[0], placeholder: 'ACME-001', example: 'ACME-001' }, config[1]]),
      ),
      ...proxy([
        instance({
          status: 'connected',
          statusReason: 'vendor_error',
          statusMessage: 'Sandbox ERP answered 500 while checking the credentials.',
        }),
      ]),
    );
    const el = await mount();
    await openManage(el, 'Sandbox ERP');
    const row = card(el, 'Sandbox ERP').querySelector('[part~="instance"]')!;
    expect(row.textContent).not.to.contain('answered 500');
    expect(row.textContent).to.contain(errorMessage('vendor_error'));

    // Success is titled as such.
    card(el, 'Sandbox ERP').querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
    await formLoaded(el);
    expect(field(el, 'Username').placeholder).to.equal('');
    expect(inDialog(el).textContent).to.contain('Example: ACME-001');
    await fill(el, 'Username', 'ada');
    await fill(el, 'Password', 'secret');
    submit(el);
    await waitUntil(() => inDialog(el).querySelector('[part~="success"]'));
    expect(title(el)).to.equal('Sandbox ERP is connected');
    await dialogOf(el)!.hide();

    // Clear search resets the category the user picked.
    const select = root(el).querySelector<HTMLSelectElement>('[part~="category-filter"]')!;
    select.value = 'CRM';
    select.dispatchEvent(new Event('change'));
    const search = root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    buttonNamed(root(el), 'Clear search')!.click();
    await el.updateComplete;
    expect(select.value).to.equal('');
    expect(names(el)).to.have.length(3);
  });
});
