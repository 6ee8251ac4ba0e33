import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../../problem.js';
import { bearerToken } from '../http.js';

/** The host backend's routes: `Authorization: Bearer <admin API key>`, else a 401 problem. */
export function adminKey(key: string): MiddlewareHandler {
  return async (c, next) => {
    checkAdminKey(c.req.header('Authorization'), key);
    await next();
  };
}

/** Checks `Authorization: Bearer <admin API key>` in constant time; a mismatch is a 401 problem. */
export function checkAdminKey(authorization: string | undefined, adminApiKey: string): void {
  const given = bearerToken(authorization);
  if (!given) throw new ProblemError('admin_key_invalid', 'The admin API key is required: send Authorization: Bearer <admin API key>.');
  // Hash first so both sides have the same length and the compare leaks nothing about it.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(adminApiKey).digest();
  if (!timingSafeEqual(a, b)) throw new ProblemError('admin_key_invalid', 'The admin API key is wrong.');
}
