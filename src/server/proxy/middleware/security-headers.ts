import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { answerHeaders } from '../http.js';

// Answers are private data for one session: never cached, never sniffed, never framed.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};
const EXPOSED_HEADERS = ['X-Request-Id', 'ETag', 'Location'];

/**
 * Security headers on every answer, errors included, and CORS for the widget's calls from an
 * exact-origin allowlist. Paths under `serverOnlyPrefix` (the admin API, server to server) get no CORS.
 */
export function securityHeaders(opts: { allowedOrigins: readonly string[]; serverOnlyPrefix: string }): MiddlewareHandler {
  const allowed = new Set(opts.allowedOrigins);
  const exposed = EXPOSED_HEADERS.join(',');
  const preflight = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });

  return async (c, next) => {
    const headers = Object.assign(answerHeaders(c), SECURITY_HEADERS);
    const origin = c.req.header('Origin');
    // No Origin header: not a cross-origin browser call, nothing for CORS to say.
    const browser = origin !== undefined && origin !== '' && !c.req.path.startsWith(opts.serverOnlyPrefix);
    if (!browser) return next();
    // What hono/cors adds to a non-preflight answer, without its copy of the Response.
    if (allowed.has(origin)) headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = exposed;
    headers.vary = 'Origin';
    if (c.req.method !== 'OPTIONS') return next();
    // Preflights are rare (cached for 10 minutes): hono/cors answers them on Hono's own headers.
    for (const name in headers) if (name !== 'vary') c.header(name, headers[name]);
    const answer = await preflight(c, next);
    if (answer) c.res = answer;
  };
}
