import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import type { Instance } from '../../src/contract/index.js';
import { errorMessage } from './english.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';

const erp = {
  key: 'sandbox-erp',
  name: 'Sandbox ERP',
  description: 'Invoices, customers and payments',
  categories: ['ERP', 'Accounting'],
  logo: '/elements/sandbox-erp/logo',
  authenticationTypes: ['basic'],
};
const helpdesk = {
  key: 'sandbox-helpdesk',
  name: 'Sandbox Helpdesk',
  description: 'Tickets from your support desk',
  categories: ['Helpdesk'],
  logo: '/elements/sandbox-helpdesk/logo',
  authenticationTypes: ['custom'],
};
const crm = {
  key: 'acme-crm',
  name: 'Acme CRM',
  description: 'Leads and deals',
  categories: ['CRM'],
  authenticationTypes: ['apiKey', 'oauth2'],
  methods: [
    { type: 'apiKey', name: 'API key' },
    { type: 'oauth2', name: 'Sign in with Acme', scopes: ['contacts.read', 'deals.read'] },
  ],
  docsUrl: 'https://developer.acme.example/docs',
};
const catalog = [erp, helpdesk, crm];

function instance(over: Partial<Instance> = {}): Instance {
  return {
    id: 'inst-1',
    name: 'My ERP',
    element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
    authenticationType: 'basic',
    configuration: {},
    status: 'connected',
    createdDate: '2026-11-01T00:00:00Z',
    updatedDate: '2026-11-01T00:00:00Z',
    ...over,
  };
}

const logo = () =>
  new HttpResponse('<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"/>', {
    headers: { 'content-type': 'image/svg+xml' },
  });

const basic = [{ type: 'basic', name: 'Username and password', flow: 'form', default: true }];
const erpConfig = [
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, displayOrder: 1 },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 2 },
];

