import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono, type MiddlewareHandler } from 'hono';
import { identifier, IDENTIFIER_MAX, isHiddenConfiguration } from '../../../contract/index.js';
import type { Platform, Session } from '../../platform/types.js';
import { appLocale, checkValue, etagMatches, send, sendJson, tagOf, varyOn, type ProxyContext, type ProxyEnv } from '../http.js';

const ElementKey = identifier(IDENTIFIER_MAX.elementKey);
const AuthenticationTypeKey = identifier(IDENTIFIER_MAX.authenticationType);
export const keyOf = (c: ProxyContext) => checkValue('key', c.req.param('key'), ElementKey);
const typeOf = (c: ProxyContext) => checkValue('type', c.req.param('type'), AuthenticationTypeKey);

// Distinct `elements` lists whose catalog answer is kept; host-signed tokens could name endless lists.
const CATALOG_CACHE_SIZE = 1_000;

/** The content codings the catalog answer comes in, best first, each made once per answer when first asked for. */
const CODINGS = {
  // Quality 5: milliseconds for a 1,000-app catalog, where brotli's default (11) takes hundreds.
  br: (json: string) => brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (json: string) => gzipSync(json),
};
type Coding = keyof typeof CODINGS;

/** The best coding `Accept-Encoding` accepts (a q of 0 refuses one), or none. */
export function acceptedCoding(acceptEncoding: string | undefined): Coding | undefined {
  const q = new Map<string, number>();
  for (const item of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [coding = '', ...params] = item.split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    q.set(coding, weight ? Number(weight.slice(2)) : 1);
  }
  return (Object.keys(CODINGS) as Coding[]).find((c) => (q.get(c) ?? q.get('*') ?? 0) > 0);
}

/**
 * The catalog, mounted at /elements: elements, their authentication types and configuration.
 * Guarded route by route, not with `use('*')`: the public logo lives under /elements too.
 */
export function catalogRoutes(platform: Platform, session: MiddlewareHandler<ProxyEnv>): Hono<ProxyEnv> {
  const routes = new Hono<ProxyEnv>();

  // The language of the names and labels: the best the definitions have for Accept-Language (the widget sends its own).
  const localeOf = (c: ProxyContext) => appLocale(c, platform.catalog.locales);
  const inLocale = (c: ProxyContext, locale: string) => ({ 'content-language': locale, vary: varyOn(c, 'Accept-Language') });

  // The catalog is fixed after start-up: one serialised (and, when asked for, compressed) answer and ETag
  // per distinct `elements` list and language.
  const answers = new Map<string, { json: string; etag: string; encoded: Partial<Record<Coding, Uint8Array>> }>();
  const catalogAnswer = (s: Session, locale: string) => {
    const key = `${locale} ${s.elements ? JSON.stringify(s.elements) : '*'}`;
    let answer = answers.get(key);
    if (!answer) {
      const json = JSON.stringify(platform.catalog.list(s, locale));
      // The language is in the tag: two languages whose words happen to match are still two representations.
      answer = { json, etag: tagOf(`${locale}\n${json}`), encoded: {} };
      if (answers.size >= CATALOG_CACHE_SIZE) answers.delete(answers.keys().next().value!);
      answers.set(key, answer);
    }
    return answer;
  };

  routes.get('/', session, (c) => {
    const locale = localeOf(c);
    const answer = catalogAnswer(c.get('session'), locale);
    // Each coding and language is a representation of its own: its own strong ETag, and caches tell them apart (Vary).
    const coding = acceptedCoding(c.req.header('Accept-Encoding'));
    const headers = {
      etag: coding ? `${answer.etag.slice(0, -1)}-${coding}"` : answer.etag,
      'content-language': locale,
      vary: varyOn(c, 'Accept-Encoding', 'Accept-Language'),
    };
    if (etagMatches(c.req.header('If-None-Match'), headers.etag)) return send(c, null, 304, headers);
    if (!coding) return send(c, answer.json, 200, { 'content-type': 'application/json', ...headers });
    const body = (answer.encoded[coding] ??= CODINGS[coding](answer.json));
    return send(c, body, 200, { 'content-type': 'application/json', 'content-encoding': coding, ...headers });
  });
  routes.get('/:key', session, (c) => {
    const locale = localeOf(c);
    return sendJson(c, platform.catalog.get(c.get('session'), keyOf(c), locale), 200, inLocale(c, locale));
  });
  routes.get('/:key/authentication-types', session, (c) => {
    const locale = localeOf(c);
    return sendJson(c, platform.catalog.authenticationTypes(c.get('session'), keyOf(c), locale), 200, inLocale(c, locale));
  });
  const configuration = (c: ProxyContext) => {
    const locale = localeOf(c);
    const objects = platform.catalog.configuration(c.get('session'), keyOf(c), typeOf(c), locale);
    // The platform already drops host-only objects; filtering again costs nothing (defence in depth).
    return sendJson(
      c,
      objects.filter((o) => !isHiddenConfiguration(o)),
      200,
      inLocale(c, locale),
    );
  };
  // The seed article spells it both ways.
  routes.get('/:key/authentication-types/:type/configuration', session, configuration);
  routes.get('/:key/authentication-types/:type/configurations', session, configuration);
  return routes;
}
