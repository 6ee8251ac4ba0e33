import { Hono } from 'hono';
import { InstanceId, TransformationRequest } from '../../../contract/index.js';
import type { Platform } from '../../platform/types.js';
import { checkValue, parse, readJson, send, sendJson, type ProxyContext, type ProxyEnv } from '../http.js';

const idOf = (c: ProxyContext) => checkValue('id', c.req.param('id'), InstanceId);
const nameOf = (c: ProxyContext) => c.req.param('name') ?? '';
const etag = (version: number) => ({ etag: `"${version}"` });
const precondition = (c: ProxyContext) => {
  const ifMatch = c.req.header('If-Match');
  return ifMatch === undefined ? {} : { ifMatch };
};
/** `?pageSize`: digits only, else a value the platform refuses with a field error. */
const pageSizeOf = (raw: string | undefined) => (raw === undefined ? undefined : /^\d{1,4}$/.test(raw) ? Number(raw) : NaN);

/**
 * A connection's mappings and its app's records read through them, under /instances/{id}: mounted
 * inside instanceRoutes, whose session guard covers these routes too.
 */
export function mappingRoutes(platform: Platform): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  const t = platform.transformations;
  routes.get('/:id/transformations/:name', async (c) => {
    const transformation = await t.get(c.get('session'), idOf(c), nameOf(c));
    return sendJson(c, transformation, 200, etag(transformation.version));
  });
  routes.put('/:id/transformations/:name', async (c) => {
    const id = idOf(c);
    const input = parse(TransformationRequest, await readJson(c));
    const { transformation, created } = await t.put(c.get('session'), id, nameOf(c), input, precondition(c));
    return sendJson(c, transformation, created ? 201 : 200, etag(transformation.version));
  });
  routes.delete('/:id/transformations/:name', async (c) => {
    await t.delete(c.get('session'), idOf(c), nameOf(c), precondition(c));
    return send(c, null, 204);
  });
  routes.post('/:id/transformations/:name/preview', async (c) => {
    const id = idOf(c);
    const input = parse(TransformationRequest, await readJson(c));
    return sendJson(c, await t.preview(c.get('session'), id, nameOf(c), input));
  });
  routes.get('/:id/resources/:name', async (c) => {
    const cursor = c.req.query('cursor');
    const ask = { pageSize: pageSizeOf(c.req.query('pageSize')), ...(cursor === undefined ? {} : { cursor }) };
    return sendJson(c, await t.records(c.get('session'), idOf(c), nameOf(c), ask));
  });
  return routes;
}
