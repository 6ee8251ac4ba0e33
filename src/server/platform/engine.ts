import { isHiddenConfiguration, type ConfigurationValues, type FieldError } from '../../contract/index.js';
import { DEFAULT_LOCALE } from '../locale.js';
import { ProblemError } from '../problem.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { hostMatches, outboundFetch, PLAIN_HEADERS, type OutboundPolicy } from './outbound.js';
import { scrubFailure, wordsOf } from './scrub.js';
import { wordsIn } from './translations.js';

// The one engine that interprets element definitions: fills templates, applies credentials,
// and sends requests to the element's API through the outbound policy.

export interface EngineOptions {
  /** Platform variables for `{$NAME}` templates, e.g. SANDBOX_URL. */
  vars: Record<string, string>;
  /** Development mode: sandbox elements may reach loopback addresses. */
  development: boolean;
  timeoutMs: number;
  /** Milliseconds since the epoch, for token expiry (tests move it); default Date.now. */
  now?: () => number;
}

export interface ElementRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

// `{origin:key}` (only at the start of a URL) holds a whole `https://host` origin, inserted verbatim once checked.
const PLACEHOLDER = /\{(?:origin:)?(\$?[A-Za-z0-9_.-]+)\}/g;
const ORIGIN_PLACEHOLDER = /^\{origin:[A-Za-z0-9_.-]+\}/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function valueOf(name: string, values: ConfigurationValues, vars: Record<string, string>): string | undefined {
  if (name.startsWith('$')) return vars[name.slice(1)];
  const v = values[name];
  if (v === undefined || v === '') return undefined;
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** Fills `{key}` and `{$VAR}` placeholders; `encode` escapes user values for a URL. */
export function fill(
  template: string,
  values: ConfigurationValues,
  vars: Record<string, string>,
  encode: (s: string) => string = (s) => s,
): string {
  return template.replace(PLACEHOLDER, (whole: string, name: string) => {
    const v = valueOf(name, values, vars);
    if (v === undefined) {
      if (name.startsWith('$')) throw new Error(`Platform variable ${name.slice(1)} is not set`);
      throw new ProblemError('validation_failed', `${name} is required.`, [{ field: name, message: 'Required.' }]);
    }
    if (whole.startsWith('{origin:')) {
      if (!isOrigin(v))
        throw new ProblemError('validation_failed', `${name} is not an https origin.`, [
          { field: name, message: 'Not an https origin.' },
        ]);
      return v;
    }
    return name.startsWith('$') ? v : encode(v);
  });
}

/** `https://host` and nothing else: no userinfo, port, path, query or fragment. */
function isOrigin(v: string): boolean {
  const u = URL.parse(v);
  return u?.protocol === 'https:' && u.port === '' && u.origin === v;
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
// What undici sends in a header value: tab, visible ASCII, space and Latin-1; never CR, LF or NUL.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

type Place = 'origin' | 'host' | 'path' | 'header';
const placeRules: Record<Place, { fits: (v: string, hosts: string[]) => boolean; message: (label: string) => string }> = {
  origin: {
    fits: (v, hosts) => isOrigin(v) && hostMatches(new URL(v).hostname, hosts),
    message: (l) =>
      `${l} must be an https address with a host this app allows and nothing after it (for example "https://acme.example.com").`,
  },
  host: { fits: (v) => HOST_LABEL.test(v), message: (l) => `${l} must be letters, digits and hyphens only (for example "acme").` },
  path: { fits: (v) => !DOT_SEGMENT.test(v), message: (l) => `${l} cannot be "." or "..".` },
  header: {
    fits: (v) => HEADER_VALUE.test(v),
    message: (l) =>
      `${l} holds a character that cannot be sent (a line break, a control character, or a symbol such as "€"). Enter it again without it.`,
  },
};

/** The templates of a request and where each puts its values. */
function placedTemplates(auth: AuthenticationDefinition, req?: ElementRequest): [Place, string][] {
  const pathOf = (t: string) => t.split('?')[0]!;
  const urls: [Place, string][] = [];
  // The OAuth 2 addresses take user values too (a Shopify shop, a Zendesk subdomain).
  for (const u of [auth.baseUrl, auth.oauth2?.authorizationUrl, auth.oauth2?.tokenUrl]) {
    if (u === undefined) continue;
    const origin = ORIGIN_PLACEHOLDER.exec(u)?.[0];
    const [, authority = '', rest = u] = origin ? [u, origin, u.slice(origin.length)] : (/^[a-z]+:\/\/([^/]*)(.*)$/is.exec(u) ?? []);
    urls.push([origin ? 'origin' : 'host', authority], ['path', pathOf(rest)]);
  }
  const headers = [auth.credentials.bearer, ...Object.values(auth.credentials.headers ?? {})];
  for (const r of [auth.verify, req]) headers.push(...Object.values(r?.headers ?? {}));
  return [
    ...urls,
    ...[auth.verify?.path, req?.path].filter((t) => t !== undefined).map((t): [Place, string] => ['path', pathOf(t)]),
    ...headers.filter((t) => t !== undefined).map((t): [Place, string] => ['header', t]),
  ];
}

/**
 * User values must fit where the definition puts them: one DNS label in a host name (so
 * `evil.com/x` is never a host), a bare `https://host` on the element's `hosts` for `{origin:key}`,
 * one path segment but never `.` or `..` in a path, and text a header can carry (no CR, LF, NUL,
 * nothing beyond Latin-1). One error per field. Without `hosts` no origin fits.
 */
export function checkPlacement(
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  req?: ElementRequest,
  hosts: string[] = [],
): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const [place, template] of placedTemplates(auth, req)) {
    for (const [, name] of template.matchAll(PLACEHOLDER)) {
      const v = name!.startsWith('$') || errors.has(name!) ? undefined : valueOf(name!, values, {});
      if (v === undefined || placeRules[place].fits(v, hosts)) continue;
      const label = auth.configuration.find((c) => c.key === name)?.name ?? name!;
      errors.set(name!, { field: name!, message: placeRules[place].message(label) });
    }
  }
  return [...errors.values()];
}

