import { array, boolean, object, optional, string, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

/**
 * How the end user completes a sign-in method: `form` fills the configuration form and the proxy
 * checks it; `redirect` signs in at the provider (OAuth 2 popup or same-tab redirect).
 */
export const AUTHENTICATION_FLOWS = ['form', 'redirect'] as const;
export type AuthenticationFlow = (typeof AUTHENTICATION_FLOWS)[number];

export const AuthenticationTypeShape = object({
  type: string(1),
  name: string(1),
  /** A flow this widget does not know yet (from a newer proxy) is offered as unavailable, never a crash. */
  flow: string(),
  description: optional(string()),
  default: optional(boolean()),
});
export type AuthenticationType = Infer<typeof AuthenticationTypeShape>;
export const AuthenticationType = /* @__PURE__ */ toZod(AuthenticationTypeShape);

/** One app of the catalog, as the browser sees it. */
export const CatalogElementShape = object({
  key: string(1),
  name: string(1),
  description: string(),
  categories: array(string()),
  /** URL of the logo (absolute, or relative to the proxy). */
  logo: optional(string()),
  authenticationTypes: array(string()),
  /** Its sign-in methods as the detail view shows them, with the OAuth 2 scopes each asks for. */
  methods: optional(array(object({ type: string(1), name: string(1), scopes: optional(array(string())) }))),
  /** The vendor's documentation (absolute https URL only). */
  docsUrl: optional(string()),
});
export type CatalogElement = Infer<typeof CatalogElementShape>;
export const CatalogElement = /* @__PURE__ */ toZod(CatalogElementShape);
