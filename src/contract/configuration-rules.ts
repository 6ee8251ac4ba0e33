// The rules the connect form and the proxy's validation both apply to configuration: types,
// lengths, visibility, groups and value checks. Apart from the shapes (./configuration.ts) so the
// widget's entry, which checks answers with those shapes, does not carry the form's rules.
import type { ConfigurationObject } from './configuration.js';

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

/** Longest value each type accepts (the n of TEXTFIELD_n, the only types with an underscore, and sane caps for the others). */
export function maxLengthOf(type: ConfigurationType): number {
  const [, length] = type.split('_');
  return length ? Number(length) : type === 'TEXTAREA' ? 10_000 : 2_000;
}

/** True for configuration the end user must never see (host secrets, internal values). */
export function isHiddenConfiguration(c: ConfigurationObject): boolean {
  return Boolean(c.companyConfig || c.resellerConfig || c.internal || c.hideFromConsole);
}

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
