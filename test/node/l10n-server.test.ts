import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { isHiddenConfiguration } from '../../src/contract/index.js';
import { directionOf, LOCALES, pageLocale, pickLocale } from '../../src/server/locale.js';
import { createCatalog } from '../../src/server/platform/catalog.js';
import { loadDefinitions, parseDefinition, type ElementDefinition } from '../../src/server/platform/definitions.js';
import { createApp } from '../../src/server/proxy/app.js';
import { mintSessionToken } from '../../src/server/proxy/auth.js';
import { callbackPage } from '../../src/server/proxy/oauth-page.js';
import { closedPage, connectPage } from '../../src/server/proxy/connect-page/page.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import { FakePlatform } from './fake-platform.js';
import {
  ADMIN_KEY,
  ALLOWED_ORIGIN,
  assertProblem,
  captureLogs,
  listen,
  mintSession,
  SESSION_SECRET,
  testConfig,
} from './proxy-fixtures.js';
import { describeStores } from './stores.js';
import { ERP, erpHandler, startVendor, testDefinitions, testSecrets } from './test-elements.js';

const ELEMENTS_DIR = fileURLToPath(new URL('../../src/server/elements/', import.meta.url));
const everyone = { tenantId: 't', userId: 'u' };
const vars = { SANDBOX_URL: 'http://127.0.0.1:9' };

describe('choosing the language', () => {
  test('Accept-Language picks the best shipped locale by BCP 47, q-values first, English last', () => {
    const cases: [string | undefined, string][] = [
      ['de-AT,de;q=0.9,en;q=0.8', 'de'],
      ['pt', 'pt-BR'],
      ['pt-PT', 'pt-BR'],
      ['ja-JP', 'ja'],
      ['ar-EG', 'ar'],
      ['en;q=0.1, ja-JP', 'ja'], // the higher q wins, not the first written
      ['fr;q=0, de', 'de'], // q=0 refuses a language
      ['zh-CN, es;q=0.5', 'es'], // an unshipped language is passed over, not answered in English
      ['en-US,en;q=0.9,de;q=0.8', 'en'],
      ['xx-!!, fr-CA', 'fr'], // a malformed tag is skipped
      ['zh-CN', 'en'],
      ['*', 'en'],
      ['', 'en'],
      [undefined, 'en'],
    ];
    for (const [header, expected] of cases) assert.equal(pickLocale(header, LOCALES), expected, `Accept-Language: ${header}`);
  });

  test("a page's lang parameter comes before the header; an unknown or malformed one is ignored", () => {
    assert.equal(pageLocale('ja', 'de-DE'), 'ja');
    assert.equal(pageLocale('pt', 'de-DE'), 'pt-BR');
    assert.equal(pageLocale('zz-!!', 'de-DE'), 'de');
    assert.equal(pageLocale('ko', 'de-DE'), 'de');
    assert.equal(pageLocale(undefined, undefined), 'en');
  });

  test('Arabic is written right to left, the others left to right', () => {
    assert.deepEqual(
      LOCALES.map((l) => [l, directionOf(l)]),
      [
        ['en', 'ltr'],
        ['de', 'ltr'],
        ['fr', 'ltr'],
        ['es', 'ltr'],
        ['pt-BR', 'ltr'],
        ['ja', 'ltr'],
        ['ar', 'rtl'],
      ],
    );
  });
});

/** Test ERP with German words for some of its strings: the rest must fall back to English one by one. */
function translatedErp(translations: unknown): unknown {
  return { ...testDefinitions().find((d) => d.key === 'test-erp')!, translations };
}
const GERMAN = {
  de: {
    description: 'Basis-Authentifizierung gegen einen lokalen Server',
    authenticationTypes: { basic: { name: 'Benutzername und Passwort' } },
    fields: {
      'user.username': { name: 'Benutzername', placeholder: 'ada' },
      region: { name: 'Region', description: 'Wo Ihr Konto liegt.', options: { eu: 'Europa' } },
    },
  },
};

