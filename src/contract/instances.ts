import * as z from 'zod/mini';
import { ConfigurationValues } from './configuration.js';
import { identifier, IDENTIFIER_MAX } from './identifiers.js';

export const INSTANCE_STATUSES = ['connected', 'needs_attention'] as const;

/** A connection of one tenant to one element. Never carries a secret. */
export const Instance = z.object({
  id: z.string(),
  name: z.string(),
  element: z.object({ key: z.string(), name: z.optional(z.string()) }),
  authenticationType: z.string(),
  /** The non-secret configuration values (e.g. a subdomain), never a password or token. */
  configuration: ConfigurationValues,
  status: z.enum(INSTANCE_STATUSES),
  statusMessage: z.optional(z.string()),
  /** A problem code (e.g. `credentials_rejected`, `refresh_failed`: offer Reconnect): why it needs attention, or why the last check could not reach the app. */
  statusReason: z.optional(z.string()),
  /** When the credentials were last checked with the app. */
  checkedAt: z.optional(z.string()),
  /** The account the credentials belong to, as the app named it (an email, an account name). */
  identity: z.optional(z.string()),
  createdDate: z.string(),
  updatedDate: z.string(),
});
export type Instance = z.infer<typeof Instance>;

/** The answer of `POST /instances/{id}/check`: the outcome recorded on the instance. */
export const InstanceCheck = z.object({
  status: z.enum(INSTANCE_STATUSES),
  statusReason: z.optional(z.string()),
  checkedAt: z.string(),
  identity: z.optional(z.string()),
});
export type InstanceCheck = z.infer<typeof InstanceCheck>;

/** The Idempotency-Key header of POST /instances: the rule the proxy's route and the platform share. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
export function isIdempotencyKey(key: string): boolean {
  return key.length <= IDEMPOTENCY_KEY_MAX_LENGTH && /^[\x21-\x7e]+$/.test(key);
}

/** A connection's name as a request sends it. */
export const InstanceName = z.pipe(z.string().check(z.trim()), identifier(IDENTIFIER_MAX.instanceName));

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
  element: z.strictObject({ key: identifier(IDENTIFIER_MAX.elementKey) }),
  authenticationType: identifier(IDENTIFIER_MAX.authenticationType),
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
