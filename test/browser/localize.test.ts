// The language runtime (issue 13): which language an element speaks, how a host changes its words,
// and the Intl helpers, on a tiny element that shows one message.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ApiElement } from '../../src/widget/api/api-element.js';
import { bestLocale, registerMessages } from '../../src/widget/localize.js';
import { english as messages } from './english.js';
import { localeWords } from './locale-words.js';

const ar = await localeWords('ar');
const de = await localeWords('de');

/** The widget's elements' base with one message: its language, words and `updateComplete` are theirs. */
class LocalizeProbe extends ApiElement {
  override render() {
    return html`<p>${this.l10n.t('card.manage')}</p>`;
  }
}
customElements.define('ce-localize-probe', LocalizeProbe);
declare global {
  interface HTMLElementTagNameMap {
    'ce-localize-probe': LocalizeProbe;
  }
}

const shown = (el: LocalizeProbe) => el.shadowRoot?.querySelector('p')?.textContent;
/** Waits until the element shows `text`, and says what it showed instead when it never does. */
const showsSoon = (el: LocalizeProbe, text: string) =>
  waitUntil(() => shown(el) === text, `expected “${text}”, still “${shown(el)}” (locale ${el.l10n.locale})`, { timeout: 2000 });

const html_ = document.documentElement;
const setBrowserLanguages = (languages: string[] | undefined) => {
  if (languages) Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });
  else delete (navigator as { languages?: unknown }).languages; // back to the prototype's getter
};

afterEach(() => {
  fixtureCleanup();
  html_.removeAttribute('lang');
  setBrowserLanguages(undefined);
});