/** A proxy with the catalog and the given connections; POST, DELETE and PATCH change them like the real one. */
function proxy(instances: Instance[] = [], elements: unknown[] = catalog, resources: unknown[] = []) {
  let list = [...instances];
  return [
    http.get(`${PROXY}/common-resources`, () => HttpResponse.json(resources)),
    http.get(`${PROXY}/elements`, () => HttpResponse.json(elements)),
    http.get(`${PROXY}/elements/:key/logo`, logo),
    http.get(`${PROXY}/elements/:key`, ({ params }) => HttpResponse.json(catalog.find((e) => e.key === params.key))),
    http.get(`${PROXY}/elements/:key/authentication-types`, () => HttpResponse.json(basic)),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(erpConfig)),
    http.post(`${PROXY}/instances`, async ({ request }) => {
      const body = (await request.json()) as { element: { key: string } };
      const created = instance({ id: `inst-${list.length + 10}`, name: 'New ERP', element: body.element });
      list = [...list, created];
      return HttpResponse.json(created, { status: 201 });
    }),
    http.get(`${PROXY}/instances`, () => HttpResponse.json(list)),
    http.delete(`${PROXY}/instances/:id`, ({ params }) => {
      list = list.filter((i) => i.id !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.patch(`${PROXY}/instances/:id`, async ({ params, request }) => {
      const body = (await request.json()) as { name: string };
      const found = list.find((i) => i.id === params.id)!;
      const updated = { ...found, name: body.name };
      list = list.map((i) => (i.id === params.id ? updated : i));
      return HttpResponse.json(updated);
    }),
  ];
}

async function mount(attrs = '') {
  const el = await fixture<CeMarketplace>(
    attrs === 'limited'
      ? html`<ce-marketplace proxy-url=${PROXY} session-token="t" elements="sandbox-erp, acme-crm"></ce-marketplace>`
      : html`<ce-marketplace proxy-url=${PROXY} session-token="t"></ce-marketplace>`,
  );
  await waitUntil(() => root(el).querySelector('[part~="card"], [part~="error"], [part~="empty"]'), 'marketplace did not load');
  await el.updateComplete;
  return el;
}

const root = (el: CeMarketplace) => el.shadowRoot!;
const visibleCards = (el: CeMarketplace) => [...root(el).querySelectorAll<HTMLElement>('[part~="card"]')].filter((c) => !c.hidden);
const names = (el: CeMarketplace) => visibleCards(el).map((c) => c.querySelector('[part~="card-name"]')!.textContent.trim());
const card = (el: CeMarketplace, name: string) =>
  visibleCards(el).find((c) => c.querySelector('[part~="card-name"]')!.textContent.trim() === name)!;
const status = (el: CeMarketplace, name: string) => card(el, name).querySelector('[part~="card-status"]')!.textContent.trim();
const buttonNamed = (scope: ParentNode, label: string) =>
  [...scope.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === label)!;
const dialogOf = (el: CeMarketplace) => root(el).querySelector('ce-connect-dialog')!;
const nativeDialog = (d: CeConnectDialog) => d.shadowRoot!.querySelector<HTMLDialogElement>('[part~="dialog"]')!;
const isOpen = (d: CeConnectDialog | null) => Boolean(d?.shadowRoot?.querySelector<HTMLDialogElement>('[part~="dialog"]')?.open);
/** The dialog's input labelled `name`. */
function field(d: CeConnectDialog, name: string) {
  const label = [...d.shadowRoot!.querySelectorAll('label[for]')].find((l) => l.textContent.replace('*', '').trim() === name)!;
  return d.shadowRoot!.getElementById(label.getAttribute('for')!) as HTMLInputElement;
}
function deepActive() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Opens an app's connections with its Manage button; they come with the dialog's chunk. */
async function openManage(el: CeMarketplace, name: string) {
  buttonNamed(card(el, name), `Manage ${name}`).click();
  await waitUntil(() => card(el, name).querySelector('[part~="instance"]'), 'the connections show', { timeout: 5000 });
  await el.updateComplete;
}

async function search(el: CeMarketplace, text: string) {
  const input = root(el).querySelector<HTMLInputElement>('[part~="search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('<ce-marketplace>', () => {
  afterEach(async () => {
    document.querySelectorAll('style[data-test]').forEach((s) => s.remove());
    await emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
  });

  it('is accessible (axe), loaded and with a connection listed', async () => {
    await mockProxy(...proxy([instance()]));
    const el = await mount();
    await openManage(el, 'Sandbox ERP');
    await expect(el).to.be.accessible();
    // The inline rename form and the disconnect confirmation too.
    buttonNamed(root(el), 'Rename My ERP').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    buttonNamed(root(el), 'Cancel').click();
    await el.updateComplete;
    buttonNamed(root(el), 'Disconnect My ERP').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('offers "Map fields" on a connection when the host has common resources, opening a field mapper per resource', async () => {
    const customers = { name: 'customers', displayName: 'Customer', fields: [{ path: 'email', type: 'string' }] };
    const orders = { name: 'orders', fields: [{ path: 'total', type: 'number' }] };
    await mockProxy(
      http.get(`${PROXY}/common-resources/:name`, ({ params }) => HttpResponse.json(params.name === 'orders' ? orders : customers)),
      http.get(`${PROXY}/instances/inst-1/objects`, () => HttpResponse.json([{ name: 'customers', vendorName: 'customer' }])),
      http.get(`${PROXY}/instances/inst-1/objects/customers/metadata`, () =>
        HttpResponse.json({ fields: [{ vendorPath: 'email', type: 'string' }] }),
      ),
      http.get(`${PROXY}/instances/inst-1/transformations/:name`, () => problem('not_found')),
      ...proxy([instance()], catalog, [customers, orders]),
    );
    const el = await mount();
    const c = card(el, 'Sandbox ERP');
    buttonNamed(c, 'Manage Sandbox ERP').click();
    await waitUntil(() => buttonNamed(c, 'Map fields: My ERP'), 'Manage shows no "Map fields"', { timeout: 5000 });
    const map = buttonNamed(c, 'Map fields: My ERP');
    expect(map.getAttribute('aria-expanded')).to.equal('false');
    map.click();
    await el.updateComplete;
    const mappers = [...c.querySelectorAll('ce-field-mapper')];
    expect(mappers.map((m) => [m.instance, m.resource])).to.deep.equal([
      ['inst-1', 'customers'],
      ['inst-1', 'orders'],
    ]);
    // Each mapper uses the marketplace's session: it loads its resource and the app's fields.
    await waitUntil(() => mappers[0]!.shadowRoot?.querySelector('[part~="row"]'), 'the mapper did not load', { timeout: 5000 });
    expect(mappers[0]!.shadowRoot!.querySelector('[part~="header"]')!.textContent).to.contain('Map Customer from');
    expect(buttonNamed(c, 'Map fields: My ERP').getAttribute('aria-expanded')).to.equal('true');
    buttonNamed(c, 'Map fields: My ERP').click();
    await el.updateComplete;
    expect(c.querySelector('ce-field-mapper')).to.equal(null);
  });

  it('asks for the host’s common resources only once a panel opens; none, or none to answer, offers no "Map fields"', async () => {
    let asked = 0;
    const resources = (answer: () => Response) =>
      http.get(`${PROXY}/common-resources`, () => {
        asked++;
        return answer();
      });
    // Opens Manage and waits for its connection's actions and the resources' answer: only then can "Map fields" be missed.
    const manageActions = async (el: CeMarketplace) => {
      const c = card(el, 'Sandbox ERP');
      expect(asked, 'not asked with the catalog').to.equal(0);
      buttonNamed(c, 'Manage Sandbox ERP').click();
      await waitUntil(
        () => Boolean(buttonNamed(c, 'Rename My ERP') as HTMLButtonElement | undefined) && asked === 1,
        'Manage shows no actions',
        { timeout: 5000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      return c;
    };
    await mockProxy(
      resources(() => HttpResponse.json([])),
      ...proxy([instance()]),
    );
    let el = await mount();
    expect(buttonNamed(await manageActions(el), 'Map fields: My ERP')).to.equal(undefined);
    asked = 0;
    await mockProxy(
      resources(() => problem('not_found')),
      ...proxy([instance()]),
    );
    el = await mount();
    expect(buttonNamed(await manageActions(el), 'Map fields: My ERP')).to.equal(undefined);
    expect(status(el, 'Sandbox ERP')).to.equal('Connected');
    // Closed and opened again, Manage does not ask again.
    buttonNamed(card(el, 'Sandbox ERP'), 'Manage Sandbox ERP').click();
    buttonNamed(card(el, 'Sandbox ERP'), 'Manage Sandbox ERP').click();
    await el.updateComplete;
    expect(asked).to.equal(1);
  });

  it('renders a card per app from the catalog: a decorative logo, name, description, categories, status', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    expect(names(el)).to.deep.equal(['Sandbox ERP', 'Sandbox Helpdesk', 'Acme CRM']);
    const c = card(el, 'Sandbox ERP');
    const img = c.querySelector<HTMLImageElement>('[part~="card-logo"]')!;
    // The name follows: a screen reader says it once, not "Sandbox ERP logo" first.
    expect(img.alt).to.equal('');
    expect(img.src).to.equal(`${PROXY}/elements/sandbox-erp/logo`);
    expect(img.loading).to.equal('lazy');
    expect(img.getAttribute('width')).to.equal('48');
    expect(c.querySelector('[part~="card-description"]')!.textContent).to.equal('Invoices, customers and payments');
    expect([...c.querySelectorAll('[part~="card-categories"] li')].map((li) => li.textContent)).to.deep.equal(['ERP', 'Accounting']);
    expect(status(el, 'Sandbox ERP')).to.equal('Not connected');
    expect(buttonNamed(c, 'Connect Sandbox ERP')).to.exist;
  });

  it('provides a new API client when the session token changes, and reloads with it', async () => {
    const seen: string[] = [];
    await mockProxy(
      http.get(`${PROXY}/elements`, ({ request }) => {
        seen.push(request.headers.get('authorization')!);
        return HttpResponse.json(catalog);
      }),
      ...proxy().slice(1),
    );
    const el = await mount();
    el.sessionToken = 't2';
    await waitUntil(() => seen.length === 2);
    expect(seen).to.deep.equal(['Bearer t', 'Bearer t2']);
    el.getSessionToken = () => 'from-host';
    await waitUntil(() => seen.length === 3);
    expect(seen[2]).to.equal('Bearer from-host');
  });

  it('shows skeletons with aria-busy while loading', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await mockProxy(
      http.get(`${PROXY}/elements`, async () => {
        await gate;
        return HttpResponse.json(catalog);
      }),
      ...proxy().slice(1),
    );
    const el = await fixture<CeMarketplace>(html`<ce-marketplace proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
    const grid = root(el).querySelector('[part~="grid"]')!;
    expect(grid.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).querySelectorAll('.skeleton').length).to.be.greaterThan(0);
    release();
    await waitUntil(() => root(el).querySelector('[part~="card"]:not(.skeleton)'));
    await el.updateComplete;
    expect(root(el).querySelector('[part~="grid"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows each app status from its connections', async () => {
    await mockProxy(
      ...proxy([
        instance(),
        instance({ id: 'inst-2', name: 'Desk', element: { key: 'sandbox-helpdesk' }, status: 'needs_attention' }),
      ]),
    );
    const el = await mount();
    expect(status(el, 'Sandbox ERP')).to.equal('Connected');
    expect(status(el, 'Sandbox Helpdesk')).to.equal('Needs attention');
    expect(status(el, 'Acme CRM')).to.equal('Not connected');
  });

  it('searches name, description and category as you type, and announces the count politely', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const count = root(el).querySelector('[part~="count"]')!;
    expect(count.getAttribute('aria-live')).to.equal('polite');
    expect(count.textContent.trim()).to.equal('3 apps');

    await search(el, 'helpdesk');
    expect(names(el)).to.deep.equal(['Sandbox Helpdesk']);
    expect(count.textContent.trim()).to.equal('1 app');

    await search(el, 'INVOICES'); // description, any case
    expect(names(el)).to.deep.equal(['Sandbox ERP']);

    await search(el, 'crm'); // category (and name)
    expect(names(el)).to.deep.equal(['Acme CRM']);

    await search(el, 'accounting');
    expect(names(el)).to.deep.equal(['Sandbox ERP']);

    await search(el, '');
    expect(names(el)).to.have.length(3);
  });

  it("never lets a search hand one app's open connections or logo to another app's card", async () => {
    const desk = instance({ id: 'inst-2', name: 'My Desk', element: { key: 'sandbox-helpdesk', name: 'Sandbox Helpdesk' } });
    await mockProxy(...proxy([instance(), desk]));
    const el = await mount();
    await openManage(el, 'Sandbox ERP');
    await search(el, 'helpdesk'); // the Helpdesk takes the ERP's place
    expect(names(el)).to.deep.equal(['Sandbox Helpdesk']);
    expect(card(el, 'Sandbox Helpdesk').querySelector<HTMLElement>('[part~="manage"]')!.hidden).to.equal(true);

    // Cards without connections are reused by position, but never their logo: the HTML standard lets a
    // browser keep showing an <img>'s old picture until its new one loads (Chromium happens not to).
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...crm,
      key: `app-${i}`,
      name: `App ${i}`,
      logo: `/elements/app-${i}/logo`,
    }));
    await mockProxy(...proxy([], many));
    await search(el, '');
    await el.refresh();
    const logo = () => visibleCards(el)[0]!.querySelector<HTMLImageElement>('[part~="card-logo"]')!;
    const appZeroLogo = logo();
    await search(el, 'App 29');
    expect(names(el)).to.deep.equal(['App 29']);
    expect(logo()).not.to.equal(appZeroLogo);
    expect(logo().getAttribute('src')).to.equal(`${PROXY}/elements/app-29/logo`);
  });

  it('renders a large catalog a page at a time, and search reaches every app', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      key: `app-${i}`,
      name: `App ${i}`,
      description: '',
      categories: i === 59 ? ['Last'] : [],
      authenticationTypes: ['basic'],
    }));
    await mockProxy(...proxy([], many));
    const el = await mount();
    expect(visibleCards(el).length).to.equal(24);
    expect(root(el).querySelector('[part~="more-button"]')!.textContent.trim()).to.equal('Show 24 more (36 not shown)');
    expect(root(el).querySelector('[part~="count"]')!.textContent.trim()).to.equal('60 apps');
    await search(el, 'app 59');
    expect(names(el)).to.deep.equal(['App 59']);
    await search(el, '');
    // The category filter also reaches past the first page.
    const select = root(el).querySelector<HTMLSelectElement>('[part~="category-filter"]')!;
    select.value = 'Last';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['App 59']);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    for (let i = 0; i < 5 && root(el).querySelector('[part~="more-button"]'); i++) {
      const shown = visibleCards(el).length;
      root(el).querySelector<HTMLButtonElement>('[part~="more-button"]')!.click();
      await el.updateComplete;
      expect(visibleCards(el).length).to.be.greaterThan(shown);
      expect(root(el).activeElement!.getAttribute('aria-label')).to.equal(`Connect App ${shown}`);
    }
    expect(visibleCards(el).length).to.equal(60);
  });

  it('filters by category', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const select = root(el).querySelector<HTMLSelectElement>('[part~="category-filter"]')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['All categories', 'Accounting', 'CRM', 'ERP', 'Helpdesk']);
    select.value = 'Helpdesk';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Sandbox Helpdesk']);
    expect(root(el).querySelector('[part~="count"]')!.textContent.trim()).to.equal('1 app');
  });

  it('limits the catalog to the keys in the elements attribute', async () => {
    await mockProxy(...proxy());
    const el = await mount('limited');
    expect(names(el)).to.deep.equal(['Sandbox ERP', 'Acme CRM']);
    el.elements = 'sandbox-helpdesk';
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Sandbox Helpdesk']);
  });

  it('says when nothing matches, and Clear search brings every app back', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    await search(el, 'zzz');
    const empty = root(el).querySelector('[part~="empty"]')!;
    expect(empty.textContent).to.contain('No apps match “zzz”');
    expect(root(el).querySelector('[part~="count"]')!.textContent.trim()).to.equal('0 apps');
    buttonNamed(empty, 'Clear search').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(names(el)).to.have.length(3);
    expect(root(el).querySelector<HTMLInputElement>('[part~="search"]')!.value).to.equal('');
    expect(root(el).activeElement).to.equal(root(el).querySelector('[part~="search"]'));
  });

  it('shows an error with Retry when the proxy is unreachable, and recovers', async () => {
    let fail = true;
    await mockProxy(
      http.get(`${PROXY}/elements`, () => (fail ? HttpResponse.error() : HttpResponse.json(catalog))),
      ...proxy().slice(1),
    );
    const errors: unknown[] = [];
    document.addEventListener('ce-error', (e) => errors.push(e.detail.error), { once: true });
    const el = await mount();
    const error = root(el).querySelector('[part~="error"]')!;
    expect(error.textContent).to.contain('could not be reached');
    expect(errors).to.have.length(1);
    fail = false;
    root(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitUntil(() => visibleCards(el).length === 3);
    expect(root(el).querySelector('[part~="error"]')).to.equal(null);
  });

  it('shows an error for a malformed catalog and for a problem answer', async () => {
    await mockProxy(
      http.get(`${PROXY}/elements`, () => HttpResponse.json([{ key: 'x' }])),
      ...proxy().slice(1),
    );
    let el = await mount();
    expect(root(el).querySelector('[part~="error"]')!.textContent).to.contain('cannot read');

    await mockProxy(
      http.get(`${PROXY}/elements`, () => problem('service_unavailable', 'The catalog is being updated.')),
      ...proxy().slice(1),
    );
    el = await mount();
    expect(root(el).querySelector('[part~="error"]')!.textContent).to.contain(errorMessage('service_unavailable'));
    expect(root(el).querySelector('[part~="error"]')!.textContent).not.to.contain('The catalog is being updated.');
  });

  it('says the session expired when the proxy keeps refusing the session', async () => {
    await mockProxy(
      http.get(`${PROXY}/elements`, () => problem('session_expired')),
      ...proxy().slice(1),
    );
    const el = await mount();
    expect(root(el).querySelector('.error-title')!.textContent).to.equal('Session expired');
    expect(root(el).querySelector('[part~="error"]')!.textContent).to.contain('Your session has expired');
  });

  it('fires a cancelable ce-connect before opening the dialog', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const stop = (e: Event) => e.preventDefault();
    el.addEventListener('ce-connect', stop, { once: true });
    const cancelled = oneEvent(el, 'ce-connect');
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP').click();
    const ev = await cancelled;
    expect(ev.detail.element.key).to.equal('sandbox-erp');
    await el.updateComplete;
    expect(root(el).querySelector('ce-connect-dialog'), 'cancelled: no dialog was even made').to.equal(null);

    const opened = oneEvent(el, 'ce-connect');
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP').click();
    await opened;
    await waitUntil(() => isOpen(dialogOf(el)), 'the connect dialog opens');
    expect(dialogOf(el).element).to.equal('sandbox-erp');
  });

  it('re-exports the dialog parts as dialog__*, so a page rule styles the dialog', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP').click();
    await waitUntil(
      () => root(el).querySelector('ce-connect-dialog')?.shadowRoot?.querySelector('[part~="submit-button"]'),
      'the form loads',
    );
    const exported = dialogOf(el).getAttribute('exportparts')!;
    expect(exported).to.contain('dialog:dialog__dialog');
    expect(exported).to.contain('input:dialog__input');
    expect(exported).to.contain('submit-button:dialog__submit-button');
    const submit = dialogOf(el).shadowRoot!.querySelector('[part~="submit-button"]')!;
    const style = Object.assign(document.createElement('style'), {
      textContent: 'ce-marketplace::part(dialog__submit-button) { border-top-width: 5px; border-top-style: solid; }',
    });
    style.dataset.test = '';
    document.head.append(style);
    expect(getComputedStyle(submit).borderTopWidth).to.equal('5px');
  });

  it('connects from a card through the dialog, and the card turns Connected', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    expect(status(el, 'Sandbox ERP')).to.equal('Not connected');
    const connect = buttonNamed(card(el, 'Sandbox ERP'), 'Connect Sandbox ERP');
    connect.focus();
    connect.click();
    await waitUntil(() => dialogOf(el), 'the dialog is rendered at the first connect');
    const d = dialogOf(el);
    await waitUntil(() => d.shadowRoot!.querySelector('[part~="submit-button"]'), 'the form loads');
    field(d, 'Username').value = 'ada';
    field(d, 'Username').dispatchEvent(new Event('input', { bubbles: true }));
    field(d, 'Password').value = 'secret';
    field(d, 'Password').dispatchEvent(new Event('input', { bubbles: true }));
    await d.updateComplete;
    const connected = oneEvent(el, 'ce-connected');
    d.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    expect((await connected).detail.instance.element.key).to.equal('sandbox-erp');
    await waitUntil(() => status(el, 'Sandbox ERP') === 'Connected', 'the card turns Connected');

    // Closing the dialog returns focus to the card's main action, which is now Manage.
    await d.hide();
    expect(nativeDialog(d).open).to.equal(false);
    expect(deepActive()).to.equal(buttonNamed(card(el, 'Sandbox ERP'), 'Manage Sandbox ERP'));
  });

  it('reconnects an instance through the dialog with the instance set', async () => {
    await mockProxy(...proxy([instance()]));
    const el = await mount();
    await openManage(el, 'Sandbox ERP');
    const reconnect = oneEvent(el, 'ce-connect');
    buttonNamed(card(el, 'Sandbox ERP'), 'Reconnect My ERP').click();
    expect((await reconnect).detail.instance!.id).to.equal('inst-1');
    await waitUntil(() => isOpen(dialogOf(el)), 'the connect dialog opens');
    expect(dialogOf(el).instance!.id).to.equal('inst-1');
  });

  it('disconnects only after confirmation, then fires ce-disconnected and shows Not connected', async () => {
    let deletes = 0;
    await mockProxy(
      http.delete(`${PROXY}/instances/:id`, () => {
        deletes++;
        return new HttpResponse(null, { status: 204 });
      }),
      ...proxy([instance()]),
    );
    const el = await mount();
    const c = card(el, 'Sandbox ERP');
    await openManage(el, 'Sandbox ERP');
    buttonNamed(c, 'Disconnect My ERP').click();
    await el.updateComplete;
    expect(deletes).to.equal(0);
    const confirm = c.querySelector('[role="group"]')!;
    expect(confirm.textContent).to.contain('Disconnect “My ERP” from Sandbox ERP?');
    expect(root(el).activeElement!.textContent.trim()).to.equal('Cancel');

    // Escape backs out and returns focus to the Disconnect button.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(c.querySelector('[role="group"]')).to.equal(null);
    expect(root(el).activeElement!.getAttribute('aria-label')).to.equal('Disconnect My ERP');

    buttonNamed(c, 'Disconnect My ERP').click();
    await el.updateComplete;
    const done = oneEvent(el, 'ce-disconnected');
    buttonNamed(c.querySelector('[role="group"]')!, 'Disconnect').click();
    const ev = await done;
    expect(ev.detail.instance.id).to.equal('inst-1');
    expect(deletes).to.equal(1);
    await el.updateComplete;
    expect(status(el, 'Sandbox ERP')).to.equal('Not connected');
    expect(card(el, 'Sandbox ERP').querySelector('[part~="manage"]')).to.equal(null);
    expect(root(el).activeElement!.getAttribute('aria-label')).to.equal('Connect Sandbox ERP');
  });

  it('renames a connection inline', async () => {
    let sent: unknown;
    const handlers = proxy([instance()]);
    await mockProxy(
      http.patch(`${PROXY}/instances/:id`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(instance({ name: 'Finance ERP' }));
      }),
      ...handlers,
    );
    const el = await mount();
    const c = card(el, 'Sandbox ERP');
    await openManage(el, 'Sandbox ERP');
    buttonNamed(c, 'Rename My ERP').click();
    await el.updateComplete;
    const input = root(el).activeElement as HTMLInputElement;
    expect(input.value).to.equal('My ERP');
    input.value = '';
    buttonNamed(c, 'Save').click();
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(c.querySelector('[role="alert"]')!.textContent).to.contain('Enter a name');
    expect(sent).to.equal(undefined);

    input.value = 'Finance ERP';
    buttonNamed(c, 'Save').click();
    await waitUntil(() => c.querySelector('[part~="instance"] .instance-name')?.textContent === 'Finance ERP');
    expect(sent).to.deep.equal({ name: 'Finance ERP' });
    expect(root(el).activeElement!.getAttribute('aria-label')).to.equal('Rename Finance ERP');
  });

  it("shows the proxy's word on a refused name beside it, and its own words for other failures", async () => {
    let answer = () =>
      problem('validation_failed', 'Invalid body', [{ field: 'name', message: 'A connection named “Books” exists already.' }]);
    await mockProxy(
      http.patch(`${PROXY}/instances/:id`, () => answer()),
      ...proxy([instance()]),
    );
    const el = await mount();
    const c = card(el, 'Sandbox ERP');
    await openManage(el, 'Sandbox ERP');
    buttonNamed(c, 'Rename My ERP').click();
    await el.updateComplete;
    const input = root(el).activeElement as HTMLInputElement;
    input.value = 'Books';
    buttonNamed(c, 'Save').click();
    await waitUntil(() => c.querySelector('[role="alert"]'));
    expect(c.querySelector('[role="alert"]')!.textContent).to.equal('A connection named “Books” exists already.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    answer = () => problem('rate_limited', 'Slow down: 5 attempts per minute.');
    buttonNamed(c, 'Save').click();
    await waitUntil(() => c.querySelector('[role="alert"]')?.textContent === errorMessage('rate_limited'));
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('reports a failed change with ce-error and a message', async () => {
    await mockProxy(
      http.delete(`${PROXY}/instances/:id`, () => problem('conflict', 'This connection is in use by a sync.')),
      ...proxy([instance()]),
    );
    const el = await mount();
    const c = card(el, 'Sandbox ERP');
    await openManage(el, 'Sandbox ERP');
    buttonNamed(c, 'Disconnect My ERP').click();
    await el.updateComplete;
    const failed = oneEvent(el, 'ce-error');
    buttonNamed(c.querySelector('[role="group"]')!, 'Disconnect').click();
    const ev = await failed;
    expect(ev.detail.error.code).to.equal('conflict');
    await el.updateComplete;
    expect(c.querySelector('[role="alert"]')!.textContent).to.equal(errorMessage('conflict'));
    expect(status(el, 'Sandbox ERP')).to.equal('Connected');
  });

  it('shows markup in a name or description as text, and runs nothing', async () => {
    const evil = '<img src=x onerror="window.__ceXss=1">';
    await mockProxy(
      ...proxy([], [{ key: 'evil', name: `Evil ${evil}`, description: evil, categories: [evil], authenticationTypes: ['basic'] }]),
    );
    const el = await mount();
    const c = visibleCards(el)[0]!;
    expect(c.querySelector('[part~="card-name"]')!.textContent).to.equal(`Evil ${evil}`);
    expect(c.querySelector('[part~="card-description"]')!.textContent).to.equal(evil);
    expect(c.querySelectorAll('img')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __ceXss?: number }).__ceXss).to.equal(undefined);
  });

  it("shows an app's details before connecting: full description, categories, each sign-in method's scopes, docs link", async () => {
    const long = 'Leads and deals. '.repeat(30).trim();
    await mockProxy(...proxy([], [erp, helpdesk, { ...crm, description: long }]));
    const el = await mount();
    const c = card(el, 'Acme CRM');
    const toggle = buttonNamed(c, 'Details Acme CRM');
    const panel = root(el).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(panel.getAttribute('part')).to.equal('details');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.be.true;

    // The keyboard opens it: focus the toggle, press Enter.
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(panel.hidden).to.be.false;
    expect(panel.checkVisibility()).to.be.true;
    // Its template comes with the Manage panel's chunk, fetched when the button took focus.
    await waitUntil(() => panel.querySelector('a'), 'the details did not render');
    const text = panel.textContent.replace(/\s+/g, ' ');
    expect(text).to.contain(long);
    expect(text).to.contain('CRM');
    expect([...panel.querySelectorAll('li')].map((li) => li.innerText.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'API key',
      'Sign in with Acme Asks for: contacts.read, deals.read',
    ]);
    const link = panel.querySelector('a')!;
    expect(link.textContent.trim()).to.equal('Documentation');
    expect(link.href).to.equal('https://developer.acme.example/docs');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    await expect(el).to.be.accessible();

    // An app without a docs link has none; Space closes the panel again.
    buttonNamed(card(el, 'Sandbox ERP'), 'Details Sandbox ERP').click();
    await el.updateComplete;
    expect(root(el).getElementById('details-sandbox-erp')!.querySelector('a')).to.be.null;
    toggle.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.be.true;
  });

  it('is usable with the keyboard: Tab reaches search, category filter and each Connect button', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    const reached: string[] = [];
    for (let i = 0; i < 9; i++) {
      await sendKeys({ press: 'Tab' });
      const a = root(el).activeElement as HTMLElement | null;
      reached.push(a?.tagName === 'BUTTON' ? a.getAttribute('aria-label')! : (a?.getAttribute('part') ?? 'outside'));
    }
    before.remove();
    expect(reached).to.deep.equal([
      'search',
      'category-filter',
      'connected-filter',
      'Details Sandbox ERP',
      'Connect Sandbox ERP',
      'Details Sandbox Helpdesk',
      'Connect Sandbox Helpdesk',
      'Details Acme CRM',
      'Connect Acme CRM',
    ]);

    // Typing in the search box filters at once.
    root(el).querySelector<HTMLInputElement>('[part~="search"]')!.focus();
    await sendKeys({ type: 'desk' });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Sandbox Helpdesk']);
  });

  it('lets a page restyle a card through ::part(card), and its colours and sizes through custom properties set on the element', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const c = visibleCards(el)[0]!;
    expect(getComputedStyle(c).borderTopWidth).to.equal('1px');
    const style = Object.assign(document.createElement('style'), {
      textContent:
        'ce-marketplace::part(card) { border-top-width: 7px; } ce-marketplace { --ce-color-primary: rgb(1, 2, 3); --ce-marketplace-logo-size: 20px; }',
    });
    style.dataset.test = '';
    document.head.append(style);
    expect(getComputedStyle(c).borderTopWidth).to.equal('7px');
    const connect = c.querySelector('[part~="connect-button"]')!;
    expect(getComputedStyle(connect).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(c.querySelector('[part~="card-logo"]')!).width).to.equal('20px');
  });

  it('keeps its own styling under hostile host page styles', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const c = visibleCards(el)[0]!;
    const connect = c.querySelector('[part~="connect-button"]')!;
    const name = c.querySelector('[part~="card-name"]')!;
    const bg = getComputedStyle(connect).backgroundColor;
    const color = getComputedStyle(name).color;
    const style = Object.assign(document.createElement('style'), {
      textContent: 'button { all: unset } * { color: red; font-family: monospace; line-height: 4; } h3 { font-size: 40px }',
    });
    style.dataset.test = '';
    document.head.append(style);
    expect(getComputedStyle(connect).backgroundColor).to.equal(bg);
    expect(getComputedStyle(connect).paddingLeft).to.not.equal('0px');
    expect(getComputedStyle(name).color).to.equal(color);
    expect(getComputedStyle(name).color).to.not.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(name).fontFamily).to.not.contain('monospace');
    expect(getComputedStyle(name).fontSize).to.not.equal('40px');
  });

  it('follows light and dark colour schemes, and a page can force one', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    const c = visibleCards(el)[0]!;
    await emulateMedia({ colorScheme: 'light' });
    const light = getComputedStyle(c).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const dark = getComputedStyle(c).backgroundColor;
    expect(dark).to.not.equal(light);
    await emulateMedia({ colorScheme: 'light' });
    el.style.colorScheme = 'dark';
    expect(getComputedStyle(c).backgroundColor).to.equal(dark);
  });

  it('stays usable in forced colours: borders and focus rings remain visible', async () => {
    await mockProxy(...proxy([instance()]));
    const el = await mount();
    await emulateMedia({ forcedColors: 'active' });
    const c = card(el, 'Sandbox ERP');
    expect(getComputedStyle(c).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(c).borderTopWidth).to.equal('1px');
    const connect = c.querySelector<HTMLButtonElement>('[part~="manage-button"]')!;
    expect(getComputedStyle(connect).borderTopStyle).to.equal('solid');
    root(el).querySelector<HTMLInputElement>('[part~="search"]')!.focus();
    await sendKeys({ press: 'Tab' }); // the category filter
    await sendKeys({ press: 'Tab' }); // the Connected filter
    await sendKeys({ press: 'Tab' }); // Details
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === connect, 'Connect is focused').to.equal(true);
    expect(getComputedStyle(connect).outlineStyle).to.equal('solid');
    // The focus ring is the system's Highlight colour, not the theme's primary.
    const highlight = Object.assign(document.createElement('span'), { style: 'color: Highlight' });
    document.body.append(highlight);
    expect(getComputedStyle(connect).outlineColor).to.equal(getComputedStyle(highlight).color);
    highlight.remove();
    expect(status(el, 'Sandbox ERP')).to.equal('Connected'); // spelled out, not colour alone
  });
});

describe('ce-marketplace in the user’s language', () => {
  /** The marketplace with `lang`, once the catalog is in; `words` is a text its state shows in that language. */
  async function mountIn(lang: string, words: string) {
    const el = await fixture<CeMarketplace>(html`<ce-marketplace lang=${lang} proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
    await waitUntil(() => root(el).textContent.includes(words), `no “${words}”`, { timeout: 5000 });
    return el;
  }

  /** A button by its words (its aria-label names it by new ids the locales do not have yet). */
  const buttonSaying = (scope: ParentNode, words: string) =>
    [...scope.querySelectorAll('button')].find((b) => b.textContent.trim() === words);

  it('speaks German: cards, statuses, the attention banner, Manage, the empty state; asks the proxy in German', async () => {
    const languages: string[] = [];
    const broken = instance({ id: 'inst-2', name: 'Desk', element: { key: 'sandbox-helpdesk' }, status: 'needs_attention' });
    await mockProxy(
      http.get(`${PROXY}/elements`, ({ request }) => {
        languages.push(request.headers.get('accept-language')!);
        return HttpResponse.json(catalog);
      }),
      ...proxy([instance(), broken]).slice(2),
    );
    const el = await mountIn('de', 'Sandbox Helpdesk erfordert eine erneute Anmeldung.');
    expect(root(el).querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('de');
    await waitUntil(() => languages.at(-1) === 'de', 'the catalog asked for in German');
    expect(buttonSaying(root(el).querySelector('[part~="attention"]')!, 'Neu verbinden')).to.exist;
    expect(root(el).querySelector('[part~="connected-filter"]')!.parentElement!.textContent).to.contain('Verbunden');

    // The connections, with the date written the German way.
    card(el, 'Sandbox ERP').querySelector<HTMLButtonElement>('[data-focus="manage:sandbox-erp"]')!.click();
    await waitUntil(() => card(el, 'Sandbox ERP').querySelector('[part~="instance"]'), 'the connections show', { timeout: 5000 });
    const row = card(el, 'Sandbox ERP').querySelector('[part~="instance"]')!.textContent.replace(/\s+/g, ' ');
    const date = new Date('2026-11-01T00:00:00Z').toLocaleString('de', { dateStyle: 'medium', timeStyle: 'short' });
    expect(row).to.contain(`Verbunden am ${date}`).and.contain('Noch nicht geprüft').and.contain('Verbindung prüfen');
    expect(card(el, 'Sandbox ERP').querySelector('[part~="add-button"]')!.textContent.trim()).to.equal('Weiteres Konto hinzufügen');

    // Nothing matches: the empty state in German.
    await search(el, 'zzzz');
    expect(root(el).querySelector('[part~="request-button"]')!.textContent.trim()).to.equal('Integration anfragen');
    await expect(el).to.be.accessible();

    // Back to English at run time: the words change and the catalog is asked for again, in English.
    el.lang = 'en';
    await waitUntil(() => root(el).textContent.includes('Request an integration'), 'English again');
    await waitUntil(() => languages.at(-1) === 'en', 'the catalog reloaded in English');
    expect(root(el).querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('en');
  });

  it('speaks German in its error state: the title and the error code’s words, never the proxy’s detail', async () => {
    await mockProxy(
      http.get(`${PROXY}/elements`, () => problem('session_expired', 'Token expired at 12:00')),
      ...proxy().slice(2),
    );
    const el = await mountIn('de', 'Sitzung abgelaufen');
    const error = root(el).querySelector('[part~="error"]')!.textContent;
    expect(error).to.contain('Ihre Sitzung ist abgelaufen.').and.not.contain('Token expired');
    expect(error).not.to.contain('Your session');
  });

  it('takes the host’s words for any message, by id, and passes them on to its dialog', async () => {
    await mockProxy(...proxy());
    const el = await mount();
    el.messages = { 'card.connect': 'Link', 'card.connect-named': 'Link {name} now', 'catalog.clear': 'Reset the filters' };
    await el.updateComplete;
    const connect = buttonNamed(card(el, 'Sandbox ERP'), 'Link Sandbox ERP now');
    expect(connect.textContent.trim()).to.equal('Link');
    await search(el, 'zzzz');
    expect(buttonNamed(root(el), 'Reset the filters')).to.exist;
    await search(el, '');
    buttonNamed(card(el, 'Sandbox ERP'), 'Link Sandbox ERP now').click();
    await waitUntil(() => isOpen(dialogOf(el)), 'the dialog opened');
    expect(dialogOf(el).messages).to.equal(el.messages);
  });
});
