import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { CrmAuthority, OAuthError, type CrmClient, type Grant } from './crm-auth.js';
import { crmObjects } from './crm-data.js';
import { CONSENT_CSS, consentPage, errorPage } from './crm-pages.js';
import { intParam, objectRoutes, pause } from './http.js';

/**
 * Sandbox CRM (like HubSpot or Salesforce): an OAuth 2 authorization server (code + PKCE S256,
 * rotating refresh tokens) in front of a CRM API with contacts, companies and deals. Mounted at
 * `/crm` by the sandbox server. Deterministic and offline; its state lives in memory.
 */
export const SANDBOX_CRM = {
  clientId: 'sandbox-crm-demo-client',
  clientSecret: 'sandbox-crm-demo-secret',
  email: 'dana@acme.test',
  password: 'sandbox-crm-password',
  /** The proxy's callback on any loopback port (RFC 8252 §7.3), so the demo needs no port up front. */
  redirectUris: ['http://127.0.0.1/oauth/callback', 'http://localhost/oauth/callback'],
} as const;

export interface CrmOptions {
  /** Registered apps; default one client with SANDBOX_CRM's id, secret and redirect URIs. */
  clients?: CrmClient[];
  /** Lifetime of access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Milliseconds since the epoch; tests pass a clock they can move. */
  now?: () => number;
}

const DEMO_USER = { id: 'usr_1001', email: SANDBOX_CRM.email, password: SANDBOX_CRM.password, name: 'Dana Reyes' };
const ACCOUNT = { id: 'acct_acme', name: 'Acme Corporation (sandbox)' };
const BROWSER_COOKIE = 'crm_browser';
const MAX_FAIL_DELAY_MS = 120_000;
const REALM = 'Bearer realm="Sandbox CRM"';

/** The RFC 6749 §5.2 JSON error answer. */
function oauthError(c: Context, e: OAuthError, basicAuth = false): Response {
  if (e.status === 401 && basicAuth) c.header('WWW-Authenticate', 'Basic realm="Sandbox CRM"');
  c.header('Cache-Control', 'no-store');
  return c.json({ error: e.error, error_description: e.description }, e.status as 400);
}

/** Sends the browser back to the app with `params` added to its redirect URI. */
function backToApp(c: Context, redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return c.redirect(url.href, 303);
}

/** The client's id and secret, from HTTP Basic (RFC 6749 §2.3.1, form-encoded parts) or the body; never both. */
function clientCredentials(c: Context, form: URLSearchParams): { id: string; secret: string; basic: boolean } {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(c.req.header('authorization') ?? '');
  const inBody = form.has('client_secret');
  if (m && inBody) throw new OAuthError('invalid_request', 'Use one client authentication method, not two.');
  if (m) {
    const decoded = Buffer.from(m[1]!, 'base64').toString();
    const colon = decoded.indexOf(':');
    const part = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials.', 401);
    return { id: part(decoded.slice(0, colon)), secret: part(decoded.slice(colon + 1)), basic: true };
  }
  if (!inBody) throw new OAuthError('invalid_client', 'Client authentication is required.', 401);
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '', basic: false };
}

/** The sign-in and consent routes: GET shows the page, POST takes the user's answer. */
function authorizeRoutes(app: Hono, authority: CrmAuthority) {
  app.get('/oauth/authorize', (c) => {
    const q = new URL(c.req.url).searchParams;
    const client = q.getAll('client_id').length === 1 ? authority.client(q.get('client_id')!) : undefined;
    if (!client) return errorPage(c, 'Unknown app', 'No app is registered with this client_id.');
    const redirectUri = q.getAll('redirect_uri').length === 1 ? q.get('redirect_uri')! : undefined;
    if (!redirectUri || !authority.redirectAllowed(client, redirectUri)) {
      return errorPage(c, 'Unknown redirect URI', `This redirect_uri is not registered for ${client.name ?? client.id}.`);
    }
    const state = q.get('state') ?? undefined;
    const repeated = [...new Set(q.keys())].filter((k) => q.getAll(k).length > 1);
    if (repeated.length)
      return backToApp(c, redirectUri, {
        error: 'invalid_request',
        error_description: `Repeated parameter: ${repeated.join(', ')}.`,
        state,
      });
    const browser = getCookie(c, BROWSER_COOKIE) ?? randomBytes(16).toString('base64url');
    setCookie(c, BROWSER_COOKIE, browser, { path: '/crm/oauth', httpOnly: true, sameSite: 'Lax' });
    try {
      const request = { responseType: q.get('response_type') ?? undefined, redirectUri, scope: q.get('scope') ?? undefined, state };
      const pkce = {
        codeChallenge: q.get('code_challenge') ?? undefined,
        codeChallengeMethod: q.get('code_challenge_method') ?? undefined,
      };
      const tx = authority.startTransaction(client, { ...request, ...pkce }, browser);
      return consentPage(c, { tx, demo: SANDBOX_CRM });
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      return backToApp(c, redirectUri, { error: e.error, error_description: e.description, state });
    }
  });

  app.post('/oauth/authorize', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const tx = authority.transaction(form.get('transaction') ?? '', getCookie(c, BROWSER_COOKIE));
    if (!tx) return errorPage(c, 'Sign-in expired', 'This sign-in request is no longer valid, or was started in another browser.');
    const decision = form.get('decision');
    if (decision === 'deny') {
      authority.deny(tx);
      return backToApp(c, tx.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: tx.state });
    }
    if (decision !== 'approve') return errorPage(c, 'Unexpected answer', 'Choose Approve or Deny.');
    const email = form.get('email') ?? '';
    const user = authority.signIn(email, form.get('password') ?? '');
    // 200, not 4xx: the page is an answer to show, and browsers log a 4xx page load as a console error.
    if (!user) return consentPage(c, { tx, demo: SANDBOX_CRM, email, error: 'Wrong email or password.' });
    return backToApp(c, tx.redirectUri, { code: authority.approve(tx, user), state: tx.state });
  });
}

