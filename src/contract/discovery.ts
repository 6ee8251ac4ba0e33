import * as z from 'zod/mini';
import { array, type Infer } from './shape.js';
import { toZod } from './to-zod.js';
import {
  CommonResourceFieldShape,
  CommonResourceShape,
  FieldMetadataShape,
  MappedPageShape,
  MappingPreviewShape,
  ObjectMetadataShape,
  ObjectSummaryShape,
  RecordErrorShape,
  ResourcePageShape,
  SchemaDriftShape,
  TransformationFieldShape,
  TransformationInputShape,
  TransformationShape,
  FIELD_TYPES,
  HOST_FIELD_TYPES,
} from './discovery-shapes.js';

export * from './discovery-shapes.js';

export const ObjectSummary = /* @__PURE__ */ toZod(ObjectSummaryShape);
export const ObjectList = /* @__PURE__ */ toZod(array(ObjectSummaryShape));
export const FieldMetadata = /* @__PURE__ */ toZod(FieldMetadataShape);
export const ObjectMetadata = /* @__PURE__ */ toZod(ObjectMetadataShape);
export const ResourcePage = /* @__PURE__ */ toZod(ResourcePageShape);
export const CommonResource = /* @__PURE__ */ toZod(CommonResourceShape);
export const CommonResourceList = /* @__PURE__ */ toZod(array(CommonResourceShape));
export const Transformation = /* @__PURE__ */ toZod(TransformationShape);
export const MappedPage = /* @__PURE__ */ toZod(MappedPageShape);
export const MappingPreview = /* @__PURE__ */ toZod(MappingPreviewShape);

export type ObjectSummary = Infer<typeof ObjectSummaryShape>;
export type FieldMetadata = Infer<typeof FieldMetadataShape>;
export type ObjectMetadata = Infer<typeof ObjectMetadataShape>;
export type ResourcePage = Infer<typeof ResourcePageShape>;
export type FieldType = (typeof FIELD_TYPES)[number];
export type HostFieldType = (typeof HOST_FIELD_TYPES)[number];
export type CommonResourceField = Infer<typeof CommonResourceFieldShape>;
export type CommonResource = Infer<typeof CommonResourceShape>;
export type TransformationField = Infer<typeof TransformationFieldShape>;
export type TransformationInput = Infer<typeof TransformationInputShape>;
export type SchemaDrift = Infer<typeof SchemaDriftShape>;
export type Transformation = Infer<typeof TransformationShape>;
export type RecordError = Infer<typeof RecordErrorShape>;
export type MappedPage = Infer<typeof MappedPageShape>;
export type MappingPreview = Infer<typeof MappingPreviewShape>;

/** The most fields one mapping holds (a host object has tens; large CRM objects have 1,500+ fields to choose from). */
export const TRANSFORMATION_MAX_FIELDS = 500;
const fieldInput = z.strictObject({
  path: z.string().check(z.minLength(1), z.maxLength(200)),
  vendorPath: z.string().check(z.minLength(1), z.maxLength(500)),
  type: z.enum(HOST_FIELD_TYPES),
  vendorType: z.optional(z.string().check(z.maxLength(50))),
});
/** The request schema of TransformationInput (unknown members refused). */
export const TransformationRequest = z.strictObject({
  vendorName: z.string().check(z.minLength(1), z.maxLength(100)),
  fields: z.array(fieldInput).check(z.maxLength(TRANSFORMATION_MAX_FIELDS)),
});
