import * as z from 'zod/mini';

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

/** A JSON scalar as z.union([z.string(), z.number(), z.boolean()]) accepts it (finite numbers only). */
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

// Real CE metadata carries nulls where a value is absent; treat null as "not given".
const maybe = <T extends z.core.SomeType>(s: T) => z.optional(z.nullable(s));

export const ConfigurationOption = z.object({
  value: z.string(),
  description: maybe(z.string()),
});
export type ConfigurationOption = z.infer<typeof ConfigurationOption>;

export const ConfigurationObject = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  name: z.string().check(z.minLength(1)),
  description: maybe(z.string()),
  /** One of CONFIGURATION_TYPES, or a type this code does not know yet: read it with configurationType(). */
  type: z.string(),
  required: maybe(z.boolean()),
  defaultValue: maybe(z.custom<string | number | boolean>(isScalar)),
  displayOrder: maybe(z.number()),
  hideFromConsole: maybe(z.boolean()),
  internal: maybe(z.boolean()),
  companyConfig: maybe(z.boolean()),
  resellerConfig: maybe(z.boolean()),
  groupControl: maybe(z.boolean()),
  groupName: maybe(z.string()),
  options: maybe(z.array(ConfigurationOption)),
  // Extensions for better forms, all optional.
  pattern: maybe(z.string()),
  placeholder: maybe(z.string()),
  prefix: maybe(z.string()),
  suffix: maybe(z.string()),
  helpUrl: maybe(z.string()),
  example: maybe(z.string()),
});
export type ConfigurationObject = z.infer<typeof ConfigurationObject>;

/** True for configuration the end user must never see (host secrets, internal values). */
export function isHiddenConfiguration(c: ConfigurationObject): boolean {
  return Boolean(c.companyConfig || c.resellerConfig || c.internal || c.hideFromConsole);
}

/**
 * A value the user typed: strings, booleans, numbers, or a MULTISELECT list. A custom check rather
 * than z.union: same acceptance, path and "Invalid input" message, without zod's union in the widget (-0.6 kB gzip).
 */
export const ConfigurationValue = z.custom<string | number | boolean | string[]>(
  (v) => isScalar(v) || (Array.isArray(v) && v.every((s) => typeof s === 'string')),
);
export type ConfigurationValue = z.infer<typeof ConfigurationValue>;
// An object with only catch-all keys validates exactly like z.record(z.string(), …) for JSON, and
// reuses the object schema the widget needs anyway instead of pulling zod's record (-0.5 kB gzip).
export const ConfigurationValues = z.catchall(z.object({}), ConfigurationValue);
export type ConfigurationValues = z.infer<typeof ConfigurationValues>;

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
  return (c.groupName ?? '').split(',').map((g) => g.trim()).filter(Boolean);
}
