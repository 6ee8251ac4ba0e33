import * as z from 'zod/mini';

export const AuthenticationType = z.object({
  type: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  default: z.optional(z.boolean()),
});
export type AuthenticationType = z.infer<typeof AuthenticationType>;

/** One app of the catalog, as the browser sees it. */
export const Element = z.object({
  key: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  description: z.string(),
  categories: z.array(z.string()),
  /** URL of the logo (absolute, or relative to the proxy). */
  logo: z.optional(z.string()),
  authenticationTypes: z.array(z.string()),
});
export type Element = z.infer<typeof Element>;