describe('translations in element definitions', () => {
  const refused = (translations: unknown) => {
    try {
      parseDefinition(translatedErp(translations), 'test-erp.json');
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail('the definition was accepted');
  };

  test('a bad translation block is refused at start-up with the file, the place and what exists', () => {
    assert.equal(
      refused({ de: { fields: { 'user.name': { name: 'Benutzername' } } } }),
      'Invalid element definition test-erp.json: translations.de.fields.user.name: no configuration field has this key ' +
        '(fields: user.password, user.username, account.id, region, sync.days, partner.key, api.version, oauth.api.key, oauth.api.secret)',
    );
    assert.match(
      refused({ de: { authenticationTypes: { apikey: { name: 'API-Schlüssel' } } } }),
      /translations\.de\.authenticationTypes\.apikey: no such authentication type \(it has: basic, oauth2\)/,
    );
    assert.match(
      refused({ de: { fields: { region: { options: { asia: 'Asien' } } } } }),
      /translations\.de\.fields\.region\.options\.asia: no such option \(options: eu, us\)/,
    );
    assert.match(
      refused({ de: { authenticationTypes: { basic: { rejected: { '404': 'Kein Konto mit dieser ID.' } } } } }),
      /translations\.de\.authenticationTypes\.basic\.rejected\.404: verify\.rejected has no such status \(it has: none\)/,
    );
    assert.match(refused({ en: { name: 'ERP' } }), /translations\.en: the definition itself is the English/);
    assert.match(refused({ pt_br: { name: 'ERP' } }), /translations\.pt_br: not a BCP 47 language tag/);
    assert.match(refused({ 'pt-br': { name: 'ERP' } }), /translations\.pt-br: not a BCP 47 language tag in its canonical spelling/);
    // The shape is strict: a misspelt property is named, never silently ignored.
    assert.match(
      refused({ de: { fields: { region: { label: 'Region' } } } }),
      /translations\.de\.fields\.region: unknown property "label"/,
    );
    assert.match(refused({ de: { name: '' } }), /translations\.de\.name:/);
  });

  test("every shipped definition's translations name only fields, types and options that exist (loading checks them)", async () => {
    const defs = await loadDefinitions(ELEMENTS_DIR);
    const withBoth = defs.filter((d) => d.translations?.de && d.translations.ja).map((d) => d.key);
    for (const key of ['sandbox-erp', 'sandbox-crm', 'sandbox-helpdesk', 'quickbooks', 'salesforce', 'hubspot', 'zendesk', 'xero']) {
      assert.ok(withBoth.includes(key), `${key} has German and Japanese`);
    }
  });

  test('the sandbox apps are complete in German and Japanese: every string a user reads is translated', async () => {
    const defs = (await loadDefinitions(ELEMENTS_DIR)).filter((d) => d.sandbox);
    assert.equal(defs.length, 3);
    for (const def of defs)
      for (const locale of ['de', 'ja']) assert.deepEqual(untranslated(def, locale), [], `${def.key} in ${locale}`);
  });

  test('the catalog answers each string in the asked language, and the English where a string has no translation', () => {
    const def = parseDefinition(translatedErp(GERMAN), 'test-erp.json');
    const catalog = createCatalog({ definitions: [def], sandbox: true, secrets: testSecrets, vars });
    assert.deepEqual(catalog.locales, ['en', 'de']);
    const [de] = catalog.list(everyone, 'de');
    assert.equal(de!.description, 'Basis-Authentifizierung gegen einen lokalen Server');
    assert.equal(de!.name, 'Test ERP', 'no German name: the English one');
    assert.deepEqual(de!.methods, [{ type: 'basic', name: 'Benutzername und Passwort' }]);
    assert.deepEqual(catalog.authenticationTypes(everyone, 'test-erp', 'de'), [
      { type: 'basic', name: 'Benutzername und Passwort', flow: 'form', default: true },
    ]);
    const fields = Object.fromEntries(catalog.configuration(everyone, 'test-erp', 'basic', 'de').map((c) => [c.key, c]));
    assert.equal(fields['user.username']!.name, 'Benutzername');
    assert.equal(fields['user.username']!.placeholder, 'ada');
    assert.equal(fields['user.password']!.name, 'Password', 'untranslated field: English');
    assert.equal(fields.region!.description, 'Wo Ihr Konto liegt.');
    assert.deepEqual(fields.region!.options, [{ value: 'eu', description: 'Europa' }, { value: 'us' }]);
    // A language the definition lacks is the English, unchanged.
    assert.deepEqual(catalog.get(everyone, 'test-erp', 'fr'), catalog.get(everyone, 'test-erp'));
    assert.equal(catalog.get(everyone, 'test-erp').description, 'Basic auth against a local server');
  });
});

/** The user-facing strings of a definition that have no translation in `locale`. */
function untranslated(def: ElementDefinition, locale: string): string[] {
  const t = def.translations?.[locale];
  const missing: string[] = [];
  if (!t?.description) missing.push('description');
  for (const a of def.authenticationTypes) {
    const ta = t?.authenticationTypes?.[a.type];
    if (!ta?.name) missing.push(`${a.type}.name`);
    if (a.description && !ta?.description) missing.push(`${a.type}.description`);
    if (a.verify?.rejectedMessage && !ta?.rejectedMessage) missing.push(`${a.type}.rejectedMessage`);
    for (const r of a.verify?.rejected ?? [])
      if (r.message && !ta?.rejected?.[r.status]) missing.push(`${a.type}.rejected.${r.status}`);
    for (const c of a.configuration.filter((x) => !isHiddenConfiguration(x))) {
      const f = t?.fields?.[c.key];
      if (!f?.name) missing.push(`${c.key}.name`);
      if (c.description && !f?.description) missing.push(`${c.key}.description`);
    }
  }
  return missing;
}

describe('the catalog routes in the asked language', () => {
  function setup() {
    const platform = new FakePlatform();
    platform.catalog = createCatalog({
      definitions: [parseDefinition(translatedErp(GERMAN), 'test-erp.json')],
      sandbox: true,
      secrets: testSecrets,
      vars,
    });
    const app = createApp({ platform, config: testConfig(), logger: captureLogs().logger });
    return async (path: string, headers: Record<string, string> = {}) => {
      const { token } = await mintSessionToken(SESSION_SECRET, { tenantId: 't1', userId: 'u1' });
      return app.fetch(new Request(`http://proxy.test${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }));
    };
  }

  test('GET /elements says its language and varies on it; each language has its own ETag, with and without compression', async () => {
    const call = setup();
    const tags = new Set<string>();
    for (const [asked, locale] of [
      ['de-CH, en;q=0.5', 'de'],
      ['en', 'en'],
      ['ja', 'en'], // no Japanese in this catalog: English, and it says so
    ] as const) {
      for (const coding of ['', 'gzip']) {
        const res = await call('/elements', { 'accept-language': asked, 'accept-encoding': coding, origin: ALLOWED_ORIGIN });
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-language'), locale);
        assert.equal(res.headers.get('vary'), 'Origin, Accept-Encoding, Accept-Language');
        const etag = res.headers.get('etag')!;
        if (locale !== 'en' || asked === 'en') tags.add(etag);
        const again = await call('/elements', { 'accept-language': asked, 'accept-encoding': coding, 'if-none-match': etag });
        assert.equal(again.status, 304, 'the same language and coding revalidate');
      }
    }
    assert.equal(tags.size, 4, 'German and English, each plain and gzip: four tags');
    const de = (await (await call('/elements', { 'accept-language': 'de' })).json()) as { description: string }[];
    assert.equal(de[0]!.description, 'Basis-Authentifizierung gegen einen lokalen Server');
    const german = (await call('/elements', { 'accept-language': 'de' })).headers.get('etag')!;
    const english = await call('/elements', { 'accept-language': 'en', 'if-none-match': german });
    assert.equal(english.status, 200, "German's tag does not revalidate the English answer");
  });

  test('one element, its sign-in methods and its form answer the language too', async () => {
    const call = setup();
    for (const path of [
      '/elements/test-erp',
      '/elements/test-erp/authentication-types',
      '/elements/test-erp/authentication-types/basic/configuration',
    ]) {
      const res = await call(path, { 'accept-language': 'de-DE' });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-language'), 'de', path);
      assert.match(res.headers.get('vary') ?? '', /Accept-Language/, path);
    }
    const form = (await (
      await call('/elements/test-erp/authentication-types/basic/configuration', { 'accept-language': 'de' })
    ).json()) as {
      key: string;
      name: string;
    }[];
    assert.deepEqual(
      form.map((c) => c.name),
      ['Account ID', 'Benutzername', 'Password', 'Region', 'Days to sync'],
    );
  });
});

describe('the hosted pages in the reader language', () => {
  const invitation = {
    state: 'valid' as const,
    id: 'inv-1',
    tenantId: 't',
    email: 'ada@example.com',
    name: 'Ada',
    hostName: 'Acme',
    elements: [
      { key: 'sandbox-erp', name: 'Sandbox ERP' },
      { key: 'hubspot', name: 'HubSpot' },
    ],
    expiresAt: '2026-12-07T10:30:00.000Z',
  };
  const page = (locale: (typeof LOCALES)[number]) => connectPage(invitation, { base: '', proxyUrl: 'https://p.test', locale });

  test('the connect page: lang and dir on <html>, its words, the list and the date in that language', () => {
    const de = page('de');
    assert.match(de, /<html lang="de" dir="ltr">/);
    assert.match(de, /<h1>Ada, verbinden Sie Ihre Apps mit Acme<\/h1>/);
    assert.match(de, /Acme bittet Sie, diese 2 Apps zu verbinden: Sandbox ERP und HubSpot\./);
    assert.match(de, /<p id="progress" role="status" data-words="\{done\} von \{total\} verbunden"[^>]*>0 von 2 verbunden<\/p>/);
    assert.match(de, /Dieser Link ist gültig bis 7\. Dezember 2026 um 10:30 UTC\./);
    const ja = page('ja');
    assert.match(ja, /<html lang="ja" dir="ltr">/);
    assert.match(ja, /<h1>Ada様、アプリをAcmeに接続してください<\/h1>/);
    assert.match(ja, />2件中0件を接続済み</);
    const ar = page('ar');
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.match(ar, /<title>اربط تطبيقاتك · Acme<\/title>/);
    assert.match(ar, />تم ربط 0 من 2</);
    assert.match(ar, /Sandbox ERP و ?HubSpot/);
  });

  test('the closed pages say why in the reader language', () => {
    const closed = closedPage({ state: 'expired', hostName: 'Acme' }, '', 'ja');
    assert.equal(closed.status, 410);
    assert.match(closed.html, /<html lang="ja" dir="ltr">/);
    assert.match(closed.html, /<h1>この招待は期限切れです<\/h1>/);
    assert.match(
      closedPage({ state: 'unknown', hostName: 'Acme' }, '', 'ar').html,
      /<html lang="ar" dir="rtl">.*هذا الرابط غير صالح/s,
    );
  });

  test('the OAuth callback page: its title and the reason of a failure, by problem code, in the reader language', () => {
    const connected = { status: 'connected' as const, flowId: 'f', origin: ALLOWED_ORIGIN, element: 'HubSpot', message: 'Connected.' };
    assert.match(callbackPage(connected, 'de'), /<html lang="de" dir="ltr">.*<h1>HubSpot ist verbunden<\/h1>/s);
    const denied = { ...connected, status: 'failed' as const, code: 'consent_denied' as const, message: 'You did not allow access.' };
    const ja = callbackPage(denied, 'ja');
    assert.match(ja, /<h1>接続できませんでした<\/h1>/);
    assert.match(ja, /HubSpotでアクセスが許可されなかったため/);
    assert.match(ja, /このウィンドウは閉じてかまいません。/);
    const ar = callbackPage({ ...denied, code: 'vendor_timeout' }, 'ar');
    assert.match(ar, /<html lang="ar" dir="rtl">/);
    assert.match(ar, /تعذّر الوصول إلى HubSpot حاليًا/);
    // English keeps the platform's own words, which name the step that failed.
    assert.match(callbackPage(denied, 'en'), /<p>You did not allow access\. You can close this window\.<\/p>/);
  });
});

describeStores("a vendor's refusal in the widget's language", (store) => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let close: () => Promise<void>;
  before(async () => {
    vendor = await startVendor(erpHandler);
    const base = testDefinitions().find((d) => d.key === 'test-erp')!;
    // The ERP's FAIL5 account answers 503: here that status is a refusal of its own, about the account id.
    const basic = base.authenticationTypes.find((a) => a.type === 'basic')!;
    const verify = {
      ...basic.verify!,
      rejected: [{ status: 503, field: 'account.id', message: 'Test ERP has no open account with this ID.' }],
    };
    const erp = parseDefinition(
      {
        ...base,
        authenticationTypes: base.authenticationTypes.map((a) => (a === basic ? { ...a, verify } : a)),
        translations: {
          de: {
            authenticationTypes: {
              basic: {
                rejectedMessage: 'Test ERP hat diesen Benutzernamen und dieses Passwort nicht akzeptiert.',
                rejected: { '503': 'Test ERP hat kein offenes Konto mit dieser ID.' },
              },
            },
          },
        },
      },
      'test-erp.json',
    );
    const logs = captureLogs();
    const platform = await createPlatform({
      ...store.options(),
      definitions: [erp],
      secrets: testSecrets,
      development: true,
      vars: { SANDBOX_URL: vendor.url },
      timeoutMs: 1000,
      logger: logs.logger,
    });
    server = await listen(createApp({ platform, config: testConfig(), logger: logs.logger }).fetch);
    close = async () => {
      await server.close();
      await platform.close();
      await vendor.close();
    };
  });
  after(() => close());

  const connect = (token: string, configuration: Record<string, string>, language: string, method = 'POST', path = '/instances') =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify(
        method === 'POST' ? { element: { key: 'test-erp' }, authenticationType: 'basic', configuration } : { configuration },
      ),
    });
  const good = { 'account.id': ERP.account, 'user.username': ERP.user, 'user.password': ERP.password };

  test('a wrong password is refused in German beside its field; a language the definition lacks is English', async () => {
    const token = await mintSession(server.url, ADMIN_KEY, { tenantId: `t-${randomUUID()}`, userId: 'u' });
    const de = await assertProblem(
      await connect(token, { ...good, 'user.password': 'nope' }, 'de-DE,de;q=0.9'),
      'credentials_rejected',
    );
    assert.equal(de.detail, 'Test ERP hat diesen Benutzernamen und dieses Passwort nicht akzeptiert.');
    assert.deepEqual(de.errors, [{ field: 'user.password', message: de.detail }]);
    const ja = await assertProblem(await connect(token, { ...good, 'user.password': 'nope' }, 'ja'), 'credentials_rejected');
    assert.equal(ja.detail, 'Test ERP did not accept this username and password.');
    // A status with words of its own is translated on its own, and names its own field.
    const closed = await assertProblem(await connect(token, { ...good, 'account.id': 'FAIL5' }, 'de'), 'credentials_rejected');
    assert.deepEqual(closed.errors, [{ field: 'account.id', message: 'Test ERP hat kein offenes Konto mit dieser ID.' }]);
  });

  test('re-authenticating a connection is refused in the same language', async () => {
    const token = await mintSession(server.url, ADMIN_KEY, { tenantId: `t-${randomUUID()}`, userId: 'u' });
    const created = await connect(token, good, 'de');
    assert.equal(created.status, 201);
    const { id } = (await created.json()) as { id: string };
    const res = await connect(token, { ...good, 'user.password': 'nope' }, 'de', 'PATCH', `/instances/${id}`);
    const problem = await assertProblem(res, 'credentials_rejected');
    assert.equal(problem.detail, 'Test ERP hat diesen Benutzernamen und dieses Passwort nicht akzeptiert.');
  });
});
