import * as z from 'zod/mini';
import { CreateInstance, InstanceShape } from './instances.js';
import { object, oneOf, optional, string, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

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

export const OAuthUrlShape = object({
  /** The provider's authorization URL, PKCE and state included. */
  oauthUrl: string(),
  flowId: string(1),
  /** When the sign-in must be finished by. */
  expiresAt: string(),
});
export type OAuthUrl = Infer<typeof OAuthUrlShape>;
export const OAuthUrl = /* @__PURE__ */ toZod(OAuthUrlShape);

export const OAUTH_FLOW_STATUSES = ['pending', 'connected', 'failed'] as const;

/** `GET /oauth/flows/{flowId}`: lets the dialog finish even when the popup lost `window.opener`. */
export const OAuthFlowShape = object({
  status: oneOf(OAUTH_FLOW_STATUSES),
  /** Set once connected. */
  instance: optional(InstanceShape),
  /** Set once failed: `code` is a problem code (`consent_denied`, `state_invalid`, …). */
  error: optional(object({ code: string(), message: string() })),
});
export type OAuthFlow = Infer<typeof OAuthFlowShape>;
export const OAuthFlow = /* @__PURE__ */ toZod(OAuthFlowShape);

/** The callback page's `postMessage` to `window.opener`, sent to the host page's exact origin. */
export const OAuthMessageShape = object({
  type: oneOf(['ce:oauth']),
  flowId: string(),
  status: oneOf(['connected', 'failed']),
  code: optional(string()),
});
export type OAuthMessage = Infer<typeof OAuthMessageShape>;
export const OAuthMessage = /* @__PURE__ */ toZod(OAuthMessageShape);

/** The query parameter the proxy appends to a same-tab sign-in's `returnUrl`. */
export const OAUTH_FLOW_PARAM = 'ce_oauth_flow';
