import { Hono } from 'hono';
import type { Config } from '../../config.js';
import { pageLocale } from '../../locale.js';
import type { Platform } from '../../platform/types.js';
import type { InvitationLookup, OpenInvitation } from '../../platform/invitations.js';
import { invitationUserId } from '../../platform/invitations.js';
import { ProblemError } from '../../problem.js';
import { mintSessionToken } from '../auth.js';
import { clientAddress } from '../client-address.js';
import { CONNECT_PAGE_CSP, CONNECT_SCRIPT, closedPage, connectPage, connectStylesheet } from '../connect-page/page.js';
import { send, sendJson, varyOn, type ProxyContext, type ProxyEnv } from '../http.js';

const INVITATION_SESSION_SECONDS = 3600;
const JS = 'text/javascript; charset=utf-8';

type ConnectConfig = Pick<Config, 'sessionSecret' | 'trustProxy' | 'hostName' | 'connectPage' | 'basePath'>;

/**
 * The invitation's side of the proxy, mounted at the base path, guarded by nothing but the link's
 * token: the hosted connect page (`GET /connect?invitation=…`), its script and stylesheet (the
 * widget it loads is public.ts's), and `POST /invitations/{token}/session`, which answers a session limited to the
 * invited elements through the same minting as `POST /admin/sessions`. A token that opens nothing
 * counts as a failed auth check of the client's address (rate-limits.ts), like a wrong admin key.
 */
export function connectRoutes(platform: Platform, config: ConnectConfig): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  const base = config.basePath ?? '';
  const stylesheet = connectStylesheet(config.connectPage.theme, config.connectPage.css);

  async function lookup(c: ProxyContext, token: string): Promise<InvitationLookup> {
    const address = clientAddress(c, config.trustProxy === true);
    await platform.limits.assertAddressAllowed(address);
    const found = await platform.invitations.lookup(token);
    if (found.state === 'unknown') await platform.limits.authFailed(address);
    return found;
  }

  routes.post('/invitations/:token/session', async (c) => {
    const found = await lookup(c, c.req.param('token'));
    if (found.state !== 'valid') {
      const why = found.state === 'unknown' ? 'is not valid' : found.state === 'expired' ? 'has expired' : 'was withdrawn';
      throw new ProblemError('not_found', `This invitation link ${why}; ask for a new invitation.`);
    }
    c.set('tenant', found.tenantId);
    return sendJson(c, await mintSessionToken(config.sessionSecret, sessionOf(found)), 201);
  });

  routes.get('/connect', async (c) => {
    const found = await lookup(c, c.req.query('invitation') ?? '');
    // `?lang=` (a host that knows the invitee's language may add it to the link) before the browser's languages.
    const locale = pageLocale(c.req.query('lang'), c.req.header('Accept-Language'));
    const html = {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONNECT_PAGE_CSP,
      'content-language': locale,
      vary: varyOn(c, 'Accept-Language'),
    };
    if (found.state !== 'valid') {
      const closed = closedPage(found, base, locale);
      return send(c, closed.html, closed.status, html);
    }
    c.set('tenant', found.tenantId);
    const proxyUrl = `${new URL(c.req.url).origin}${base}`;
    // The invited apps' names as the catalog says them in this language.
    const session = { tenantId: found.tenantId, userId: '', elements: found.elements.map((el) => el.key) };
    const named = new Map(platform.catalog.list(session, locale).map((el) => [el.key, el.name]));
    const names = found.elements.map((el) => named.get(el.key) ?? el.name);
    return send(c, connectPage(found, { base, proxyUrl, locale, names }), 200, html);
  });

  routes.get('/connect/connect.js', (c) => send(c, CONNECT_SCRIPT, 200, { 'content-type': JS, 'cache-control': 'no-cache' }));
  routes.get('/connect/theme.css', (c) =>
    send(c, stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );

  return routes;
}

/** The session of an invitation's page: its tenant, its own user id, the invitee's email, the invited elements only. */
function sessionOf(inv: OpenInvitation) {
  const left = Math.floor((Date.parse(inv.expiresAt) - Date.now()) / 1000);
  return {
    tenantId: inv.tenantId,
    userId: invitationUserId(inv.id),
    email: inv.email,
    elements: inv.elements.map((e) => e.key),
    ttlSeconds: Math.max(60, Math.min(INVITATION_SESSION_SECONDS, left)),
  };
}
