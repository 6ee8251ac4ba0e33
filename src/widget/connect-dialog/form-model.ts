// The connect form as data: which fields show, in what order, with what defaults, and how each
// value is checked. Pure (no DOM) so it is tested on its own.
import {
  configurationType,
  groupsOf,
  isEmailAddress,
  isHiddenConfiguration,
  isWebAddress,
  maxLengthOf,
  patternOf,
  type ConfigurationObject,
  type ConfigurationOption,
  type ConfigurationType,
  type ConfigurationValue,
  type ConfigurationValues,
} from '../../contract/index.js';
import type { MessageId } from '../messages.js';
import type { Vars } from '../localize.js';

/** How a field is drawn. COMBO and MULTISELECT without options fall back to a text box. */
export type FieldControl = 'text' | 'textarea' | 'password' | 'checkbox' | 'select' | 'checkboxes' | 'number' | 'url' | 'email';

/** What the inputs hold: text, a checkbox's state, or a MULTISELECT's chosen values. */
export type RawValue = string | boolean | string[];
export type RawValues = Record<string, RawValue>;

export interface FormField {
  key: string;
  name: string;
  type: ConfigurationType;
  control: FieldControl;
  required: boolean;
  maxLength: number;
  options: ConfigurationOption[];
  /** A COMBO whose value decides which grouped fields show. */
  groupControl: boolean;
  /** The groups this field belongs to (CE allows a comma-separated `groupName`); empty = always shown. */
  groups: string[];
  description?: string;
  placeholder?: string;
  prefix?: string;
  suffix?: string;
  helpUrl?: string;
  example?: string;
  /** The metadata's pattern as a whole-value RegExp (an invalid one is none). */
  pattern?: RegExp;
  defaultValue?: string | number | boolean | null;
}

export interface FormModel {
  /** Every field the user may see, required ones first (each part by displayOrder). */
  fields: FormField[];
}

/**
 * What is wrong with a value, as a message id (locales/en.json) and its values
 * (`{name}` is the field's label): the form says it in the dialog's language when it renders.
 */
export interface FieldProblem {
  id: Extract<MessageId, `field.${string}`>;
  vars: Vars;
}

export type ValidationResult = { ok: true; configuration: ConfigurationValues } | { ok: false; errors: Record<string, FieldProblem> };

/** Every TEXTFIELD_n is a text box. */
const CONTROLS: Partial<Record<ConfigurationType, FieldControl>> = {
  TEXTAREA: 'textarea',
  PASSWORD: 'password',
  BOOLEAN: 'checkbox',
  COMBO: 'select',
  MULTISELECT: 'checkboxes',
  NUMBER: 'number',
  URL: 'url',
  EMAIL: 'email',
};

/** Blank text is no text. */
const text = (v: string | null | undefined) => (v?.trim() ? v : undefined);

/** Builds the form from configuration objects; hidden ones are dropped again here (defence in depth). */
export function buildForm(objects: readonly ConfigurationObject[]): FormModel {
  const seen = new Set<string>();
  const order = (c: ConfigurationObject) => c.displayOrder ?? Number.POSITIVE_INFINITY;
  // The sort is stable: fields without an order keep the metadata's.
  const fields = objects
    .filter((c) => !isHiddenConfiguration(c) && !seen.has(c.key) && seen.add(c.key))
    .sort((a, b) => Number(b.required === true) - Number(a.required === true) || order(a) - order(b))
    .map(toField);
  return { fields };
}

function toField(c: ConfigurationObject): FormField {
  const options = (c.options ?? []).filter((o) => o.value !== '');
  const type = configurationType(c.type);
  let control = CONTROLS[type] ?? 'text';
  if ((control === 'select' || control === 'checkboxes') && options.length === 0) control = 'text';
  const example = text(c.example);
  const placeholder = text(c.placeholder);
  return {
    key: c.key,
    name: c.name.trim() || c.key,
    type,
    control,
    required: c.required === true,
    maxLength: maxLengthOf(type),
    options,
    groupControl: Boolean(c.groupControl) && control === 'select',
    groups: groupsOf(c),
    description: text(c.description),
    // A placeholder that repeats the example looks like a value already filled in: the help says the example.
    placeholder: placeholder === example ? undefined : placeholder,
    prefix: text(c.prefix),
    suffix: text(c.suffix),
    helpUrl: safeHttpUrl(c.helpUrl),
    example,
    pattern: patternOf(text(c.pattern)),
    defaultValue: c.defaultValue,
  };
}

