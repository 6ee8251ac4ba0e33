import * as z from 'zod/mini';
import { FIELD_TYPES, type FieldMetadata, type FieldType } from '../../contract/index.js';

/**
 * How an element definition declares discovery, as data: an app's own metadata answer (a
 * Salesforce describe, HubSpot's properties, Zendesk's user fields) is mapped onto the contract's
 * FieldMetadata by expressions over each vendor field, with no code per app.
 *
 * - a path reads a member, dotted for nested ones (`modificationMetadata.readOnlyValue`); `list[].value`
 *   collects `value` from each item of `list`;
 * - a template puts paths into text: `properties.{name}`;
 * - a flag is `true`/`false`, or paths joined by `&`, each maybe negated: `!nillable & createable`.
 */
const SEGMENT = String.raw`[A-Za-z0-9_$@-]+`;
const PATH = new RegExp(String.raw`^${SEGMENT}(?:\[\])?(?:\.${SEGMENT}(?:\[\])?)*$`);
const PLAIN_PATH = new RegExp(String.raw`^${SEGMENT}(?:\.${SEGMENT})*$`);
const PLACE = /\{([^{}]*)\}/g;

const isPath = (s: string) => PATH.test(s);
const isText = (s: string) => {
  if (!s.includes('{')) return PLAIN_PATH.test(s);
  const parts = [...s.matchAll(PLACE)];
  return parts.length > 0 && parts.every((m) => PLAIN_PATH.test(m[1]!)) && !s.replace(PLACE, '').includes('{');
};
const isFlag = (s: string) => s.split('&').every((term) => PLAIN_PATH.test(term.trim().replace(/^!\s*/, '')));

const Path = z.string().check(z.refine(isPath, 'must be a dotted path such as `label` or `picklistValues[].value`'));
const PlainPath = z.string().check(z.refine((s) => PLAIN_PATH.test(s), 'must be a dotted path such as `results`'));
const Text = z.string().check(z.refine(isText, 'must be a dotted path (`label`) or a template of paths (`properties.{name}`)'));
const Flag = z.union([
  z.boolean(),
  z.string().check(z.refine(isFlag, 'must be true, false or paths joined by & (`!nillable & createable`)')),
]);

/** Which member of a vendor field gives each FieldMetadata member. Without `map` the answer is already in the contract's shape. */
export const FieldMapDefinition = z.strictObject({
  vendorPath: Text,
  /** Gives the native type looked up in `types`; absent: `vendorNativeType` is. */
  type: z.optional(Text),
  vendorDisplayName: z.optional(Text),
  vendorNativeType: z.optional(Text),
  description: z.optional(Text),
  vendorRequired: z.optional(Flag),
  vendorReadOnly: z.optional(Flag),
  custom: z.optional(Flag),
  options: z.optional(Path),
});
export type FieldMapDefinition = z.infer<typeof FieldMapDefinition>;

/** The mapping members of a definition's `metadata` request (beside the request's own method, path, …). */
export const MetadataMapping = z.strictObject({
  /** Where the list of fields is in the answer (`fields`, `results`); absent: the answer is the list. */
  fieldsPath: z.optional(PlainPath),
  map: z.optional(FieldMapDefinition),
  /** Native type → contract type (`double` → `number`); a native type that is already a contract type stays. */
  types: z.optional(z.record(z.string(), z.enum(FIELD_TYPES))),
  /** The type of a native type `types` does not name. */
  defaultType: z.optional(z.enum(FIELD_TYPES)),
  /** Vendor fields left out when any of these flags holds (`deprecatedAndHidden`, `!active`). */
  skip: z.optional(z.array(Flag)),
  /** A member holding a field's own sub-fields: they are listed as `parent.child`, the parent not. */
  children: z.optional(PlainPath),
});
export type MetadataMapping = z.infer<typeof MetadataMapping>;

/** A field declared inline in a definition (an app without a describe API, e.g. QuickBooks). */
export const StaticField = z.strictObject({
  vendorPath: z.string().check(z.regex(PLAIN_PATH, 'must be a dotted path such as `BillAddr.City`')),
  type: z.enum(FIELD_TYPES),
  vendorDisplayName: z.optional(z.string()),
  vendorNativeType: z.optional(z.string()),
  vendorRequired: z.optional(z.boolean()),
  vendorReadOnly: z.optional(z.boolean()),
  description: z.optional(z.string()),
  custom: z.optional(z.boolean()),
  options: z.optional(z.array(z.string())),
});

/** The app's answer holds no list of fields where the definition says. */
export class MalformedMetadata extends Error {}

const IDENTITY: FieldMapDefinition = {
  vendorPath: 'vendorPath',
  type: 'type',
  vendorDisplayName: 'vendorDisplayName',
  vendorNativeType: 'vendorNativeType',
  description: 'description',
  vendorRequired: 'vendorRequired',
  vendorReadOnly: 'vendorReadOnly',
  custom: 'custom',
  options: 'options',
};
const MAX_DEPTH = 5;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The values at `path` (own members only: `constructor` is no member of a vendor field); `[]` fans out. */
function valuesAt(value: unknown, segments: string[]): unknown[] {
  if (segments.length === 0) return [value];
  const [head, ...rest] = segments as [string, ...string[]];
  const many = head.endsWith('[]');
  const key = many ? head.slice(0, -2) : head;
  const next = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  if (!many) return next === undefined ? [] : valuesAt(next, rest);
  return Array.isArray(next) ? next.flatMap((item) => valuesAt(item, rest)) : [];
}
const valueAt = (value: unknown, path: string): unknown => valuesAt(value, path.split('.'))[0];

function textOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function text(entry: unknown, expr: string | undefined): string | undefined {
  if (expr === undefined) return undefined;
  if (!expr.includes('{')) return textOf(valueAt(entry, expr));
  const parts = [...expr.matchAll(PLACE)].map((m) => textOf(valueAt(entry, m[1]!)));
  if (parts.some((p) => p === undefined)) return undefined;
  let i = 0;
  return expr.replace(PLACE, () => parts[i++]!);
}

function flag(entry: unknown, expr: boolean | string | undefined): boolean {
  if (typeof expr !== 'string') return expr === true;
  return expr.split('&').every((term) => {
    const t = term.trim();
    const negated = t.startsWith('!');
    return (valueAt(entry, t.replace(/^!\s*/, '')) === true) !== negated;
  });
}

function optionsOf(entry: unknown, expr: string | undefined): string[] | undefined {
  if (expr === undefined) return undefined;
  const found = valuesAt(entry, expr.split('.'));
  const list = expr.includes('[]') ? found : Array.isArray(found[0]) ? (found[0] as unknown[]) : [];
  const options = list.map(textOf).filter((o) => o !== undefined);
  return options.length ? options : undefined;
}

function typeOf(raw: string | undefined, m: MetadataMapping): FieldType {
  const mapped = raw === undefined ? undefined : m.types?.[raw];
  if (mapped) return mapped;
  return raw !== undefined && (FIELD_TYPES as readonly string[]).includes(raw) ? (raw as FieldType) : (m.defaultType ?? 'string');
}

/** One vendor field as FieldMetadata: booleans only when true and texts only when present, so 1,500 fields stay small. */
function fieldOf(entry: unknown, vendorPath: string, m: MetadataMapping, map: FieldMapDefinition): FieldMetadata {
  const nativeType = text(entry, map.vendorNativeType);
  const f: FieldMetadata = { vendorPath, type: typeOf(map.type ? text(entry, map.type) : nativeType, m) };
  const put = <K extends keyof FieldMetadata>(k: K, v: FieldMetadata[K] | undefined) => {
    if (v !== undefined && v !== false) f[k] = v;
  };
  put('vendorDisplayName', text(entry, map.vendorDisplayName));
  put('vendorNativeType', nativeType);
  put('vendorRequired', flag(entry, map.vendorRequired));
  put('vendorReadOnly', flag(entry, map.vendorReadOnly));
  put('description', text(entry, map.description));
  put('custom', flag(entry, map.custom));
  put('options', optionsOf(entry, map.options));
  return f;
}

export interface MappedFields {
  fields: FieldMetadata[];
  /** Entries that were no object or named no path. */
  unreadable: number;
  /** Later entries with a path an earlier one had (the first is kept). */
  duplicates: string[];
}

/** The fields of an app's metadata answer, as the definition's mapping reads them; throws MalformedMetadata when there is no list. */
export function mapFields(answer: unknown, m: MetadataMapping): MappedFields {
  const list = m.fieldsPath === undefined ? answer : valueAt(answer, m.fieldsPath);
  if (!Array.isArray(list)) throw new MalformedMetadata(`no list of fields at ${m.fieldsPath ? `"${m.fieldsPath}"` : 'the top'}`);
  const map = m.map ?? IDENTITY;
  const out: MappedFields = { fields: [], unreadable: 0, duplicates: [] };
  const seen = new Set<string>();
  const walk = (entries: unknown[], prefix: string, depth: number) => {
    for (const entry of entries) {
      const path = isRecord(entry) ? text(entry, map.vendorPath) : undefined;
      if (path === undefined) {
        out.unreadable++;
        continue;
      }
      if (m.skip?.some((s) => flag(entry, s))) continue;
      const children = m.children === undefined ? undefined : valueAt(entry, m.children);
      if (Array.isArray(children) && children.length > 0 && depth < MAX_DEPTH) {
        walk(children, `${prefix}${path}.`, depth + 1);
        continue;
      }
      const full = prefix + path;
      if (seen.has(full)) out.duplicates.push(full);
      else {
        seen.add(full);
        out.fields.push(fieldOf(entry, full, m, map));
      }
    }
  };
  walk(list, '', 0);
  return out;
}

/** What a start-up check needs of an element's objects. */
interface DeclaredObject {
  name: string;
  metadata?: unknown;
  fields?: { vendorPath: string }[];
}

/** Object names once per element, each object with a way to learn its fields, inline fields once per path. */
export function checkObjects(objects: DeclaredObject[], file: string): void {
  const names = new Set<string>();
  for (const o of objects) {
    const where = `Invalid element definition ${file}: objects.${o.name}`;
    if (names.has(o.name)) throw new Error(`${where}: the name is used twice`);
    names.add(o.name);
    if (!o.metadata && !o.fields) throw new Error(`${where}: needs metadata (a request) or fields (a list)`);
    const paths = new Set<string>();
    for (const f of o.fields ?? []) {
      if (paths.has(f.vendorPath)) throw new Error(`${where}.fields: "${f.vendorPath}" is declared twice`);
      paths.add(f.vendorPath);
    }
  }
}
