import { Hono, type MiddlewareHandler } from 'hono';
import { identifier, IDENTIFIER_MAX, isHiddenConfiguration } from '../../../contract/index.js';
import type { Platform, Session } from '../../platform/types.js';
import { checkValue, etagMatches, send, sendJson, tagOf, type ProxyContext, type ProxyEnv } from '../http.js';

const ElementKey = identifier(IDENTIFIER_MAX.elementKey);
const AuthenticationTypeKey = identifier(IDENTIFIER_MAX.authenticationType);
export const keyOf = (c: ProxyContext) => checkValue('key', c.req.param('key'), ElementKey);
const typeOf = (c: ProxyContext) => checkValue('type', c.req.param('type'), AuthenticationTypeKey);

// Distinct `elements` lists whose catalog answer is kept; host-signed tokens could name endless lists.
const CATALOG_CACHE_SIZE = 1_000;

/**
 * The catalog, mounted at /elements: elements, their authentication types and configuration.
 * Guarded route by route, not with `use('*')`: the public logo lives under /elements too.
 */
export function catalogRoutes(platform: Platform, session: MiddlewareHandler<ProxyEnv>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();

  // The catalog is fixed after start-up: one serialised answer and ETag per distinct `elements` list.
  const answers = new Map<string, { json: string; etag: string }>();
  const catalogAnswer = (s: Session) => {
    const key = s.elements ? JSON.stringify(s.elements) : '*';
    let answer = answers.get(key);
    if (!answer) {
      const json = JSON.stringify(platform.catalog.list(s));
      answer = { json, etag: tagOf(json) };
      if (answers.size >= CATALOG_CACHE_SIZE) answers.delete(answers.keys().next().value!);
      answers.set(key, answer);
    }
    return answer;
  };

  routes.get('/', session, (c) => {
    const { json, etag } = catalogAnswer(c.get('session'));
    if (etagMatches(c.req.header('If-None-Match'), etag)) return send(c, null, 304, { etag });
    return send(c, json, 200, { 'content-type': 'application/json', etag });
  });
  routes.get('/:key', session, (c) => sendJson(c, platform.catalog.get(c.get('session'), keyOf(c))));
  routes.get('/:key/authentication-types', session, (c) =>
    sendJson(c, platform.catalog.authenticationTypes(c.get('session'), keyOf(c))),
  );
  const configuration = (c: ProxyContext) => {
    const objects = platform.catalog.configuration(c.get('session'), keyOf(c), typeOf(c));
    // The platform already drops host-only objects; filtering again costs nothing (defence in depth).
    return sendJson(c, objects.filter((o) => !isHiddenConfiguration(o)));
  };
  // The seed article spells it both ways.
  routes.get('/:key/authentication-types/:type/configuration', session, configuration);
  routes.get('/:key/authentication-types/:type/configurations', session, configuration);
  return routes;
}
