import * as z from 'zod/mini';

/** Host backend → proxy: mint a short-lived session token for one end user. */
export const CreateSession = z.strictObject({
  tenantId: z.string().check(z.minLength(1), z.maxLength(200)),
  userId: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z.optional(z.email()),
  /** Limit the catalog to these element keys. */
  elements: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(500))),
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(86_400))),
});
export type CreateSession = z.infer<typeof CreateSession>;

export const SessionToken = z.object({ token: z.string(), expiresAt: z.string() });
export type SessionToken = z.infer<typeof SessionToken>;
