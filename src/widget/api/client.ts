import * as z from 'zod/mini';
import {
  AuthenticationType,
  ConfigurationObject,
  CatalogElement,
  Instance,
  Problem,
  type ConfigurationValues,
  type CreateInstance,
  type FieldError,
  type UpdateInstance,
} from '../../contract/index.js';

export type ApiErrorKind = 'problem' | 'network' | 'invalid-response' | 'unauthorized';

/** Every failure of a proxy call, typed: what a component shows and what a host's ce-error carries. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    readonly errors: FieldError[] = [],
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const RETRY = ' Try again; if it keeps happening, contact support.';

/** Any failure as an ApiError: a component's own bug becomes a message, never an uncaught error. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('invalid-response', `Something went wrong.${RETRY}`);
}

export interface ApiClientOptions {
  /** Base URL of the host's proxy, e.g. https://app.example.com/ce */
  proxyUrl: string;
  /** Called for a token at first use and again once after a 401 (expired session). */
  getSessionToken: () => string | Promise<string>;
  fetch?: typeof fetch;
}

/** The widget's only door to the proxy: session token, problem+json → ApiError, answers validated. */
export class ApiClient {
  #token?: string | Promise<string>;
  readonly #opts: ApiClientOptions;

  constructor(opts: ApiClientOptions) {
    this.#opts = opts;
  }

  get proxyUrl() {
    return this.#opts.proxyUrl.replace(/\/+$/, '');
  }

  /** Resolves a proxy-relative path (e.g. a logo) to an absolute URL. */
  url(path: string) {
    return /^https?:\/\//.test(path) ? path : `${this.proxyUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  listElements = () => this.#call('GET', '/elements', z.array(CatalogElement));
  getElement = (key: string) => this.#call('GET', `/elements/${enc(key)}`, CatalogElement);
  authenticationTypes = (key: string) =>
    this.#call('GET', `/elements/${enc(key)}/authentication-types`, z.array(AuthenticationType));
  configuration = (key: string, type: string) =>
    this.#call(
      'GET',
      `/elements/${enc(key)}/authentication-types/${enc(type)}/configuration`,
      z.array(ConfigurationObject),
    );
  listInstances = () => this.#call('GET', '/instances', z.array(Instance));
  createInstance = (input: CreateInstance, idempotencyKey: string = crypto.randomUUID()) =>
    this.#call('POST', '/instances', Instance, input, { 'idempotency-key': idempotencyKey });
  updateInstance = (id: string, patch: UpdateInstance) => this.#call('PATCH', `/instances/${enc(id)}`, Instance, patch);
  deleteInstance = (id: string) => this.#call('DELETE', `/instances/${enc(id)}`, null);

  async #call<T>(
    method: string,
    path: string,
    schema: z.ZodMiniType<T> | null,
    body?: unknown,
    headers: Record<string, string> = {},
    retried = false,
  ): Promise<T> {
    let token = (this.#token ??= this.#opts.getSessionToken());
    // A token at hand is used without an await: the request leaves before the caller renders anything.
    if (typeof token !== 'string') token = await token;
    let res: Response;
    try {
      res = await (this.#opts.fetch ?? fetch)(`${this.proxyUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('network', 'The connection service could not be reached. Check your network and try again.');
    }
    if (res.status === 401) {
      this.#token = undefined;
      if (!retried) return this.#call(method, path, schema, body, headers, true);
      throw new ApiError('unauthorized', 'Your session has expired. Reload the page to sign in again.', 401);
    }
    if (!res.ok) throw await problemOf(res);
    if (schema === null) return undefined as T;
    // Unreadable JSON and a shape the contract refuses are the same to the user.
    const parsed = z.safeParse(schema, await res.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError('invalid-response', `The connection service sent an answer this page cannot read.${RETRY}`, res.status);
    }
    return parsed.data;
  }
}

async function problemOf(res: Response): Promise<ApiError> {
  const json = await res.json().catch(() => undefined);
  const p = z.safeParse(Problem, json);
  if (!p.success) return new ApiError('problem', `The connection service answered ${res.status}.`, res.status);
  return new ApiError('problem', p.data.detail ?? p.data.title, res.status, p.data.errors ?? [], p.data);
}

const enc = encodeURIComponent;

export type { ConfigurationValues };