describe('which language an element speaks', () => {
  it('follows its own lang attribute, loading the locale chunk', async () => {
    html_.lang = 'en';
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="de"></ce-localize-probe>`);
    await showsSoon(el, de['card.manage']!);
    expect(el.l10n.locale).to.equal('de');
  });

  it('else its nearest ancestor’s, across a shadow root', async () => {
    html_.lang = 'en';
    const outer = await fixture<HTMLDivElement>(html`<div lang="de"></div>`);
    const root = outer.attachShadow({ mode: 'open' });
    root.innerHTML = '<section><ce-localize-probe></ce-localize-probe></section>';
    await showsSoon(root.querySelector('ce-localize-probe')!, de['card.manage']!);
  });

  it('else <html lang>', async () => {
    html_.lang = 'de-AT';
    setBrowserLanguages(['en']);
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe></ce-localize-probe>`);
    await showsSoon(el, de['card.manage']!);
  });

  it('else the browser’s languages, in order of preference', async () => {
    setBrowserLanguages(['sv-SE', 'de-CH', 'en']);
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe></ce-localize-probe>`);
    await showsSoon(el, de['card.manage']!);
    setBrowserLanguages(['sv-SE', 'zh']);
    const english = await fixture<LocalizeProbe>(html`<ce-localize-probe></ce-localize-probe>`);
    await english.updateComplete;
    expect(shown(english)).to.equal(messages['card.manage']);
    expect(english.l10n.locale).to.equal('en');
  });

  it('fetches its words: until they arrive it has none and updateComplete waits; a file that fails leaves English', async () => {
    const realFetch = window.fetch.bind(window);
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    // The widget asks for a URL (localize.ts): Spanish is held, then refused.
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!(input instanceof URL && input.pathname.endsWith('/locales/es.json'))) return realFetch(input, init);
      await held;
      return new Response('', { status: 503 });
    };
    try {
      const el = document.createElement('ce-localize-probe');
      el.lang = 'es';
      document.body.append(el);
      let complete = false;
      const completed = el.updateComplete.then(() => (complete = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.l10n.hasWords).to.equal(false);
      expect(complete, 'updateComplete waits for the words').to.equal(false);
      answer();
      await completed;
      expect(el.l10n.hasWords).to.equal(true);
      expect(el.l10n.locale).to.equal('es');
      expect(shown(el)).to.equal(messages['card.manage']);
      el.remove();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('picks the best available locale by BCP 47, English last', () => {
    const available = ['en', 'de', 'pt-BR', 'zh-CN', 'sr-Cyrl'];
    const cases: [string[], string][] = [
      [['de-AT'], 'de'],
      [['pt'], 'pt-BR'],
      [['pt-PT'], 'pt-BR'],
      [['zh'], 'zh-CN'],
      [['zh-TW'], 'en'], // Traditional Chinese readers are not given Simplified
      [['sr-Latn'], 'en'],
      [['en-GB', 'de'], 'en'],
      [['fr', 'de-DE'], 'de'],
      [['not a tag', 'de'], 'de'],
      [[], 'en'],
    ];
    for (const [wanted, best] of cases) expect(bestLocale(wanted, available), wanted.join()).to.equal(best);
    expect(bestLocale(['pt-PT'], ['en', 'pt-BR', 'pt-PT']), 'the same region first').to.equal('pt-PT');
    expect(bestLocale(['zh'], ['en', 'de'])).to.equal('en');
  });

  it('re-renders when lang changes at run time, on the element, an ancestor or <html>', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div><ce-localize-probe></ce-localize-probe></div>`);
    const el = outer.querySelector('ce-localize-probe')!;
    html_.lang = 'de';
    await showsSoon(el, de['card.manage']!);
    outer.lang = 'ar';
    await showsSoon(el, ar['card.manage']!);
    el.lang = 'en-US';
    await showsSoon(el, messages['card.manage']);
    el.removeAttribute('lang');
    await showsSoon(el, ar['card.manage']!);
  });

  it('sets dir from the language, unless the page set the element’s dir', async () => {
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="ar"></ce-localize-probe>`);
    await showsSoon(el, ar['card.manage']!);
    expect(el.dir).to.equal('rtl');
    expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).direction, 'the shadow content follows').to.equal('rtl');
    el.lang = 'de';
    await showsSoon(el, de['card.manage']!);
    expect(el.dir).to.equal('ltr');
    el.dir = 'rtl'; // the page takes over
    el.lang = 'en';
    await showsSoon(el, messages['card.manage']);
    expect(el.dir).to.equal('rtl');
    el.removeAttribute('dir'); // and hands back
    el.lang = 'ar';
    await showsSoon(el, ar['card.manage']!);
    expect(el.dir).to.equal('rtl');
    el.lang = 'de';
    await showsSoon(el, de['card.manage']!);
    expect(el.dir).to.equal('ltr');

    const fixed = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="ar" dir="ltr"></ce-localize-probe>`);
    await showsSoon(fixed, ar['card.manage']!);
    expect(fixed.dir).to.equal('ltr');
  });

  it('keeps a dir the page set on an ancestor, as it keeps the nearest lang', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><ce-localize-probe lang="de"></ce-localize-probe></div>`);
    const el = wrapper.querySelector('ce-localize-probe')!;
    await showsSoon(el, de['card.manage']!);
    expect(el.hasAttribute('dir'), 'no dir of its own').to.equal(false);
    expect(getComputedStyle(el).direction).to.equal('rtl');
    wrapper.removeAttribute('dir'); // the page's layout goes: the language decides again
    await waitUntil(() => el.dir === 'ltr', 'dir did not follow German once the page let go');
  });
});

describe('a host’s words', () => {
  it('the messages property replaces a message in any locale', async () => {
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="de"></ce-localize-probe>`);
    await showsSoon(el, de['card.manage']!);
    el.messages = { 'card.manage': 'Bearbeiten' };
    await showsSoon(el, 'Bearbeiten');
    el.lang = 'en';
    await showsSoon(el, 'Bearbeiten');
  });

  it('a registered pack replaces a shipped message, and applies to elements already shown', async () => {
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="de"></ce-localize-probe>`);
    await showsSoon(el, de['card.manage']!);
    registerMessages('de', { 'card.manage': 'Anpassen' });
    await showsSoon(el, 'Anpassen');
    expect(el.l10n.t('card.reconnect'), 'the other shipped messages stay').to.equal(de['card.reconnect']);
    registerMessages('de', { 'card.manage': undefined }); // the shipped word again, for the tests that follow
  });

  it('a registered pack adds a locale the widget does not ship', async () => {
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="sv-FI"></ce-localize-probe>`);
    await el.updateComplete;
    expect(shown(el)).to.equal(messages['card.manage']);
    registerMessages('sv', { 'card.manage': 'Hantera' });
    await showsSoon(el, 'Hantera');
    expect(el.l10n.locale).to.equal('sv');
    expect(() => registerMessages('not a tag', {})).to.throw(RangeError);
  });

  it('a message missing from the locale is shown in English, with its placeholders filled', async () => {
    registerMessages('nb', { 'card.manage': 'Administrer', 'oauth.timeout': 'Innloggingen i {app} tok for lang tid.' });
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang="nb"></ce-localize-probe>`);
    await showsSoon(el, 'Administrer');
    expect(el.l10n.t('error.unknown')).to.equal(messages['error.unknown']);
    expect(el.l10n.t('notice.pending', { app: 'Xero' })).to.equal('Still connecting Xero…');
    expect(el.l10n.t('oauth.timeout', { app: 'Xero' })).to.equal('Innloggingen i Xero tok for lang tid.');
  });
});

describe('counts, dates and lists in the element’s language', () => {
  const inLanguage = async (lang: string) => {
    const el = await fixture<LocalizeProbe>(html`<ce-localize-probe lang=${lang}></ce-localize-probe>`);
    await waitUntil(() => el.l10n.locale === lang, `locale ${el.l10n.locale}`);
    return el.l10n;
  };

  it('English', async () => {
    const l10n = await inLanguage('en');
    expect([0, 1, 24].map((n) => l10n.plural('catalog.count', n))).to.deep.equal(['0 apps', '1 app', '24 apps']);
    expect(l10n.list(['Xero', 'Stripe', 'HubSpot'])).to.equal('Xero, Stripe, and HubSpot');
  });

  it('an exact number may have its own form', async () => {
    const l10n = await inLanguage('en');
    registerMessages('en', { 'catalog.count': '0:No apps|one:{count} app|other:{count} apps' });
    expect([0, 1, 2].map((n) => l10n.plural('catalog.count', n))).to.deep.equal(['No apps', '1 app', '2 apps']);
  });

  it('German', async () => {
    const l10n = await inLanguage('de');
    expect([1, 1234].map((n) => l10n.plural('catalog.count', n))).to.deep.equal(['1 App', '1.234 Apps']);
    expect(l10n.date('2024-03-05T12:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).to.equal('5. März 2024');
    expect(l10n.list(['Xero', 'Stripe', 'HubSpot'])).to.equal('Xero, Stripe und HubSpot');
    expect(l10n.t('instance.connected', { date: l10n.date('2024-03-05T12:00:00Z', { dateStyle: 'long', timeZone: 'UTC' }) })).to.equal(
      'Verbunden am 5. März 2024',
    );
  });

  it('Arabic, with its six plural forms', async () => {
    const l10n = await inLanguage('ar');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    expect([0, 1, 2, 3, 11, 100].map((x) => l10n.plural('catalog.count', x))).to.deep.equal([
      'لا تطبيقات',
      'تطبيق واحد',
      'تطبيقان',
      `${n(3)} تطبيقات`,
      `${n(11)} تطبيقًا`,
      `${n(100)} تطبيق`,
    ]);
    expect(l10n.list(['Xero', 'Stripe', 'HubSpot'])).to.equal('Xero وStripe وHubSpot');
  });
});
