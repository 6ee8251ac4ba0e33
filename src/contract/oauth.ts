import * as z from 'zod/mini';
import { CreateInstance, Instance } from './instances.js';

/**
 * `POST /elements/{key}/oauth/url`: starts an OAuth 2 sign-in, with the user-supplied values the
 * provider's address needs (a Shopify shop, a Zendesk subdomain) as `configuration`. Without
 * `returnUrl` the answer is opened in a popup; with it (same-tab mode) the proxy finally sends the
 * tab back there, with `ce_oauth_flow=<flowId>` appended.
 */
// Built with z.* calls only (no `.shape` reads), so a bundle that never parses it drops it.
export const OAuthUrlRequest = z.extend(z.omit(z.partial(CreateInstance, { configuration: true }), { element: true }), {
  /** Re-authenticates this instance: it keeps its id. */
  instanceId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  returnUrl: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
});
export type OAuthUrlRequest = z.infer<typeof OAuthUrlRequest>;

export const OAuthUrl = z.object({
  /** The provider's authorization URL, PKCE and state included. */
  oauthUrl: z.string(),
  flowId: z.string().check(z.minLength(1)),
  /** When the sign-in must be finished by. */
  expiresAt: z.string(),
});
export type OAuthUrl = z.infer<typeof OAuthUrl>;

export const OAUTH_FLOW_STATUSES = ['pending', 'connected', 'failed'] as const;

/** `GET /oauth/flows/{flowId}`: lets the dialog finish even when the popup lost `window.opener`. */
export const OAuthFlow = z.object({
  status: z.enum(OAUTH_FLOW_STATUSES),
  /** Set once connected. */
  instance: z.optional(Instance),
  /** Set once failed: `code` is a problem code (`consent_denied`, `state_invalid`, …). */
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type OAuthFlow = z.infer<typeof OAuthFlow>;

/** The callback page's `postMessage` to `window.opener`, sent to the host page's exact origin. */
export const OAuthMessage = z.object({
  type: z.literal('ce:oauth'),
  flowId: z.string(),
  status: z.enum(['connected', 'failed']),
  code: z.optional(z.string()),
});
export type OAuthMessage = z.infer<typeof OAuthMessage>;

/** The query parameter the proxy appends to a same-tab sign-in's `returnUrl`. */
export const OAUTH_FLOW_PARAM = 'ce_oauth_flow';
