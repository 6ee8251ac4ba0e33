// The connect dialog's OAuth 2 step: the sign-in window opened in the click, the wait for its end
// (the proxy's message or polling), a window closed or blocked, the same-tab path and its return.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import { PopupController } from '../../src/widget/connect-dialog/popup-controller.js';
import { OAUTH_FLOW_PARAM, type Instance, type OAuthFlow } from '../../src/contract/index.js';
import { english as messages, errorMessage } from './english.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';

const HUBSPOT = { key: 'hubspot', name: 'HubSpot', description: 'CRM.', categories: ['CRM'], authenticationTypes: ['oauth2'] };
const OAUTH2 = [{ type: 'oauth2', name: 'Sign in with HubSpot', flow: 'redirect', default: true }];
const PROVIDER_URL = 'https://app.hubspot.test/oauth/authorize?client_id=c&state=s';
const PROXY_ORIGIN = new URL(PROXY).origin;
const CONNECTED: Instance = {
  id: 'inst-7',
  name: 'HubSpot (acme)',
  element: { key: 'hubspot', name: 'HubSpot' },
  authenticationType: 'oauth2',
  configuration: {},
  status: 'connected',
  createdDate: '2026-11-29T00:00:00.000Z',
  updatedDate: '2026-11-29T00:00:00.000Z',
};

const CONNECTED_FLOW: OAuthFlow = { status: 'connected', instance: CONNECTED };

/** What the page did, in order: windows opened and proxy calls received. */
let log: string[] = [];

/** The proxy for HubSpot; `flow` answers each poll (default: pending), `url` the sign-in start. */
function proxy(opts: { config?: object[]; flow?: (poll: number) => OAuthFlow; url?: () => Response } = {}) {
  const seen = { starts: [] as Record<string, unknown>[], polls: 0 };
  const handlers = [
    http.get(`${PROXY}/elements/:key`, () => HttpResponse.json(HUBSPOT)),
    http.get(`${PROXY}/elements/:key/authentication-types`, () => HttpResponse.json(OAUTH2)),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(opts.config ?? [])),
    http.post(`${PROXY}/elements/hubspot/oauth/url`, async ({ request }) => {
      log.push('oauth/url');
      seen.starts.push((await request.json()) as Record<string, unknown>);
      const expiresAt = new Date(Date.now() + 600_000).toISOString();
      return opts.url?.() ?? HttpResponse.json({ oauthUrl: PROVIDER_URL, flowId: 'flow-1', expiresAt });
    }),
    http.get(`${PROXY}/oauth/flows/:id`, () => HttpResponse.json(opts.flow?.(++seen.polls) ?? { status: 'pending' })),
    http.get(`${PROXY}/instances`, () => HttpResponse.json([])),
    http.get(`${PROXY}/elements`, () => HttpResponse.json([HUBSPOT])),
  ];
  return { seen, handlers };
}

/** A sign-in window as window.open answers it; `closed` is what the page sees. */
class FakeWindow {
  closed = false;
  url = '';
  location = { replace: (url: string) => (this.url = url) };
  close() {
    this.closed = true;
  }
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back, never called
const realOpen = window.open;
const realFetch = window.fetch.bind(window);
const realInterval = PopupController.pollInterval;
let popup: FakeWindow | null;
let opened: unknown[][];

/** window.open answers `popup` (null: blocked) and is logged. */
function stubOpen(answer: FakeWindow | null = new FakeWindow()) {
  popup = answer;
  window.open = ((...args: unknown[]) => {
    log.push('open');
    opened.push(args);
    return popup;
  }) as typeof window.open;
}

/** Counts flow polls as they are sent (synchronously, unlike msw's handlers). */
function countPolls(): () => number {
  let n = 0;
  window.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/oauth/flows/')) n++;
    return realFetch(input, init);
  };
  return () => n;
}