export function policyFor(def: ElementDefinition, opts: EngineOptions): OutboundPolicy {
  return {
    element: def.name,
    hosts: def.hosts.map((h) => fill(h, {}, opts.vars)),
    allowPrivate: def.sandbox && opts.development,
    timeoutMs: opts.timeoutMs,
    redirectOrigins: (def.redirectOrigins ?? []).map((o) => new URL(fill(o, {}, opts.vars)).origin),
  };
}

/** Builds the URL and fetch init of a request to the element's API, credentials applied. */
export function buildRequest(
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  vars: Record<string, string>,
  req: ElementRequest,
  hosts: string[] = [],
): { url: URL; init: RequestInit } {
  const errors = checkPlacement(auth, values, req, hosts);
  if (errors.length) throw new ProblemError('validation_failed', errors[0]!.message, errors);
  const base = fill(auth.baseUrl, values, vars, encodeURIComponent).replace(/\/+$/, '');
  const path = fill(req.path, values, vars, encodeURIComponent);
  let url: URL;
  try {
    url = new URL(base + (path.startsWith('/') || path === '' ? path : `/${path}`));
  } catch {
    throw new ProblemError('validation_failed', `The address built from these settings is not valid: check the fields that form it.`);
  }
  const headers = new Headers({ accept: 'application/json' });
  const cred = auth.credentials;
  const put = (target: Record<string, string> | undefined, set: (k: string, v: string) => void) => {
    for (const [k, t] of Object.entries(target ?? {})) set(k, fill(t, values, vars));
  };
  if (cred.basic) {
    const user = fill(cred.basic.username, values, vars);
    const pass = fill(cred.basic.password, values, vars);
    headers.set('authorization', `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`);
  }
  if (cred.bearer) headers.set('authorization', `Bearer ${fill(cred.bearer, values, vars)}`);
  put(cred.headers, (k, v) => headers.set(k, v));
  put(cred.query, (k, v) => url.searchParams.set(k, v));
  put(req.headers, (k, v) => headers.set(k, v));
  put(req.query, (k, v) => url.searchParams.set(k, v));
  const init: RequestInit = { method: req.method ?? 'GET', headers };
  if (req.body !== undefined) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(req.body);
  }
  return { url, init };
}

