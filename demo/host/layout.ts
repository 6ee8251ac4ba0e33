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

/** The languages the picker offers: the widget's shipped locales. Any other BCP 47 tag works through `?lang=` too. */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'ar'] as const;

/** A BCP 47 tag in its canonical form (`DE-at` → `de-AT`), or undefined when it is not one. */
export function canonicalLang(tag: string | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

/** `rtl` for a language written right to left (by its likely script, so `ar`, `he`, `fa`, `ur`, `ku-Arab`), else `ltr`. */
export function dirOf(lang: string): 'rtl' | 'ltr' {
  return /^(Arab|Hebr|Thaa|Syrc|Nkoo)$/.test(new Intl.Locale(lang).maximize().script ?? '') ? 'rtl' : 'ltr';
}

/** A language's name in itself, for the picker: "Deutsch", "日本語". */
function autonym(lang: string): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

export interface SignedIn {
  user: { id: string; name: string; email: string };
}

/** What the page modules (admin.ts, data.ts) need from the host app that mounts them. */
export interface HostContext {
  tenantId: string;
  proxy: ProxyClient;
  signedIn(c: Context): SignedIn | undefined;
  themeOf(c: Context): Theme;
  /** The page's language: `?lang=` (remembered in a cookie), else English. */
  langOf(c: Context): string;
}

const NAV = [
  { href: '/integrations', label: 'Integrations' },
  { href: '/customers', label: 'Customers' },
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

/**
 * The sidebar's language links, each keeping the current page. Each name is in its own language,
 * marked with `lang` so a screen reader says it right.
 */
function languagePicker(path: string, current: string) {
  return html`<nav class="language-switch" aria-label="Language">
    <ul>
      ${LANGUAGES.map(
        (l) =>
          html`<li>
            <a href="${path}?lang=${l}" lang="${l}" hreflang="${l}" ${raw(l === current ? ' aria-current="true"' : '')}
              >${autonym(l)}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/**
 * An Acme Books page. `lang` is the page's language (`<html lang dir>`), which the widget follows; the
 * host's own words stay English, so the sidebar (and, unless `widget` says the body holds the widget,
 * the body) carry `lang="en"` of their own.
 */
export function page(p: {
  title: string;
  theme: Theme;
  lang: string;
  /** The body holds the widget: its host words mark their own `lang`, the widget follows the page's. */
  widget?: boolean;
  path: string;
  user?: { name: string; email: string };
  body: unknown;
  scripts?: string[];
}) {
  const other: Theme = p.theme === 'midnight' ? 'daylight' : 'midnight';
  const english = raw(p.lang === 'en' ? '' : ' lang="en"');
  return html`<!doctype html>
    <html lang="${p.lang}" dir="${dirOf(p.lang)}" class="theme-${p.theme}">
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
          <nav class="sidebar" aria-label="Main" ${english}>
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
            ${languagePicker(p.path, p.lang)}
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
          <main class="content" ${p.widget ? '' : english}>${p.body}</main>
        </div>
      </body>
    </html>`;
}
