import * as oauth from 'oauth4webapi';
import type { ConfigurationValues } from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { AuthenticationDefinition, ElementDefinition, OAuth2Definition } from './definitions.js';
import { fill, policyFor, type EngineOptions } from './engine.js';
import { outboundFetch } from './outbound.js';

// The token endpoint, spoken by oauth4webapi through our outbound rules: the code exchange and the
// refresh. The values it answers are the ones stored in an instance's encrypted credentials.

/** Where an instance's OAuth 2 tokens live among its credential values. */
export const TOKEN_KEYS = { access: 'oauth.access.token', refresh: 'oauth.refresh.token', expiresAt: 'oauth.expires.at' } as const;

export function oauth2Of(def: ElementDefinition, auth: AuthenticationDefinition): OAuth2Definition {
  if (!auth.oauth2) throw new Error(`${def.key}: authentication type ${auth.type} has no oauth2 block`);
  return auth.oauth2;
}

/** oauth4webapi's view of the provider and this host's registered app, and fetch through the element's outbound policy. */
function endpoint(def: ElementDefinition, auth: AuthenticationDefinition, values: ConfigurationValues, opts: EngineOptions) {
  const o = oauth2Of(def, auth);
  const tokenUrl = fill(o.tokenUrl, values, opts.vars, encodeURIComponent);
  const as: oauth.AuthorizationServer = { issuer: new URL(tokenUrl).origin, token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: String(values[o.clientIdKey] ?? '') };
  const secret = String(values[o.clientSecretKey] ?? '');
  const clientAuth = o.tokenAuth === 'client_secret_basic' ? oauth.ClientSecretBasic(secret) : oauth.ClientSecretPost(secret);
  const policy = policyFor(def, opts);
  const options: oauth.TokenEndpointRequestOptions = {
    [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<'POST', URLSearchParams>) =>
      outboundFetch(new URL(url), init, policy),
    // Plain http only for a sandbox element in development (its local provider): the one use the library means it for.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    [oauth.allowInsecureRequests]: policy.allowPrivate,
  };
  return { o, as, client, clientAuth, options };
}

/** The values to store from a token answer; `previous` keeps a refresh token the provider did not rotate. */
function tokenValues(
  o: OAuth2Definition,
  res: oauth.TokenEndpointResponse,
  now: number,
  previous: ConfigurationValues = {},
): ConfigurationValues {
  const values: ConfigurationValues = { [TOKEN_KEYS.access]: res.access_token };
  if (res.refresh_token) values[TOKEN_KEYS.refresh] = res.refresh_token;
  else if (TOKEN_KEYS.refresh in previous) values[TOKEN_KEYS.refresh] = previous[TOKEN_KEYS.refresh]!;
  if (typeof res.expires_in === 'number') values[TOKEN_KEYS.expiresAt] = new Date(now + res.expires_in * 1000).toISOString();
  for (const [key, field] of Object.entries(o.tokenValues ?? {})) {
    const v = res[field];
    if (typeof v === 'string' && v !== '') values[key] = v;
  }
  return values;
}

/**
 * A token endpoint failure in words a person can act on: `invalid_grant` is the caller's (a used
 * code, a revoked refresh token); a refused client is the host's to fix; the rest is the provider's.
 */
function tokenProblem(def: ElementDefinition, e: unknown, invalidGrant: () => ProblemError): ProblemError {
  if (e instanceof ProblemError) return e; // outbound: timeout, unreachable, refused address
  if (e instanceof oauth.ResponseBodyError) {
    if (e.error === 'invalid_grant') return invalidGrant();
    if (e.error === 'invalid_client' || e.error === 'unauthorized_client') {
      return new ProblemError(
        'vendor_error',
        `${def.name} did not accept this app's client credentials. Ask the site's administrator to check its ${def.name} app settings.`,
        undefined,
        { cause: e },
      );
    }
    return new ProblemError(
      'vendor_error',
      `${def.name} could not complete the sign-in (it answered ${e.status} ${e.error}). Try again in a moment.`,
      undefined,
      { cause: e },
    );
  }
  const status = e instanceof oauth.OperationProcessingError && e.cause instanceof Response ? ` ${e.cause.status}` : '';
  return new ProblemError(
    'vendor_error',
    `${def.name} answered the sign-in with an error${status}. Try again in a moment.`,
    undefined,
    { cause: e },
  );
}

/**
 * Exchanges an authorization code (with its PKCE verifier: always sent, since a provider without PKCE
 * ignores it, as RFC 6749 asks of unknown parameters) for tokens; answers the values to store.
 */
export async function exchangeCode(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  callback: URLSearchParams,
  redirectUri: string,
  codeVerifier: string,
  opts: EngineOptions,
): Promise<ConfigurationValues> {
  const { o, as, client, clientAuth, options } = endpoint(def, auth, values, opts);
  try {
    // The state was checked (and used up) by the caller before this.
    const params = oauth.validateAuthResponse(as, client, callback, oauth.skipStateCheck);
    const res = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, codeVerifier, options);
    return tokenValues(o, await oauth.processAuthorizationCodeResponse(as, client, res), (opts.now ?? Date.now)());
  } catch (e) {
    throw tokenProblem(
      def,
      e,
      () =>
        new ProblemError(
          'state_invalid',
          `${def.name} did not accept this sign-in: it was used already or took too long. Start again.`,
          undefined,
          { cause: e },
        ),
    );
  }
}

/** Refreshes an instance's tokens; answers the values to store. A refused refresh token is `refresh_failed`. */
export async function refreshTokens(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  opts: EngineOptions,
): Promise<ConfigurationValues> {
  const refresh = values[TOKEN_KEYS.refresh];
  const refused = () =>
    new ProblemError(
      'refresh_failed',
      `${def.name} no longer accepts this connection's sign-in (access was revoked or expired). Reconnect it.`,
    );
  if (typeof refresh !== 'string' || refresh === '') throw refused();
  const { o, as, client, clientAuth, options } = endpoint(def, auth, values, opts);
  try {
    const res = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refresh, options);
    return tokenValues(o, await oauth.processRefreshTokenResponse(as, client, res), (opts.now ?? Date.now)(), values);
  } catch (e) {
    throw tokenProblem(def, e, refused);
  }
}
