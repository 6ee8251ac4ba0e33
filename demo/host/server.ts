// "Acme Books": a small host SaaS that embeds <ce-marketplace>. Its backend signs a demo user in
// with a cookie session and mints widget session tokens through the proxy's admin API, so the
// admin API key stays on this server.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { html, raw } from 'hono/html';
import { adminRoutes } from './admin.js';
import { invitationRoutes } from './invitations.js';
import type { Mailbox } from '../mailbox.js';
import { customerRoutes } from './customers.js';
import { dataRoutes } from './data.js';
import { createEventInbox } from './events.js';
import { canonicalLang, LOGO, page, THEMES, type HostContext, type SignedIn, type Theme } from './layout.js';
import { createProxyClient } from './proxy-client.js';

export { THEMES, type Theme };
export const DEMO_TENANT_ID = 'acme-books-demo';
export const DEMO_USER = { id: 'dana', name: 'Dana Reyes', email: 'dana@acme-books.test' } as const;

export interface HostOptions {
  /** Base URL of the proxy, as the browser reaches it (another origin than this host). */
  proxyUrl: string;
  /** The proxy's admin API key: used server-to-server only, never sent to the page. */
  adminApiKey: string;
  /** This host's own origin, e.g. http://localhost:4400: POSTs from any other origin are refused. */
  origin: string;
  /** The proxy's Standard Webhooks secret (`whsec_…`): with it, `POST /webhooks/ce` receives the proxy's events. */
  webhookSecret?: string;
  tenantId?: string;
  /** The demo's local SMTP server: the Mailbox page shows what it received. */
  mailbox?: Mailbox;
  /** Where the built widget lives; default `<repo>/dist`. */
  distDir?: string;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const defaultDistDir = fileURLToPath(new URL('../../dist/', import.meta.url));
const SESSION_COOKIE = 'acme_session';
const THEME_COOKIE = 'acme_theme';
const LANG_COOKIE = 'acme_lang';

const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'theme-midnight.css': 'text/css; charset=utf-8',
  'integrations.js': 'text/javascript; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
  'invitations-admin.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** The page's Content-Security-Policy: nothing inline, scripts only from this origin. */
export function contentSecurityPolicy(proxyOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${proxyOrigin}`,
    `img-src 'self' ${proxyOrigin} data:`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function createHostApp(opts: HostOptions): Hono {
  const tenantId = opts.tenantId ?? DEMO_TENANT_ID;
  const proxyUrl = opts.proxyUrl.replace(/\/+$/, '');
  const proxyOrigin = new URL(proxyUrl).origin;
  const distDir = opts.distDir ?? defaultDistDir;
  const csp = contentSecurityPolicy(proxyOrigin);
  const sessions = new Map<string, SignedIn>();
  const proxy = createProxyClient(proxyUrl, opts.adminApiKey);
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('content-security-policy', csp);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    // `?coop=same-origin` serves a page as hosts with Cross-Origin-Opener-Policy do: the sign-in window then loses its opener.
    if (c.req.query('coop') === 'same-origin') c.header('cross-origin-opener-policy', 'same-origin');
  });

  const inbox = opts.webhookSecret ? createEventInbox(opts.webhookSecret) : undefined;
  // Server-to-server from the proxy, so no Origin: the Standard Webhooks signature is its credential.
  if (inbox) app.post('/webhooks/ce', (c) => inbox.receive(c));

  // Form posts and the token call must come from this host's own pages (the cookie is SameSite too).
  app.use(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.header('origin') !== opts.origin) {
      return c.text('This request must come from an Acme Books page.', 403);
    }
    return next();
  });

  const signedIn = (c: Context): SignedIn | undefined => {
    const sid = getCookie(c, SESSION_COOKIE);
    return sid ? sessions.get(sid) : undefined;
  };
  const themeOf = (c: Context): Theme => {
    const asked = c.req.query('theme');
    if (asked && (THEMES as readonly string[]).includes(asked)) {
      setCookie(c, THEME_COOKIE, asked, { path: '/', sameSite: 'Lax', httpOnly: true });
      return asked as Theme;
    }
    return getCookie(c, THEME_COOKIE) === 'midnight' ? 'midnight' : 'daylight';
  };
  // Like the theme: `?lang=de` (any BCP 47 tag; anything else is ignored) sets it for this page and the next ones.
  const langOf = (c: Context): string => {
    const asked = canonicalLang(c.req.query('lang'));
    if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', httpOnly: true });
    return asked ?? canonicalLang(getCookie(c, LANG_COOKIE)) ?? 'en';
  };

  app.get('/', (c) => {
    if (signedIn(c)) return c.redirect('/integrations');
    return c.html(
      page({
        title: 'Sign in',
        theme: themeOf(c),
        lang: langOf(c),
        path: '/',
        body: html`<div class="signin">
          <section class="signin-card" aria-labelledby="signin-title">
            ${raw(LOGO)}
            <h1 id="signin-title">Sign in to Acme Books</h1>
            <p>
              This demo has one account: <strong>${DEMO_USER.name}</strong> (${DEMO_USER.email}) of the company
              <strong>Acme Books Demo</strong>.
            </p>
            <form method="post" action="/signin">
              <button type="submit" class="button primary">Sign in as ${DEMO_USER.name}</button>
            </form>
          </section>
        </div>`,
      }),
    );
  });

  app.post('/signin', (c) => {
    const sid = randomBytes(24).toString('base64url');
    sessions.set(sid, { user: DEMO_USER });
    // Lax, not Strict: a same-tab OAuth sign-in comes back from the provider's site and must find the user signed in.
    setCookie(c, SESSION_COOKIE, sid, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return c.redirect('/integrations', 303);
  });

  app.post('/signout', (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) sessions.delete(sid);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  app.get('/integrations', (c) => {
    const who = signedIn(c);
    if (!who) return c.redirect('/');
    const lang = langOf(c);
    return c.html(
      page({
        title: 'Integrations',
        theme: themeOf(c),
        lang,
        path: '/integrations',
        widget: true,
        user: who.user,
        // The page script comes first: it sets getSessionToken on the element before it upgrades.
        scripts: ['/assets/integrations.js', '/assets/ce-marketplace.js'],
        body: html`<header class="page-header" ${raw(lang === 'en' ? '' : 'lang="en"')}>
            <h1>Integrations</h1>
            <p>
              Connect Acme Books to the other apps your business runs on. Your credentials go straight to the connection service; Acme
              Books never sees them.
            </p>
          </header>
          <p id="integration-status" class="live" role="status" lang="en"></p>
          <ce-marketplace proxy-url="${proxyUrl}"></ce-marketplace>`,
      }),
    );
  });

  const ctx: HostContext = { tenantId, proxy, signedIn, themeOf, langOf };
  dataRoutes(app, ctx);
  customerRoutes(app, ctx);
  adminRoutes(app, ctx, inbox);
  invitationRoutes(app, ctx, opts.mailbox);

  // The page asks its own backend for a widget session token; the backend asks the proxy.
  app.post('/api/ce-session', async (c) => {
    const who = signedIn(c);
    if (!who) return c.json({ title: 'Not signed in', status: 401, detail: 'Sign in to Acme Books first.' }, 401);
    const minted = await proxy.call('POST', '/admin/sessions', {
      tenantId,
      userId: who.user.id,
      email: who.user.email,
      ttlSeconds: 900,
    });
    if (!minted.ok) return c.json({ title: 'No session', status: 502, detail: minted.message }, 502);
    const { token, expiresAt } = minted.body as { token: string; expiresAt: string };
    c.header('cache-control', 'no-store');
    return c.json({ token, expiresAt });
  });

  // The widget's entry and, beside it, the chunks it imports and the languages' words it fetches
  // when needed (dist/chunks/, dist/locales/).
  app.get('/assets/ce-marketplace.js', async (c) => {
    const js = await readFile(`${distDir}/ce-marketplace.js`).catch(() => undefined);
    if (!js) return c.text('dist/ce-marketplace.js is missing: run `npm run build` first.', 404);
    return c.body(js, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  app.get('/assets/chunks/:name{[\\w-]+\\.js}', async (c) => {
    const js = await readFile(`${distDir}/chunks/${c.req.param('name')}`).catch(() => undefined);
    if (!js) return c.notFound();
    // Chunk names carry a content hash: a name never changes meaning.
    return c.body(js, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  app.get('/assets/locales/:name{[\\w-]+\\.json}', async (c) => {
    const json = await readFile(`${distDir}/locales/${c.req.param('name')}`).catch(() => undefined);
    if (!json) return c.notFound();
    return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  });

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type) return c.notFound();
    const body = await readFile(`${publicDir}${name}`);
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' });
  });

  app.notFound((c) => c.text('Not found', 404));

  return app;
}
