// "Acme Books": a small host SaaS that embeds <ce-marketplace>. Its backend signs a demo user in
// with a cookie session and mints widget session tokens through the proxy's admin API, so the
// admin API key stays on this server.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { html, raw } from 'hono/html';

export const DEMO_TENANT_ID = 'acme-books-demo';
export const DEMO_USER = { id: 'dana', name: 'Dana Reyes', email: 'dana@acme-books.test' } as const;
export const THEMES = ['daylight', 'midnight'] as const;
export type Theme = (typeof THEMES)[number];

export interface HostOptions {
  /** Base URL of the proxy, as the browser reaches it (another origin than this host). */
  proxyUrl: string;
  /** The proxy's admin API key: used server-to-server only, never sent to the page. */
  adminApiKey: string;
  /** This host's own origin, e.g. http://localhost:4400: POSTs from any other origin are refused. */
  origin: string;
  tenantId?: string;
  /** Where the built widget lives; default `<repo>/dist`. */
  distDir?: string;
}

const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const defaultDistDir = fileURLToPath(new URL('../../dist/', import.meta.url));
const SESSION_COOKIE = 'acme_session';
const THEME_COOKIE = 'acme_theme';

const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'theme-midnight.css': 'text/css; charset=utf-8',
  'integrations.js': 'text/javascript; charset=utf-8',
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

interface SignedIn {
  user: typeof DEMO_USER;
}

