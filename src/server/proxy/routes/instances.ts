import { Hono, type MiddlewareHandler } from 'hono';
import { CreateInstance, InstanceId, UpdateInstance } from '../../../contract/index.js';
import type { Platform } from '../../platform/types.js';
import { mappingRoutes } from './mapping.js';
import {
  appLocale,
  checkValue,
  parse,
  readIdempotencyKey,
  readJson,
  send,
  sendJson,
  type ProxyContext,
  type ProxyEnv,
} from '../http.js';

const idOf = (c: ProxyContext) => checkValue('id', c.req.param('id'), InstanceId);

/** The session's connections, mounted at /instances: every route needs a session. */
export function instanceRoutes(platform: Platform, session: MiddlewareHandler<ProxyEnv>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  // A vendor's refusal of the credentials comes in the widget's language where the definition has it.
  const refusalLocale = (c: ProxyContext) => appLocale(c, platform.catalog.locales);
  routes.use('*', session);
  routes.get('/', async (c) => sendJson(c, await platform.instances.list(c.get('session'))));
  routes.post('/', async (c) => {
    const idempotencyKey = readIdempotencyKey(c);
    const input = parse(CreateInstance, await readJson(c));
    const instance = await platform.instances.create(c.get('session'), input, idempotencyKey, refusalLocale(c));
    // The request's own path carries any base path the proxy is mounted under.
    return sendJson(c, instance, 201, { location: `${c.req.path}/${encodeURIComponent(instance.id)}` });
  });
  routes.get('/:id', async (c) => sendJson(c, await platform.instances.get(c.get('session'), idOf(c))));
  routes.patch('/:id', async (c) => {
    const id = idOf(c);
    const patch = parse(UpdateInstance, await readJson(c));
    return sendJson(c, await platform.instances.update(c.get('session'), id, patch, refusalLocale(c)));
  });
  routes.post('/:id/check', async (c) => sendJson(c, await platform.connections.check(c.get('session'), idOf(c))));
  routes.delete('/:id', async (c) => {
    await platform.instances.delete(c.get('session'), idOf(c));
    return send(c, null, 204);
  });
  routes.route('/', mappingRoutes(platform));
  return routes;
}
