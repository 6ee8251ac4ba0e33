import * as z from 'zod/mini';
import { identifier, IDENTIFIER_MAX, InstanceId } from './identifiers.js';
import { ConfigurationInput, InstanceName, InstanceShape } from './instances.js';
import { object, oneOf, optional, string, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

// Identifier schemas on lines of their own: the widget's bundler drops them there (see instances.ts).
const authenticationType = identifier(IDENTIFIER_MAX.authenticationType);

/**
 * `POST /elements/{key}/oauth/url`: starts an OAuth 2 sign-in, with the user-supplied values the
 * provider's address needs (a Shopify shop, a Zendesk subdomain) as `configuration`. Without
 * `returnUrl` the answer is opened in a popup; with it (same-tab mode, popup blocked: an http(s)
 * URL on an allowed origin) the proxy finally sends the tab back there, with `ce_oauth_flow=<flowId>` appended.
 */
export const OAuthUrlRequest = z.strictObject({
  authenticationType,
  configuration: z.optional(ConfigurationInput),
  name: z.optional(InstanceName),
  /** Re-authenticates this connection (same tenant and element); it keeps its id. */
  instanceId: z.optional(InstanceId),
  returnUrl: z.optional(z.string().check(z.maxLength(2000))),
});
export type OAuthUrlRequest = z.infer<typeof OAuthUrlRequest>;

export const OAuthUrlShape = object({
  /** The provider's authorization URL, PKCE and state included: open it in the popup (or the tab). */
  oauthUrl: string(),
  flowId: string(1),
  /** ISO-8601: the sign-in must finish before then. */
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
  /** Set once failed: `code` is a problem code (`consent_denied`, `state_invalid`, …); `message` says what to do. */
  error: optional(object({ code: string(), message: string() })),
});
export type OAuthFlow = Infer<typeof OAuthFlowShape>;
export const OAuthFlow = /* @__PURE__ */ toZod(OAuthFlowShape);

/** The callback page's `postMessage` to `window.opener`, sent to the host page's exact origin. */
export const OAuthMessageShape = object({
  type: oneOf(['ce:oauth']),
  flowId: string(),
  status: oneOf(['connected', 'failed']),
  /** The problem code when failed. */
  code: optional(string()),
});
export type OAuthMessage = Infer<typeof OAuthMessageShape>;
export const OAuthMessage = /* @__PURE__ */ toZod(OAuthMessageShape);

/** The query parameter the proxy adds to a same-tab sign-in's `returnUrl`. */
export const OAUTH_FLOW_PARAM = 'ce_oauth_flow';
