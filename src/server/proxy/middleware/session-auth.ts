import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import type { RateLimits } from '../../platform/rate-limits.js';
import { ProblemError } from '../../problem.js';
import { createSessionVerifier } from '../auth.js';
import { clientAddress } from '../client-address.js';
import type { ProxyEnv } from '../http.js';

/**
 * The widget's routes: `Authorization: Bearer <session token>` (proxy-minted or host-signed) sets
 * the request's session and tenant; anything else is a 401 problem. Make one and share it: it
 * holds the cache of verified tokens and the host's key set. An address with too many invalid
 * tokens in the window is refused (429) before its next new token is looked at; an expired token
 * is not counted (a widget left open sends one, honestly).
 */
export function sessionAuth(
  config: Pick<Config, 'sessionSecret' | 'hostJwt' | 'trustProxy'>,
  limits: RateLimits,
): MiddlewareHandler<ProxyEnv> {
  const verify = createSessionVerifier(config);
  return async (c, next) => {
    const address = clientAddress(c, config.trustProxy === true);
    let session;
    try {
      session = await verify(c.req.header('Authorization'), () => limits.assertAddressAllowed(address));
    } catch (e) {
      if (e instanceof ProblemError && e.code === 'session_invalid') await limits.authFailed(address);
      throw e;
    }
    c.set('session', session);
    c.set('tenant', session.tenantId);
    await next();
  };
}
