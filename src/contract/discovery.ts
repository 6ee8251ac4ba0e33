import { array, boolean, nullable, object, optional, record, string, unknown, type Infer } from './shape.js';
import { toZod } from './to-zod.js';

/** An object of the connected app, e.g. `contacts`. */
export const ObjectSummaryShape = object({
  name: string(),
  vendorName: string(),
  displayName: optional(string()),
});
export type ObjectSummary = Infer<typeof ObjectSummaryShape>;
export const ObjectSummary = /* @__PURE__ */ toZod(ObjectSummaryShape);
export const ObjectList = /* @__PURE__ */ toZod(array(ObjectSummaryShape));

export const FieldMetadataShape = object({
  vendorPath: string(),
  type: string(),
  vendorDisplayName: optional(string()),
  vendorNativeType: optional(string()),
  vendorRequired: optional(boolean()),
  vendorReadOnly: optional(boolean()),
  description: optional(string()),
  custom: optional(boolean()),
  options: optional(array(string())),
});
export type FieldMetadata = Infer<typeof FieldMetadataShape>;
export const FieldMetadata = /* @__PURE__ */ toZod(FieldMetadataShape);
export const ObjectMetadataShape = object({ fields: array(FieldMetadataShape) });
export type ObjectMetadata = Infer<typeof ObjectMetadataShape>;
export const ObjectMetadata = /* @__PURE__ */ toZod(ObjectMetadataShape);

export const ResourcePageShape = object({
  items: array(record(unknown())),
  nextCursor: optional(nullable(string())),
});
export type ResourcePage = Infer<typeof ResourcePageShape>;
export const ResourcePage = /* @__PURE__ */ toZod(ResourcePageShape);

/**
 * The field types the platform answers in `FieldMetadata.type`: an element's native types are
 * mapped onto these (its definition's `metadata.types`), so the mapper compares like with like.
 */
export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'array', 'object'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** The types a host's own (common resource) field may have: what a record's value is coerced to. */
export const HOST_FIELD_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type HostFieldType = (typeof HOST_FIELD_TYPES)[number];

/** One field of the host's own object: `path` is dotted for nested values (`billingAddress.city`). */
export const CommonResourceFieldShape = object({
  path: string(),
  type: string(),
  displayName: optional(string()),
  required: optional(boolean()),
});
export type CommonResourceField = Infer<typeof CommonResourceFieldShape>;
/** An object the host declares (its Customer), which the end user maps to a connected app's object. */
export const CommonResourceShape = object({
  name: string(),
  displayName: optional(string()),
  fields: array(CommonResourceFieldShape),
});
export type CommonResource = Infer<typeof CommonResourceShape>;
export const CommonResource = /* @__PURE__ */ toZod(CommonResourceShape);
export const CommonResourceList = /* @__PURE__ */ toZod(array(CommonResourceShape));
