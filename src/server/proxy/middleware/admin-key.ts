import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { RateLimits } from '../../platform/rate-limits.js';
import { ProblemError } from '../../problem.js';
import { clientAddress } from '../client-address.js';
import { bearerToken } from '../http.js';

/**
 * The host backend's routes: `Authorization: Bearer <admin API key>`, else a 401 problem. An
 * address with too many wrong keys in the window is refused (429) before its key is compared, so
 * guessing learns nothing past the limit.
 */
export function adminKey(key: string, limits: RateLimits, opts: { trustProxy?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const address = clientAddress(c, opts.trustProxy === true);
    await limits.assertAddressAllowed(address);
    try {
      checkAdminKey(c.req.header('Authorization'), key);
    } catch (e) {
      await limits.authFailed(address);
      throw e;
    }
    await next();
  };
}

/** Checks `Authorization: Bearer <admin API key>` in constant time; a mismatch is a 401 problem. */
export function checkAdminKey(authorization: string | undefined, adminApiKey: string): void {
  const given = bearerToken(authorization);
  if (!given)
    throw new ProblemError('admin_key_invalid', 'The admin API key is required: send Authorization: Bearer <admin API key>.');
  // Hash first so both sides have the same length and the compare leaks nothing about it.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(adminApiKey).digest();
  if (!timingSafeEqual(a, b)) throw new ProblemError('admin_key_invalid', 'The admin API key is wrong.');
}
