// The connect dialog in the end user's language: every state says the words of the element's
// language (German here, for the ids already translated), the proxy is asked in it, a language
// change while open reloads the app's words, and a host's `messages` replaces any sentence.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { CeConnectDialog } from '../../src/widget/connect-dialog/connect-dialog.js';
import { mockProxy, http, HttpResponse, problem, PROXY } from './msw.js';
import { localeWords } from './locale-words.js';

const de = await localeWords('de');

const ERP = { key: 'sandbox-erp', name: 'Sandbox ERP', description: 'ERP', categories: ['ERP'], authenticationTypes: ['basic'] };
const BASIC = [{ type: 'basic', name: 'Username and password', flow: 'form', default: true }];
/** The proxy answers the labels in the request's language, as the platform's translations do. */
const LABELS: Record<string, string> = { en: 'Account ID', de: 'Kontonummer' };
const config = (language: string) => [
  { key: 'account.id', name: LABELS[language] ?? LABELS.en, type: 'TEXTFIELD_64', required: true },
];
const INSTANCE = {
  id: 'inst-1',
  name: 'Sandbox ERP (ACME-01)',
  element: { key: 'sandbox-erp', name: 'Sandbox ERP' },
  authenticationType: 'basic',
  configuration: {},
  status: 'connected',
  createdDate: '2026-11-29T00:00:00.000Z',
  updatedDate: '2026-11-29T00:00:00.000Z',
};

/** The Accept-Language of each configuration request, in order. */
let asked: string[] = [];

async function openDialog(lang: string, create: () => Response = () => HttpResponse.json(INSTANCE, { status: 201 })) {
  asked = [];
  await mockProxy(
    http.get(`${PROXY}/elements/:key`, () => HttpResponse.json(ERP)),
    http.get(`${PROXY}/elements/:key/authentication-types`, () => HttpResponse.json(BASIC)),
    http.get(`${PROXY}/elements/:key/authentication-types/:type/configuration`, ({ request }) => {
      const language = request.headers.get('accept-language') ?? '';
      asked.push(language);
      return HttpResponse.json(config(language));
    }),
    http.post(`${PROXY}/instances`, create),
  );
  const el = await fixture<CeConnectDialog>(
    html`<ce-connect-dialog lang=${lang} proxy-url=${PROXY} session-token="tok" element="sandbox-erp"></ce-connect-dialog>`,
  );
  await speaks(el, lang);
  await el.show();
  return el;
}

/** The language's chunk is here (a user opens the dialog later than that). */
const speaks = (el: CeConnectDialog, locale: string) => waitUntil(() => el.l10n.locale === locale, `speaks ${locale}`);

const $ = (el: CeConnectDialog, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (el: CeConnectDialog, selector: string) => $(el, selector)?.textContent.trim();
const formReady = (el: CeConnectDialog) => waitUntil(() => $(el, '[part~="submit-button"]'), 'the form did not load');
const fill = async (el: CeConnectDialog, value: string) => {
  const input = $(el, '[data-field="0"]') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
};

describe('<ce-connect-dialog> in the end user’s language', () => {
  it('says a load failure in German, marks its language, and asks the proxy in it', async () => {
    await mockProxy(
      http.get(`${PROXY}/elements/:key`, () => problem('service_unavailable')),
      http.get(`${PROXY}/elements/:key/authentication-types`, () => HttpResponse.json(BASIC)),
    );
    const el = await fixture<CeConnectDialog>(
      html`<ce-connect-dialog lang="de-AT" proxy-url=${PROXY} session-token="tok" element="sandbox-erp"></ce-connect-dialog>`,
    );
    await speaks(el, 'de');
    await el.show();
    await waitUntil(() => $(el, '[part~="retry-button"]'), 'the load error');
    expect($(el, 'dialog')!.lang).to.equal('de');
    expect(el.getAttribute('lang'), 'the host element keeps the page’s choice').to.equal('de-AT');
    expect(text(el, '[part~="load-error"] [role="alert"]')).to.equal(de['error.service_unavailable']);
  });

  it('says the proxy’s refusal and the connected state in German', async () => {
    const el = await openDialog('de', () => problem('credentials_rejected'));
    await formReady(el);
    expect(asked).to.deep.equal(['de']);
    expect($(el, 'label[for="f0"]')!.textContent).to.contain('Kontonummer');
    await fill(el, 'ACME-01');
    $(el, '[part~="submit-button"]')!.click();
    await waitUntil(() => text(el, '[part~="form-error"]'), 'the refusal');
    expect(text(el, '[part~="form-error"]')).to.equal(de['error.credentials_rejected']);

    await mockProxy(http.post(`${PROXY}/instances`, () => HttpResponse.json(INSTANCE, { status: 201 })));
    $(el, '[part~="submit-button"]')!.click();
    await waitUntil(() => $(el, '[part~="success"]'), 'connected');
    expect(text(el, '[part~="title"]')).to.equal(de['dialog.connected-title']!.replace('{app}', 'Sandbox ERP'));
  });

  it('reloads the app’s words when its language changes while open', async () => {
    const el = await openDialog('en');
    await formReady(el);
    expect($(el, 'label[for="f0"]')!.textContent).to.contain('Account ID');
    el.lang = 'de';
    await waitUntil(() => $(el, 'label[for="f0"]')?.textContent.includes('Kontonummer'), 'the German labels');
    expect(asked).to.deep.equal(['en', 'de']);
    expect($(el, 'dialog')!.lang).to.equal('de');
  });

  it('says the form’s own checks in the host’s words when it overrides them', async () => {
    const el = await openDialog('en');
    el.messages = { 'field.required': 'Please fill in {name}.', 'dialog.cancel': 'Not now' };
    await formReady(el);
    $(el, '[part~="submit-button"]')!.click();
    await waitUntil(() => $(el, '[part~="error"]'), 'the field error');
    expect(text(el, '[part~="error"]')).to.equal('Please fill in Account ID.');
    expect(text(el, '[part~="cancel-button"]')).to.equal('Not now');
  });
});