/** Test hooks' state: token-endpoint calls per grant type, and failures to inject. */
interface Hooks {
  calls: Map<string, number>;
  fail: { status?: number; delayMs: number; times: number };
}

function tokenRoute(app: Hono, authority: CrmAuthority, hooks: Hooks, timers: Set<() => void>) {
  app.post('/oauth/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const grantType = form.get('grant_type') ?? '';
    hooks.calls.set(grantType, (hooks.calls.get(grantType) ?? 0) + 1);
    if (hooks.fail.times > 0) {
      hooks.fail.times--;
      // After a hang the request goes on (a provider finishes what it started), unless a status is injected.
      if (hooks.fail.delayMs) await pause(hooks.fail.delayMs, c.req.raw.signal, timers);
      const status = hooks.fail.status;
      if (status) return c.json({ error: 'server_error', error_description: 'Failure injected by /crm/__fail-token.' }, status as 500);
    }
    let basic = false;
    try {
      if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        throw new OAuthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
      }
      const creds = clientCredentials(c, form);
      basic = creds.basic;
      const client = authority.authenticateClient(creds.id, creds.secret);
      c.header('Cache-Control', 'no-store');
      if (grantType === 'authorization_code') {
        return c.json(authority.redeemCode(client, form.get('code'), form.get('redirect_uri'), form.get('code_verifier')));
      }
      if (grantType === 'refresh_token') return c.json(authority.refresh(client, form.get('refresh_token')));
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required.');
      throw new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported.`);
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      return oauthError(c, e, basic);
    }
  });
}

/** The protected API (mounted at /api/v1): a live Bearer token (RFC 6750), and scope crm.read for all but /me. */
function apiApp(authority: CrmAuthority): Hono<{ Variables: { grant: Grant } }> {
  const api = new Hono<{ Variables: { grant: Grant } }>();
  api.use('*', async (c, next) => {
    const m = /^Bearer ([\w.~+/-]+=*)$/i.exec(c.req.header('authorization') ?? '');
    if (!m) {
      c.header('WWW-Authenticate', REALM);
      return c.json({ error: 'unauthorized', message: 'Send an access token as Authorization: Bearer <token>.' }, 401);
    }
    try {
      c.set('grant', authority.authenticate(m[1]!));
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      c.header('WWW-Authenticate', `${REALM}, error="invalid_token", error_description="${e.description}"`);
      return c.json({ error: e.error, message: e.description }, 401);
    }
    await next();
  });
  api.get('/me', (c) => {
    const { user, scope } = c.get('grant');
    return c.json({ user: { id: user.id, email: user.email, name: user.name }, account: ACCOUNT, scopes: scope });
  });
  // Registered after /me, so it guards only the routes below: /me answers first.
  api.use('*', async (c, next) => {
    if (c.get('grant').scope.includes('crm.read')) return next();
    c.header('WWW-Authenticate', `${REALM}, error="insufficient_scope", scope="crm.read"`);
    return c.json({ error: 'insufficient_scope', message: 'This call needs the crm.read scope.' }, 403);
  });
  objectRoutes(api, '', crmObjects());
  return api;
}

/** Test hooks, documented in the README: call counts, injected token-endpoint failures, revocation, expiry. */
function hookRoutes(app: Hono, authority: CrmAuthority, hooks: Hooks) {
  app.get('/__stats', (c) => c.json({ token: Object.fromEntries(hooks.calls), failNext: hooks.fail.times }));
  app.post('/__fail-token', (c) => {
    const status = intParam(c, 'status', 599);
    if (status instanceof Response) return status;
    const delay = intParam(c, 'delay', MAX_FAIL_DELAY_MS);
    if (delay instanceof Response) return delay;
    const times = intParam(c, 'times', 1000);
    if (times instanceof Response) return times;
    if (status !== undefined && status < 400) return c.json({ error: 'status must be 400–599' }, 400);
    if (status === undefined && !delay) return c.json({ error: 'give status, delay or both' }, 400);
    hooks.fail = { status, delayMs: delay ?? 0, times: times ?? 1 };
    return c.json({ failNext: hooks.fail.times });
  });
  app.post('/__revoke', (c) => c.json({ revoked: authority.revokeAll() }));
  app.post('/__expire', (c) => c.json({ expired: authority.expireAccessTokens() }));
}

export function createCrmApp(opts: CrmOptions = {}, timers: Set<() => void> = new Set()): Hono {
  const clients = opts.clients ?? [
    { id: SANDBOX_CRM.clientId, secret: SANDBOX_CRM.clientSecret, redirectUris: [...SANDBOX_CRM.redirectUris], name: 'Acme Books' },
  ];
  const authority = new CrmAuthority(clients, [DEMO_USER], opts.accessTokenTtlSeconds ?? 3600, opts.now ?? Date.now);
  const hooks: Hooks = { calls: new Map(), fail: { delayMs: 0, times: 0 } };
  const app = new Hono();
  app.get('/assets/consent.css', (c) => c.body(CONSENT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  authorizeRoutes(app, authority);
  tokenRoute(app, authority, hooks, timers);
  app.route('/api/v1', apiApp(authority));
  hookRoutes(app, authority, hooks);
  return app;
}
