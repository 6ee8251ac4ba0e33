import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../log.js';
import * as z from 'zod/mini';
import {
  CreateInstance,
  CreateSession,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  isHiddenConfiguration,
  isIdempotencyKey,
  PROBLEM_CONTENT_TYPE,
  UpdateInstance,
  type FieldError,
} from '../../contract/index.js';
import type { Config } from '../config.js';
import type { Platform, Session } from '../platform/types.js';
import { ProblemError } from '../problem.js';
import { checkAdminKey, createSessionVerifier, mintSessionToken } from './auth.js';

type Env = { Variables: { session: Session; tenant?: string; requestId: string; headers: Record<string, string> } };

const LOGO_MAX_AGE_SECONDS = 86_400;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Distinct `elements` lists whose catalog answer is kept; host-signed tokens could name endless lists.
const CATALOG_CACHE_SIZE = 1_000;
const EXPOSED_HEADERS = ['X-Request-Id', 'ETag', 'Location'];
// Answers are private data for one session: never cached, never sniffed, never framed.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};
const JSON_TYPE: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/**
 * The proxy: browser-facing routes (session token) and admin routes (admin API key) over the
 * platform. Routes are thin: parse with the contract, call the platform, answer the wire shape.
 * Every error leaves through one handler as application/problem+json.
 */
