import {
  AuthenticationTypeShape,
  CatalogElementShape,
  ConfigurationObjectShape,
  conforms,
  InstanceShape,
  PROBLEM_CODES,
  ProblemShape,
  type ConfigurationValues,
  type CreateInstance,
  type FieldError,
  type Infer,
  type Problem,
  type ProblemCode,
  type Shape,
  type UpdateInstance,
} from '../../contract/index.js';
import { array } from '../../contract/shape.js';

/**
 * What failed, as the widget decides on it: the proxy's problem codes, plus the client's own (no
 * answer, an answer it cannot read, a blocked sign-in popup, and a code this widget does not know).
 */
export type ApiErrorCode = ProblemCode | 'network_error' | 'timeout' | 'invalid_response' | 'popup_blocked' | 'unknown';

/** Every failure of a proxy call, typed: what a component shows and what a host's ce-error carries. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    /** The HTTP status (0 without an answer): for logs, never for decisions. */
    readonly status = 0,
    /** The proxy's field errors, shown beside their fields. */
    readonly errors: FieldError[] = [],
    readonly problem?: Problem,
  ) {
    // For a developer's console: the code, and the proxy's own words when it answered. The end user
    // sees the widget's words for the code, in their language (the `error.<code>` messages).
    super(problem ? `${code}: ${problem.detail ?? problem.title}` : code);
    this.name = 'ApiError';
  }
}

/** The session token was refused: a fresh one may help once, then the user must sign in again. */
export const isSessionError = (error: ApiError) => error.code === 'session_expired' || error.code === 'session_invalid';

/** Failures after which the same request may still go through as it is (so a retry reuses its Idempotency-Key). */
const TRANSIENT: ApiErrorCode[] = [
  'network_error',
  'timeout',
  'invalid_response',
  'unknown',
  'vendor_error',
  'vendor_unreachable',
  'vendor_timeout',
  'refresh_failed',
  'database_unavailable',
  'service_unavailable',
  'internal_error',
];
export const isTransient = (error: ApiError) => TRANSIENT.includes(error.code);

/** A code from the proxy as the widget decides on it: one of this contract's, else `unknown` (a newer proxy's). */
export const knownCode = (code: string): ApiErrorCode =>
  (PROBLEM_CODES as readonly string[]).includes(code) ? (code as ApiErrorCode) : 'unknown';

/** Any failure as an ApiError: a component's own bug becomes a message, never an uncaught error. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('unknown');
}

export interface ApiClientOptions {
  /** Base URL of the host's proxy, e.g. https://app.example.com/ce */
  proxyUrl: string;
  /** Called for a token at first use and again once after a 401 (expired session). */
  getSessionToken: () => string | Promise<string>;
  fetch?: typeof fetch;
  /** Milliseconds before a request is given up as `timeout`; `ApiClient.timeout` when unset. */
  timeout?: number;
  /** The language the widget speaks (a BCP 47 tag), sent as `Accept-Language` so the apps' words match it; `en` when unset. */
  language?: () => string;
}

/** The widget's only door to the proxy: session token, problem+json → ApiError, answers validated. */
export class ApiClient {
  /** Every request's time limit unless the options set one: longer than the proxy's own limit on the app's answer. */
  static timeout = 30_000;
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

  listElements = () => this.request('GET', '/elements', array(CatalogElementShape));
  getElement = (key: string) => this.request('GET', `/elements/${enc(key)}`, CatalogElementShape);
  authenticationTypes = (key: string) =>
    this.request('GET', `/elements/${enc(key)}/authentication-types`, array(AuthenticationTypeShape));
  configuration = (key: string, type: string) =>
    this.request('GET', `/elements/${enc(key)}/authentication-types/${enc(type)}/configuration`, array(ConfigurationObjectShape));
  listInstances = () => this.request('GET', '/instances', array(InstanceShape));
  createInstance = (input: CreateInstance, idempotencyKey: string = crypto.randomUUID()) =>
    this.request('POST', '/instances', InstanceShape, input, { 'idempotency-key': idempotencyKey });
  updateInstance = (id: string, patch: UpdateInstance) => this.request('PATCH', `/instances/${enc(id)}`, InstanceShape, patch);
  deleteInstance = (id: string) => this.request('DELETE', `/instances/${enc(id)}`, null);

  /**
   * Calls the proxy: the methods above, and any other route a chunk calls with the contract's shape
   * of its answer. The answer must have `shape` (checked without zod), else it is `invalid_response`.
   */
  request = async <S extends Shape, T = Infer<S>>(
    method: string,
    path: string,
    shape: S | null,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> => {
    // A refused session token: ask the host once for a fresh one, then give up.
    for (let retried = false; ; retried = true) {
      let token = (this.#token ??= this.#opts.getSessionToken());
      // A token at hand is used without an await: the request leaves before the caller renders anything.
      if (typeof token !== 'string') token = await token;
      let res: Response;
      try {
        res = await (this.#opts.fetch ?? fetch)(`${this.proxyUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            // The apps' names, descriptions and labels in the language the widget speaks, whatever the browser's.
            'accept-language': this.#opts.language?.() ?? 'en',
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          // Without a body this is undefined: JSON.stringify(undefined) is.
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.#opts.timeout ?? ApiClient.timeout),
        });
      } catch (e) {
        throw new ApiError((e as Error | undefined)?.name === 'TimeoutError' ? 'timeout' : 'network_error');
      }
      // Unreadable JSON reads as no answer: an invalid one, or a failure without a problem.
      const value: unknown = await res.json().catch(() => undefined);
      if (res.ok) {
        if (shape === null) return undefined as T;
        if (!conforms(shape, value)) throw new ApiError('invalid_response', res.status);
        return value as T;
      }
      // No problem code, or one this widget does not know, is `unknown`.
      const error = conforms(ProblemShape, value)
        ? new ApiError(knownCode(value.code ?? ''), res.status, value.errors, value)
        : new ApiError('unknown', res.status);
      if (!isSessionError(error)) throw error;
      this.#token = undefined;
      if (retried) throw error;
    }
  };
}

const enc = encodeURIComponent;

export type { ConfigurationValues };
