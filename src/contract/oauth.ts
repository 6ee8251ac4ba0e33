import * as z from 'zod/mini';
import { identifier, IDENTIFIER_MAX, InstanceId } from './identifiers.js';
import { ConfigurationInput, Instance, InstanceName } from './instances.js';

/** `POST /elements/{key}/oauth/url`: starts an OAuth 2 sign-in at the provider. */
export const OAuthUrlRequest = z.strictObject({
  authenticationType: identifier(IDENTIFIER_MAX.authenticationType),
  /** User-supplied values the provider's URLs need (a Shopify shop, a Zendesk subdomain), validated like the form. */
  configuration: z.optional(ConfigurationInput),
  name: z.optional(InstanceName),
  /** Re-authenticates this connection (same tenant and element); it keeps its id. */
  instanceId: z.optional(InstanceId),
  /** Same-tab redirect (popup blocked): an http(s) URL on an allowed origin, returned to with `ce_oauth_flow=<flowId>`. */
  returnUrl: z.optional(z.string().check(z.maxLength(2000))),
});
export type OAuthUrlRequest = z.infer<typeof OAuthUrlRequest>;

export const OAuthUrl = z.object({
  /** Open this in the popup (or the tab). */
  oauthUrl: z.string(),
  flowId: z.string(),
  /** ISO-8601: the sign-in must finish before then. */
  expiresAt: z.string(),
});
export type OAuthUrl = z.infer<typeof OAuthUrl>;

export const OAUTH_FLOW_STATUSES = ['pending', 'connected', 'failed'] as const;

/** `GET /oauth/flows/{flowId}`: where a sign-in stands, for a dialog whose popup lost `window.opener`. */
export const OAuthFlow = z.object({
  status: z.enum(OAUTH_FLOW_STATUSES),
  instance: z.optional(Instance),
  /** `code` is a problem code (consent_denied, state_invalid, vendor_error, …); `message` says what to do. */
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type OAuthFlow = z.infer<typeof OAuthFlow>;

/** What the callback page posts to `window.opener`, at the host page's exact origin. */
export const OAuthMessage = z.object({
  type: z.literal('ce:oauth'),
  flowId: z.string(),
  status: z.enum(['connected', 'failed']),
  /** The problem code when failed. */
  code: z.optional(z.string()),
});
export type OAuthMessage = z.infer<typeof OAuthMessage>;

/** The query parameter the same-tab redirect returns with. */
export const OAUTH_FLOW_PARAM = 'ce_oauth_flow';
