import { ProblemError } from '../problem.js';
import type { AuthenticationDefinition } from './definitions.js';
import { checkPlacement } from './engine.js';
import {
  configurationType,
  groupsOf,
  isEmailAddress,
  isHiddenConfiguration,
  isWebAddress,
  maxLengthOf,
  patternOf,
  type ConfigurationObject,
  type ConfigurationValue,
  type ConfigurationValues,
  type FieldError,
} from '../../contract/index.js';

function isEmpty(v: ConfigurationValue | undefined): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function optionValues(c: ConfigurationObject): string[] | undefined {
  return c.options?.length ? c.options.map((o) => o.value) : undefined;
}

/** One value checked against its configuration object: the normalised value, or a message. */
function check(c: ConfigurationObject, raw: ConfigurationValue): { value: ConfigurationValue } | { message: string } {
  const options = optionValues(c);
  const type = configurationType(c.type);
  switch (type) {
    case 'NUMBER': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      return Number.isFinite(n) ? { value: n } : { message: 'Enter a number.' };
    }
    case 'BOOLEAN': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { message: 'Choose yes or no.' };
    }
    case 'MULTISELECT': {
      const list = Array.isArray(raw)
        ? raw
        : typeof raw === 'string'
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined;
      if (!list) return { message: 'Choose one or more of the options.' };
      const bad = options ? list.filter((v) => !options.includes(v)) : [];
      if (bad.length) return { message: `Not an option: ${bad.join(', ')}. Choose from: ${options!.join(', ')}.` };
      return { value: list };
    }
    default:
      break;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return { message: 'Enter text.' };
  // Passwords are taken as typed; surrounding spaces elsewhere are slips of the paste.
  const s = type === 'PASSWORD' ? String(raw) : String(raw).trim();
  const max = maxLengthOf(type);
  if (s.length > max) return { message: `Use at most ${max} characters (this is ${s.length}).` };
  if (type === 'COMBO' && options && !options.includes(s)) return { message: `Choose one of: ${options.join(', ')}.` };
  if (type === 'EMAIL' && !isEmailAddress(s)) return { message: 'Enter an email address, like name@example.com.' };
  if (type === 'URL' && !isWebAddress(s)) return { message: 'Enter a web address starting with https://.' };
  const re = patternOf(c.pattern);
  if (re && s !== '' && !re.test(s)) {
    return { message: c.example ? `This does not look right; for example: ${c.example}.` : 'This does not have the expected format.' };
  }
  return { value: s };
}

/**
 * Validates an end user's values against an authentication type's configuration: every bad field
 * at once. Hidden keys (host secrets, internal values) and unknown keys are refused; fields of a
 * group the user did not choose (groupControl/groupName) are neither required nor kept.
 */
export function validateValues(
  configuration: ConfigurationObject[],
  input: ConfigurationValues,
): { values: ConfigurationValues; errors: FieldError[] } {
  const visible = configuration.filter((c) => !isHiddenConfiguration(c));
  const byKey = new Map(visible.map((c) => [c.key, c]));
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!byKey.has(key)) errors.push({ field: key, message: 'This is not a setting of this connection.' });
  }
  const given = (c: ConfigurationObject): ConfigurationValue | undefined => {
    const v = input[c.key];
    if (!isEmpty(v)) return v;
    return c.defaultValue === null || c.defaultValue === undefined || c.defaultValue === '' ? undefined : c.defaultValue;
  };
  const activeGroups = new Set(
    visible
      .filter((c) => c.groupControl)
      .map((c) => given(c))
      .filter((v): v is string => typeof v === 'string'),
  );
  const values: ConfigurationValues = {};
  for (const c of visible) {
    const groups = groupsOf(c);
    if (groups.length && !groups.some((g) => activeGroups.has(g))) continue;
    const raw = given(c);
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '' && c.type !== 'PASSWORD')) {
      if (c.required) errors.push({ field: c.key, message: `${c.name} is required.` });
      continue;
    }
    const r = check(c, raw);
    if ('message' in r) errors.push({ field: c.key, message: r.message });
    else values[c.key] = r.value;
  }
  return { values, errors };
}

/** Values safe to show again: not passwords, not host or internal configuration. */
export function publicValues(configuration: ConfigurationObject[], values: ConfigurationValues): ConfigurationValues {
  const out: ConfigurationValues = {};
  for (const c of configuration) {
    if (c.type === 'PASSWORD' || isHiddenConfiguration(c)) continue;
    if (values[c.key] !== undefined) out[c.key] = values[c.key]!;
  }
  return out;
}

/**
 * The user's values as a connect stores them: checked by type (validateValues), then where each
 * lands in a request (checkPlacement: host label, path segment, header, origin). Any error is one
 * validation_failed problem naming every field, the first error per field.
 */
export function checkedValues(auth: AuthenticationDefinition, input: ConfigurationValues, hosts: string[]): ConfigurationValues {
  const { values, errors } = validateValues(auth.configuration, input);
  const bad = new Set(errors.map((e) => e.field));
  errors.push(...checkPlacement(auth, values, undefined, hosts).filter((e) => !bad.has(e.field)));
  if (errors.length === 0) return values;
  const detail = errors.length === 1 ? errors[0]!.message : `${errors.length} settings need attention.`;
  throw new ProblemError('validation_failed', detail, errors);
}
