import type { FieldError } from '../contract/index.js';

/**
 * A typed problem, thrown anywhere on the server and turned into RFC 9457
 * application/problem+json in one place (the proxy's error handler).
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly type = `https://ce-marketplace.dev/problems/${slug(title)}`,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }

  toJSON() {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail, errors: this.errors };
  }
}

function slug(s: string) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) => new ProblemError(400, 'Invalid request', detail, errors),
  unauthorized: (detail: string) => new ProblemError(401, 'Unauthorized', detail),
  forbidden: (detail: string) => new ProblemError(403, 'Forbidden', detail),
  notFound: (detail: string) => new ProblemError(404, 'Not found', detail),
  conflict: (detail: string) => new ProblemError(409, 'Conflict', detail),
  preconditionFailed: (detail: string) => new ProblemError(412, 'Precondition failed', detail),
  tooLarge: (detail: string) => new ProblemError(413, 'Request too large', detail),
  /** The vendor refused the credentials: names the field when the element says which. */
  credentialsRejected: (detail: string, errors?: FieldError[]) =>
    new ProblemError(422, 'Credentials rejected', detail, errors),
  tooManyRequests: (detail: string) => new ProblemError(429, 'Too many requests', detail),
  /** The vendor answered with an error or something unreadable. */
  badGateway: (detail: string) => new ProblemError(502, 'Provider error', detail),
  gatewayTimeout: (detail: string) => new ProblemError(504, 'Provider timeout', detail),
};
