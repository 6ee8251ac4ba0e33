// Reading, layout and access (issue 12, items 6–10): dark mode and contrast, zoom, narrow screens,
// touch targets, right-to-left. Real Chromium, the proxy mocked with msw.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import type { Instance } from '../../src/contract/index.js';
import { lowContrast, rgba, ratio, backgroundsOf } from './contrast.js';
import { mockProxy, http, HttpResponse, PROXY } from './msw.js';

const LONG = 'Enterprise Resource Planning and Financial Consolidation Suites';
const apps = [
  {
    key: 'sandbox-erp',
    name: 'Sandbox ERP',
    description: 'Invoices, customers and payments',
    categories: ['ERP', LONG],
    authenticationTypes: ['basic'],
  },
  {
    key: 'helpdesk',
    name: 'Helpdesk',
    description: 'Tickets from your support desk',
    categories: ['Helpdesk'],
    authenticationTypes: ['basic'],
  },
  {
    key: 'long-name',
    name: 'Supercalifragilisticexpialidocious-Integration-Connector-Platform',
    description: 'A very long description. '.repeat(40),
    categories: ['CRM'],
    authenticationTypes: ['basic'],
  },
];
const connection: Instance = {
  id: 'inst-1',
  name: 'My ERP',
  element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
  authenticationType: 'basic',
  configuration: {},
  status: 'needs_attention',
  statusMessage: 'Sign in again',
  createdDate: '2026-11-01T00:00:00Z',
  updatedDate: '2026-11-01T00:00:00Z',
};
const config = [
  {
    key: 'subdomain',
    name: 'Subdomain',
    type: 'TEXTFIELD_64',
    required: true,
    prefix: 'https://',
    suffix: '.example.com',
    description: 'The first part of your address.',
  },
  { key: 'api.token', name: 'API token', type: 'PASSWORD', required: true, description: 'From your settings.' },
  ...Array.from({ length: 6 }, (_, i) => ({ key: `f${i}`, name: `Field ${i}`, type: 'TEXTFIELD_32', required: true })),
];

function proxy() {
  return [
    http.get(`${PROXY}/elements`, () => HttpResponse.json(apps)),
    http.get(`${PROXY}/instances`, () => HttpResponse.json([connection])),
    http.get(`${PROXY}/elements/:key`, ({ params }) => HttpResponse.json(apps.find((a) => a.key === params.key))),
    http.get(`${PROXY}/elements/:key/authentication-types`, () =>
      HttpResponse.json([{ type: 'basic', name: 'API token', flow: 'form', default: true }]),
    ),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(config)),
  ];
}

