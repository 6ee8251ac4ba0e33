import { array, boolean, nullable, number, object, optional, record, scalar, string, union, type Infer, type Shape } from './shape.js';
import { toZod } from './to-zod.js';

/** Cloud Elements configuration types. The number in TEXTFIELD_n is a maximum length. */
export const CONFIGURATION_TYPES = [
  'TEXTFIELD_32',
  'TEXTFIELD_64',
  'TEXTFIELD_128',
  'TEXTFIELD_256',
  'TEXTFIELD_1000',
  'TEXTAREA',
  'PASSWORD',
  'BOOLEAN',
  'COMBO',
  'MULTISELECT',
  'NUMBER',
  'URL',
  'EMAIL',
] as const;
export type ConfigurationType = (typeof CONFIGURATION_TYPES)[number];

/** A known type as it is; an unknown one (metadata from a newer platform) is a text field, never a crash. */
export function configurationType(type: string): ConfigurationType {
  return (CONFIGURATION_TYPES as readonly string[]).includes(type) ? (type as ConfigurationType) : 'TEXTFIELD_1000';
}

/** Longest value each type accepts (TEXTFIELD_n, and sane caps for the others). */
export function maxLengthOf(type: ConfigurationType): number {
  const m = /^TEXTFIELD_(\d+)$/.exec(type);
  if (m) return Number(m[1]);
  return type === 'TEXTAREA' ? 10_000 : 2_000;
}

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

/** True for configuration the end user must never see (host secrets, internal values). */
export function isHiddenConfiguration(c: ConfigurationObject): boolean {
  return Boolean(c.companyConfig || c.resellerConfig || c.internal || c.hideFromConsole);
}

/** A value the user typed: strings, booleans, numbers, or a MULTISELECT list. */
export const ConfigurationValueShape = union(scalar(), array(string()));
export type ConfigurationValue = Infer<typeof ConfigurationValueShape>;
export const ConfigurationValue = /* @__PURE__ */ toZod(ConfigurationValueShape);
export const ConfigurationValuesShape = record(ConfigurationValueShape);
export type ConfigurationValues = Infer<typeof ConfigurationValuesShape>;
export const ConfigurationValues = /* @__PURE__ */ toZod(ConfigurationValuesShape);

/** The EMAIL check both sides apply: deliberately simple, the vendor has the last word. */
export function isEmailAddress(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

/** The URL check both sides apply: an absolute http(s) address (never `javascript:` and the like). */
export function isWebAddress(s: string): boolean {
  try {
    const { protocol } = new URL(s);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A metadata `pattern` as a whole-value RegExp, read the same way by the form and the proxy. Tried
 * with the unicode flag, then without (`\-` is only valid without it); an invalid one is ignored.
 */
export function patternOf(pattern: string | null | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // try without the unicode flag, then give up: a broken pattern must not lock users out
    }
  }
  return undefined;
}

/**
 * The groups a configuration object belongs to: CE allows a comma-separated `groupName`. None
 * means always shown; otherwise shown (and validated) only while a groupControl selects one.
 */
export function groupsOf(c: Pick<ConfigurationObject, 'groupName'>): string[] {
  return (c.groupName ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}
