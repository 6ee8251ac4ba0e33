import { Hono, type MiddlewareHandler } from 'hono';
import { identifier, InstanceId } from '../../../contract/index.js';
import type { Platform } from '../../platform/types.js';
import { checkValue, sendJson, type ProxyContext, type ProxyEnv } from '../http.js';

const Name = identifier(100);
const idOf = (c: ProxyContext) => checkValue('id', c.req.param('id'), InstanceId);
const nameOf = (c: ProxyContext) => checkValue('name', c.req.param('name'), Name);

/**
 * Discovery, mounted at the base path: the host's common resources, and a connection's objects and
 * their fields. Guarded route by route (a `use('*')` here would guard every path of the proxy).
 */
export function discoveryRoutes(platform: Platform, session: MiddlewareHandler<ProxyEnv>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  routes.get('/common-resources', session, (c) => sendJson(c, platform.commonResources.list()));
  routes.get('/common-resources/:name', session, (c) => sendJson(c, platform.commonResources.get(nameOf(c))));
  routes.get('/instances/:id/objects', session, async (c) => sendJson(c, await platform.discovery.objects(c.get('session'), idOf(c))));
  routes.get('/instances/:id/objects/:name/metadata', session, async (c) => {
    const id = idOf(c);
    const fields = await platform.discovery.metadata(c.get('session'), id, nameOf(c));
    return sendJson(c, { fields });
  });
  return routes;
}