/**
 * Sends a request to the element's API with the instance's credentials. `shape` may change the
 * built request before it is sent (the passthrough adds the caller's path, query and body).
 */
/** A caller's own changes to the request the engine built (base URL and credentials applied): the passthrough's path, query, headers and body. */
export type RequestShape = (url: URL, init: RequestInit & { headers: Headers }) => void;

export async function callElement(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  req: ElementRequest,
  opts: EngineOptions,
  shape?: RequestShape,
): Promise<Response> {
  const secrets: unknown[] = secretKeys(auth).map((k) => values[k]);
  try {
    const policy = policyFor(def, opts);
    const { url, init } = buildRequest(auth, values, opts.vars, req, policy.hosts);
    shape?.(url, init as RequestInit & { headers: Headers });
    // As sent, too: "Basic <base64>", "Bearer <token>", credential query values.
    const credentialParams = Object.keys(auth.credentials.query ?? {});
    const sent = [...new Headers(init.headers)].filter(([name]) => !PLAIN_HEADERS.includes(name));
    secrets.push(...sent.map(([, v]) => v), ...credentialParams.map((p) => url.searchParams.get(p)));
    return await outboundFetch(url, init, policy, credentialParams);
  } catch (e) {
    const answered = wordsOf(secrets);
    throw scrubFailure(e, [...wordsOf(Object.values(values)), ...answered], answered);
  }
}

/** Keys whose values are secrets: passwords, host-only settings, and whatever the credentials templates carry. */
function secretKeys(auth: AuthenticationDefinition): string[] {
  const { basic, bearer, headers, query } = auth.credentials;
  const templates = [basic?.username, basic?.password, bearer, ...Object.values(headers ?? {}), ...Object.values(query ?? {})];
  const keys = auth.configuration.filter((c) => c.type === 'PASSWORD' || isHiddenConfiguration(c)).map((c) => c.key);
  for (const t of templates) for (const [, name] of (t ?? '').matchAll(PLACEHOLDER)) if (!name!.startsWith('$')) keys.push(name!);
  return keys;
}

/**
 * Checks credentials with the element's verify request. Resolves when the vendor accepts them
 * (with the account's identity where the definition says where it is); throws a problem naming
 * the field when the vendor refuses them, or a gateway problem.
 */
export async function verifyCredentials(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  opts: EngineOptions,
  /** The language of the refusal's words (the definition's translations), English by default. */
  locale = DEFAULT_LOCALE,
): Promise<{ identity?: string }> {
  if (!auth.verify) return {};
  const v = auth.verify;
  const res = await callElement(def, auth, values, v, opts);
  if (res.ok && v.identity) return { identity: identityOf(await res.json().catch(() => undefined), v.identity) };
  // Not awaited: only the status matters, and some fetch mocks never settle a cancel.
  res.body?.cancel().catch(() => {});
  if (res.ok) return {};
  const specific = v.rejected?.find((r) => r.status === res.status);
  if (specific || v.rejectedStatuses.includes(res.status)) {
    const words = wordsIn(def, locale);
    const message = specific?.message
      ? (words.rejection(auth.type, res.status) ?? specific.message)
      : (words.rejection(auth.type) ?? v.rejectedMessage ?? `${def.name} did not accept these credentials.`);
    const field =
      specific?.field ??
      v.rejectedField ??
      [...auth.configuration].reverse().find((c) => c.type === 'PASSWORD' && !c.companyConfig)?.key;
    throw new ProblemError('credentials_rejected', message, field ? [{ field, message }] : undefined);
  }
  throw new ProblemError('vendor_error', `${def.name} answered ${res.status} while checking the credentials. Try again in a moment.`);
}

const IDENTITY_MAX_LENGTH = 300;

/** The text at a dotted path (`user.email`) of the verify answer; anything but a string or number is no identity. */
function identityOf(json: unknown, path: string): string | undefined {
  let v = json;
  for (const key of path.split('.'))
    v = v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'number') v = String(v);
  return typeof v === 'string' && v !== '' ? v.slice(0, IDENTITY_MAX_LENGTH) : undefined;
}
