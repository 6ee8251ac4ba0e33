import { ProblemError } from '../problem.js';
import { credentialsRejected, definitionOf, findInstance, recordStatus, type ConnectionDeps } from './checks.js';
import type { PassthroughRequest } from './types.js';

/** Methods the passthrough sends on; anything else (TRACE, CONNECT) is refused. */
export const PASSTHROUGH_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

// The caller's headers that describe its request; everything else (its Authorization above all: the admin key) stays here.
const FORWARDED = [
  'accept',
  'accept-language',
  'content-type',
  'content-language',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'prefer',
  'idempotency-key',
];
// Of the app's answer: hop-by-hop headers, credentials and cookies, and what would speak for this proxy to a browser.
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'set-cookie2',
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
  'proxy-authentication-info',
  'authorization',
  'strict-transport-security',
  'alt-svc',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
]);

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DOT_SEGMENT = /^\.{1,2}$/;
// eslint-disable-next-line no-control-regex -- it exists to refuse control characters
const CONTROL = /[\x00-\x1f\x7f]/;

const badPath = (why: string) =>
  new ProblemError('validation_failed', `The path ${why}: give a path under the app's API base, such as customers/42.`, [
    { field: 'path', message: `The path ${why}.` },
  ]);

/**
 * The caller's path, refused when it could leave the app's API base: `.` and `..` segments (percent-encoded
 * too), encoded slashes or backslashes, empty segments (`//`), an absolute URL, control characters.
 */
export function checkPassthroughPath(path: string): string {
  if (SCHEME.test(path) || path.startsWith('/')) throw badPath('is an absolute address');
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    if (segment === '' && i < segments.length - 1) throw badPath('has an empty segment (//)');
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw badPath('holds a malformed percent-encoding');
    }
    if (DOT_SEGMENT.test(decoded)) throw badPath('holds a "." or ".." segment');
    if (/[/\\]/.test(decoded)) throw badPath('holds an encoded slash or a backslash');
    if (CONTROL.test(decoded)) throw badPath('holds a control character');
  });
  return path;
}

/** The caller's path, query, headers and body on the request the engine built (base URL and credentials). */
function shapeRequest(req: PassthroughRequest, path: string) {
  return (url: URL, init: RequestInit & { headers: Headers }) => {
    const base = new URL(url);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
    // The engine's credential query parameters win over the caller's of the same name.
    url.search = req.search;
    for (const [k, v] of base.searchParams) url.searchParams.set(k, v);
    if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname.replace(/\/+$/, '')}/`))
      throw badPath('leaves the API base');
    for (const name of FORWARDED) {
      const v = req.headers.get(name);
      if (v !== null && (name === 'accept' || !init.headers.has(name))) init.headers.set(name, v);
    }
    init.method = req.method;
    if (req.body && req.method !== 'GET' && req.method !== 'HEAD') Object.assign(init, { body: req.body, duplex: 'half' });
  };
}

/** The answer's headers: the app's, minus hop-by-hop and credential headers (and a length fetch's decoding made wrong). */
function passedHeaders(res: Response): Headers {
  const headers = new Headers();
  const named = (res.headers.get('connection') ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim());
  const decoded = res.headers.has('content-encoding');
  for (const [k, v] of res.headers) {
    if (DROPPED.has(k) || named.includes(k)) continue;
    // fetch already decompressed the body: its encoding and length no longer describe it.
    if (decoded && (k === 'content-encoding' || k === 'content-length')) continue;
    headers.append(k, v);
  }
  return headers;
}

const tooLarge = (element: string, max: number) =>
  new ProblemError('vendor_error', `${element}'s answer is too large: more than ${max} bytes. Ask for less (a smaller page).`);

/** Streams the body on, erroring it once it passes `max` bytes: the answer is never held whole. */
function limitBody(body: ReadableStream<Uint8Array>, max: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) {
          onTooLarge();
          controller.error(new Error(`answer larger than ${max} bytes`));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Sends the host backend's request to instance `id`'s app with its credentials, under the
 * engine's outbound rules; answers the app's status, headers (filtered) and body (streamed, at
 * most `maxResponseBytes`). A 401 or 403 marks the instance needs_attention.
 */
export async function passthrough(
  deps: ConnectionDeps & { maxResponseBytes: number },
  id: string,
  req: PassthroughRequest,
): Promise<Response> {
  if (!(PASSTHROUGH_METHODS as readonly string[]).includes(req.method)) {
    throw new ProblemError('validation_failed', `The passthrough does not send ${req.method} requests.`);
  }
  const path = checkPassthroughPath(req.path);
  const row = await findInstance(deps, {}, id);
  const { def, auth } = definitionOf(deps, row);
  const started = performance.now();
  const outcome = { instance: row.id, tenant: row.tenant_id, element: row.element_key, method: req.method };
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  let res: Response;
  try {
    // An OAuth token is refreshed first when it is about to lapse, and once more on a 401 when the request can be sent again.
    res = await deps.credentials.call(
      row,
      def,
      auth,
      { method: req.method, path: '' },
      { shape: shapeRequest(req, path), replayable: !req.body },
    );
  } catch (e) {
    deps.logger.info({ ...outcome, code: e instanceof ProblemError ? e.code : 'internal_error', ms: ms() }, 'passthrough failed');
    throw e;
  }
  deps.logger.info({ ...outcome, status: res.status, ms: ms() }, 'passthrough');
  if (res.status === 401 || res.status === 403) {
    await recordStatus(
      deps,
      row,
      credentialsRejected(`${def.name} refused the stored credentials (HTTP ${res.status}); reconnect it.`),
    );
  }
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > deps.maxResponseBytes) {
    res.body?.cancel().catch(() => {});
    throw tooLarge(def.name, deps.maxResponseBytes);
  }
  const headers = passedHeaders(res);
  const overflow = () => deps.logger.warn({ ...outcome, max: deps.maxResponseBytes }, 'passthrough answer cut: too large');
  // 204, 205 and 304 carry no body; a HEAD's answer neither.
  const bodyless = [204, 205, 304].includes(res.status) || req.method === 'HEAD';
  if (bodyless) res.body?.cancel().catch(() => {});
  const body = res.body && !bodyless ? limitBody(res.body, deps.maxResponseBytes, overflow) : null;
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}