export function createApp(deps: { platform: Platform; config: Config; logger: Logger }): Hono {
  const { platform, config, logger } = deps;
  const verifySession = createSessionVerifier(config);
  const app = config.basePath ? new Hono<Env>().basePath(config.basePath) : new Hono<Env>();
  const adminPrefix = `${config.basePath ?? ''}/admin/`;

  // Exact-origin allowlist for the widget's calls; admin routes are server-to-server and get no CORS.
  const allowed = new Set(config.allowedOrigins);
  const corsPreflight = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const exposed = EXPOSED_HEADERS.join(',');

  // One log line per request; never headers, bodies or configuration values.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    // A plain object, not c.header(): Hono's Headers cost more than the catalog answer itself.
    const headers: Record<string, string> = { 'x-request-id': requestId, ...SECURITY_HEADERS };
    const origin = c.req.header('Origin');
    // No Origin header: not a cross-origin browser call, nothing for CORS to say.
    const browser = origin !== undefined && origin !== '' && !c.req.path.startsWith(adminPrefix);
    if (browser) {
      // What hono/cors adds to a non-preflight answer, without its copy of the Response.
      if (allowed.has(origin)) headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = exposed;
      headers.vary = 'Origin';
    }
    c.set('headers', headers);
    if (browser && c.req.method === 'OPTIONS') {
      // Preflights are rare (cached for 10 minutes): hono/cors answers them on Hono's own headers.
      for (const name in headers) if (name !== 'vary') c.header(name, headers[name]);
      const preflight = await corsPreflight(c, next);
      if (preflight) c.res = preflight;
    } else {
      await next();
    }
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenant: c.get('tenant'),
      },
      'request',
    );
  });

  // Content-Length over the limit is refused unread; a chunked body is counted as it streams.
  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: () => {
      throw new ProblemError('payload_too_large', `The request body is larger than ${config.bodyLimitBytes} bytes.`);
    },
  });
  // Only where a body is read: touching the body of a GET makes the Node adapter build a full Request.
  app.use('*', (c, next) => (BODYLESS.has(c.req.method) ? next() : limitBody(c, next)));

  const authed: MiddlewareHandler<Env> = async (c, next) => {
    const session = await verifySession(c.req.header('Authorization'));
    c.set('session', session);
    c.set('tenant', session.tenantId);
    await next();
  };
  const admin: MiddlewareHandler<Env> = async (c, next) => {
    checkAdminKey(c.req.header('Authorization'), config.adminApiKey);
    await next();
  };

  // --- catalog -------------------------------------------------------------------------------
  // The catalog is fixed after start-up: one serialised answer and ETag per distinct `elements` list.
  const catalogAnswers = new Map<string, { json: string; etag: string }>();
  const catalogAnswer = (session: Session) => {
    const key = session.elements ? JSON.stringify(session.elements) : '*';
    let answer = catalogAnswers.get(key);
    if (!answer) {
      const json = JSON.stringify(platform.catalog.list(session));
      answer = { json, etag: tagOf(json) };
      if (catalogAnswers.size >= CATALOG_CACHE_SIZE) catalogAnswers.delete(catalogAnswers.keys().next().value!);
      catalogAnswers.set(key, answer);
    }
    return answer;
  };
  app.get('/elements', authed, (c) => {
    const { json, etag } = catalogAnswer(c.get('session'));
    if (etagMatches(c.req.header('If-None-Match'), etag)) return send(c, null, 304, { etag });
    return send(c, json, 200, { 'content-type': 'application/json', etag });
  });
  app.get('/elements/:key', authed, (c) => sendJson(c, platform.catalog.get(c.get('session'), c.req.param('key'))));
  app.get('/elements/:key/authentication-types', authed, (c) =>
    sendJson(c, platform.catalog.authenticationTypes(c.get('session'), c.req.param('key'))),
  );
  const configuration = (c: Context<Env>) => {
    const objects = platform.catalog.configuration(c.get('session'), c.req.param('key')!, c.req.param('type')!);
    // The platform already drops host-only objects; filtering again costs nothing (defence in depth).
    return sendJson(c, objects.filter((o) => !isHiddenConfiguration(o)));
  };
  // The seed article spells it both ways.
  app.get('/elements/:key/authentication-types/:type/configuration', authed, configuration);
  app.get('/elements/:key/authentication-types/:type/configurations', authed, configuration);

  // No session: an <img> sends no bearer, and logos are public.
  // Logos never change after start-up (the catalog reads each file once): one tag per logo.
  const logoTags = new WeakMap<Uint8Array, string>();
  app.get('/elements/:key/logo', async (c) => {
    const logo = await platform.catalog.logo(c.req.param('key'));
    if (!logo) throw new ProblemError('not_found', `No logo for element ${c.req.param('key')}.`);
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

  // --- instances -----------------------------------------------------------------------------
  app.get('/instances', authed, async (c) => sendJson(c, await platform.instances.list(c.get('session'))));
  app.post('/instances', authed, async (c) => {
    const idempotencyKey = readIdempotencyKey(c);
    const input = parse(CreateInstance, await readJson(c));
    const instance = await platform.instances.create(c.get('session'), input, idempotencyKey);
    return sendJson(c, instance, 201, { location: `${config.basePath ?? ''}/instances/${encodeURIComponent(instance.id)}` });
  });
  app.get('/instances/:id', authed, async (c) => sendJson(c, await platform.instances.get(c.get('session'), c.req.param('id'))));
  app.patch('/instances/:id', authed, async (c) => {
    const patch = parse(UpdateInstance, await readJson(c));
    return sendJson(c, await platform.instances.update(c.get('session'), c.req.param('id'), patch));
  });
  app.delete('/instances/:id', authed, async (c) => {
    await platform.instances.delete(c.get('session'), c.req.param('id'));
    return send(c, null, 204);
  });

  // --- admin (host backend, admin API key) ---------------------------------------------------
  app.post('/admin/sessions', admin, async (c) => {
    const input = parse(CreateSession, await readJson(c));
    c.set('tenant', input.tenantId);
    return sendJson(c, await mintSessionToken(config.sessionSecret, input), 201);
  });
  app.get('/admin/instances', admin, async (c) => {
    const tenantId = c.req.query('tenantId') ?? '';
    if (!tenantId || tenantId.length > 200) {
      throw new ProblemError('validation_failed', 'tenantId is required.', [{ field: 'tenantId', message: 'Give the tenant id (1 to 200 characters).' }]);
    }
    c.set('tenant', tenantId);
    return sendJson(c, await platform.instances.list({ tenantId, userId: 'admin' }));
  });

  app.notFound((c) => problemResponse(c, new ProblemError('not_found', `There is no ${c.req.method} ${c.req.path} here.`)));

  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      // The cause (a vendor's socket error, a driver's message) is for the operator, never the answer.
      if (err.cause !== undefined) logger.warn({ err: err.cause, code: err.code, requestId: c.get('requestId') }, err.code);
      return problemResponse(c, err);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, new ProblemError('validation_failed', err.message || undefined));
    }
    // Unknown: log it for the operator, tell the caller nothing about it.
    logger.error({ err, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError('internal_error', 'Something went wrong on our side. Try again; if it keeps failing, tell the site\'s support.'),
    );
  });

  return app as unknown as Hono;
}

