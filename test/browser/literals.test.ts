// No English outside the message table (issue 13): every message is registered for a pseudo-locale
// that wraps it in ⟦…⟧, then the marketplace and its dialog are walked through their states. Any
// text, or accessible name, left with a letter once the wrapped words and the apps' own data
// (names, descriptions, labels: the proxy translates those) are taken out was written in a component.
// The same states in German and Japanese show none of the table's English where the locale differs.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { CeMarketplace } from '../../src/widget/marketplace/marketplace.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import type { Instance } from '../../src/contract/index.js';
import { registerMessages } from '../../src/widget/localize.js';
import { english as messages } from './english.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';
import { localeWords } from './locale-words.js';

const de = await localeWords('de');
const ja = await localeWords('ja');

/** Each message wrapped, a count's plural forms each on its own (`one:⟦…⟧|other:⟦…⟧`). */
const wrap = (text: string) =>
  /^(\w+):/.test(text) && text.includes('|')
    ? text
        .split('|')
        .map((form) => form.replace(/^(\w+):(.*)$/, '$1:⟦$2⟧'))
        .join('|')
    : `⟦${text}⟧`;
// 'qps' is a private-use language subtag: a pseudo-locale no page will ever ask for.
registerMessages('qps', Object.fromEntries(Object.entries(messages).map(([id, text]) => [id, wrap(text)])));

const erp = {
  key: 'sandbox-erp',
  name: 'Sandbox ERP',
  description: 'Invoices and payments',
  categories: ['ERP'],
  authenticationTypes: ['basic'],
};
const crm = { key: 'acme-crm', name: 'Acme CRM', description: 'Leads and deals', categories: ['CRM'], authenticationTypes: ['basic'] };
const mine: Instance = {
  id: 'inst-1',
  name: 'My CRM',
  identity: 'ops@acme.test',
  element: { key: 'acme-crm', name: 'Acme CRM' },
  authenticationType: 'basic',
  configuration: {},
  status: 'needs_attention',
  statusReason: 'credentials_rejected',
  createdDate: '2026-11-01T09:30:00Z',
  updatedDate: '2026-11-01T09:30:00Z',
};
const config = [
  { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true, displayOrder: 1, description: 'Your login' },
  { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true, displayOrder: 2 },
  {
    key: 'region',
    name: 'Region',
    type: 'SELECT',
    required: false,
    displayOrder: 3,
    options: [{ value: 'eu', description: 'Europe' }],
  },
];
/** What the proxy sent: the apps' words, which it translates itself. */
const DATA = [
  ...[erp, crm].flatMap((e) => [e.name, e.description, ...e.categories]),
  ...[mine.name, mine.identity!, 'Username and password', 'Your login', 'Europe', 'eu'],
  ...config.map((f) => f.name),
  // A logo-less app's monogram: its initials.
  ...[erp, crm].map((e) =>
    e.name
      .split(' ')
      .map((w) => w[0])
      .join(''),
  ),
].sort((a, b) => b.length - a.length);

let posts = 0;
function proxy(catalogFails = false) {
  posts = 0;
  return [
    http.get(`${PROXY}/elements`, () => (catalogFails ? problem('service_unavailable') : HttpResponse.json([erp, crm]))),
    http.get(`${PROXY}/elements/:key`, ({ params }) => HttpResponse.json([erp, crm].find((e) => e.key === params.key))),
    http.get(`${PROXY}/elements/:key/authentication-types`, () =>
      HttpResponse.json([{ type: 'basic', name: 'Username and password', flow: 'form', default: true }]),
    ),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, () => HttpResponse.json(config)),
    http.get(`${PROXY}/instances`, () => HttpResponse.json([mine])),
    // The first try is refused, the next connects.
    http.post(`${PROXY}/instances`, () =>
      ++posts === 1
        ? problem('credentials_rejected', 'Wrong password', [])
        : HttpResponse.json(
            {
              ...mine,
              id: 'inst-2',
              name: 'Sandbox ERP',
              status: 'connected',
              statusReason: undefined,
              element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
            },
            { status: 201 },
          ),
    ),
  ];
}

/** The texts a person meets in a shadow root (and the shadow roots inside it): text, names, hints. */
function texts(root: ShadowRoot): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof HTMLStyleElement) return;
    if (node.nodeType === Node.TEXT_NODE) found.push(node.textContent ?? '');
    if (node instanceof Element) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription'])
        found.push(node.getAttribute(attr) ?? '');
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(root);
  return found.map((t) => t.trim()).filter(Boolean);
}

