// The plain shapes of discovery.ts, apart from their zod schemas: a widget chunk imports these
// without to-zod.ts and zod in its module graph (the bundler would split a shared chunk for them).
// Marked pure so a chunk keeps only the shapes it reads.
import { array, boolean, nullable, number, object, optional, record, string, unknown } from './shape.js';

/** An object of the connected app, e.g. `contacts`. */
export const ObjectSummaryShape = /* @__PURE__ */ object({
  name: string(),
  vendorName: string(),
  displayName: optional(string()),
});

export const FieldMetadataShape = /* @__PURE__ */ object({
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
export const ObjectMetadataShape = /* @__PURE__ */ object({ fields: array(FieldMetadataShape) });

export const ResourcePageShape = /* @__PURE__ */ object({
  items: array(record(unknown())),
  nextCursor: optional(nullable(string())),
});

/** One field of a host's own object (a common resource); `path` may be nested (`billing.city`). */
export const CommonFieldShape = /* @__PURE__ */ object({
  path: string(),
  type: string(),
  displayName: optional(string()),
  required: optional(boolean()),
});
/** An object of the host's own (e.g. `customers`), declared in its config: `GET /common-resources[/{name}]`. */
export const CommonResourceShape = /* @__PURE__ */ object({
  name: string(),
  displayName: optional(string()),
  fields: array(CommonFieldShape),
});

/** One host field fed by one field of the app: `type` is the host's, `vendorType` the app's. */
export const MappedFieldShape = /* @__PURE__ */ object({
  path: string(),
  vendorPath: string(),
  type: string(),
  vendorType: optional(string()),
});
/** What `PUT /instances/{id}/transformations/{name}` takes (with `If-Match: <version>` to replace a saved one). */
export const TransformationInputShape = /* @__PURE__ */ object({ vendorName: string(), fields: array(MappedFieldShape) });
/** A saved mapping; `drift` names mapped app fields the app no longer has (schema drift). */
export const TransformationShape = /* @__PURE__ */ object({
  vendorName: string(),
  fields: array(MappedFieldShape),
  version: number(),
  updatedDate: string(),
  drift: optional(array(object({ path: string(), vendorPath: string(), reason: string() }))),
});
/** One real record of the app through an unsaved mapping: `POST …/transformations/{name}/preview`. */
export const MappingPreviewShape = /* @__PURE__ */ object({
  item: nullable(record(unknown())),
  errors: array(object({ path: string(), message: string() })),
});
