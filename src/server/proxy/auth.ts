import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { IDENTIFIER_MAX, isIdentifier, type CreateSession, type SessionToken } from '../../contract/index.js';
import type { Config } from '../config.js';
import type { Session } from '../platform/types.js';
import { ProblemError } from '../problem.js';
import { bearerToken } from './http.js';

export const SESSION_ISSUER = 'ce-proxy';
export const SESSION_AUDIENCE = 'ce-widget';
export const DEFAULT_SESSION_TTL_SECONDS = 3600;
export const MAX_SESSION_TTL_SECONDS = 86_400;

// Asymmetric algorithms only for JWKS keys, so a public key can never double as an HMAC secret.
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const CLOCK_TOLERANCE_SECONDS = 5;
// A page sends the same token many times; WebCrypto HMAC/ECDSA on Node 20 costs ~0.2 ms per call.
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_MAX_MS = 5 * 60_000;

/** Mints a proxy session token (HS256, iss ce-proxy, aud ce-widget) for one end user of one tenant. */
export async function mintSessionToken(secret: Uint8Array, input: CreateSession, now = Date.now()): Promise<SessionToken> {
  const ttl = Math.min(input.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS, MAX_SESSION_TTL_SECONDS);
  const iat = Math.floor(now / 1000);
  const exp = iat + ttl;
  const claims: JWTPayload = { tid: input.tenantId };
  if (input.email) claims.email = input.email;
  if (input.elements) claims.elements = input.elements;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject(input.userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(secret);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** `beforeCheck` runs only for a header not verified before (a rate limit's check): a known good token costs nothing more. */
export type SessionVerifier = (authorization: string | undefined, beforeCheck?: () => Promise<void>) => Promise<Session>;

/**
 * Verifies `Authorization: Bearer <token>`: a token the proxy minted, or one the host signed with
 * the shared HS256 secret or with a key of its JWKS. Every failure is a 401 problem whose detail
 * tells the widget (and the host's developer) what to do.
 */
export function createSessionVerifier(config: Pick<Config, 'sessionSecret' | 'hostJwt'>): SessionVerifier {
  const host = config.hostJwt;
  // Imported once: importing a raw secret on every verify doubles its cost.
  const proxyKey = hmacKey(config.sessionSecret);
  const hostSecret = host?.secret ? hmacKey(new TextEncoder().encode(host.secret)) : undefined;
  const jwks: JWTVerifyGetKey | undefined = host?.jwksUrl ? createRemoteJWKSet(new URL(host.jwksUrl)) : undefined;
  const hostClaims = { issuer: host?.issuer, audience: host?.audience };
  // Exact Authorization header → its verified session, until the token's expiry (and at most a few minutes).
  const verified = new Map<string, { session: Session; until: number }>();

  return async (authorization, beforeCheck) => {
    // Keyed by the whole header: a hit needs no parsing at all.
    const hit = authorization === undefined ? undefined : verified.get(authorization);
    if (hit && hit.until > Date.now()) return hit.session;
    if (hit) verified.delete(authorization!);
    await beforeCheck?.();
    const token = bearerToken(authorization);
    if (!token) throw new ProblemError('session_invalid', 'A session token is required: send Authorization: Bearer <session token>.');
    const { session, exp } = await verify(token);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(authorization!, { session, until: Math.min(exp * 1000, Date.now() + VERIFIED_CACHE_MAX_MS) });
    return session;
  };

  async function verify(token: string): Promise<{ session: Session; exp: number }> {
    let alg: string | undefined;
    let iss: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
      iss = decodeJwt(token).iss;
    } catch {
      throw new ProblemError('session_invalid', 'The session token is malformed. Ask the host page for a new session token.');
    }
    let viaJwks = false;
    try {
      // The issuer only picks which key to try; the signature and claims decide.
      let payload: JWTPayload;
      if (iss === SESSION_ISSUER) {
        ({ payload } = await jwtVerify(token, await proxyKey, {
          algorithms: ['HS256'],
          issuer: SESSION_ISSUER,
          audience: SESSION_AUDIENCE,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } else if (alg === 'HS256' && hostSecret) {
        ({ payload } = await jwtVerify(token, await hostSecret, {
          algorithms: ['HS256'],
          ...hostClaims,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } else if (jwks && alg && JWKS_ALGORITHMS.includes(alg)) {
        viaJwks = true;
        ({ payload } = await jwtVerify(token, jwks, {
          algorithms: JWKS_ALGORITHMS,
          ...hostClaims,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } else {
        throw new ProblemError('session_invalid', 'The session token is not signed by a key this service accepts.');
      }
      return { session: sessionOf(payload), exp: payload.exp! };
    } catch (e) {
      throw toProblem(e, viaJwks);
    }
  }
}

function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function sessionOf(payload: JWTPayload): Session {
  const { sub, tid, email, elements } = payload;
  // The identifier rule of POST /admin/sessions holds for host-signed tokens too: a claim no column can store is refused here.
  if (typeof sub !== 'string' || !isIdentifier(sub, IDENTIFIER_MAX.userId)) {
    throw new ProblemError(
      'session_invalid',
      `The session token's sub claim must name the user in 1 to ${IDENTIFIER_MAX.userId} characters, without control characters.`,
    );
  }
  if (typeof tid !== 'string' || !isIdentifier(tid, IDENTIFIER_MAX.tenantId)) {
    throw new ProblemError(
      'session_invalid',
      `The session token's tid claim must name the tenant in 1 to ${IDENTIFIER_MAX.tenantId} characters, without control characters.`,
    );
  }
  if (email !== undefined && typeof email !== 'string')
    throw new ProblemError('session_invalid', "The session token's email claim must be a string.");
  const isKey = (e: unknown) => typeof e === 'string' && isIdentifier(e, IDENTIFIER_MAX.elementKey);
  if (elements !== undefined && !(Array.isArray(elements) && elements.every(isKey))) {
    throw new ProblemError('session_invalid', "The session token's elements claim must be a list of element keys.");
  }
  return { tenantId: tid, userId: sub, ...(email ? { email } : {}), ...(elements ? { elements: elements as string[] } : {}) };
}

function toProblem(e: unknown, viaJwks: boolean): unknown {
  if (e instanceof ProblemError) return e;
  if (e instanceof errors.JWTExpired) {
    return new ProblemError('session_expired', 'The session has expired. Ask the host page for a new session token.');
  }
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return new ProblemError('session_invalid', 'The session token is meant for another audience.');
    if (e.claim === 'iss')
      return new ProblemError('session_invalid', 'The session token comes from an issuer this service does not accept.');
    if (e.claim === 'nbf') return new ProblemError('session_invalid', 'The session token is not valid yet.');
    return new ProblemError('session_invalid', `The session token is missing or has an invalid ${e.claim} claim.`);
  }
  // The host's key set could not be fetched or read: a server-side fault, not the user's.
  if (
    viaJwks &&
    (!(e instanceof errors.JOSEError) ||
      e.code === 'ERR_JOSE_GENERIC' ||
      e instanceof errors.JWKSTimeout ||
      e instanceof errors.JWKSInvalid)
  ) {
    return new ProblemError('service_unavailable', "The host's signing keys could not be fetched. Try again shortly.");
  }
  if (e instanceof errors.JOSEError) {
    return new ProblemError('session_invalid', "The session token's signature is invalid. Ask the host page for a new session token.");
  }
  return e;
}
