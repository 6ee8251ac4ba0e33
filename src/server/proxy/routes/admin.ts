import { Hono } from 'hono';
import { CreateSession, identifier, IDENTIFIER_MAX, InstanceId } from '../../../contract/index.js';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/types.js';
import { ProblemError } from '../../problem.js';
import { mintSessionToken } from '../auth.js';
import { answerHeaders, checkValue, parse, rawPath, readJson, sendJson, type ProxyContext, type ProxyEnv } from '../http.js';
import { adminKey } from '../middleware/admin-key.js';
import { invitationRoutes } from './invitations.js';

const TenantId = identifier(IDENTIFIER_MAX.tenantId);
const idOf = (c: ProxyContext) => checkValue('id', c.req.param('id'), InstanceId);

/** The host backend's calls, mounted at /admin: every route needs the admin API key. */
export function adminRoutes(platform: Platform, config: Pick<Config, 'adminApiKey' | 'sessionSecret' | 'trustProxy'>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.use('*', adminKey(config.adminApiKey, platform.limits, config));
  routes.post('/sessions', async (c) => {
    const input = parse(CreateSession, await readJson(c));
    c.set('tenant', input.tenantId);
    return sendJson(c, await mintSessionToken(config.sessionSecret, input), 201);
  });
  routes.route('/invitations', invitationRoutes(platform));
  routes.get('/instances', async (c) => {
    const tenantId = checkValue('tenantId', c.req.query('tenantId'), TenantId);
    c.set('tenant', tenantId);
    return sendJson(c, await platform.instances.list({ tenantId, userId: 'admin' }));
  });
  routes.get('/webhook-deliveries', async (c) => {
    const raw = c.req.query('limit') ?? '50';
    const limit = Number(raw);
    if (!/^\d+$/.test(raw) || limit < 1 || limit > 500) {
      throw new ProblemError('validation_failed', 'limit must be a whole number from 1 to 500.', [
        { field: 'limit', message: 'From 1 to 500.' },
      ]);
    }
    return sendJson(c, await platform.webhooks.list(limit));
  });
  routes.post('/webhook-deliveries/:id/retry', async (c) =>
    sendJson(c, await platform.webhooks.retry(checkValue('id', c.req.param('id'), identifier(60)))),
  );
  // Admin calls are cross-tenant: the instance id alone names the connection.
  routes.post('/instances/:id/check', async (c) => sendJson(c, await platform.connections.check({}, idOf(c))));
  routes.all('/instances/:id/proxy/*', async (c) => {
    const raw = rawPath(c.req.url);
    const marker = '/admin/instances/';
    // The path as sent, undecoded, after `…/instances/{id}/proxy/`: the platform refuses one that would leave the app's base.
    const afterId = raw.indexOf('/', raw.indexOf(marker) + marker.length);
    const path = raw.slice(afterId + '/proxy'.length).replace(/^\//, '');
    const query = c.req.url.indexOf('?');
    const res = await platform.connections.passthrough(idOf(c), {
      method: c.req.method,
      path,
      search: query === -1 ? '' : c.req.url.slice(query),
      headers: c.req.raw.headers,
      body: c.req.raw.body,
    });
    // The proxy's own headers (request id, security headers) over the app's.
    for (const [k, v] of Object.entries(answerHeaders(c))) res.headers.set(k, v);
    return res;
  });
  return routes;
}