async function openDialog(p = proxy(), setup?: (el: CeConnectDialog) => void) {
  await mockProxy(...p.handlers);
  const el = await fixture<CeConnectDialog>(
    html`<ce-connect-dialog proxy-url=${PROXY} session-token="tok" element="hubspot"></ce-connect-dialog>`,
  );
  setup?.(el);
  await el.show();
  // The first test also waits for the dev server to transform the chunks.
  await waitUntil(() => button(el, 'Continue to HubSpot'), 'the OAuth step', { timeout: 5000 });
  return { el, seen: p.seen };
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const button = (el: CeConnectDialog, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent.trim() === name);
const alertText = (el: CeConnectDialog) => $(el, '[part~="form-error"]')?.textContent ?? '';
const statusText = (el: CeConnectDialog) =>
  [...el.shadowRoot!.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(' ');

/** Clicks Continue and waits until the window was pointed at the provider. */
async function startSignIn(el: CeConnectDialog) {
  button(el, 'Continue to HubSpot')!.click();
  await waitUntil(() => popup?.url === PROVIDER_URL, 'the window was sent to the provider');
  await el.updateComplete;
}

const message = (origin: string, data: object) => window.dispatchEvent(new MessageEvent('message', { origin, data }));

describe('<ce-connect-dialog> OAuth 2 sign-in', () => {
  beforeEach(() => {
    log = [];
    opened = [];
    stubOpen();
    // No poll during a test unless it asks for them: what finishes it is then what the test did.
    PopupController.pollInterval = 1e9;
  });
  afterEach(() => {
    window.open = realOpen;
    window.fetch = realFetch;
    PopupController.pollInterval = realInterval;
    history.replaceState(null, '', location.pathname);
  });

  it('is accessible, before and while signing in', async () => {
    const { el } = await openDialog();
    expect(el.shadowRoot!.textContent).to.contain("You'll sign in to HubSpot in a new window.");
    await expect(el).to.be.accessible();
    await startSignIn(el);
    expect(statusText(el)).to.contain('Finish signing in to HubSpot in the window that opened.');
    await expect(el).to.be.accessible();
  });

  it('opens the window in the click itself, before asking the proxy, then sends it to the provider', async () => {
    const { el, seen } = await openDialog();
    button(el, 'Continue to HubSpot')!.click();
    expect(log, 'opened synchronously in the click').to.deep.equal(['open']);
    expect(opened[0]![0]).to.equal('');
    expect(String(opened[0]![2])).to.match(/^popup,width=\d+,height=\d+/);
    await waitUntil(() => popup!.url === PROVIDER_URL);
    expect(log).to.deep.equal(['open', 'oauth/url']);
    expect(seen.starts).to.deep.equal([{ authenticationType: 'oauth2', configuration: {} }]);
  });

  it("finishes on the proxy's message, and ignores messages from another origin, flow or type", async () => {
    let done = false;
    const { el } = await openDialog(proxy({ flow: () => (done ? CONNECTED_FLOW : { status: 'pending' }) }));
    await startSignIn(el);
    const polls = countPolls();
    done = true;
    message('https://evil.test', { type: 'ce:oauth', flowId: 'flow-1', status: 'connected' });
    message(PROXY_ORIGIN, { type: 'ce:oauth', flowId: 'another-flow', status: 'connected' });
    message(PROXY_ORIGIN, { type: 'other', flowId: 'flow-1', status: 'connected' });
    expect(polls(), 'no poll for a message that is not the callback page of this flow').to.equal(0);
    const connected = oneEvent(el, 'ce-connected');
    message(PROXY_ORIGIN, { type: 'ce:oauth', flowId: 'flow-1', status: 'connected' });
    expect(polls(), "the proxy's message makes the dialog look at once").to.equal(1);
    expect((await connected).detail.instance.id).to.equal('inst-7');
    await el.updateComplete;
    expect($(el, '[part~="success"]')!.textContent).to.equal('HubSpot is connected as “HubSpot (acme)”.');
    expect(popup!.closed, 'the dialog closed the window').to.equal(true);
  });

  it('finishes by polling without a message, as under COOP, where the window reads closed while the user is in it', async () => {
    PopupController.pollInterval = 10;
    let approved = false;
    const { el, seen } = await openDialog(proxy({ flow: () => (approved ? CONNECTED_FLOW : { status: 'pending' }) }));
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back, never called
    const hasFocus = document.hasFocus;
    document.hasFocus = () => false; // the user is in the sign-in window
    try {
      await startSignIn(el);
      popup!.closed = true; // COOP: the page lost its handle on the window, and no message will come
      const before = seen.polls;
      await waitUntil(() => seen.polls >= before + 3, 'polling goes on');
      expect(alertText(el), 'not "closed" while this page has no focus').to.equal('');
      const connected = oneEvent(el, 'ce-connected');
      approved = true;
      await connected;
    } finally {
      document.hasFocus = hasFocus;
    }
    await waitUntil(() => $(el, '[part~="success"]'), 'success');
  });

  it('says so when the user closes the window before finishing, and starts again from Continue', async () => {
    const { el } = await openDialog();
    await startSignIn(el);
    expect(button(el, 'Continue to HubSpot'), 'no Continue while waiting').to.equal(undefined);
    popup!.closed = true;
    window.dispatchEvent(new Event('focus'));
    await waitUntil(() => alertText(el) === messages['oauth.window-closed'], 'the window-closed message');
    await waitUntil(() => el.shadowRoot!.activeElement === button(el, 'Continue to HubSpot'), 'Continue is focused');
    stubOpen();
    await startSignIn(el);
    expect(log).to.deep.equal(['open', 'oauth/url', 'open', 'oauth/url']);
  });

  it('closes the window when the user cancels while waiting', async () => {
    const { el } = await openDialog();
    await startSignIn(el);
    const closed = oneEvent(el, 'ce-closed');
    $(el, '[part~="cancel-button"]')!.click();
    await closed;
    expect(popup!.closed).to.equal(true);
  });

  it("says the user declined, in the app's name, and fires ce-error with consent_denied", async () => {
    const denied: OAuthFlow = { status: 'failed', error: { code: 'consent_denied', message: 'access_denied from the proxy' } };
    const { el } = await openDialog(proxy({ flow: () => denied }));
    await startSignIn(el);
    const errored = oneEvent(el, 'ce-error');
    message(PROXY_ORIGIN, { type: 'ce:oauth', flowId: 'flow-1', status: 'failed', code: 'consent_denied' });
    expect((await errored).detail.error.code).to.equal('consent_denied');
    await waitUntil(() => alertText(el) === 'You declined access in HubSpot. Connect again to allow it.', 'the consent words');
    expect(el.shadowRoot!.textContent).not.to.contain('from the proxy');
    expect(popup!.closed).to.equal(true);
    expect(button(el, 'Continue to HubSpot'), 'Continue is back').to.not.equal(undefined);
  });

  it('says an expired attempt must start again, and gives up when the sign-in takes too long', async () => {
    PopupController.pollInterval = 10;
    const { el } = await openDialog(proxy({ flow: () => ({ status: 'failed', error: { code: 'state_invalid', message: 'x' } }) }));
    await startSignIn(el);
    await waitUntil(() => alertText(el) === errorMessage('state_invalid'), 'the state_invalid words');

    const expiresAt = () => new Date(Date.now() + 50).toISOString();
    const soon = () => HttpResponse.json({ oauthUrl: PROVIDER_URL, flowId: 'flow-2', expiresAt: expiresAt() });
    const slow = proxy({ url: soon });
    await mockProxy(...slow.handlers);
    stubOpen();
    await startSignIn(el);
    await waitUntil(() => alertText(el) === 'Signing in to HubSpot took too long. Start again.', 'the timeout words');
    expect(popup!.closed).to.equal(true);
  });

  it("asks for the provider's own fields first, sends them, and shows the proxy's refusal beside the field", async () => {
    const config = [{ key: 'shop', name: 'Shop', type: 'TEXTFIELD_64', required: true, prefix: 'https://', suffix: '.myshopify.com' }];
    const refused = () => problem('address_refused', 'nope', [{ field: 'shop', message: 'This shop does not exist.' }]);
    const { el, seen } = await openDialog(proxy({ config, url: refused }));
    button(el, 'Continue to HubSpot')!.click();
    await el.updateComplete;
    expect(log, 'no window for a form with errors').to.deep.equal([]);
    const shop = $(el, 'input') as HTMLInputElement;
    shop.value = 'acme';
    shop.dispatchEvent(new Event('input'));
    button(el, 'Continue to HubSpot')!.click();
    expect(log).to.deep.equal(['open']);
    await waitUntil(() => el.shadowRoot!.textContent.includes('This shop does not exist.'), 'the refusal beside the field');
    expect(seen.starts[0]!.configuration).to.deep.equal({ shop: 'acme' });
    expect(popup!.closed, 'the window closes when the sign-in could not start').to.equal(true);
    expect(shop.getAttribute('aria-invalid')).to.equal('true');
  });

  it('never sends the window to an address that is not http(s)', async () => {
    const evil = () => HttpResponse.json({ oauthUrl: 'javascript:alert(1)', flowId: 'f', expiresAt: new Date().toISOString() });
    const { el } = await openDialog(proxy({ url: evil }));
    button(el, 'Continue to HubSpot')!.click();
    await waitUntil(() => alertText(el) === errorMessage('invalid_response'), 'refused');
    expect(popup!.url).to.equal('');
    expect(popup!.closed).to.equal(true);
  });

  it('reconnects with instanceId', async () => {
    const { el, seen } = await openDialog(proxy(), (d) => (d.instance = CONNECTED));
    await startSignIn(el);
    expect(seen.starts[0]!.instanceId).to.equal('inst-7');
  });

  for (const blocked of ['null', 'a closed window'] as const) {
    it(`offers this tab when the browser blocks the window (${blocked}), with the way back in returnUrl`, async () => {
      const { el, seen } = await openDialog();
      stubOpen(blocked === 'null' ? null : Object.assign(new FakeWindow(), { closed: true }));
      const errored = oneEvent(el, 'ce-error');
      button(el, 'Continue to HubSpot')!.click();
      expect((await errored).detail.error.code).to.equal('popup_blocked');
      await el.updateComplete;
      expect(alertText(el)).to.equal(errorMessage('popup_blocked'));
      expect(seen.starts, 'nothing started for a window that never opened').to.have.length(0);
      await expect(el).to.be.accessible();

      let leftFor = '';
      const stay = (e: Event & { destination?: { url: string } }) => {
        leftFor = e.destination!.url;
        e.preventDefault();
      };
      const navigation = (window as unknown as { navigation: EventTarget }).navigation;
      navigation.addEventListener('navigate', stay);
      try {
        button(el, 'Continue in this tab')!.click();
        await waitUntil(() => leftFor, 'the tab goes to the provider');
      } finally {
        navigation.removeEventListener('navigate', stay);
      }
      expect(leftFor).to.equal(PROVIDER_URL);
      const back = new URL(String(seen.starts[0]!.returnUrl));
      expect(back.origin + back.pathname).to.equal(location.origin + location.pathname);
      expect(Object.fromEntries(back.searchParams)).to.deep.equal({ ce_oauth_element: 'hubspot', ce_oauth_type: 'oauth2' });
    });
  }

  describe('back from a same-tab sign-in', () => {
    const arrive = (element = 'hubspot') =>
      history.replaceState(null, '', `?keep=1&${OAUTH_FLOW_PARAM}=flow-9&ce_oauth_element=${element}&ce_oauth_type=oauth2`);

    it('a dialog for the app shows the result by itself, fires ce-connected and cleans the address', async () => {
      const p = proxy({ flow: () => CONNECTED_FLOW });
      await mockProxy(...p.handlers);
      arrive();
      const wrapper = await fixture<HTMLElement>(html`<div></div>`);
      const connected = oneEvent(wrapper, 'ce-connected');
      wrapper.innerHTML = `<ce-connect-dialog proxy-url="${PROXY}" session-token="tok" element="hubspot"></ce-connect-dialog>`;
      const el = wrapper.firstElementChild as CeConnectDialog;
      expect((await connected).detail.instance.id).to.equal('inst-7');
      expect(location.search, 'the parameters are taken off the address').to.equal('?keep=1');
      await waitUntil(() => $(el, '[part~="success"]'), 'success');
      expect($(el, 'dialog')!.hasAttribute('open')).to.equal(true);
      expect(log, 'no window, no new start').to.deep.equal([]);
    });

    it("a dialog for another app leaves it; the marketplace's dialog says how it failed", async () => {
      const p = proxy({ flow: () => ({ status: 'failed', error: { code: 'consent_denied', message: 'x' } }) });
      await mockProxy(...p.handlers);
      arrive();
      const other = await fixture<CeConnectDialog>(
        html`<ce-connect-dialog proxy-url=${PROXY} element="sandbox-erp"></ce-connect-dialog>`,
      );

      const market = await fixture<CeMarketplace>(html`<ce-marketplace proxy-url=${PROXY} session-token="tok"></ce-marketplace>`);
      await waitUntil(() => market.shadowRoot!.querySelector('ce-connect-dialog'), 'the dialog is rendered');
      const el = market.shadowRoot!.querySelector('ce-connect-dialog')!;
      await waitUntil(() => alertText(el) === 'You declined access in HubSpot. Connect again to allow it.', 'the failure words');
      expect(location.search).to.equal('?keep=1');
      expect(button(el, 'Continue to HubSpot'), 'the user can start again').to.not.equal(undefined);
      expect($(other, 'dialog')!.hasAttribute('open'), 'the dialog for another app, asked first, left it').to.equal(false);
    });
  });
});
