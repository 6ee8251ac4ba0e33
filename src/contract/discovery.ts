import { array, type Infer } from './shape.js';
import { toZod } from './to-zod.js';
import {
  CommonFieldShape,
  CommonResourceShape,
  FieldMetadataShape,
  MappedFieldShape,
  MappingPreviewShape,
  ObjectMetadataShape,
  ObjectSummaryShape,
  ResourcePageShape,
  TransformationInputShape,
  TransformationShape,
} from './discovery-shapes.js';

export * from './discovery-shapes.js';

export const ObjectSummary = /* @__PURE__ */ toZod(ObjectSummaryShape);
export const ObjectList = /* @__PURE__ */ toZod(array(ObjectSummaryShape));
export const FieldMetadata = /* @__PURE__ */ toZod(FieldMetadataShape);
export const ObjectMetadata = /* @__PURE__ */ toZod(ObjectMetadataShape);
export const ResourcePage = /* @__PURE__ */ toZod(ResourcePageShape);
export const CommonResource = /* @__PURE__ */ toZod(CommonResourceShape);
export const CommonResourceList = /* @__PURE__ */ toZod(array(CommonResourceShape));
export const TransformationInput = /* @__PURE__ */ toZod(TransformationInputShape);
export const Transformation = /* @__PURE__ */ toZod(TransformationShape);
export const MappingPreview = /* @__PURE__ */ toZod(MappingPreviewShape);

export type ObjectSummary = Infer<typeof ObjectSummaryShape>;
export type FieldMetadata = Infer<typeof FieldMetadataShape>;
export type ObjectMetadata = Infer<typeof ObjectMetadataShape>;
export type ResourcePage = Infer<typeof ResourcePageShape>;
export type CommonField = Infer<typeof CommonFieldShape>;
export type CommonResource = Infer<typeof CommonResourceShape>;
export type MappedField = Infer<typeof MappedFieldShape>;
export type TransformationInput = Infer<typeof TransformationInputShape>;
export type Transformation = Infer<typeof TransformationShape>;
export type MappingPreview = Infer<typeof MappingPreviewShape>;
