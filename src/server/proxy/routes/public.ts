import { Hono } from 'hono';
import type { Platform } from '../../platform/types.js';
import { ProblemError } from '../../problem.js';
import { etagMatches, send, tagOf, type ProxyContext, type ProxyEnv } from '../http.js';
import { widgetFiles, WIDGET_ENTRY } from '../widget-files.js';
import { keyOf } from './catalog.js';

const LOGO_MAX_AGE_SECONDS = 86_400;
/** The entry keeps its name across releases: caches check back after five minutes (its ETag makes that cheap). */
const ENTRY_CACHE = 'public, max-age=300, must-revalidate';
/** A chunk's name carries its content hash: it never changes. */
const CHUNK_CACHE = 'public, max-age=31536000, immutable';

/**
 * Routes that neither a session nor the admin key guards, mounted at the root: the OpenAPI document, the logos,
 * the built widget (entry and chunks);
 * the OAuth callback and invitation redemption (each carrying its own credential) come next.
 */
export function publicRoutes(platform: Platform, openApi: Record<string, unknown>, widgetDir?: string): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();
  // Generated once: the routes and the contract are fixed after start-up.
  const openApiJson = JSON.stringify(openApi);
  routes.get('/openapi.json', (c) => send(c, openApiJson, 200, { 'content-type': 'application/json' }));
  // An <img> sends no bearer, and logos are public. They never change after start-up (the catalog
  // reads each file once): one tag per logo.
  const logoTags = new WeakMap<Uint8Array, string>();
  routes.get('/elements/:key/logo', async (c) => {
    const key = keyOf(c);
    const logo = await platform.catalog.logo(key);
    if (!logo) throw new ProblemError('not_found', `No logo for element ${key}.`);
    let etag = logoTags.get(logo.body);
    if (!etag) logoTags.set(logo.body, (etag = tagOf(logo.body)));
    const headers = {
      etag,
      'cache-control': `public, max-age=${LOGO_MAX_AGE_SECONDS}`,
      // Shared caches keep one copy per Origin, CORS header or not.
      vary: 'Origin',
      // The host page shows it from another origin.
      'cross-origin-resource-policy': 'cross-origin',
    };
    if (etagMatches(c.req.header('If-None-Match'), etag)) return send(c, null, 304, headers);
    return send(c, logo.body, 200, { 'content-type': logo.contentType, ...headers });
  });
  // The widget itself, so a page needs nothing but <script type="module" src="<proxy>/ce-marketplace.js">.
  const widget = widgetFiles(widgetDir);
  const serveWidget = async (c: ProxyContext, file: string, cacheControl: string, contentType = 'text/javascript; charset=utf-8') => {
    const found = await widget(file);
    if (!found) throw new ProblemError('not_found', `No ${file} here: build the widget (npm run build).`);
    const headers = {
      etag: found.etag,
      'cache-control': cacheControl,
      vary: 'Origin',
      'cross-origin-resource-policy': 'cross-origin',
    };
    if (etagMatches(c.req.header('If-None-Match'), found.etag)) return send(c, null, 304, headers);
    return send(c, found.body, 200, { 'content-type': contentType, ...headers });
  };
  routes.get(`/${WIDGET_ENTRY}`, (c) => serveWidget(c, WIDGET_ENTRY, ENTRY_CACHE));
  routes.get('/chunks/:file', (c) => serveWidget(c, `chunks/${c.req.param('file')}`, CHUNK_CACHE));
  // Its languages' words: data beside the entry, named without a hash, so revalidated like the entry.
  routes.get('/locales/:file', (c) =>
    serveWidget(c, `locales/${c.req.param('file')}`, ENTRY_CACHE, 'application/json; charset=utf-8'),
  );
  return routes;
}
