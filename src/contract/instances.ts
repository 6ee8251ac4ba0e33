import * as z from 'zod/mini';
import { ConfigurationValues } from './configuration.js';

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
  /** Why it needs attention, as a problem code (`refresh_failed`: offer Reconnect). */
  statusReason: z.optional(z.string()),
  createdDate: z.string(),
  updatedDate: z.string(),
});
export type Instance = z.infer<typeof Instance>;

/** The Idempotency-Key header of POST /instances: the rule the proxy's route and the platform share. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
export function isIdempotencyKey(key: string): boolean {
  return key.length <= IDEMPOTENCY_KEY_MAX_LENGTH && /^[\x21-\x7e]+$/.test(key);
}

/** A connection's name as a request sends it. */
export const InstanceName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

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
  element: z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(100)) }),
  authenticationType: z.string().check(z.minLength(1), z.maxLength(50)),
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
