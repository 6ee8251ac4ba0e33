import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ProblemError } from '../problem.js';
import type { Session } from './types.js';

/** Attempts allowed per window; the settings table of the README lists them. */
export interface RateLimitSettings {
  /** Credential checks sent to a vendor (connect, re-authenticate) per user of a tenant. */
  credentialsPerUser: number;
  /** The same, per tenant: many users of one tenant cannot multiply the attempts. */
  credentialsPerTenant: number;
  /** Failed admin-key and session-token checks per client address. */
  failedAuthPerAddress: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  credentialsPerUser: 10,
  credentialsPerTenant: 30,
  failedAuthPerAddress: 20,
  windowSeconds: 60,
};

/** The table RateLimiterPostgres keeps its counters in (created by migration 0002, in the store's schema). */
export const RATE_LIMIT_TABLE = 'rate_limits';

export interface RateLimits {
  /**
   * Counts one credential check of this session's user and tenant, before the vendor is asked;
   * over either limit it is a 429 and the vendor never hears of it.
   */
  credentialAttempt(session: Session): Promise<void>;
  /** 429 when this client address failed too many auth checks in the window; checked before the credential is looked at. */
  assertAddressAllowed(address: string): Promise<void>;
  /** Counts a failed admin-key, session-token or invitation-token check of this client address. */
  authFailed(address: string): Promise<void>;
}

/**
 * Rate limits over rate-limiter-flexible: in memory on the embedded SQLite default (one process),
 * in PostgreSQL when the store is there, so every replica counts against the same limits. A
 * database that stops answering falls back to counting in memory rather than refusing everyone.
 */
export function createRateLimits(settings: RateLimitSettings = DEFAULT_RATE_LIMITS, pool?: pg.Pool): RateLimits {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const opts = { keyPrefix, points, duration: settings.windowSeconds };
    if (!pool) return new RateLimiterMemory(opts);
    // The table exists (a migration made it), so no replica races to create it at start-up.
    return new RateLimiterPostgres({
      ...opts,
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
  };
  const user = limiter('cred-user', settings.credentialsPerUser);
  const tenant = limiter('cred-tenant', settings.credentialsPerTenant);
  const address = limiter('auth-fail', settings.failedAuthPerAddress);

  return {
    async credentialAttempt(session) {
      // The user's limit first: one user over it does not use up the tenant's attempts.
      await consume(user, key(session.tenantId, session.userId), 'Too many sign-in attempts for this account.');
      await consume(tenant, key(session.tenantId), 'Too many sign-in attempts for this organisation.');
    },
    async assertAddressAllowed(addr) {
      const res = await address.get(key(addr));
      if (res && res.consumedPoints >= settings.failedAuthPerAddress)
        throw rateLimited('Too many failed sign-ins from this address.', res);
    },
    async authFailed(addr) {
      // Over the limit already: the next request is refused by assertAddressAllowed; this one keeps its own answer.
      await address.consume(key(addr)).catch((e: unknown) => {
        if (!(e instanceof RateLimiterRes)) throw e;
      });
    },
  };
}

// Hashed: tenant and user ids are up to 200 characters each, the counter's key column 255.
const key = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('base64url');

async function consume(limiter: RateLimiterAbstract, k: string, detail: string): Promise<void> {
  try {
    await limiter.consume(k);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw rateLimited(detail, e);
    throw e;
  }
}

function rateLimited(detail: string, res: RateLimiterRes): ProblemError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new ProblemError('rate_limited', `${detail} Try again in ${seconds} seconds.`, undefined, {
    headers: { 'retry-after': String(seconds) },
  });
}
