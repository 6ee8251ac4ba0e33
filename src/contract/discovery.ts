import * as z from 'zod/mini';

/** An object of the connected app, e.g. `contacts`. */
export const ObjectSummary = z.object({
  name: z.string(),
  vendorName: z.string(),
  displayName: z.optional(z.string()),
});
export type ObjectSummary = z.infer<typeof ObjectSummary>;
export const ObjectList = z.array(ObjectSummary);

export const FieldMetadata = z.object({
  vendorPath: z.string(),
  type: z.string(),
  vendorDisplayName: z.optional(z.string()),
  vendorNativeType: z.optional(z.string()),
  vendorRequired: z.optional(z.boolean()),
  vendorReadOnly: z.optional(z.boolean()),
  description: z.optional(z.string()),
  custom: z.optional(z.boolean()),
  options: z.optional(z.array(z.string())),
});
export type FieldMetadata = z.infer<typeof FieldMetadata>;
export const ObjectMetadata = z.object({ fields: z.array(FieldMetadata) });
export type ObjectMetadata = z.infer<typeof ObjectMetadata>;

export const ResourcePage = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.optional(z.nullable(z.string())),
});
export type ResourcePage = z.infer<typeof ResourcePage>;
