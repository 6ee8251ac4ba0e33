import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../log.js';
import { answerHeaders, type ProxyEnv } from '../http.js';

// An invitation's token is a credential: never in a log line (the connect page takes it in the query, which is not logged).
const INVITATION_TOKEN = /(\/invitations\/)[^/]+(\/session)$/;

/**
 * Gives each request an id (answered as X-Request-Id) and logs one line when it is answered:
 * method, path, status, duration and tenant; never headers, bodies or configuration values.
 */
export function requestLog(logger: Logger): MiddlewareHandler<ProxyEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    answerHeaders(c)['x-request-id'] = requestId;
    await next();
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path.replace(INVITATION_TOKEN, '$1{token}$2'),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenant: c.get('tenant'),
      },
      'request',
    );
  };
}
