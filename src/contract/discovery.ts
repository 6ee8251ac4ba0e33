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

/** The host's own object (left side of the field mapper). */
export const CommonResource = z.object({
  name: z.string(),
  displayName: z.optional(z.string()),
  fields: z.array(
    z.object({
      path: z.string(),
      type: z.string(),
      displayName: z.optional(z.string()),
      required: z.optional(z.boolean()),
    }),
  ),
});
export type CommonResource = z.infer<typeof CommonResource>;
export const CommonResourceList = z.array(CommonResource);

export const TransformationField = z.object({
  path: z.string(),
  vendorPath: z.string(),
  type: z.string(),
  vendorType: z.optional(z.string()),
});
export const Transformation = z.object({
  vendorName: z.string(),
  fields: z.array(TransformationField),
  version: z.number(),
  updatedDate: z.string(),
});
export type Transformation = z.infer<typeof Transformation>;
export const PutTransformation = z.strictObject({
  vendorName: z.string().check(z.minLength(1)),
  fields: z.array(TransformationField),
});
export type PutTransformation = z.infer<typeof PutTransformation>;

export const ResourcePage = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.optional(z.nullable(z.string())),
});
export type ResourcePage = z.infer<typeof ResourcePage>;
