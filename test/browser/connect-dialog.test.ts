import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import { PROBLEM_CODES, type Instance } from '../../src/contract/index.js';
import { errorMessage } from './english.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';

const ERP = {
  key: 'sandbox-erp',
  name: 'Sandbox ERP',
  description: 'Invoices, customers and products.',
  categories: ['ERP'],
  authenticationTypes: ['basic'],
};
const BASIC = [{ type: 'basic', name: 'Username and password', flow: 'form', default: true }];
// Real-looking CE metadata: out of order, with hidden host config, defaults as strings, adornments.
const ERP_CONFIG = [
  { key: 'sandbox.debug', name: 'Debug logging', type: 'BOOLEAN', required: false, defaultValue: 'true', displayOrder: 8 },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 3, description: null },
  {
    key: 'account.id',
    name: 'Account ID',
    type: 'TEXTFIELD_64',
    required: true,
    displayOrder: 1,
    description: 'Shown under Settings → Company.',
    helpUrl: 'https://help.sandbox-erp.test/account-id',
    example: 'ACME-01',
    pattern: '[A-Z0-9-]+',
  },
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, displayOrder: 2, placeholder: 'ada' },
  { key: 'oauth.api.key', name: 'Host API key', type: 'TEXTFIELD_256', required: true, companyConfig: true },
  { key: 'erp.internal', name: 'Internal switch', type: 'TEXTFIELD_32', internal: true },
  {
    key: 'erp.host',
    name: 'ERP host',
    type: 'TEXTFIELD_64',
    required: false,
    displayOrder: 5,
    prefix: 'https://',
    suffix: '.sandbox-erp.test',
  },
  {
    key: 'erp.region',
    name: 'Region',
    type: 'COMBO',
    required: false,
    displayOrder: 6,
    defaultValue: 'eu',
    options: [
      { value: 'eu', description: 'Europe' },
      { value: 'us', description: 'United States' },
    ],
  },
];

const instanceOf = (name: string, configuration = {}): Instance => ({
  id: 'inst-1',
  name,
  element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
  authenticationType: 'basic',
  configuration,
  status: 'connected',
  createdDate: '2026-11-29T00:00:00.000Z',
  updatedDate: '2026-11-29T00:00:00.000Z',
});

interface Seen {
  creates: { body: unknown; key: string | null }[];
}

/** The proxy for one element; `create` answers POST /instances (default: 201). */
function proxy(opts: { element?: object; types?: object[]; config?: unknown; create?: (n: number) => Response } = {}) {
  const seen: Seen = { creates: [] };
  const handlers = [
    http.get(`${PROXY}/elements/:key`, () => HttpResponse.json(opts.element ?? ERP)),
    http.get(`${PROXY}/elements/:key/authentication-types`, () => HttpResponse.json(opts.types ?? BASIC)),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(opts.config ?? ERP_CONFIG)),
    http.post(`${PROXY}/instances`, async ({ request }) => {
      seen.creates.push({ body: await request.json(), key: request.headers.get('idempotency-key') });
      return opts.create?.(seen.creates.length) ?? HttpResponse.json(instanceOf('Sandbox ERP (ACME-01)'), { status: 201 });
    }),
  ];
  return { seen, handlers };
}

