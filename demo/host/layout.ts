// The page frame every Acme Books page shares: head, sidebar, theme switch.
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { ProxyClient } from './proxy-client.js';

export const THEMES = ['daylight', 'midnight'] as const;
export type Theme = (typeof THEMES)[number];

export const LOGO = `<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
  <rect width="32" height="32" rx="8" class="logo-bg"/>
  <path d="M9 8h9a5 5 0 0 1 5 5v11H14a5 5 0 0 1-5-5z" class="logo-page"/>
  <path d="M13 13h6M13 17h6M13 21h4" class="logo-lines"/>
</svg>`;

export interface SignedIn {
  user: { id: string; name: string; email: string };
}

/** What the page modules (admin.ts, data.ts) need from the host app that mounts them. */
export interface HostContext {
  tenantId: string;
  proxy: ProxyClient;
  signedIn(c: Context): SignedIn | undefined;
  themeOf(c: Context): Theme;
}

const NAV = [
  { href: '/integrations', label: 'Integrations' },
  { href: '/data', label: 'Data' },
  { href: '/admin', label: 'Connections (admin)' },
  { href: '/admin/invitations', label: 'Invitations (admin)' },
  { href: '/mailbox', label: 'Mailbox' },
] as const;

/** `2026-01-05 09:00 UTC`; with `seconds`, `2026-01-05 09:00:12 UTC`. */
export function formatDate(iso: string, opts: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .slice(0, opts.seconds ? 19 : 16)
        .replace('T', ' ') + ' UTC';
}

export function page(p: {
  title: string;
  theme: Theme;
  path: string;
  user?: { name: string; email: string };
  body: unknown;
  scripts?: string[];
}) {
  const other: Theme = p.theme === 'midnight' ? 'daylight' : 'midnight';
  return html`<!doctype html>
    <html lang="en" class="theme-${p.theme}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${p.title} · Acme Books</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        ${p.theme === 'midnight' ? html`<link rel="stylesheet" href="/assets/theme-midnight.css" />` : ''}
        ${(p.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </head>
      <body>
        <div class="shell">
          <nav class="sidebar" aria-label="Main">
            <a class="brand" href="/">${raw(LOGO)}<span>Acme Books</span></a>
            ${
              p.user
                ? html`<ul>
                    ${NAV.map(
                      (n) => html`<li><a href="${n.href}" ${raw(n.href === p.path ? ' aria-current="page"' : '')}>${n.label}</a></li>`,
                    )}
                  </ul>`
                : ''
            }
            <p class="theme-switch"><a href="${p.path}?theme=${other}">Switch to the ${other} theme</a></p>
            ${
              p.user
                ? html`<form method="post" action="/signout" class="who">
                    <span>${p.user.name}<small>${p.user.email}</small></span>
                    <button type="submit" class="button">Sign out</button>
                  </form>`
                : ''
            }
          </nav>
          <main class="content">${p.body}</main>
        </div>
      </body>
    </html>`;
}
