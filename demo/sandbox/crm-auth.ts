import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sandbox CRM's authorization server state, apart from HTTP: pending consent requests, codes,
 * grants, access and refresh tokens, in memory. Time comes from `now()` so tests can move it.
 */

/** An app registered with the CRM (OAuth 2 client). */
export interface CrmClient {
  id: string;
  secret: string;
  /** Exact URIs; one on a loopback host (127.0.0.1, [::1], localhost) matches any port (RFC 8252 §7.3). */
  redirectUris: string[];
  /** Shown on the consent page; default the id. */
  name?: string;
}

export interface CrmUser {
  id: string;
  email: string;
  password: string;
  name: string;
}

/** The scopes the CRM knows, with the words the consent page shows for them. */
export const CRM_SCOPES: Record<string, string> = {
  'crm.read': 'Read your contacts, companies and deals',
  offline_access: 'Stay connected when you are not using the app, until you revoke its access',
};
const DEFAULT_SCOPE = ['crm.read'];

/** An RFC 6749 error: `error` is the code answered, `status` the HTTP status of a token-endpoint answer. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export interface AuthorizeRequest {
  responseType?: string;
  redirectUri: string;
  scope?: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** A sign-in and consent request waiting for the user's answer. */
export interface Transaction {
  id: string;
  /** The browser that asked (a cookie), so a form posted from elsewhere is refused. */
  browser: string;
  client: CrmClient;
  redirectUri: string;
  scope: string[];
  state?: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

export interface Grant {
  id: string;
  clientId: string;
  user: CrmUser;
  scope: string[];
  revoked: boolean;
}

interface Code {
  grant: Grant;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
}

const TRANSACTION_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 60_000;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

const random = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

/** RFC 6749 §3.1.2.3 simple string comparison, with RFC 8252 §7.3's any-port rule for loopback URIs. */
export function redirectUriMatches(registered: string, asked: string): boolean {
  if (registered === asked) return true;
  if (!URL.canParse(registered) || !URL.canParse(asked)) return false;
  const r = new URL(registered);
  const a = new URL(asked);
  if (r.protocol !== 'http:' || !LOOPBACK.has(r.hostname) || r.port !== '') return false;
  return (
    a.protocol === r.protocol &&
    a.hostname === r.hostname &&
    a.pathname === r.pathname &&
    a.search === r.search &&
    !a.username &&
    !a.password &&
    !a.hash
  );
}

export class CrmAuthority {
  private readonly transactions = new Map<string, Transaction>();
  private readonly codes = new Map<string, Code>();
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, { grant: Grant; rotated: boolean }>();
  private readonly grants: Grant[] = [];

  constructor(
    private readonly clients: CrmClient[],
    private readonly users: CrmUser[],
    private readonly accessTokenTtlSeconds: number,
    private readonly now: () => number,
  ) {}

  client(id: string | undefined): CrmClient | undefined {
    return this.clients.find((c) => c.id === id);
  }

  redirectAllowed(client: CrmClient, uri: string): boolean {
    return client.redirectUris.some((r) => redirectUriMatches(r, uri));
  }

