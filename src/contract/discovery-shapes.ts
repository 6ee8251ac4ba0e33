// The plain shapes of the discovery and mapping answers, apart from their zod schemas (discovery.ts):
// a widget chunk imports these without to-zod.ts and zod in its module graph (the bundler would
// split a shared chunk for them). The shape builders are free of side effects (./shape.ts), so a
// chunk keeps only the shapes it reads.
import { array, boolean, nullable, number, object, oneOf, optional, record, string, unknown } from './shape.js';

/** An object of the connected app, e.g. `contacts`. */
export const ObjectSummaryShape = object({
  name: string(),
  vendorName: string(),
  displayName: optional(string()),
});

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
export const ObjectMetadataShape = object({ fields: array(FieldMetadataShape) });

export const ResourcePageShape = object({
  items: array(record(unknown())),
  nextCursor: optional(nullable(string())),
});

/**
 * The field types the platform answers in `FieldMetadata.type`: an element's native types are
 * mapped onto these (its definition's `metadata.types`), so the mapper compares like with like.
 */
export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'array', 'object'] as const;
/** The types a host's own (common resource) field may have: what a record's value is coerced to (`date` answers ISO 8601: `2026-01-05`, or `2026-01-05T09:00:00.000Z` when it has a time). */
export const HOST_FIELD_TYPES = ['string', 'number', 'boolean', 'date'] as const;

/** One field of the host's own object: `path` is dotted for nested values (`billingAddress.city`). */
export const CommonResourceFieldShape = object({
  path: string(),
  type: oneOf(HOST_FIELD_TYPES),
  displayName: optional(string()),
  required: optional(boolean()),
});
/** An object the host declares (its Customer), which the end user maps to a connected app's object. */
export const CommonResourceShape = object({
  name: string(),
  displayName: optional(string()),
  fields: array(CommonResourceFieldShape),
});

/** One host field and the app's field it reads from: dotted paths on both sides (`address.city`). */
export const TransformationFieldShape = object({
  path: string(1, 200),
  vendorPath: string(1, 500),
  type: oneOf(HOST_FIELD_TYPES),
  /** The app's type when the mapping was saved (set from the app's fields on save): a later change is reported as drift. */
  vendorType: optional(string(0, 50)),
});

/** The body of `PUT …/transformations/{name}` and `POST …/preview`: an object of the app (by its `name` in `GET …/objects`) and the mapped fields. */
export const TransformationInputShape = object({
  vendorName: string(1, 100),
  fields: array(TransformationFieldShape),
});

/** Why a mapped field no longer fits the app: the app has no such field any more, or its type changed since the save. */
export const DRIFT_REASONS = ['removed', 'type_changed'] as const;
export const SchemaDriftShape = object({
  path: string(),
  vendorPath: string(),
  reason: oneOf(DRIFT_REASONS),
  /** The app's type now (type_changed). */
  vendorType: optional(string()),
});

/**
 * A saved mapping. `version` is its ETag (`"3"`): send it as `If-Match` to change it. `drift` lists
 * the fields the app no longer has as mapped ([] when all fit); absent when the app's fields could
 * not be read just now.
 */
export const TransformationShape = object({
  vendorName: string(),
  fields: array(TransformationFieldShape),
  version: number(),
  updatedDate: string(),
  drift: optional(array(SchemaDriftShape)),
});

/** A value of one record that could not be read as its host type: which record (its index in `items`), which host field, why. */
export const RecordErrorShape = object({
  index: number(),
  path: string(),
  vendorPath: string(),
  message: string(),
});

/**
 * `GET …/resources/{name}`: the app's records in the host's shape, every mapped path present (null
 * when the record has no value, or a value that could not be coerced: `errors` says which and why).
 * `nextCursor` is null on the last page.
 */
export const MappedPageShape = object({
  items: array(record(unknown())),
  nextCursor: nullable(string()),
  errors: array(RecordErrorShape),
});

/** The first record of the app's object through an unsaved mapping (null when the object has none), with each field that does not read. */
export const MappingPreviewShape = object({
  item: nullable(record(unknown())),
  errors: array(object({ path: string(), message: string() })),
});