/** An invitation token in a path is a credential: the log keeps only that it was there. */
function loggedPath(path: string): string {
  return path.includes('/invitations/') ? path.replace(/(\/invitations\/)[^/]+/, '$1[redacted]') : path;
}

/**
 * Every answer leaves here: the request's headers (request id, security, CORS; set by the first
 * middleware) plus `extra`, as a plain object the Node adapter writes without building Headers.
 */
function send(c: Context<Env>, body: string | Uint8Array | null, status: number, extra?: Record<string, string>): Response {
  const headers = c.get('headers');
  // The request's own object (one answer per request): add to it rather than copy it.
  if (headers && extra) Object.assign(headers, extra);
  return new Response(body as BodyInit | null, { status, headers: headers ?? { ...SECURITY_HEADERS, ...extra } });
}

function sendJson(c: Context<Env>, value: unknown, status = 200, extra?: Record<string, string>): Response {
  return send(c, JSON.stringify(value), status, extra ? { ...JSON_TYPE, ...extra } : JSON_TYPE);
}

/** If-None-Match against one strong tag (weak comparison, as RFC 9110 asks for GET). */
/** A strong ETag of fixed content. */
function tagOf(data: string | Uint8Array): string {
  return `"${createHash('sha256').update(data).digest('base64url')}"`;
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function problemResponse(c: Context<Env>, p: ProblemError): Response {
  const extra: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (p.status === 401) extra['www-authenticate'] = 'Bearer realm="ce-proxy"';
  if (p.headers) Object.assign(extra, p.headers);
  return send(c, JSON.stringify(p.toJSON()), p.status, extra);
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new ProblemError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  if (!text.trim()) throw new ProblemError('validation_failed', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (e) {
    // The engine's message quotes the body (perhaps a password); keep only the position.
    const where = /position \d+/.exec((e as Error).message)?.[0];
    throw new ProblemError('validation_failed', `The request body is not valid JSON${where ? ` (error at ${where})` : ''}.`);
  }
}

/** Parses with a contract schema; failures become a 400 naming each field (configuration values by their key). */
function parse<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const r = z.safeParse(schema, value);
  if (r.success) return r.data;
  const errors: FieldError[] = [];
  const general: string[] = [];
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ field: fieldOf([...issue.path, key]), message: 'Unknown field.' });
    } else if (issue.path.length === 0) {
      general.push(issue.message);
    } else {
      errors.push({ field: fieldOf(issue.path), message: issue.message });
    }
  }
  const detail = [...general, ...errors.map((e) => `${e.field}: ${e.message}`)].join('; ');
  throw new ProblemError('validation_failed', `The request is invalid: ${detail}.`, errors.length ? errors : undefined);
}

/** Dotted path; a configuration value is named by its key alone (keys hold dots, e.g. user.password). */
function fieldOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'configuration' && path.length >= 2) return String(path[1]);
  return path.map(String).join('.');
}

function readIdempotencyKey(c: Context): string | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!isIdempotencyKey(key)) {
    throw new ProblemError('validation_failed', `The Idempotency-Key header must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters.`, [
      { field: 'Idempotency-Key', message: `Use 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters, e.g. a UUID.` },
    ]);
  }
  return key;
}
