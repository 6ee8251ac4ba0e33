import * as z from 'zod/mini';
import { ConfigurationValues, ConfigurationValuesShape } from './configuration.js';
import { identifier, IDENTIFIER_MAX } from './identifiers.js';
import { object, oneOf, optional, string, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

export const INSTANCE_STATUSES = ['connected', 'needs_attention'] as const;

/** A connection of one tenant to one element. Never carries a secret. */
export const InstanceShape = object({
  id: string(),
  name: string(),
  element: object({ key: string(), name: optional(string()) }),
  authenticationType: string(),
  /** The non-secret configuration values (e.g. a subdomain), never a password or token. */
  configuration: ConfigurationValuesShape,
  status: oneOf(INSTANCE_STATUSES),
  statusMessage: optional(string()),
  /** A problem code (e.g. `credentials_rejected`, `refresh_failed`: offer Reconnect): why it needs attention, or why the last check could not reach the app. */
  statusReason: optional(string()),
  /** When the credentials were last checked with the app. */
  checkedAt: optional(string()),
  /** The account the credentials belong to, as the app named it (an email, an account name). */
  identity: optional(string()),
  createdDate: string(),
  updatedDate: string(),
});
export type Instance = Infer<typeof InstanceShape>;
export const Instance = /* @__PURE__ */ toZod(InstanceShape);

/** The answer of `POST /instances/{id}/check`: the outcome recorded on the instance. */
export const InstanceCheckShape = object({
  status: oneOf(INSTANCE_STATUSES),
  statusReason: optional(string()),
  checkedAt: string(),
  identity: optional(string()),
});
export type InstanceCheck = Infer<typeof InstanceCheckShape>;
export const InstanceCheck = /* @__PURE__ */ toZod(InstanceCheckShape);

/** The Idempotency-Key header of POST /instances: the rule the proxy's route and the platform share. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
export function isIdempotencyKey(key: string): boolean {
  return key.length <= IDEMPOTENCY_KEY_MAX_LENGTH && /^[\x21-\x7e]+$/.test(key);
}

// Identifier schemas on lines of their own: the widget's bundler drops them there, where inside z.…(…)
// arguments it would keep the call (and zod with it) although nothing in the widget uses it.
const elementKey = identifier(IDENTIFIER_MAX.elementKey);
const authenticationType = identifier(IDENTIFIER_MAX.authenticationType);
const instanceName = identifier(IDENTIFIER_MAX.instanceName);
/** A connection's name as a request sends it. */
export const InstanceName = z.pipe(z.string().check(z.trim()), instanceName);

/**
 * Configuration values as a request sends them. JSON.parse makes `__proto__` an own key, which a
 * copy into a fresh object (zod's) silently drops: refuse it like any unknown key instead.
 */
export const ConfigurationInput = z.pipe(
  z.transform((v: unknown, ctx) => {
    if (v !== null && typeof v === 'object' && Object.hasOwn(v, '__proto__')) {
      ctx.issues.push({ code: 'unrecognized_keys', keys: ['__proto__'], input: v as Record<string, unknown> });
    }
    return v;
  }),
  ConfigurationValues,
);

export const CreateInstance = z.strictObject({
  element: z.strictObject({ key: elementKey }),
  authenticationType,
  name: z.optional(InstanceName),
  configuration: ConfigurationInput,
});
export type CreateInstance = z.infer<typeof CreateInstance>;

export const UpdateInstance = z.strictObject({
  name: z.optional(InstanceName),
  /** New credentials (re-authenticate); verified like a new connection. */
  configuration: z.optional(ConfigurationInput),
});
export type UpdateInstance = z.infer<typeof UpdateInstance>;