async function mount(): Promise<CeMarketplace> {
  await mockProxy(...proxy());
  const el = await fixture<CeMarketplace>(html`<ce-marketplace proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="card"]'), 'the catalog did not load', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function openDialog(el: CeMarketplace): Promise<CeConnectDialog> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[data-key="helpdesk"] [part~="connect-button"]')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('ce-connect-dialog')?.shadowRoot?.querySelector('[part~="input"]'), 'no form', {
    timeout: 5000,
  });
  return el.shadowRoot!.querySelector('ce-connect-dialog')!;
}

const part = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`)!;
function addStyle(text: string) {
  const style = document.createElement('style');
  style.dataset.test = '';
  style.textContent = text;
  document.head.append(style);
}

describe('layout, reading and access', () => {
  afterEach(async () => {
    document.querySelectorAll('[data-test]').forEach((s) => s.remove());
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  describe('contrast (WCAG 2, at least 4.5:1 for every text)', () => {
    const check = async (name: string) => {
      const el = await mount();
      el.shadowRoot!.querySelector<HTMLDetailsElement>('[part~="manage"]')!.open = true;
      await el.updateComplete;
      expect(lowContrast(el.shadowRoot!), `${name}: the catalog`).to.deep.equal([]);
      const dialog = await openDialog(el);
      part(dialog.shadowRoot!, 'submit-button').click();
      await dialog.updateComplete;
      expect(lowContrast(dialog.shadowRoot!), `${name}: the dialog`).to.deep.equal([]);
    };

    it('in light, on a light page', async () => {
      await check('light');
    });

    it('in dark forced on a light page, as the README says (ce-marketplace { color-scheme: dark })', async () => {
      addStyle('body { background: #fff; color: #000 } ce-marketplace { color-scheme: dark }');
      await check('dark');
    });

    it('in dark from prefers-color-scheme alone', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const el = await mount();
      const text = rgba(getComputedStyle(part(el.shadowRoot!, 'heading')).color);
      expect(text[0], 'the heading is light text').to.be.greaterThan(180);
      await check('prefers dark');
    });

    it('in the demo midnight theme', async () => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = '/demo/host/public/theme-midnight.css';
      link.dataset.test = '';
      await new Promise((resolve) => {
        link.onload = resolve;
        document.head.append(link);
      });
      await check('midnight');
    });

    it('text on a primary set alone follows its contrast, unless --ce-color-on-primary is set', async () => {
      for (const primary of ['#facc15', '#0d9488', '#1e3a8a', '#f472b6']) {
        addStyle(`ce-marketplace { --ce-color-primary: ${primary} }`);
        const el = await mount();
        const button = part(el.shadowRoot!, 'connect-button');
        const [bg] = backgroundsOf(button);
        expect(ratio(rgba(getComputedStyle(button).color), bg!), primary).to.be.at.least(4.5);
        document.querySelectorAll('[data-test]').forEach((s) => s.remove());
      }
      addStyle('ce-marketplace { --ce-color-primary: #facc15; --ce-color-on-primary: rgb(1, 2, 3) }');
      const el = await mount();
      expect(getComputedStyle(part(el.shadowRoot!, 'connect-button')).color).to.equal('rgb(1, 2, 3)');
    });
  });

  it('at 200 % zoom the dialog scrolls as one, and the first error is scrolled into view and focused', async () => {
    await setViewport({ width: 640, height: 400 });
    const el = await mount();
    const dialog = await openDialog(el);
    const native = part(dialog.shadowRoot!, 'dialog');
    expect(getComputedStyle(native).overflowY, 'the whole dialog scrolls').to.equal('auto');
    expect(getComputedStyle(part(dialog.shadowRoot!, 'body')).overflowY, 'not its body alone').to.equal('visible');
    const input = dialog.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!;
    native.scrollTop = native.scrollHeight;
    part(dialog.shadowRoot!, 'submit-button').click();
    await waitUntil(() => dialog.shadowRoot!.querySelector('[part~="error"]'), 'no field error');
    const error = part(dialog.shadowRoot!, 'error');
    await waitUntil(() => dialog.shadowRoot!.activeElement === input, 'the first invalid field is not focused');
    const box = error.getBoundingClientRect();
    expect(box.top, 'its error is in view').to.be.at.least(0);
    expect(box.bottom).to.be.at.most(window.innerHeight);
  });

  it('long descriptions are clamped, and opening Manage stretches no neighbouring card', async () => {
    await setViewport({ width: 1280, height: 800 });
    const el = await mount();
    const cards = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="card"]')];
    const heights = () => cards.map((c) => Math.round(c.getBoundingClientRect().height));
    const description = part(cards[2]!, 'card-description');
    expect(description.scrollHeight, 'the long description is clamped').to.be.greaterThan(description.clientHeight);
    // Unclamped, its 40 sentences would make its row over 1,000 px tall.
    expect(Math.max(...heights()), 'no card is stretched by it').to.be.below(400);
    const before = heights();
    part(cards[0]!, 'manage-button').click();
    // The panel's contents come with the dialog's chunk.
    await waitUntil(() => part(cards[0]!, 'manage').querySelector('[part~="instance"]'), 'Manage shows no connection');
    const after = heights();
    expect(after[1], 'the neighbour keeps its height').to.equal(before[1]);
    expect(after[2]).to.equal(before[2]);
  });

  it('at 320 px with long names nothing scrolls sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mount();
    expect(document.documentElement.scrollWidth, 'the page').to.be.at.most(320);
    const base = part(el.shadowRoot!, 'base');
    expect(base.scrollWidth, 'the marketplace').to.be.at.most(base.clientWidth);
    const dialog = await openDialog(el);
    const native = part(dialog.shadowRoot!, 'dialog');
    expect(native.getBoundingClientRect().right).to.be.at.most(320);
    expect(native.scrollWidth).to.be.at.most(native.clientWidth);
    // An input with a prefix and a suffix shrinks: its suffix stays inside the dialog.
    await waitUntil(() => dialog.shadowRoot!.querySelector('[id$="-suffix"]'), 'no suffix');
    const suffix = dialog.shadowRoot!.querySelector('[id$="-suffix"]')!;
    expect(suffix.getBoundingClientRect().right).to.be.at.most(native.getBoundingClientRect().right);
  });

  it('on a touch screen (pointer: coarse) every control is at least 44 × 44 px', async () => {
    // Chromium has no pointer emulation here: read the rule the components apply under it.
    const el = await mount();
    const sheets = el.shadowRoot!.adoptedStyleSheets;
    const coarse = sheets
      .flatMap((s) => [...s.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('pointer: coarse'));
    expect(coarse.length).to.be.greaterThan(0);
    el.style.setProperty('--_target', '44px');
    for (const control of el.shadowRoot!.querySelectorAll<HTMLElement>('button, input, select, summary')) {
      // A checkbox's target is its label.
      const box = (control.matches('[type=checkbox]') ? control.closest('label')! : control).getBoundingClientRect();
      if (box.width === 0) continue;
      expect(box.height, control.outerHTML.slice(0, 60)).to.be.at.least(44);
      expect(box.width, control.outerHTML.slice(0, 60)).to.be.at.least(44);
    }
  });

  it('right-to-left: logical sides, the password toggle keeps its own edge, a web address reads left to right', async () => {
    // A right-to-left language sets the direction (the runtime gives English `ltr` whatever the page around it).
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar"></div>`);
    await mockProxy(...proxy());
    const el = document.createElement('ce-marketplace');
    el.setAttribute('proxy-url', PROXY);
    el.setAttribute('session-token', 't');
    wrapper.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="card"]'), 'the catalog did not load', { timeout: 5000 });
    // The direction comes with the Arabic locale's chunk.
    await waitUntil(() => el.dir === 'rtl', 'the marketplace did not turn right-to-left', { timeout: 5000 });
    const card = part(el.shadowRoot!, 'card');
    const logo = part(card, 'card-logo').getBoundingClientRect();
    const name = part(card, 'card-name').getBoundingClientRect();
    expect(logo.left, 'the logo starts the line, on the right').to.be.greaterThan(name.left);

    const dialog = await openDialog(el);
    const root = dialog.shadowRoot!;
    const toggle = part(root, 'password-toggle');
    const password = root.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getBoundingClientRect().right, 'the toggle sits at the left end').to.be.at.most(
      password.getBoundingClientRect().left + 1,
    );
    expect(getComputedStyle(toggle).borderRightWidth, 'with its edge towards the field').to.equal('1px');
    const [prefix, suffix] = [...root.querySelectorAll<HTMLElement>('[part~="adornment"]')];
    const subdomain = root.querySelector<HTMLElement>('[part~="input"]')!;
    expect(prefix!.getBoundingClientRect().right).to.be.at.most(subdomain.getBoundingClientRect().left + 1);
    expect(suffix!.getBoundingClientRect().left).to.be.at.least(subdomain.getBoundingClientRect().right - 1);
  });
});
