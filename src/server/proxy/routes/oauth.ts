import { Hono, type MiddlewareHandler } from 'hono';
import { OAUTH_FLOW_PARAM, OAuthUrlRequest } from '../../../contract/index.js';
import { LOCALES, pickLocale } from '../../locale.js';
import type { Platform } from '../../platform/types.js';
import { ProblemError } from '../../problem.js';
import { parse, readJson, send, sendJson, varyOn, type ProxyEnv } from '../http.js';
import { CALLBACK_CSP, callbackPage } from '../oauth-page.js';

const FLOW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A same-tab return address: http(s) on an allowed origin, so the callback never redirects elsewhere. */
function checkReturnUrl(url: string | undefined, allowed: ReadonlySet<string>): void {
  if (url === undefined) return;
  const u = URL.parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !allowed.has(u.origin)) {
    const message = "Must be an http(s) address on one of the site's allowed origins.";
    throw new ProblemError('validation_failed', `returnUrl: ${message}`, [{ field: 'returnUrl', message }]);
  }
}

/**
 * OAuth 2 connect, mounted at the base path: starting a sign-in and polling it need a session; the
 * callback is public (the provider's redirect carries its own credential, the encrypted state).
 */
export function oauthRoutes(
  platform: Platform,
  session: MiddlewareHandler<ProxyEnv>,
  allowedOrigins: readonly string[],
): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  const allowed = new Set(allowedOrigins);

  routes.post('/elements/:key/oauth/url', session, async (c) => {
    // The callback page posts to this exact origin only: one the host allows, or the proxy's own (the invitation's connect page).
    const origin = c.req.header('Origin');
    const own = new URL(c.req.url).origin;
    if (!origin || (!allowed.has(origin) && origin !== own)) {
      throw new ProblemError('forbidden', "Start the sign-in from a page on one of the site's allowed origins.");
    }
    const input = parse(OAuthUrlRequest, await readJson(c));
    checkReturnUrl(input.returnUrl, origin === own ? new Set([own]) : allowed);
    // The callback page speaks the language the widget asked in, carried in the state (the popup's own header may differ).
    const asked = c.req.header('Accept-Language');
    const locale = asked ? pickLocale(asked, LOCALES) : undefined;
    return sendJson(c, await platform.oauth.start(c.get('session'), c.req.param('key'), input, origin, locale));
  });

  routes.get('/oauth/flows/:id', session, async (c) => {
    const id = c.req.param('id');
    if (!FLOW_ID.test(id)) throw new ProblemError('not_found', 'There is no such sign-in.');
    return sendJson(c, await platform.oauth.status(c.get('session'), id));
  });

  routes.get('/oauth/callback', async (c) => {
    const result = await platform.oauth.callback(new URL(c.req.url).searchParams);
    let back: string | undefined;
    if (result.flowId && result.returnUrl) {
      const url = new URL(result.returnUrl);
      url.searchParams.set(OAUTH_FLOW_PARAM, result.flowId);
      back = url.href;
    }
    // 400 only when no flow could be named; a flow's failure is an answer the page shows (and posts).
    const status = result.flowId || result.status === 'connected' ? 200 : 400;
    const locale = pickLocale(result.locale ? [result.locale] : c.req.header('Accept-Language'), LOCALES);
    return send(c, callbackPage(result, locale, back), status, {
      'content-type': 'text/html; charset=utf-8',
      'content-language': locale,
      vary: varyOn(c, 'Accept-Language'),
      'content-security-policy': CALLBACK_CSP,
    });
  });
  return routes;
}