/** Only http(s) help links: metadata must never smuggle a `javascript:` URL into an href. */
function safeHttpUrl(url: string | null | undefined): string | undefined {
  return url && isWebAddress(url) ? new URL(url).href : undefined;
}

/** The values the form starts with: defaults (CE sends BOOLEAN defaults as "true"/"false"), then `prefill` wins. */
export function initialValues(model: FormModel, prefill: ConfigurationValues = {}): RawValues {
  return Object.fromEntries(model.fields.map((f) => [f.key, toRaw(f, f.key in prefill ? prefill[f.key] : f.defaultValue)]));
}

function toRaw(f: FormField, v: ConfigurationValue | null | undefined): RawValue {
  // A list reads as its comma-separated text, the way CE writes a MULTISELECT default.
  const s = v == null ? '' : String(v);
  switch (f.control) {
    case 'checkbox':
      return v === true || s.trim().toLowerCase() === 'true';
    case 'checkboxes':
      return s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => isOption(f, x));
    case 'select':
      return isOption(f, s) ? s : '';
    default:
      return s;
  }
}

const isOption = (f: FormField, value: unknown) => f.options.some((o) => o.value === value);

/**
 * The fields shown for the current values: ungrouped ones, and grouped ones whose group a group
 * control selects (as the proxy's validation does: no control selecting it, no field).
 */
export function visibleFields(model: FormModel, values: RawValues): FormField[] {
  const selected = new Set(model.fields.filter((f) => f.groupControl).map((f) => values[f.key]));
  return model.fields.filter((f) => f.groups.length === 0 || f.groups.some((g) => selected.has(g)));
}

/**
 * The raw input as the value to check and send: blank means "not given"; passwords are kept as
 * typed, other text loses stray spaces from pasting; NUMBER text becomes a number.
 */
function normalize(f: FormField, v: RawValue | undefined): unknown {
  if (f.control === 'checkbox') return v === true;
  if (f.control === 'checkboxes') return Array.isArray(v) && v.length > 0 ? v : undefined;
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s === '') return undefined;
  return f.control === 'number' ? Number(s) : f.control === 'password' ? v : s;
}

/**
 * The problem with one field's normalized value (undefined = omitted), or undefined when it is fine:
 * the same rules as the proxy's validation (validation.ts), in plain code, which keeps zod (about
 * 5 kB gzip) out of the browser. The first rule broken is the one reported.
 */
function check(f: FormField, v: unknown): FieldProblem | undefined {
  const problem = (id: FieldProblem['id'], vars?: Vars): FieldProblem => ({ id, vars: { name: f.name, ...vars } });
  if (v === undefined) return f.required ? problem('field.required') : undefined;
  switch (f.control) {
    case 'checkbox':
      return undefined; // normalize() made it a boolean
    case 'checkboxes': // normalize() left a MULTISELECT's choice a list
    case 'select':
      return [v].flat().every((x) => isOption(f, x)) ? undefined : problem('field.choose-option');
    case 'number':
      return Number.isFinite(v) ? undefined : problem('field.number');
    default: {
      if (typeof v !== 'string') return problem('field.text');
      if (v.length > f.maxLength) return problem('field.too-long', { max: f.maxLength });
      if (f.pattern?.test(v) === false)
        return f.example ? problem('field.format-example', { example: f.example }) : problem('field.format');
      if (f.control === 'email' && !isEmailAddress(v)) return problem('field.email');
      if (f.control === 'url' && !isWebAddress(v)) return problem('field.url');
      return undefined;
    }
  }
}

/** The problem with one field's current value, or undefined when it is fine. */
export function validateField(f: FormField, value: RawValue | undefined): FieldProblem | undefined {
  return check(f, normalize(f, value));
}

/** Checks every visible field; on success the configuration to send (empty optional fields omitted). */
export function validate(model: FormModel, values: RawValues): ValidationResult {
  const errors: Record<string, FieldProblem> = {};
  const configuration: ConfigurationValues = {};
  for (const f of visibleFields(model, values)) {
    const value = normalize(f, values[f.key]);
    const error = check(f, value);
    if (error) errors[f.key] = error;
    else if (value !== undefined) configuration[f.key] = value as ConfigurationValues[string];
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, configuration };
}