/** What is left of a text once the table's words and the apps' data are taken out: must hold no letter. */
function leftover(text: string): string {
  let rest = text.replace(/⟦[^⟧]*⟧/g, ' ');
  for (const d of DATA) rest = rest.split(d).join(' ');
  return /\p{L}/u.test(rest) ? text : '';
}

const TABLE: Record<string, string> = messages;
const LOCALES: Record<string, Record<string, string | undefined>> = { de, ja };

/**
 * In a shipped language: a text showing an English message whose words the locale does not use (a
 * label, or a sentence's words before its first value) was rendered without the table.
 */
function untranslated(text: string, locale: string): string {
  const found = Object.entries(TABLE).find(([id, en]) => {
    const head = en.split(/\{|\|/)[0]!.trim();
    return head.length >= 4 && !(LOCALES[locale]![id] ?? '').includes(head) && (en.includes('{') ? text.includes(head) : text === en);
  });
  return found ? `${text} (${found[0]})` : '';
}

let lang = 'qps';
const english = (el: HTMLElement) =>
  texts(el.shadowRoot!)
    .map((t) => (lang === 'qps' ? leftover(t) : untranslated(t, lang)))
    .filter(Boolean);

async function mount(catalogFails = false) {
  await mockProxy(...proxy(catalogFails));
  const el = await fixture<CeMarketplace>(html`<ce-marketplace lang=${lang} proxy-url=${PROXY} session-token="t"></ce-marketplace>`);
  await waitUntil(
    () => el.shadowRoot!.querySelector('[part~="card"]:not(.skeleton), [part~="error"]'),
    'the marketplace did not load',
  );
  await el.updateComplete;
  return el;
}
/** The marketplace's dialog for Sandbox ERP, its form loaded. */
async function openDialog(): Promise<CeConnectDialog> {
  const root = (await mount()).shadowRoot!;
  part(root, 'connect-button').click();
  await waitUntil(() => root.querySelector('ce-connect-dialog')?.shadowRoot?.querySelector('input'), 'the form did not load', {
    timeout: 5000,
  });
  return root.querySelector<CeConnectDialog>('ce-connect-dialog')!;
}
const buttons = (root: ParentNode) => [...root.querySelectorAll<HTMLButtonElement>('button')];
const part = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[part~="${name}"]`)!;

for (const locale of ['qps', 'de', 'ja'])
  describe(locale === 'qps' ? 'no English outside the message table' : `every state in ${locale}`, () => {
    before(() => (lang = locale));
    it('the catalog, its banner, Manage with rename and disconnect, and an empty search', async () => {
      const el = await mount();
      const root = el.shadowRoot!;
      expect(english(el), 'catalog').to.deep.equal([]);
      part(root, 'manage-button').click();
      await waitUntil(() => root.querySelector('[part~="instance"]'), 'Manage did not open');
      expect(english(el), 'Manage').to.deep.equal([]);
      buttons(part(root, 'instance'))[2]!.click(); // rename
      await el.updateComplete;
      expect(english(el), 'rename').to.deep.equal([]);
      const search = part(root, 'search') as HTMLInputElement;
      search.value = 'zzzz';
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(english(el), 'empty search').to.deep.equal([]);
    });

    it('the catalog’s error state', async () => {
      const el = await mount(true);
      expect(english(el)).to.deep.equal([]);
    });

    it('the dialog: its form and the form’s errors', async () => {
      const dialog = await openDialog();
      expect(english(dialog), 'form').to.deep.equal([]);
      part(dialog.shadowRoot!, 'submit-button').click();
      await dialog.updateComplete;
      expect(english(dialog), 'form errors').to.deep.equal([]);
    });

    it('the dialog: the app’s refusal, then connected', async () => {
      const dialog = await openDialog();
      const inDialog = dialog.shadowRoot!;
      const submit = async (password: string) => {
        inDialog.querySelector<HTMLInputElement>('input')!.focus();
        await sendKeys({ type: 'ops' });
        inDialog.querySelector<HTMLInputElement>('input[type="password"]')!.focus();
        await sendKeys({ type: password });
        part(inDialog, 'submit-button').click();
      };
      await submit('wrong');
      await waitUntil(() => inDialog.querySelector('[part~="form-error"]'), 'no refusal shown', { timeout: 5000 });
      expect(english(dialog), 'refused').to.deep.equal([]);
      for (const input of inDialog.querySelectorAll('input')) input.value = '';
      await submit('right');
      await waitUntil(() => inDialog.querySelector('[part~="done-button"]'), 'not connected', { timeout: 5000 });
      expect(english(dialog), 'connected').to.deep.equal([]);
    });
  });
