import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { IDEMPOTENCY_KEY_MAX_LENGTH, isIdempotencyKey, type FieldError } from '../../contract/index.js';
import { pickLocale } from '../locale.js';
import type { Session } from '../platform/types.js';
import { ProblemError } from '../problem.js';

/** What the proxy's middleware leave on a request, for the routes and the log line. */
export type ProxyEnv = {
  Variables: {
    session: Session;
    /** The tenant a request concerns, for the log line (a session's, or an admin call's tenantId). */
    tenant?: string;
    requestId: string;
    /** The answer's headers: see answerHeaders. */
    headers: Record<string, string>;
  };
};
export type ProxyContext = Context<ProxyEnv>;

/**
 * The answer's headers as one plain object per request: middleware add to it (request id,
 * security, CORS), `send` writes it. The Node adapter writes a plain object without building
 * Headers, which cost more than the catalog answer itself.
 */
export function answerHeaders(c: Context): Record<string, string> {
  let headers = c.get('headers') as Record<string, string> | undefined;
  if (!headers) c.set('headers', (headers = {}));
  return headers;
}

/** The language of an answer's app words (names, labels, a vendor's refusal): the best of the definitions' `locales` for Accept-Language. */
export const appLocale = (c: Context, locales: readonly string[]) => pickLocale(c.req.header('Accept-Language'), locales);

/** `Vary` of this answer: what the middleware put there (Origin), then `names`. */
export const varyOn = (c: Context, ...names: string[]) => [answerHeaders(c).vary, ...names].filter(Boolean).join(', ');

/** Every answer leaves here: the request's headers plus `extra`. */
export function send(c: Context, body: string | Uint8Array | null, status: number, extra?: Record<string, string>): Response {
  const headers = answerHeaders(c);
  // The request's own object (one answer per request): add to it rather than copy it.
  if (extra) Object.assign(headers, extra);
  return new Response(body as BodyInit | null, { status, headers });
}

const JSON_TYPE: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

export function sendJson(c: Context, value: unknown, status = 200, extra?: Record<string, string>): Response {
  return send(c, JSON.stringify(value), status, extra ? { ...JSON_TYPE, ...extra } : JSON_TYPE);
}

/** The path of a request URL exactly as sent: not percent-decoded (c.req.path decodes `%2e`), without the query. */
export function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1) return '/';
  const end = url.indexOf('?', start);
  return url.slice(start, end === -1 ? undefined : end);
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

/** A strong ETag of fixed content. */
export function tagOf(data: string | Uint8Array): string {
  return `"${createHash('sha256').update(data).digest('base64url')}"`;
}

/** If-None-Match against one strong tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** The body as JSON: 415 for another media type, 400 for an empty or malformed body. */
export async function readJson(c: Context): Promise<unknown> {
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
export function parse<T>(schema: z.ZodMiniType<T>, value: unknown): T {
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

/** A path parameter or query value checked by a contract schema: one no column can hold is a 400 naming it. */
export function checkValue<T>(field: string, value: string | undefined, schema: z.ZodMiniType<T>): T {
  const r = z.safeParse(schema, value ?? '');
  if (r.success) return r.data;
  const message = r.error.issues[0]?.message ?? 'Invalid value.';
  throw new ProblemError('validation_failed', `The request is invalid: ${field}: ${message}`, [{ field, message }]);
}

/** Dotted path; a configuration value is named by its key alone (keys hold dots, e.g. user.password). */
function fieldOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'configuration' && path.length >= 2) return String(path[1]);
  return path.map(String).join('.');
}

/** The Idempotency-Key header, when sent; a malformed one is a 400 naming the header. */
export function readIdempotencyKey(c: Context): string | undefined {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  if (!isIdempotencyKey(key)) {
    throw new ProblemError(
      'validation_failed',
      `The Idempotency-Key header must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters.`,
      [{ field: 'Idempotency-Key', message: `Use 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters, e.g. a UUID.` }],
    );
  }
  return key;
}
