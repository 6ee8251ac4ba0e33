import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startSandbox, type SandboxServer } from '../../demo/sandbox/server.js';
import { OAuthFlow, OAuthUrl, type Instance } from '../../src/contract/index.js';
import { createPlatform } from '../../src/server/platform/platform.js';
import { createApp } from '../../src/server/proxy/app.js';
import { ADMIN_KEY, ALLOWED_ORIGIN, assertProblem, captureLogs, listen, mintSession, testConfig } from './proxy-fixtures.js';
import { browser, callback, consent, crmElement, postedMessage, sandboxStats } from './oauth-fixtures.js';
import { describeStores } from './stores.js';

/**
 * OAuth 2 connect end to end over HTTP: the real proxy and platform, Sandbox CRM as the provider,
 * its consent page driven with plain fetch. Every fault of the issue is one test.
 */
let sandbox: SandboxServer;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

describeStores('OAuth 2 connect', (store) => {
  let clock = Date.now();
  let proxyUrl = '';
  // The public URL (a load balancer's) stays across restarts and replicas: the first proxy's address.
  let publicUrl = '';
  let stop: () => Promise<void>;
  const logs = captureLogs();

  /** A proxy (app + platform) on the suite's database; a second one is another replica, or the same after a restart. */
  async function startProxy() {
    const { definitions, secrets } = await crmElement();
    const platform = await createPlatform({
      ...store.options(),
      definitions,
      secrets,
      development: true,
      vars: { SANDBOX_URL: sandbox.url },
      timeoutMs: 1000,
      oauthCallbackUrl: () => `${publicUrl}/oauth/callback`,
      now: () => clock,
      logger: logs.logger,
    });
    const server = await listen(createApp({ platform, config: testConfig(), logger: logs.logger }).fetch);
    return {
      url: server.url,
      close: async () => {
        await server.close();
        await platform.close();
      },
    };
  }
  before(async () => {
    const p = await startProxy();
    proxyUrl = publicUrl = p.url;
    stop = p.close;
  });
  after(() => stop());

  const as = async (userId = 'ada', tenantId = 'acme') =>
    browser(proxyUrl, await mintSession(proxyUrl, ADMIN_KEY, { tenantId, userId }));
  const started = async (b: Awaited<ReturnType<typeof as>>, body: Record<string, unknown> = {}) => {
    const res = await b.start(body);
    assert.equal(res.status, 200, await res.clone().text());
    return OAuthUrl.parse(await res.json());
  };
  const flowOf = async (b: Awaited<ReturnType<typeof as>>, flowId: string) => {
    const res = await b.flow(flowId);
    assert.equal(res.status, 200);
    return OAuthFlow.parse(await res.json());
  };

  test('the full flow: provider URL with PKCE, consent, callback page posting to the opener, polling, a working connection', async () => {
    const b = await as();
    const { oauthUrl, flowId, expiresAt } = await started(b, { name: 'My CRM' });
    const url = new URL(oauthUrl);
    assert.equal(url.origin + url.pathname, `${sandbox.url}/crm/oauth/authorize`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'sandbox-crm-demo-client');
    assert.equal(url.searchParams.get('redirect_uri'), `${publicUrl}/oauth/callback`);
    assert.equal(url.searchParams.get('scope'), 'crm.read offline_access');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('state')!, /^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWE (dir: no encrypted key)');
    assert.ok(Date.parse(expiresAt) > Date.now());
    assert.equal((await flowOf(b, flowId)).status, 'pending');

    const page = await callback(proxyUrl, await consent(oauthUrl));
    assert.equal(page.status, 200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'; script-src 'sha256-[^']+'/);
    const inline = /<script>(.*?)<\/script>/s.exec(html)![1]!;
    assert.ok(
      csp.includes(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`),
      'the inline script is the one the CSP allows',
    );
    assert.deepEqual(postedMessage(html), { origin: ALLOWED_ORIGIN, message: { type: 'ce:oauth', flowId, status: 'connected' } });
    assert.match(html, /Sandbox CRM is connected/);

    const flow = await flowOf(b, flowId);
    assert.equal(flow.status, 'connected');
    const instance = flow.instance as Instance;
    assert.equal(instance.name, 'My CRM');
    assert.equal(instance.status, 'connected');
    assert.deepEqual(instance.configuration, {}, 'no token in the answered configuration');
    assert.equal((await b.instance(instance.id)).status, 200);
  });

  test('a replayed callback (same state and code) is state_invalid, and the connection it made stays', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b);
    const back = await consent(oauthUrl);
    assert.equal((await callback(proxyUrl, back)).status, 200);
    const replay = await callback(proxyUrl, back);
    assert.equal(replay.status, 400);
    const html = await replay.text();
    assert.deepEqual(postedMessage(html), { origin: null, message: null }, 'nothing is posted for a state no flow can use');
    assert.match(html, /not valid any more/);
    assert.equal((await flowOf(b, flowId)).status, 'connected');
  });

  test('a tampered state is state_invalid; the flow stays pending', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b);
    const back = await consent(oauthUrl);
    const state = back.searchParams.get('state')!;
    back.searchParams.set('state', state.slice(0, -3) + (state.endsWith('AAA') ? 'BBB' : 'AAA'));
    const res = await callback(proxyUrl, back);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /not valid any more/);
    assert.equal((await flowOf(b, flowId)).status, 'pending');
  });

  test('an expired state fails the flow with state_invalid and tells the opener', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b);
    const back = await consent(oauthUrl);
    clock += 11 * 60 * 1000;
    try {
      const html = await (await callback(proxyUrl, back)).text();
      assert.deepEqual(postedMessage(html).message, { type: 'ce:oauth', flowId, status: 'failed', code: 'state_invalid' });
      assert.match(html, /took too long/);
      const flow = await flowOf(b, flowId);
      assert.equal(flow.status, 'failed');
      assert.equal(flow.error?.code, 'state_invalid');
    } finally {
      clock = Date.now();
    }
  });

  test("another user's or tenant's flow id answers 404; a malformed one too", async () => {
    const { flowId } = await started(await as());
    await assertProblem(await (await as('bob')).flow(flowId), 'not_found');
    await assertProblem(await (await as('ada', 'globex')).flow(flowId), 'not_found');
    await assertProblem(await (await as()).flow('not-a-flow'), 'not_found');
  });

  test('a code presented again with a fresh state is refused by the provider: the flow fails with state_invalid', async () => {
    const b = await as();
    const first = await consent((await started(b)).oauthUrl);
    assert.equal((await callback(proxyUrl, first)).status, 200);
    const second = await started(b);
    const other = await consent(second.oauthUrl);
    other.searchParams.set('code', first.searchParams.get('code')!);
    const html = await (await callback(proxyUrl, other)).text();
    assert.equal(postedMessage(html).message?.code, 'state_invalid');
    assert.equal((await flowOf(b, second.flowId)).error?.code, 'state_invalid');
  });

  test('denied consent fails the flow with consent_denied and words for the person', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b);
    const html = await (await callback(proxyUrl, await consent(oauthUrl, 'deny'))).text();
    assert.equal(postedMessage(html).message?.code, 'consent_denied');
    assert.match(html, /You did not allow access in Sandbox CRM/);
    assert.match(html, /You can close this window/);
    const flow = await flowOf(b, flowId);
    assert.deepEqual(flow.error?.code, 'consent_denied');
  });

  for (const [fault, query, code] of [
    ['a 500', 'status=500', 'vendor_error'],
    ['no answer in time', 'delay=5000', 'vendor_timeout'],
  ] as const) {
    test(`the token endpoint failing with ${fault} fails the flow with ${code}`, async () => {
      const b = await as();
      const { oauthUrl, flowId } = await started(b);
      const back = await consent(oauthUrl);
      assert.equal((await fetch(`${sandbox.url}/crm/__fail-token?${query}&times=1`, { method: 'POST' })).status, 200);
      const html = await (await callback(proxyUrl, back)).text();
      assert.equal(postedMessage(html).message?.code, code);
      const flow = await flowOf(b, flowId);
      assert.equal(flow.error?.code, code);
      assert.match(flow.error.message, /Try again/);
    });
  }

  test('the callback page speaks the language the widget started in (carried in the state), else the popup browser language', async () => {
    const b = await as();
    // The widget asked in Arabic; the popup's browser says German: the page follows the widget.
    const res = await b.start({}, 'sandbox-crm', { 'Accept-Language': 'ar-EG, en;q=0.5' });
    const { oauthUrl } = OAuthUrl.parse(await res.json());
    const page = await callback(proxyUrl, await consent(oauthUrl, 'deny'), { 'Accept-Language': 'de' });
    assert.equal(page.headers.get('content-language'), 'ar');
    const html = await page.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1>لم يتم الربط<\/h1>/);
    assert.match(html, /لم تسمح بالوصول في Sandbox CRM/);
    assert.equal(postedMessage(html).message?.code, 'consent_denied', 'the message to the opener is the same in every language');

    // A state this host cannot read names no language: the popup's own Accept-Language decides.
    const stale = await callback(proxyUrl, new URL('/oauth/callback?code=x&state=forged', proxyUrl), { 'Accept-Language': 'ja-JP' });
    assert.equal(stale.status, 400);
    const ja = await stale.text();
    assert.match(ja, /<html lang="ja" dir="ltr">/);
    assert.match(ja, /このサインインリンクは無効です/);
  });

  test('oauth/url from an Origin that is not allowed, or with a returnUrl elsewhere, is refused', async () => {
    const token = await mintSession(proxyUrl, ADMIN_KEY, { tenantId: 'acme', userId: 'ada' });
    await assertProblem(await browser(proxyUrl, token, 'https://evil.example').start(), 'forbidden');
    const body = await assertProblem(
      await browser(proxyUrl, token).start({ returnUrl: 'https://evil.example/back' }),
      'validation_failed',
    );
    assert.equal(body.errors?.[0]?.field, 'returnUrl');
    await assertProblem(await browser(proxyUrl, token).start({ returnUrl: 'javascript:alert(1)' }), 'validation_failed');
  });

  test("oauth/url from the proxy's own origin (an invitation's connect page) is allowed", async () => {
    const token = await mintSession(proxyUrl, ADMIN_KEY, { tenantId: 'acme', userId: 'ada' });
    const res = await browser(proxyUrl, token, new URL(proxyUrl).origin).start();
    assert.equal(res.status, 200);
  });

  test('a same-tab flow returns to returnUrl with ce_oauth_flow', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b, { returnUrl: `${ALLOWED_ORIGIN}/integrations?tab=crm` });
    const res = await callback(proxyUrl, await consent(oauthUrl));
    // A page that goes back by script (a provider's form-action CSP would block a redirect chain to the host).
    assert.equal(res.status, 200);
    const html = await res.text();
    const data = JSON.parse(/<script type="application\/json" id="ce-oauth">(.*?)<\/script>/.exec(html)![1]!) as { back: string };
    assert.equal(data.back, `${ALLOWED_ORIGIN}/integrations?tab=crm&ce_oauth_flow=${flowId}`);
    assert.match(html, /Return to the site/);
    assert.equal((await flowOf(b, flowId)).status, 'connected');
  });

  test('reconnect keeps the instance id and sets it connected', async () => {
    const b = await as();
    const first = await started(b);
    await callback(proxyUrl, await consent(first.oauthUrl));
    const id = (await flowOf(b, first.flowId)).instance!.id;
    const again = await started(b, { instanceId: id });
    await callback(proxyUrl, await consent(again.oauthUrl));
    const flow = await flowOf(b, again.flowId);
    assert.equal(flow.instance?.id, id);
    assert.equal(flow.instance.status, 'connected');
    await assertProblem(await (await as('ada', 'globex')).start({ instanceId: id }), 'not_found');
  });

  test('a proxy restart between start and callback: the new process finishes the flow', async () => {
    const b = await as();
    const { oauthUrl, flowId } = await started(b);
    const back = await consent(oauthUrl);
    await stop();
    const next = await startProxy();
    proxyUrl = next.url;
    stop = next.close;
    const html = await (await callback(proxyUrl, back)).text();
    assert.equal(postedMessage(html).message?.status, 'connected');
    assert.equal((await flowOf(await as(), flowId)).status, 'connected');
    assert.ok((await sandboxStats(sandbox.url)).authorization_code! > 0);
  });
});
