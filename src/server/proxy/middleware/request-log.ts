import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../log.js';
import { answerHeaders, type ProxyEnv } from '../http.js';

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
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenant: c.get('tenant'),
      },
      'request',
    );
  };
}
