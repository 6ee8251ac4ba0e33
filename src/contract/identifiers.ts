import * as z from 'zod/mini';

/**
 * The longest value each identifier's column holds (src/server/store/migrations.ts): checked at the
 * edge, so PostgreSQL (varchar(n), no NUL) and SQLite (anything) answer the same.
 */
export const IDENTIFIER_MAX = {
  tenantId: 200,
  userId: 200,
  elementKey: 100,
  authenticationType: 50,
  instanceName: 100,
  instanceId: 36,
} as const;

// C0 and C1 controls (NUL included: PostgreSQL refuses it in text) and lone surrogates (not storable as UTF-8).
const UNFIT = /[\p{Cc}\uD800-\uDFFF]/u;

/** Whether `value` may be stored as an identifier of at most `max` characters: non-empty, no control characters, well-formed Unicode. */
export function isIdentifier(value: string, max: number): boolean {
  return value.length > 0 && value.length <= max && !UNFIT.test(value);
}

/**
 * The one identifier rule as a schema (tenant, user, element key, sign-in type, name). Marked free of
 * side effects, so the widget's bundle drops the request schemas built with it (and zod with them).
 */
/* @__NO_SIDE_EFFECTS__ */
export function identifier(max: number) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => !UNFIT.test(s), 'Control characters and broken Unicode are not allowed.'),
  );
}

/** An instance id: the platform makes UUIDs; anything else uuid-ish within the column is merely unknown (404). */
export const InstanceId = z
  .string()
  .check(z.regex(/^[\w-]{1,36}$/, 'An instance id is up to 36 letters, digits, hyphens and underscores.'));