async function openDialog(p = proxy(), setup?: (el: CeConnectDialog) => void) {
  await mockProxy(...p.handlers);
  const wrapper = await fixture<HTMLDivElement>(
    html`<div>
      <button id="trigger">Connect</button>
      <ce-connect-dialog proxy-url=${PROXY} session-token="tok" element="sandbox-erp"></ce-connect-dialog>
    </div>`,
  );
  const el = wrapper.querySelector('ce-connect-dialog')!;
  setup?.(el);
  const trigger = wrapper.querySelector<HTMLButtonElement>('#trigger')!;
  trigger.focus();
  await el.show();
  return { el, trigger, seen: p.seen };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the element the selector matches, as in querySelector<T>
const $ = <T extends Element = HTMLElement>(el: CeConnectDialog, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const $$ = <T extends Element = HTMLElement>(el: CeConnectDialog, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T & HTMLElement>(selector),
];

async function formReady(el: CeConnectDialog) {
  await waitUntil(() => $(el, '[part~="submit-button"]'), 'the form did not load');
}

/** The input labelled `name` (by its <label for>). */
function input(el: CeConnectDialog, name: string): HTMLInputElement {
  const label = $$(el, 'label[for]').find((l) => l.textContent.replace('*', '').trim() === name);
  if (!label) throw new Error(`no field labelled ${name}`);
  return $(el, `#${label.getAttribute('for')}`) as HTMLInputElement;
}

function type(field: HTMLInputElement | HTMLSelectElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function describedText(el: CeConnectDialog, field: HTMLElement) {
  return (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => $(el, `#${id}`)?.textContent.trim())
    .join(' | ');
}

async function fillValid(el: CeConnectDialog) {
  type(input(el, 'Account ID'), 'ACME-01');
  type(input(el, 'Username'), 'ada');
  type(input(el, 'Password'), 'correct horse');
  await el.updateComplete;
}

const submit = (el: CeConnectDialog) => $(el, '[part~="submit-button"]')!.click();

describe('<ce-connect-dialog>', () => {
  it('is accessible when open, with optional fields shown', async () => {
    const { el } = await openDialog();
    await formReady(el);
    $(el, '[part~="optional-toggle"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('renders the form from CE metadata: order, hidden config, defaults, adornments, help', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect($(el, `#${dialog.getAttribute('aria-labelledby')}`)!.textContent).to.equal('Connect Sandbox ERP');

    const labels = $$(el, '[part~="label"]').map((l) => l.textContent.replace('*', '').trim());
    expect(labels).to.deep.equal(['Account ID', 'Username', 'Password', 'ERP host', 'Region', 'Debug logging']);
    expect(el.shadowRoot!.textContent).not.to.contain('Host API key');
    expect(el.shadowRoot!.textContent).not.to.contain('Internal switch');

    expect(input(el, 'Account ID').maxLength).to.equal(64);
    expect(input(el, 'Account ID').required).to.equal(true);
    expect(input(el, 'Password').type).to.equal('password');
    expect(input(el, 'Username').placeholder).to.equal('ada');
    expect(describedText(el, input(el, 'Account ID'))).to.contain('Shown under Settings → Company.');
    expect(describedText(el, input(el, 'Account ID'))).to.contain('Example: ACME-01');
    const link = $<HTMLAnchorElement>(el, '[part~="help"] a')!;
    expect(link.href).to.equal('https://help.sandbox-erp.test/account-id');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(link.textContent).to.contain('Where do I find this?');

    // Optional fields wait behind the disclosure.
    const toggle = $(el, '[part~="optional-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(input(el, 'ERP host').checkVisibility()).to.equal(false);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const host = input(el, 'ERP host');
    expect(host.checkVisibility()).to.equal(true);
    expect(describedText(el, host)).to.equal('https:// | .sandbox-erp.test');
    expect($$(el, '[part~="adornment"]').map((a) => a.textContent)).to.deep.equal(['https://', '.sandbox-erp.test']);
    expect((input(el, 'Region') as unknown as HTMLSelectElement).value).to.equal('eu');
    const debug = $$<HTMLInputElement>(el, 'input[type="checkbox"]')[0]!;
    expect(debug.checked, 'BOOLEAN default "true"').to.equal(true);
  });

  it('shows and hides a password with a pressed toggle', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const toggle = $(el, '[part~="password-toggle"]')!;
    expect(toggle.getAttribute('aria-label')).to.equal('Show Password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(input(el, 'Password').type).to.equal('text');
  });

  it('lets a groupControl COMBO switch which fields show', async () => {
    const { el } = await openDialog(
      proxy({
        config: [
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
        ],
      }),
    );
    await formReady(el);
    const labels = () => $$(el, '[part~="label"]').map((l) => l.textContent.replace('*', '').trim());
    expect(labels()).to.deep.equal(['Authentication type', 'Username', 'Password']);
    type(input(el, 'Authentication type'), 'apiKey');
    await el.updateComplete;
    expect(labels()).to.deep.equal(['Authentication type', 'API key']);
  });

  it('validates after blur, not on the first keystroke, and then as the user types', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const account = input(el, 'Account ID');
    account.focus();
    await sendKeys({ type: 'acme 01' });
    await el.updateComplete;
    expect(account.hasAttribute('aria-invalid')).to.equal(false);
    expect($$(el, '[part~="error"]')).to.have.length(0);

    input(el, 'Username').focus(); // leaves Account ID
    await el.updateComplete;
    expect(account.getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(el, account)).to.contain('Account ID is not in the expected format');

    // Once left, the field is re-checked as the user types: fixing it clears the error at once.
    account.focus();
    account.select();
    await sendKeys({ type: 'ACME-01' });
    await el.updateComplete;
    expect(account.hasAttribute('aria-invalid')).to.equal(false);
    expect(describedText(el, account)).not.to.contain('format');
    // Password was never visited: no error yet.
    expect(input(el, 'Password').hasAttribute('aria-invalid')).to.equal(false);
  });

  it('on submit shows required and too-long errors and focuses the first invalid field', async () => {
    const longDefault = ERP_CONFIG.map((c) => (c.key === 'user.username' ? { ...c, defaultValue: 'x'.repeat(130) } : c));
    const { el, seen } = await openDialog(proxy({ config: longDefault }));
    await formReady(el);
    submit(el);
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.activeElement === input(el, 'Account ID'), 'focus moved to the first invalid field');
    expect(describedText(el, input(el, 'Account ID'))).to.contain('Account ID is required.');
    expect(describedText(el, input(el, 'Username'))).to.contain('Username must be at most 128 characters.');
    expect(describedText(el, input(el, 'Password'))).to.contain('Password is required.');
    expect(seen.creates).to.have.length(0);
  });

  it('submits the configuration with an Idempotency-Key, then shows success and fires ce-connected', async () => {
    const { el, seen } = await openDialog();
    await formReady(el);
    await fillValid(el);
    const connected = oneEvent(el, 'ce-connected');
    submit(el);
    const event = await connected;
    expect(event.detail.instance.name).to.equal('Sandbox ERP (ACME-01)');
    expect(seen.creates).to.have.length(1);
    expect(seen.creates[0]!.body).to.deep.equal({
      element: { key: 'sandbox-erp' },
      authenticationType: 'basic',
      configuration: {
        'account.id': 'ACME-01',
        'user.username': 'ada',
        'user.password': 'correct horse',
        'erp.region': 'eu',
        'sandbox.debug': true,
      },
    });
    expect(seen.creates[0]!.key).to.match(/^[0-9a-f-]{36}$/);
    await el.updateComplete;
    expect($(el, '[part~="success"]')!.textContent).to.equal('Sandbox ERP is connected as “Sandbox ERP (ACME-01)”.');
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[part~="done-button"]'), 'Done is focused');

    const closed = oneEvent(el, 'ce-closed');
    $(el, '[part~="done-button"]')!.click();
    expect((await closed).detail.source).to.equal('connected');
  });

  it('sends one request on a double click, and reuses the key when retrying after a network error', async () => {
    const { el, seen } = await openDialog(
      proxy({ create: (n) => (n === 1 ? HttpResponse.error() : HttpResponse.json(instanceOf('ERP'), { status: 201 })) }),
    );
    await formReady(el);
    await fillValid(el);
    const button = $(el, '[part~="submit-button"]')!;
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.hasAttribute('disabled')).to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => $(el, '[part~="form-error"]')!.textContent.includes('could not be reached'));
    expect(seen.creates).to.have.length(1);
    expect($(el, '[part~="form-error"]')!.getAttribute('role')).to.equal('alert');

    const connected = oneEvent(el, 'ce-connected');
    submit(el);
    await connected;
    expect(seen.creates).to.have.length(2);
    expect(seen.creates[1]!.key).to.equal(seen.creates[0]!.key);
  });

  it("shows the proxy's field errors beside their fields, and its own words for the rest", async () => {
    const { el } = await openDialog(
      proxy({
        create: () =>
          problem('credentials_rejected', 'Sandbox ERP rejected the credentials.', [
            { field: 'user.password', message: 'This password is not correct for ada.' },
            { field: 'tenant.shard', message: 'Shard 7 is read-only.' },
          ]),
      }),
    );
    await formReady(el);
    await fillValid(el);
    const errored = oneEvent(el, 'ce-error');
    submit(el);
    expect((await errored).detail.error.code).to.equal('credentials_rejected');
    await el.updateComplete;
    const password = input(el, 'Password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(el, password)).to.contain('This password is not correct for ada.');
    // A field the user cannot see is nothing to act on: the form alert says the widget's words for the code.
    expect($(el, '[part~="form-error"]')!.textContent).to.equal(errorMessage('credentials_rejected'));
    await waitUntil(() => el.shadowRoot!.activeElement === password, 'the rejected field is focused');
    await expect(el).to.be.accessible();

    // Typing a new password clears the proxy's message for that field.
    type(password, 'another one');
    await el.updateComplete;
    expect(password.hasAttribute('aria-invalid')).to.equal(false);
  });

  it("shows each code's own words, never the proxy's detail, and keeps what was typed", async () => {
    const codes = [...PROBLEM_CODES, 'network_error', 'invalid_response', 'unknown'] as const;
    let answer: () => Response = () => HttpResponse.error();
    const { el, seen } = await openDialog(proxy({ create: () => answer() }));
    await formReady(el);
    await fillValid(el);
    const formError = () => $(el, '[part~="form-error"]')!.textContent;
    for (const code of codes) {
      answer =
        code === 'network_error'
          ? () => HttpResponse.error()
          : code === 'invalid_response'
            ? () => HttpResponse.json({ id: 42 }, { status: 201 })
            : code === 'unknown'
              ? () => problem('brand_new_code', 'From a newer proxy.')
              : () => problem(code, `The proxy's own text for ${code}.`);
      const sent = seen.creates.length;
      const errored = oneEvent(el, 'ce-error');
      submit(el);
      const { error } = (await errored).detail;
      expect(error.code, code).to.equal(code);
      await waitUntil(() => seen.creates.length > sent && !$(el, '[part~="submit-button"]')!.hasAttribute('disabled'), code);
      await el.updateComplete;
      expect(formError(), code).to.equal(errorMessage(code));
      expect(formError(), code).not.to.contain('proxy');
    }
    expect(input(el, 'Username').value).to.equal('ada');
  });

  it('says the session expired when the proxy refuses the session twice', async () => {
    const { el, seen } = await openDialog(proxy({ create: () => problem('session_expired', 'Token expired') }));
    await formReady(el);
    await fillValid(el);
    submit(el);
    await waitUntil(() => $(el, '[part~="form-error"]')!.textContent.length > 0);
    expect($(el, '[part~="form-error"]')!.textContent).to.contain('Your session has expired. Reload the page');
    expect(seen.creates).to.have.length(2, 'one retry after fetching a fresh token');
  });

  it('shows an error with Retry for metadata missing a name, and recovers', async () => {
    let config: object[] = [{ key: 'account.id', type: 'TEXTFIELD_64', required: true }];
    const p = proxy();
    p.handlers[2] = http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(config));
    const errors: Event[] = [];
    const { el } = await openDialog(p, (d) => d.addEventListener('ce-error', (e) => errors.push(e)));
    await waitUntil(() => $(el, '[part~="load-error"]'), 'an error state');
    expect($(el, '[part~="load-error"]')!.textContent).to.contain('cannot read');
    expect(errors).to.have.length(1);
    config = ERP_CONFIG;
    $(el, '[part~="retry-button"]')!.click();
    await formReady(el);
    expect(input(el, 'Account ID').tagName).to.equal('INPUT');
  });

  it('renders an unknown type and a COMBO without options as text boxes', async () => {
    const { el } = await openDialog(
      proxy({
        config: [
          { key: 'x.widget', name: 'Widget', type: 'HOLOGRAM_3D', required: true },
          { key: 'x.mode', name: 'Mode', type: 'COMBO', required: true, options: [] },
        ],
      }),
    );
    await formReady(el);
    expect(input(el, 'Widget').type).to.equal('text');
    expect(input(el, 'Widget').maxLength).to.equal(1000);
    expect(input(el, 'Mode').tagName).to.equal('INPUT');
  });

  it('shows API text as text: markup in a name or description never runs', async () => {
    const evil = '<img src=x onerror="window.__ceXss = true">';
    (window as unknown as { __ceXss?: boolean }).__ceXss = false;
    const { el } = await openDialog(
      proxy({
        element: { ...ERP, name: `ERP ${evil}`, description: `Hello ${evil}` },
        config: [{ key: 'a', name: `Field ${evil}`, type: 'TEXTFIELD_32', required: true, description: evil }],
      }),
    );
    await formReady(el);
    expect($(el, '[part~="title"]')!.textContent).to.equal(`Connect ERP ${evil}`);
    expect($(el, '[part~="description"]')!.textContent).to.equal(`Hello ${evil}`);
    expect($$(el, 'img')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as { __ceXss?: boolean }).__ceXss).to.equal(false);
  });

  it('works with the keyboard alone: Tab moves inside, Escape closes, focus returns to the trigger', async () => {
    const { el, trigger } = await openDialog();
    await formReady(el);
    input(el, 'Account ID').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('A'); // the help link
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement === input(el, 'Username')).to.equal(true);
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Shift+Tab' });
    expect(el.shadowRoot!.activeElement === input(el, 'Account ID')).to.equal(true);

    // A cancelled close keeps the dialog open.
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('ce-close', veto, { once: true });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(true);

    const closing = oneEvent(el, 'ce-close');
    const closed = oneEvent(el, 'ce-closed');
    await sendKeys({ press: 'Escape' });
    expect((await closing).detail.source).to.equal('escape');
    expect((await closed).detail.source).to.equal('escape');
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
    expect(document.activeElement === trigger, 'focus is back on the trigger').to.equal(true);
  });

  it('hide() closes with source "method" and resolves once closed', async () => {
    const { el, trigger } = await openDialog();
    const closing = oneEvent(el, 'ce-close');
    await el.hide();
    expect((await closing).detail.source).to.equal('method');
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
    expect(document.activeElement === trigger, 'focus is back on the trigger').to.equal(true);
  });

  it('closes from its × button with source "close-button", and its width follows --ce-dialog-width', async () => {
    const { el, trigger } = await openDialog();
    el.style.setProperty('--ce-dialog-width', '300px');
    expect(getComputedStyle($(el, 'dialog')!).width).to.equal('300px');
    const closed = oneEvent(el, 'ce-closed');
    $(el, '[part~="close-button"]')!.click();
    expect((await closed).detail.source).to.equal('close-button');
    expect(document.activeElement === trigger, 'focus is back on the trigger').to.equal(true);
  });

  it('closes on a click outside, with source "overlay"', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const closed = oneEvent(el, 'ce-closed');
    await sendMouse({ type: 'click', position: [2, 2] });
    await resetMouse();
    expect((await closed).detail.source).to.equal('overlay');
  });

  it('lets the user choose among several sign-in methods, and refuses a flow it does not know clearly', async () => {
    const { el } = await openDialog(
      proxy({
        types: [
          { type: 'device', name: 'Sign in on another device', flow: 'device-code' },
          { type: 'basic', name: 'Username and password', flow: 'form', default: true },
        ],
      }),
    );
    await formReady(el);
    const radios = $$<HTMLInputElement>(el, '[part~="auth-type"] input[type="radio"]');
    expect(radios.map((r) => r.checked)).to.deep.equal([false, true]);
    radios[0]!.click();
    await waitUntil(() => el.shadowRoot!.textContent.includes('This sign-in method is not available yet'), 'the unknown step');
    expect($$(el, '[part~="submit-button"]')).to.have.length(0);
  });

  it('reconnects an instance with PATCH /instances/{id}', async () => {
    let patched: unknown;
    const p = proxy();
    p.handlers.push(
      http.patch(`${PROXY}/instances/inst-1`, async ({ request }) => {
        patched = await request.json();
        return HttpResponse.json(instanceOf('Sandbox ERP (ACME-01)'));
      }),
    );
    const { el, seen } = await openDialog(p, (d) => {
      d.instance = instanceOf('Sandbox ERP (ACME-01)', { 'account.id': 'ACME-01', 'user.username': 'ada' });
    });
    await formReady(el);
    expect($(el, '[part~="title"]')!.textContent).to.equal('Reconnect Sandbox ERP');
    expect(input(el, 'Account ID').value).to.equal('ACME-01');
    type(input(el, 'Password'), 'new secret');
    const connected = oneEvent(el, 'ce-connected');
    submit(el);
    await connected;
    expect(seen.creates).to.have.length(0);
    expect(patched).to.deep.equal({
      configuration: {
        'account.id': 'ACME-01',
        'user.username': 'ada',
        'user.password': 'new secret',
        'erp.region': 'eu',
        'sandbox.debug': true,
      },
    });
  });

  it('says what is missing when used without proxy-url or element', async () => {
    const el = await fixture<CeConnectDialog>(html`<ce-connect-dialog></ce-connect-dialog>`);
    // Said once the dialog's chunk is here, with the words of every state after loading.
    const said = (words: string) => waitUntil(() => $(el, '[part~="load-error"]')?.textContent.includes(words), words);
    await el.show();
    await said('proxy-url');
    await el.hide();
    el.proxyUrl = PROXY;
    await el.show();
    await said('set the element attribute');
  });

  it('follows the colour scheme, and in forced colours marks an invalid field by more than colour', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const dialog = $(el, 'dialog')!;
    await emulateMedia({ colorScheme: 'light' });
    const light = getComputedStyle(dialog).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const dark = getComputedStyle(dialog).backgroundColor;
    expect(dark).not.to.equal(light);
    // An invalid field is red in normal colours; forced colours remove the red, so its border thickens.
    const account = input(el, 'Account ID');
    account.focus();
    input(el, 'Username').focus();
    await el.updateComplete;
    expect(account.getAttribute('aria-invalid')).to.equal('true');
    const control = account.parentElement!;
    expect(getComputedStyle(control).borderTopWidth).to.equal('1px');
    await emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
    try {
      expect(getComputedStyle(control).borderTopStyle).to.equal('solid');
      expect(getComputedStyle(control).borderTopWidth).to.equal('2px');
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  it('can be restyled from the page with ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = 'ce-connect-dialog::part(submit-button) { background-color: rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const { el } = await openDialog();
      await formReady(el);
      expect(getComputedStyle($(el, '[part~="submit-button"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('keeps its own text styles under hostile host page styles', async () => {
    const { el } = await openDialog();
    await formReady(el);
    const title = $(el, '[part~="title"]')!;
    const before = getComputedStyle(title);
    const [font, color] = [before.fontFamily, before.color];
    const style = Object.assign(document.createElement('style'), {
      textContent: '* { color: rgb(255, 0, 0); font-family: monospace; letter-spacing: 9px; text-align: right }',
    });
    document.head.append(style);
    try {
      const after = getComputedStyle(title);
      expect(after.fontFamily).to.equal(font);
      expect(after.color).to.equal(color);
      expect(after.letterSpacing).to.equal('normal');
      expect(after.textAlign).to.not.equal('right');
    } finally {
      style.remove();
    }
  });
});
