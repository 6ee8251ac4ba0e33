import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { createSessionVerifier } from '../auth.js';
import type { ProxyEnv } from '../http.js';

/**
 * The widget's routes: `Authorization: Bearer <session token>` (proxy-minted or host-signed) sets
 * the request's session and tenant; anything else is a 401 problem. Make one and share it: it
 * holds the cache of verified tokens and the host's key set.
 */
export function sessionAuth(config: Pick<Config, 'sessionSecret' | 'hostJwt'>): MiddlewareHandler<ProxyEnv> {
  const verify = createSessionVerifier(config);
  return async (c, next) => {
    const session = await verify(c.req.header('Authorization'));
    c.set('session', session);
    c.set('tenant', session.tenantId);
    await next();
  };
}
