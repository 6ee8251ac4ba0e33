import type { Context } from 'hono';
import { html } from 'hono/html';
import { CRM_SCOPES, type Transaction } from './crm-auth.js';

/**
 * Sandbox CRM's HTML: the sign-in and consent page and the error page. Plain HTML with one
 * stylesheet, no script and no inline style, so it runs under the strict CSP it is served with.
 */
export const CONSENT_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; display: grid; place-items: start center; padding: 2rem 1rem; }
main { max-width: 26rem; width: 100%; }
h1 { font-size: 1.4rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { box-sizing: border-box; width: 100%; padding: 0.5rem; font: inherit; margin-top: 0.25rem; }
.error { color: light-dark(#b00020, #ff8a80); font-weight: 600; }
.hint, .fine { font-size: 0.9rem; opacity: 0.8; }
.actions { display: flex; gap: 0.75rem; margin-top: 1.25rem; }
button { font: inherit; padding: 0.5rem 1.25rem; cursor: pointer; }
button[value='approve'] { background: #1b5e20; color: #fff; border: 1px solid #1b5e20; border-radius: 4px; }
@media (forced-colors: active) { button[value='approve'] { border-color: ButtonText; } }
`;

const STYLESHEET = '/crm/assets/consent.css';
const BASE_CSP = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

function secureHeaders(c: Context, formAction: string) {
  c.header('Content-Security-Policy', `${BASE_CSP}; form-action ${formAction}`);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

export interface ConsentView {
  tx: Transaction;
  demo: { email: string; password: string };
  email?: string;
  error?: string;
}

/** The sign-in and consent form; Deny needs no password (`formnovalidate`). */
export function consentPage(c: Context, view: ConsentView): Response | Promise<Response> {
  const { tx, error } = view;
  const back = new URL(tx.redirectUri).origin;
  // Chrome applies form-action to the redirect after the POST, so the app's origin is allowed too.
  secureHeaders(c, `'self' ${back}`);
  const invalid = error ? 'true' : 'false';
  const described = error ? 'signin-error demo-account' : 'demo-account';
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Sign in to Sandbox CRM</title>
          <link rel="stylesheet" href="${STYLESHEET}" />
        </head>
        <body>
          <main>
            <h1>Sign in to Sandbox CRM</h1>
            <p><strong>${tx.client.name ?? tx.client.id}</strong> wants to access your Sandbox CRM account. It asks to:</p>
            <ul>
              ${tx.scope.map((s) => html`<li>${CRM_SCOPES[s]}</li>`)}
            </ul>
            <form method="post" action="/crm/oauth/authorize">
              <input type="hidden" name="transaction" value="${tx.id}" />
              ${error ? html`<p id="signin-error" class="error" role="alert">${error}</p>` : ''}
              <label for="email">Email</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                value="${view.email ?? ''}"
                aria-invalid="${invalid}"
                aria-describedby="${described}"
              />
              <label for="password">Password</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                aria-invalid="${invalid}"
                aria-describedby="${described}"
              />
              <p id="demo-account" class="hint">Sandbox demo account: ${view.demo.email}, password ${view.demo.password}</p>
              <div class="actions">
                <button type="submit" name="decision" value="approve">Approve</button>
                <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
              </div>
            </form>
            <p class="fine">Either way you go back to ${back}.</p>
          </main>
        </body>
      </html>`,
  );
}

/** A request that cannot go back to the app (unknown app or redirect URI, RFC 6749 §4.1.2.1): said here, never redirected. */
export function errorPage(c: Context, title: string, message: string): Response | Promise<Response> {
  secureHeaders(c, "'none'");
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · Sandbox CRM</title>
          <link rel="stylesheet" href="${STYLESHEET}" />
        </head>
        <body>
          <main>
            <h1>${title}</h1>
            <p class="error">${message}</p>
            <p>Close this window and try connecting again from the app.</p>
          </main>
        </body>
      </html>`,
    400,
  );
}
