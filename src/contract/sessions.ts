import * as z from 'zod/mini';
import { identifier, IDENTIFIER_MAX } from './identifiers.js';

/** Host backend → proxy: mint a short-lived session token for one end user. */
export const CreateSession = z.strictObject({
  tenantId: identifier(IDENTIFIER_MAX.tenantId),
  userId: identifier(IDENTIFIER_MAX.userId),
  email: z.optional(z.email()),
  /** Limit the catalog to these element keys. */
  elements: z.optional(z.array(identifier(IDENTIFIER_MAX.elementKey)).check(z.maxLength(500))),
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(86_400))),
});
export type CreateSession = z.infer<typeof CreateSession>;

export const SessionToken = z.object({ token: z.string(), expiresAt: z.string() });
export type SessionToken = z.infer<typeof SessionToken>;
