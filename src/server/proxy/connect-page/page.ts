import { readFileSync } from 'node:fs';
import type { InvitationLookup, OpenInvitation } from '../../platform/invitations.js';

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

function frame(base: string, title: string, body: string, withWidget: boolean): string {
  const scripts = withWidget
    ? `<script type="module" src="${e(base)}/connect/connect.js"></script><script type="module" src="${e(base)}/ce-marketplace.js"></script>`
    : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${e(title)}</title>` +
    `<link rel="stylesheet" href="${e(base)}/connect/theme.css">${scripts}</head><body><main>${body}</main></body></html>`
  );
}

const formatDate = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The page of a valid link. `proxyUrl` is where the browser reaches the proxy (the page's own origin and base path). */
export function connectPage(inv: OpenInvitation, opts: { base: string; proxyUrl: string }): string {
  const count = inv.elements.length;
  const hello = inv.name ? `${inv.name}, connect your apps to ${inv.hostName}` : `Connect your apps to ${inv.hostName}`;
  const body =
    `<header><p class="host">${e(inv.hostName)}</p><h1>${e(hello)}</h1>` +
    (inv.message ? `<blockquote class="message">${e(inv.message)}</blockquote>` : '') +
    `<p>${e(inv.hostName)} asked you to connect ${count === 1 ? 'this app' : `these ${count} apps`}: ` +
    `${e(inv.elements.map((el) => el.name).join(', '))}. Your credentials go to the connection service only.</p></header>` +
    `<div class="progress"><progress id="progress-bar" max="${count}" value="0" aria-labelledby="progress"></progress>` +
    `<p id="progress" role="status">0 of ${count} connected</p></div>` +
    '<p id="link-failed" class="notice" role="alert" hidden>This link could not be opened just now. Reload the page to try again; if it still fails, ask for a new invitation.</p>' +
    `<ce-marketplace proxy-url="${e(opts.proxyUrl)}" elements="${e(inv.elements.map((el) => el.key).join(' '))}" heading=""></ce-marketplace>` +
    `<p class="expires">This link works until ${e(formatDate(inv.expiresAt))}.</p>`;
  return frame(opts.base, `Connect your apps · ${inv.hostName}`, body, true);
}

const CLOSED: Record<Exclude<InvitationLookup['state'], 'valid'>, { status: 404 | 410; title: string; text: string }> = {
  unknown: {
    status: 404,
    title: 'This link is not valid',
    text: 'The link may be incomplete, or a newer invitation replaced it. Open the link from the latest email, or ask for a new invitation.',
  },
  expired: {
    status: 410,
    title: 'This invitation has expired',
    text: 'Invitation links work for a limited time. Ask for a new invitation to connect your apps.',
  },
  revoked: {
    status: 410,
    title: 'This invitation was withdrawn',
    text: 'The link no longer works. If you still need to connect your apps, ask for a new invitation.',
  },
};

/** The clear page of a link that does not open anything, with its status (404 unknown, 410 expired or revoked). */
export function closedPage(lookup: Exclude<InvitationLookup, OpenInvitation>, base: string): { status: 404 | 410; html: string } {
  const { status, title, text } = CLOSED[lookup.state];
  const body = `<header><p class="host">${e(lookup.hostName)}</p><h1>${e(title)}</h1></header><p>${e(text)}</p>`;
  return { status, html: frame(base, `${title} · ${lookup.hostName}`, body, false) };
}
