import { array, number, object, optional, string, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

/**
 * Stable problem codes: the wire's promise. Clients decide on `code`, never on status or text;
 * titles and details may be reworded, codes may not. The proxy's status and title of each code
 * live in src/server/problem.ts; the widget's words for each are `error.<code>` in src/widget/locales/en.json.
 */
export const PROBLEM_CODES = [
  // The request itself
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'headers_too_large',
  'not_found',
  'conflict',
  'precondition_failed',
  'idempotency_key_reused',
  // Who is calling
  'session_invalid',
  'session_expired',
  'admin_key_invalid',
  'forbidden',
  'rate_limited',
  // The connected app (vendor)
  'credentials_rejected',
  'address_refused',
  'vendor_error',
  'vendor_unreachable',
  'vendor_timeout',
  // OAuth 2
  'state_invalid',
  'consent_denied',
  'refresh_failed',
  // This service
  'database_unavailable',
  'service_unavailable',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** The problem type URI of a code (RFC 9457 `type`): derived, so rewording a title never changes it. */
export const problemType = (code: string) => `https://ce-marketplace.dev/problems/${code.replace(/_/g, '-')}`;

/** RFC 9457 problem details, with field errors the form shows beside their fields (other members are dropped). */
export const FieldErrorShape = object({ field: string(), message: string() });
export type FieldError = Infer<typeof FieldErrorShape>;
export const FieldError = /* @__PURE__ */ toZod(FieldErrorShape);

export const ProblemShape = object({
  /** Absent means about:blank (RFC 9457). */
  type: optional(string()),
  /** One of PROBLEM_CODES from this proxy; a code a newer proxy adds reads as an unknown one, never a crash. */
  code: optional(string()),
  title: string(),
  status: number(),
  detail: optional(string()),
  errors: optional(array(FieldErrorShape)),
});
export type Problem = Infer<typeof ProblemShape>;
export const Problem = /* @__PURE__ */ toZod(ProblemShape);

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