  /** Checks an authorization request whose client and redirect URI are already known good. */
  startTransaction(client: CrmClient, req: AuthorizeRequest, browser: string): Transaction {
    if (req.responseType !== 'code') throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported.');
    if (!req.codeChallenge)
      throw new OAuthError('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
    if (req.codeChallengeMethod !== 'S256') throw new OAuthError('invalid_request', 'code_challenge_method must be S256.');
    if (!S256_CHALLENGE.test(req.codeChallenge)) throw new OAuthError('invalid_request', 'code_challenge is not an S256 challenge.');
    const scope = req.scope ? [...new Set(req.scope.split(' ').filter(Boolean))] : DEFAULT_SCOPE;
    const unknown = scope.filter((s) => !(s in CRM_SCOPES));
    if (unknown.length) throw new OAuthError('invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
    const tx: Transaction = {
      id: random('tx_'),
      browser,
      client,
      redirectUri: req.redirectUri,
      scope,
      state: req.state,
      codeChallenge: req.codeChallenge,
      expiresAt: this.now() + TRANSACTION_TTL_MS,
    };
    this.transactions.set(tx.id, tx);
    return tx;
  }

  /** The pending request with this id, if it is still open and was started by this browser. */
  transaction(id: string, browser: string | undefined): Transaction | undefined {
    const tx = this.transactions.get(id);
    if (!tx || tx.browser !== browser || tx.expiresAt <= this.now()) return undefined;
    return tx;
  }

  signIn(email: string, password: string): CrmUser | undefined {
    const user = this.users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
    return user && sameSecret(user.password, password) ? user : undefined;
  }

  /** The user approved: a new grant and its single-use code. */
  approve(tx: Transaction, user: CrmUser): string {
    this.transactions.delete(tx.id);
    const grant: Grant = { id: random('grant_'), clientId: tx.client.id, user, scope: tx.scope, revoked: false };
    this.grants.push(grant);
    const code = random('crm_code_');
    this.codes.set(code, {
      grant,
      redirectUri: tx.redirectUri,
      codeChallenge: tx.codeChallenge,
      expiresAt: this.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  deny(tx: Transaction): void {
    this.transactions.delete(tx.id);
  }

  /** Client authentication: the secret of a registered client, or `invalid_client` (401). */
  authenticateClient(id: string, secret: string): CrmClient {
    const client = this.client(id);
    if (!client || !sameSecret(client.secret, secret)) throw new OAuthError('invalid_client', 'Client authentication failed.', 401);
    return client;
  }

  /** grant_type=authorization_code; any attempt uses the code up, and a second one revokes what the first got. */
  redeemCode(client: CrmClient, code: string | null, redirectUri: string | null, verifier: string | null): TokenSet {
    if (!code) throw new OAuthError('invalid_request', 'code is required.');
    const entry = this.codes.get(code);
    if (!entry || entry.grant.clientId !== client.id) throw new OAuthError('invalid_grant', 'The authorization code is not valid.');
    if (entry.used) {
      entry.grant.revoked = true;
      throw new OAuthError('invalid_grant', 'The authorization code was already used; the tokens issued for it are revoked.');
    }
    entry.used = true;
    if (entry.expiresAt <= this.now()) throw new OAuthError('invalid_grant', 'The authorization code has expired.');
    if (redirectUri !== entry.redirectUri)
      throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request.');
    if (!verifier || !VERIFIER.test(verifier)) throw new OAuthError('invalid_request', 'code_verifier is missing or malformed.');
    if (sha256(verifier).toString('base64url') !== entry.codeChallenge)
      throw new OAuthError('invalid_grant', 'PKCE verification failed.');
    return this.issue(entry.grant);
  }

  /** grant_type=refresh_token with rotation: a rotated token presented again revokes the whole grant. */
  refresh(client: CrmClient, token: string | null): TokenSet {
    if (!token) throw new OAuthError('invalid_request', 'refresh_token is required.');
    const entry = this.refreshTokens.get(token);
    if (!entry || entry.grant.clientId !== client.id) throw new OAuthError('invalid_grant', 'The refresh token is not valid.');
    if (entry.grant.revoked) throw new OAuthError('invalid_grant', "The user revoked this app's access.");
    if (entry.rotated) {
      entry.grant.revoked = true;
      throw new OAuthError('invalid_grant', 'The refresh token was already used; this grant is revoked.');
    }
    entry.rotated = true;
    return this.issue(entry.grant);
  }

  /** The grant behind a live access token, or `invalid_token`. */
  authenticate(accessToken: string): Grant {
    const entry = this.accessTokens.get(accessToken);
    if (!entry) throw new OAuthError('invalid_token', 'The access token is not valid.', 401);
    if (entry.grant.revoked) throw new OAuthError('invalid_token', 'The access token was revoked.', 401);
    if (entry.expiresAt <= this.now()) throw new OAuthError('invalid_token', 'The access token expired.', 401);
    return entry.grant;
  }

  /** Test hook: the users removed every app's access (refresh and API calls fail from now on). */
  revokeAll(): number {
    const live = this.grants.filter((g) => !g.revoked);
    for (const g of live) g.revoked = true;
    return live.length;
  }

  /** Test hook: every access token expires now, so the next API call answers 401. */
  expireAccessTokens(): number {
    const now = this.now();
    let n = 0;
    for (const t of this.accessTokens.values()) {
      if (t.expiresAt > now) {
        t.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  private issue(grant: Grant): TokenSet {
    const access = random('crm_at_');
    this.accessTokens.set(access, { grant, expiresAt: this.now() + this.accessTokenTtlSeconds * 1000 });
    const set: TokenSet = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: this.accessTokenTtlSeconds,
      scope: grant.scope.join(' '),
    };
    // Like Salesforce and Microsoft, a refresh token only for an app granted offline_access.
    if (grant.scope.includes('offline_access')) {
      set.refresh_token = random('crm_rt_');
      this.refreshTokens.set(set.refresh_token, { grant, rotated: false });
    }
    return set;
  }
}
