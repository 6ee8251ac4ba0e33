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

export const CreateInvitation = z.strictObject({
  tenantId: z.string().check(z.minLength(1), z.maxLength(200)),
  email: z.email(),
  name: z.optional(z.string().check(z.maxLength(200))),
  elements: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(50)),
  message: z.optional(z.string().check(z.maxLength(2000))),
  ttlSeconds: z.optional(z.int().check(z.minimum(300), z.maximum(60 * 86_400))),
});
export type CreateInvitation = z.infer<typeof CreateInvitation>;

export const Invitation = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  elements: z.array(z.object({ key: z.string(), status: z.enum(['pending', 'connected']) })),
  status: z.enum(['pending', 'accepted', 'completed', 'expired', 'revoked']),
  expiresAt: z.string(),
  createdDate: z.string(),
  /** Only in the answer to the admin's create call. */
  url: z.optional(z.string()),
});
export type Invitation = z.infer<typeof Invitation>;
