import { randomUUID } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import * as z from 'zod/mini';
import {
  CreateInstance,
  CreateSession,
  isHiddenConfiguration,
  PROBLEM_CONTENT_TYPE,
  UpdateInstance,
  type FieldError,
} from '../../contract/index.js';
import type { Config } from '../config.js';
import type { Platform, Session } from '../platform/types.js';
import { ProblemError, problems } from '../problem.js';
import { checkAdminKey, createSessionVerifier, mintSessionToken } from './auth.js';

type Env = { Variables: { session: Session; tenant?: string; requestId: string } };

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const LOGO_MAX_AGE_SECONDS = 86_400;
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

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

  // One log line per request; never headers, bodies or configuration values.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    // Set before the answer exists: a header set afterwards makes Hono copy the whole response.
    c.header('X-Request-Id', requestId);
    // Answers are private data for one session: never cached, never sniffed, never framed.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('Cache-Control', 'no-store');
    await next();
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

  // Exact-origin allowlist for the widget's calls; admin routes are server-to-server and get no CORS.
  const allowed = new Set(config.allowedOrigins);
  const corsForBrowsers = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match'],
    exposeHeaders: ['X-Request-Id', 'ETag', 'Location'],
    maxAge: 600,
  });
  // No Origin header: not a cross-origin browser call, nothing for CORS to say.
  app.use('*', (c, next) =>
    !c.req.header('Origin') || c.req.path.startsWith(adminPrefix) ? next() : corsForBrowsers(c, next),
  );

  // Content-Length over the limit is refused unread; a chunked body is counted as it streams.
  const limitBody = bodyLimit({
    maxSize: config.bodyLimitBytes,
    onError: () => {
      throw problems.tooLarge(`The request body is larger than ${config.bodyLimitBytes} bytes.`);
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
  app.get('/elements', authed, (c) => c.json(platform.catalog.list(c.get('session'))));
  app.get('/elements/:key', authed, (c) => c.json(platform.catalog.get(c.get('session'), c.req.param('key'))));
  app.get('/elements/:key/authentication-types', authed, (c) =>
    c.json(platform.catalog.authenticationTypes(c.get('session'), c.req.param('key'))),
  );
  const configuration = (c: Context<Env>) => {
    const objects = platform.catalog.configuration(c.get('session'), c.req.param('key')!, c.req.param('type')!);
    // The platform already drops host-only objects; filtering again costs nothing (defence in depth).
    return c.json(objects.filter((o) => !isHiddenConfiguration(o)));
  };
  // The seed article spells it both ways.
  app.get('/elements/:key/authentication-types/:type/configuration', authed, configuration);
  app.get('/elements/:key/authentication-types/:type/configurations', authed, configuration);

  // No session: an <img> sends no bearer, and logos are public.
  app.get('/elements/:key/logo', etag(), async (c) => {
    const logo = await platform.catalog.logo(c.req.param('key'));
    if (!logo) throw problems.notFound(`No logo for element ${c.req.param('key')}.`);
    return c.body(logo.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': logo.contentType,
      'Cache-Control': `public, max-age=${LOGO_MAX_AGE_SECONDS}`,
      // Shared caches keep one copy per Origin, CORS header or not.
      Vary: 'Origin',
      // The host page shows it from another origin.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  // --- instances -----------------------------------------------------------------------------
  app.get('/instances', authed, async (c) => c.json(await platform.instances.list(c.get('session'))));
  app.post('/instances', authed, async (c) => {
    const idempotencyKey = readIdempotencyKey(c);
    const input = parse(CreateInstance, await readJson(c));
    const instance = await platform.instances.create(c.get('session'), input, idempotencyKey);
    c.header('Location', `${config.basePath ?? ''}/instances/${encodeURIComponent(instance.id)}`);
    return c.json(instance, 201);
  });
  app.get('/instances/:id', authed, async (c) => c.json(await platform.instances.get(c.get('session'), c.req.param('id'))));
  app.patch('/instances/:id', authed, async (c) => {
    const patch = parse(UpdateInstance, await readJson(c));
    return c.json(await platform.instances.update(c.get('session'), c.req.param('id'), patch));
  });
  app.delete('/instances/:id', authed, async (c) => {
    await platform.instances.delete(c.get('session'), c.req.param('id'));
    return c.body(null, 204);
  });

  // --- admin (host backend, admin API key) ---------------------------------------------------
  app.post('/admin/sessions', admin, async (c) => {
    const input = parse(CreateSession, await readJson(c));
    c.set('tenant', input.tenantId);
    return c.json(await mintSessionToken(config.sessionSecret, input), 201);
  });
  app.get('/admin/instances', admin, async (c) => {
    const tenantId = c.req.query('tenantId') ?? '';
    if (!tenantId || tenantId.length > 200) {
      throw problems.badRequest('tenantId is required.', [{ field: 'tenantId', message: 'Give the tenant id (1 to 200 characters).' }]);
    }
    c.set('tenant', tenantId);
    return c.json(await platform.instances.list({ tenantId, userId: 'admin' }));
  });

  app.notFound((c) => problemResponse(c, problems.notFound(`There is no ${c.req.method} ${c.req.path} here.`)));

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, new ProblemError(err.status, 'Invalid request', err.message || undefined));
    }
    // Unknown: log it for the operator, tell the caller nothing about it.
    logger.error({ err, requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError(500, 'Internal error', 'Something went wrong on our side. Try again; if it keeps failing, tell the site\'s support.'),
    );
  });

  return app as unknown as Hono;
}

/** An invitation token in a path is a credential: the log keeps only that it was there. */
function loggedPath(path: string): string {
  return path.replace(/(\/invitations\/)[^/]+/, '$1[redacted]');
}

function problemResponse(c: Context, p: ProblemError): Response {
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (p.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="ce-proxy"';
  return c.body(JSON.stringify(p.toJSON()), p.status as ContentfulStatusCode, headers);
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new ProblemError(415, 'Unsupported media type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const text = await c.req.text();
  if (!text.trim()) throw problems.badRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (e) {
    // The engine's message quotes the body (perhaps a password); keep only the position.
    const where = /position \d+/.exec((e as Error).message)?.[0];
    throw problems.badRequest(`The request body is not valid JSON${where ? ` (error at ${where})` : ''}.`);
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
  throw problems.badRequest(`The request is invalid: ${detail}.`, errors.length ? errors : undefined);
}

/** Dotted path; a configuration value is named by its key alone (keys hold dots, e.g. user.password). */
function fieldOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'configuration' && path.length >= 2) return String(path[1]);
  return path.map(String).join('.');
}

function readIdempotencyKey(c: Context): string | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]+$/.test(key) || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw problems.badRequest(`The Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`, [
      { field: 'Idempotency-Key', message: `Use 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, e.g. a UUID.` },
    ]);
  }
  return key;
}
