import { createHash } from 'node:crypto';
import type { OAuthMessage } from '../../contract/index.js';
import type { CallbackResult } from '../platform/oauth.js';

/**
 * The page the provider's redirect lands on, in the popup. One fixed inline script (allowed by its
 * hash, so the page runs under a strict CSP) reads the result from a JSON data block, posts it to
 * the opener at the host page's exact origin, and closes the window. Without an opener (COOP, a
 * same-tab flow that lost its way) the page's words say what happened; the dialog learns it by
 * polling. Nothing secret is on it: no code, token, verifier or state.
 */
const SCRIPT =
  "(function(){var d=JSON.parse(document.getElementById('ce-oauth').textContent);" +
  'if(d.back){location.replace(d.back);return}' +
  'if(window.opener&&d.origin){try{window.opener.postMessage(d.message,d.origin)}catch(e){}window.close()}})();';
const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color-scheme:light dark}';
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export const CALLBACK_CSP = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
// Inside <script type="application/json">: no "</script>" or "<!--" can close or confuse the block.
const jsonInHtml = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The page; `back` (a same-tab sign-in's return address) makes it go back to the host page at once.
 * A page rather than a 303: a provider whose sign-in page has a `form-action` CSP blocks every
 * redirect after its form's POST that leaves the origins it lists, and the host page is not one.
 */
export function callbackPage(r: CallbackResult, back?: string): string {
  const message: OAuthMessage | undefined = r.flowId
    ? { type: 'ce:oauth', flowId: r.flowId, status: r.status, ...(r.code ? { code: r.code } : {}) }
    : undefined;
  const data = { origin: r.flowId ? (r.origin ?? null) : null, message: message ?? null, ...(back ? { back } : {}) };
  const title = r.status === 'connected' ? `${r.element ?? 'The app'} is connected` : 'The connection was not made';
  const close = r.status === 'connected' ? '' : ' You can close this window.';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>` +
    `<script type="application/json" id="ce-oauth">${jsonInHtml(data)}</script><script>${SCRIPT}</script></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(r.message + (back ? '' : close))}</p>` +
    (back ? `<p><a href="${escapeHtml(back)}">Return to the site</a></p>` : '') +
    '</main></body></html>'
  );
}
