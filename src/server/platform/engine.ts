import type { ConfigurationValues, FieldError } from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { outboundFetch, type OutboundPolicy } from './outbound.js';

// The one engine that interprets element definitions: fills templates, applies credentials,
// and sends requests to the element's API through the outbound policy.

export interface EngineOptions {
  /** Platform variables for `{$NAME}` templates, e.g. SANDBOX_URL. */
  vars: Record<string, string>;
  /** Development mode: sandbox elements may reach loopback addresses. */
  development: boolean;
  timeoutMs: number;
}

export interface ElementRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const PLACEHOLDER = /\{(\$?[A-Za-z0-9_.\-]+)\}/g;
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
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const v = valueOf(name, values, vars);
    if (v === undefined) {
      if (name.startsWith('$')) throw new Error(`Platform variable ${name.slice(1)} is not set`);
      throw new ProblemError('validation_failed', `${name} is required.`, [{ field: name, message: 'Required.' }]);
    }
    return name.startsWith('$') ? v : encode(v);
  });
}

/** User values that land in the host part of a base URL must be one DNS label (no dots, slashes, ports). */
export function checkHostParts(auth: AuthenticationDefinition, values: ConfigurationValues): FieldError[] {
  const authority = /^[a-z]+:\/\/([^/]*)/i.exec(auth.baseUrl)?.[1] ?? '';
  const errors: FieldError[] = [];
  for (const [, name] of authority.matchAll(PLACEHOLDER)) {
    if (name!.startsWith('$')) continue;
    const v = valueOf(name!, values, {});
    if (v !== undefined && !HOST_LABEL.test(v)) {
      const label = auth.configuration.find((c) => c.key === name)?.name ?? name!;
      errors.push({ field: name!, message: `${label} must be letters, digits and hyphens only (for example "acme").` });
    }
  }
  return errors;
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
): { url: URL; init: RequestInit } {
  const hostErrors = checkHostParts(auth, values);
  if (hostErrors.length) throw new ProblemError('validation_failed', hostErrors[0]!.message, hostErrors);
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

/** Sends a request to the element's API with the instance's credentials. */
export async function callElement(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  req: ElementRequest,
  opts: EngineOptions,
): Promise<Response> {
  const { url, init } = buildRequest(auth, values, opts.vars, req);
  return outboundFetch(url, init, policyFor(def, opts), Object.keys(auth.credentials.query ?? {}));
}

/**
 * Checks credentials with the element's verify request. Resolves when the vendor accepts them;
 * throws a problem naming the field when the vendor refuses them, or a gateway problem.
 */
export async function verifyCredentials(
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  opts: EngineOptions,
): Promise<void> {
  if (!auth.verify) return;
  const v = auth.verify;
  const res = await callElement(def, auth, values, v, opts);
  // Not awaited: only the status matters, and some fetch mocks never settle a cancel.
  res.body?.cancel().catch(() => {});
  if (res.ok) return;
  const specific = v.rejected?.find((r) => r.status === res.status);
  if (specific || v.rejectedStatuses.includes(res.status)) {
    const message = specific?.message ?? v.rejectedMessage ?? `${def.name} did not accept these credentials.`;
    const field =
      specific?.field ??
      v.rejectedField ??
      [...auth.configuration].reverse().find((c) => c.type === 'PASSWORD' && !c.companyConfig)?.key;
    throw new ProblemError('credentials_rejected', message, field ? [{ field, message }] : undefined);
  }
  throw new ProblemError('vendor_error', `${def.name} answered ${res.status} while checking the credentials. Try again in a moment.`);
}
