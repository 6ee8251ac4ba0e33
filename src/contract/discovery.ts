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
