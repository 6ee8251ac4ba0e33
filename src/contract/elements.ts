import * as z from 'zod/mini';

/**
 * How the end user completes a sign-in method: `form` fills the configuration form and the proxy
 * checks it; `redirect` signs in at the provider (OAuth 2 popup or same-tab redirect).
 */
export const AUTHENTICATION_FLOWS = ['form', 'redirect'] as const;
export type AuthenticationFlow = (typeof AUTHENTICATION_FLOWS)[number];

export const AuthenticationType = z.object({
  type: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  /** A flow this widget does not know yet (from a newer proxy) is offered as unavailable, never a crash. */
  flow: z.string(),
  description: z.optional(z.string()),
  default: z.optional(z.boolean()),
});
export type AuthenticationType = z.infer<typeof AuthenticationType>;

/** One app of the catalog, as the browser sees it. */
export const CatalogElement = z.object({
  key: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  description: z.string(),
  categories: z.array(z.string()),
  /** URL of the logo (absolute, or relative to the proxy). */
  logo: z.optional(z.string()),
  authenticationTypes: z.array(z.string()),
});
export type CatalogElement = z.infer<typeof CatalogElement>;
