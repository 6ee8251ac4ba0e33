import { readFileSync } from 'node:fs';
import { htmlStart, type Locale } from '../../locale.js';
import type { InvitationLookup, OpenInvitation } from '../../platform/invitations.js';
import { CONNECT_WORDS } from './words.js';

/**
 * The hosted connect page an invitation's link opens: server-rendered, everything escaped, no
 * inline script or style (its CSP says so), with the built widget and the page's own script and
 * stylesheet served beside it by the proxy.
 */
export const CONNECT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
/** The page's script and base stylesheet: read once, they are part of this release. */
export const CONNECT_SCRIPT = read('connect.js');
const BASE_CSS = read('connect.css');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const e = escapeHtml;

/** The page's stylesheet: its layout, then the host's custom properties (validated by the config), then the host's own CSS. */
export function connectStylesheet(theme: Record<string, string>, css = ''): string {
  const props = Object.entries(theme).map(([name, value]) => `  ${name}: ${value};`);
  return `${BASE_CSS}\n${props.length ? `:root {\n${props.join('\n')}\n}\n` : ''}${css}`;
}

function frame(base: string, locale: Locale, title: string, body: string, withWidget: boolean): string {
  const scripts = withWidget
    ? `<script type="module" src="${e(base)}/connect/connect.js"></script><script type="module" src="${e(base)}/ce-marketplace.js"></script>`
    : '';
  return (
    `<!doctype html>${htmlStart(locale)}<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${e(title)}</title>` +
    `<link rel="stylesheet" href="${e(base)}/connect/theme.css">${scripts}</head><body><main>${body}</main></body></html>`
  );
}

/** The link's end in the page's language, in UTC (the server cannot know the reader's zone). */
const formatDate = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso)) + ' UTC';

const fill = (template: string, done: number, total: number) =>
  template.replace('{done}', String(done)).replace('{total}', String(total));

/**
 * The page of a valid link, in `locale`. `proxyUrl` is where the browser reaches the proxy (the page's own origin
 * and base path); `names` are the invited apps' names in the page's language.
 */
export function connectPage(inv: OpenInvitation, opts: { base: string; proxyUrl: string; locale: Locale; names?: string[] }): string {
  const w = CONNECT_WORDS[opts.locale];
  const count = inv.elements.length;
  const apps = new Intl.ListFormat(opts.locale, { type: 'conjunction' }).format(opts.names ?? inv.elements.map((el) => el.name));
  const body =
    `<header><p class="host">${e(inv.hostName)}</p><h1>${e(w.hello(inv.hostName, inv.name))}</h1>` +
    (inv.message ? `<blockquote class="message">${e(inv.message)}</blockquote>` : '') +
    `<p>${e(w.asked(inv.hostName, count, apps))}</p></header>` +
    `<div class="progress"><progress id="progress-bar" max="${count}" value="0" aria-labelledby="progress"></progress>` +
    // connect.js says it again as apps get connected, in the same words.
    `<p id="progress" role="status" data-words="${e(w.progress)}" data-done="${e(w.allDone)}">${e(fill(w.progress, 0, count))}</p></div>` +
    `<p id="link-failed" class="notice" role="alert" hidden>${e(w.linkFailed)}</p>` +
    `<ce-marketplace proxy-url="${e(opts.proxyUrl)}" elements="${e(inv.elements.map((el) => el.key).join(' '))}" heading=""></ce-marketplace>` +
    `<p class="expires">${e(w.expires(formatDate(inv.expiresAt, opts.locale)))}</p>`;
  return frame(opts.base, opts.locale, w.title(inv.hostName), body, true);
}

const CLOSED_STATUS: Record<Exclude<InvitationLookup['state'], 'valid'>, 404 | 410> = { unknown: 404, expired: 410, revoked: 410 };

/** The clear page of a link that does not open anything, with its status (404 unknown, 410 expired or revoked). */
export function closedPage(
  lookup: Exclude<InvitationLookup, OpenInvitation>,
  base: string,
  locale: Locale,
): { status: 404 | 410; html: string } {
  const { title, text } = CONNECT_WORDS[locale][lookup.state];
  const body = `<header><p class="host">${e(lookup.hostName)}</p><h1>${e(title)}</h1></header><p>${e(text)}</p>`;
  return { status: CLOSED_STATUS[lookup.state], html: frame(base, locale, `${title} · ${lookup.hostName}`, body, false) };
}
