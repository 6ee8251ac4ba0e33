import { Hono } from 'hono';
import { CreateSession, identifier, IDENTIFIER_MAX } from '../../../contract/index.js';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/types.js';
import { mintSessionToken } from '../auth.js';
import { checkValue, parse, readJson, sendJson, type ProxyEnv } from '../http.js';

const TenantId = identifier(IDENTIFIER_MAX.tenantId);
import { adminKey } from '../middleware/admin-key.js';

/** The host backend's calls, mounted at /admin: every route needs the admin API key. */
export function adminRoutes(platform: Platform, config: Pick<Config, 'adminApiKey' | 'sessionSecret' | 'trustProxy'>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.use('*', adminKey(config.adminApiKey, platform.limits, config));
  routes.post('/sessions', async (c) => {
    const input = parse(CreateSession, await readJson(c));
    c.set('tenant', input.tenantId);
    return sendJson(c, await mintSessionToken(config.sessionSecret, input), 201);
  });
  routes.get('/instances', async (c) => {
    const tenantId = checkValue('tenantId', c.req.query('tenantId'), TenantId);
    c.set('tenant', tenantId);
    return sendJson(c, await platform.instances.list({ tenantId, userId: 'admin' }));
  });
  return routes;
}
