import * as z from 'zod/mini';
import { ConfigurationValues } from './configuration.js';
import { Instance } from './instances.js';

export const OAuthUrlRequest = z.strictObject({
  authenticationType: z._default(z.string(), 'oauth2'),
  configuration: z._default(ConfigurationValues, {}),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
});
export type OAuthUrlRequest = z.infer<typeof OAuthUrlRequest>;

export const OAuthUrl = z.object({ oauthUrl: z.string(), flowId: z.string(), expiresAt: z.string() });
export type OAuthUrl = z.infer<typeof OAuthUrl>;

export const OAuthFlow = z.object({
  status: z.enum(['pending', 'connected', 'failed']),
  instance: z.optional(Instance),
  error: z.optional(z.string()),
});
export type OAuthFlow = z.infer<typeof OAuthFlow>;

/** What the callback page posts to the opener, at the host's exact origin. */
export const OAuthMessage = z.object({
  type: z.literal('ce:oauth'),
  flowId: z.string(),
  status: z.enum(['connected', 'failed']),
});
export type OAuthMessage = z.infer<typeof OAuthMessage>;