export function createHostApp(opts: HostOptions): Hono {
  const tenantId = opts.tenantId ?? DEMO_TENANT_ID;
  const proxyUrl = opts.proxyUrl.replace(/\/+$/, '');
  const proxyOrigin = new URL(proxyUrl).origin;
  const distDir = opts.distDir ?? defaultDistDir;
  const csp = contentSecurityPolicy(proxyOrigin);
  const sessions = new Map<string, SignedIn>();
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('content-security-policy', csp);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    // `?coop=same-origin` serves a page as hosts with Cross-Origin-Opener-Policy do: the sign-in window then loses its opener.
    if (c.req.query('coop') === 'same-origin') c.header('cross-origin-opener-policy', 'same-origin');
  });

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

  app.get('/', (c) => {
    if (signedIn(c)) return c.redirect('/integrations');
    return c.html(
      page({
        title: 'Sign in',
        theme: themeOf(c),
        path: '/',
        body: html`<div class="signin">
          <section class="signin-card" aria-labelledby="signin-title">
            ${raw(LOGO)}
            <h1 id="signin-title">Sign in to Acme Books</h1>
            <p>This demo has one account: <strong>${DEMO_USER.name}</strong> (${DEMO_USER.email}) of the company
              <strong>Acme Books Demo</strong>.</p>
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
    return c.html(
      page({
        title: 'Integrations',
        theme: themeOf(c),
        path: '/integrations',
        user: who.user,
        // The page script comes first: it sets getSessionToken on the element before it upgrades.
        scripts: ['/assets/integrations.js', '/assets/ce-marketplace.js'],
        body: html`<header class="page-header">
            <h1>Integrations</h1>
            <p>Connect Acme Books to the other apps your business runs on. Your credentials go straight to
              the connection service; Acme Books never sees them.</p>
          </header>
          <p id="integration-status" class="live" role="status"></p>
          <ce-marketplace proxy-url="${proxyUrl}"></ce-marketplace>`,
      }),
    );
  });

  app.get('/admin', async (c) => {
    const who = signedIn(c);
    if (!who) return c.redirect('/');
    const listed = await adminCall(`/admin/instances?tenantId=${encodeURIComponent(tenantId)}`);
    let content;
    if (!listed.ok) {
      content = html`<p class="notice error" role="alert">${listed.message}</p>`;
    } else {
      const rows = Array.isArray(listed.body) ? (listed.body as AdminInstance[]) : [];
      content = rows.length
        ? html`<table class="data">
            <caption>${rows.length} connection${rows.length === 1 ? '' : 's'} of tenant <code>${tenantId}</code></caption>
            <thead><tr><th scope="col">Name</th><th scope="col">App</th><th scope="col">Status</th>
              <th scope="col">Connected</th><th scope="col">Instance id</th></tr></thead>
            <tbody>${rows.map(
              (i) => html`<tr>
                <td>${i.name}</td>
                <td>${i.element?.name ?? i.element?.key}</td>
                <td><span class="status status-${i.status === 'connected' ? 'ok' : 'warn'}">${
                  i.status === 'connected' ? 'Connected' : 'Needs attention'
                }</span></td>
                <td><time datetime="${i.createdDate}">${formatDate(i.createdDate)}</time></td>
                <td><code>${i.id}</code></td>
              </tr>`,
            )}</tbody>
          </table>`
        : html`<p class="notice">No connections yet. Connect an app on the <a href="/integrations">Integrations</a> page.</p>`;
    }
    return c.html(
      page({
        title: 'Connections (admin)',
        theme: themeOf(c),
        path: '/admin',
        user: who.user,
        body: html`<header class="page-header">
            <h1>Connections</h1>
            <p>What this company has connected, as the Acme Books backend sees it through the proxy's admin API.</p>
          </header>
          ${content}`,
      }),
    );
  });

  // The page asks its own backend for a widget session token; the backend asks the proxy.
  app.post('/api/ce-session', async (c) => {
    const who = signedIn(c);
    if (!who) return c.json({ title: 'Not signed in', status: 401, detail: 'Sign in to Acme Books first.' }, 401);
    const minted = await adminCall('/admin/sessions', {
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

  // The widget's entry and, beside it, the chunks it imports when needed (dist/chunks/).
  app.get('/assets/ce-marketplace.js', async (c) => {
    const js = await readFile(`${distDir}/ce-marketplace.js`).catch(() => undefined);
    if (!js) return c.text('dist/ce-marketplace.js is missing: run `npm run build` first.', 404);
    return c.body(js, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  app.get('/assets/chunks/:name{[\\w-]+\\.js}', async (c) => {
    const js = await readFile(`${distDir}/chunks/${c.req.param('name')}`).catch(() => undefined);
    if (!js) return c.notFound();
    // Chunk names carry a content hash: a name never changes meaning.
    return c.body(js, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
  });

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type) return c.notFound();
    const body = await readFile(`${publicDir}${name}`);
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' });
  });

  app.notFound((c) => c.text('Not found', 404));

  async function adminCall(path: string, body?: unknown): Promise<{ ok: true; body: unknown } | { ok: false; message: string }> {
    try {
      const res = await fetch(`${proxyUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${opts.adminApiKey}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const json = await res.json().catch(() => undefined);
      if (!res.ok) {
        const detail = (json as { detail?: string; title?: string } | undefined) ?? {};
        return { ok: false, message: `The connection service answered ${res.status}: ${detail.detail ?? detail.title ?? 'no detail'}` };
      }
      return { ok: true, body: json };
    } catch {
      return { ok: false, message: `The connection service at ${proxyUrl} could not be reached.` };
    }
  }

  return app;
}

interface AdminInstance {
  id: string;
  name: string;
  element?: { key: string; name?: string };
  status: string;
  createdDate: string;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

const LOGO = `<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
  <rect width="32" height="32" rx="8" class="logo-bg"/>
  <path d="M9 8h9a5 5 0 0 1 5 5v11H14a5 5 0 0 1-5-5z" class="logo-page"/>
  <path d="M13 13h6M13 17h6M13 21h4" class="logo-lines"/>
</svg>`;

const NAV = [
  { href: '/integrations', label: 'Integrations' },
  { href: '/admin', label: 'Connections (admin)' },
] as const;

function page(p: {
  title: string;
  theme: Theme;
  path: string;
  user?: typeof DEMO_USER;
  body: unknown;
  scripts?: string[];
}) {
  const other: Theme = p.theme === 'midnight' ? 'daylight' : 'midnight';
  return html`<!doctype html>
<html lang="en" class="theme-${p.theme}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${p.title} · Acme Books</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/app.css">
  ${p.theme === 'midnight' ? html`<link rel="stylesheet" href="/assets/theme-midnight.css">` : ''}
  ${(p.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
  <div class="shell">
    <nav class="sidebar" aria-label="Main">
      <a class="brand" href="/">${raw(LOGO)}<span>Acme Books</span></a>
      ${p.user
        ? html`<ul>${NAV.map(
            (n) => html`<li><a href="${n.href}"${raw(n.href === p.path ? ' aria-current="page"' : '')}>${n.label}</a></li>`,
          )}</ul>`
        : ''}
      <p class="theme-switch"><a href="${p.path}?theme=${other}">Switch to the ${other} theme</a></p>
      ${p.user
        ? html`<form method="post" action="/signout" class="who">
            <span>${p.user.name}<small>${p.user.email}</small></span>
            <button type="submit" class="button">Sign out</button>
          </form>`
        : ''}
    </nav>
    <main class="content">${p.body}</main>
  </div>
</body>
</html>`;
}
