import { array, boolean, nullable, number, object, optional, record, scalar, string, union, type Infer, type Shape } from './shape.js';
import { toZod } from './to-zod.js';

// Real CE metadata carries nulls where a value is absent; treat null as "not given".
const maybe = <S extends Shape>(s: S) => optional(nullable(s));

export const ConfigurationOptionShape = object({
  value: string(),
  description: maybe(string()),
});
export type ConfigurationOption = Infer<typeof ConfigurationOptionShape>;
export const ConfigurationOption = /* @__PURE__ */ toZod(ConfigurationOptionShape);

export const ConfigurationObjectShape = object({
  key: string(1, 200),
  name: string(1),
  description: maybe(string()),
  /** One of CONFIGURATION_TYPES, or a type this code does not know yet: read it with configurationType(). */
  type: string(),
  required: maybe(boolean()),
  defaultValue: maybe(scalar()),
  displayOrder: maybe(number()),
  hideFromConsole: maybe(boolean()),
  internal: maybe(boolean()),
  companyConfig: maybe(boolean()),
  resellerConfig: maybe(boolean()),
  groupControl: maybe(boolean()),
  groupName: maybe(string()),
  options: maybe(array(ConfigurationOptionShape)),
  // Extensions for better forms, all optional.
  pattern: maybe(string()),
  placeholder: maybe(string()),
  prefix: maybe(string()),
  suffix: maybe(string()),
  helpUrl: maybe(string()),
  example: maybe(string()),
});
export type ConfigurationObject = Infer<typeof ConfigurationObjectShape>;
export const ConfigurationObject = /* @__PURE__ */ toZod(ConfigurationObjectShape);

/** A value the user typed: strings, booleans, numbers, or a MULTISELECT list. */
export const ConfigurationValueShape = union(scalar(), array(string()));
export type ConfigurationValue = Infer<typeof ConfigurationValueShape>;
export const ConfigurationValue = /* @__PURE__ */ toZod(ConfigurationValueShape);
export const ConfigurationValuesShape = record(ConfigurationValueShape);
export type ConfigurationValues = Infer<typeof ConfigurationValuesShape>;
export const ConfigurationValues = /* @__PURE__ */ toZod(ConfigurationValuesShape);
