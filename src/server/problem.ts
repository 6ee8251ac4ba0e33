import { problemType, type FieldError, type ProblemCode } from '../contract/index.js';

/** Each code's HTTP status and title: the one table the proxy answers from (the README lists it). */
export const PROBLEM_STATUS: Record<ProblemCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: 'Invalid request' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'Request too large' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused' },
  session_invalid: { status: 401, title: 'Invalid session' },
  session_expired: { status: 401, title: 'Session expired' },
  admin_key_invalid: { status: 401, title: 'Invalid admin API key' },
  forbidden: { status: 403, title: 'Forbidden' },
  rate_limited: { status: 429, title: 'Too many requests' },
  credentials_rejected: { status: 422, title: 'Credentials rejected' },
  address_refused: { status: 400, title: 'Address refused' },
  vendor_error: { status: 502, title: 'Provider error' },
  vendor_unreachable: { status: 502, title: 'Provider unreachable' },
  vendor_timeout: { status: 504, title: 'Provider timeout' },
  state_invalid: { status: 400, title: 'Invalid or expired sign-in attempt' },
  consent_denied: { status: 403, title: 'Consent denied' },
  refresh_failed: { status: 502, title: 'Token refresh failed' },
  database_unavailable: { status: 503, title: 'Database unavailable' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  internal_error: { status: 500, title: 'Internal error' },
};

export interface ProblemOptions {
  /** The underlying failure: logged by the error handler, never answered. */
  cause?: unknown;
  /** Extra answer headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/**
 * A typed problem, thrown anywhere on the server and turned into RFC 9457
 * application/problem+json in one place (the proxy's error handler). Status, title and type
 * follow from the code; `detail` says what to do; `cause` stays in the logs.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    options: ProblemOptions = {},
  ) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProblemError';
    ({ status: this.status, title: this.title } = PROBLEM_STATUS[code]);
    this.type = problemType(code);
    this.headers = options.headers;
  }

  toJSON() {
    return { type: this.type, code: this.code, title: this.title, status: this.status, detail: this.detail, errors: this.errors };
  }
}
