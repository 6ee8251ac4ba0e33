import type { FieldError, HostFieldType, TransformationField } from '../../contract/index.js';

// A record of the app read into the host's shape: dotted paths on both sides, each value coerced
// to the host field's type. Pure functions; transformations.ts stores mappings, resources.ts pages.

/** One host path segment: an identifier (hyphens allowed), never one that reaches an object's prototype. */
const SEGMENT = /^[A-Za-z_$][\w$-]*$/;
const RESERVED = new Set(['__proto__', 'prototype', 'constructor']);

/** Why a mapping's fields cannot be saved: a host path that is no identifier path, mapped twice, or both a value and an object. */
export function fieldErrors(fields: readonly TransformationField[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  fields.forEach((f, i) => {
    const field = `fields.${i}.path`;
    const segments = f.path.split('.');
    if (segments.some((s) => !SEGMENT.test(s) || RESERVED.has(s))) {
      errors.push({ field, message: 'Use names of letters, digits, _ and -, joined by dots (address.city).' });
      return;
    }
    if (f.vendorPath.split('.').some((s) => s === '')) {
      errors.push({ field: `fields.${i}.vendorPath`, message: 'A path has no empty parts (a.b, never a..b).' });
    }
    if (seen.has(f.path)) errors.push({ field, message: `${f.path} is mapped twice (also field ${seen.get(f.path)}).` });
    seen.set(f.path, i);
  });
  for (const [path, i] of seen) {
    for (let cut = path.indexOf('.'); cut > 0; cut = path.indexOf('.', cut + 1)) {
      const parent = path.slice(0, cut);
      if (seen.has(parent))
        errors.push({ field: `fields.${i}.path`, message: `${parent} is mapped as a value, so it cannot hold ${path}.` });
    }
  }
  return errors;
}

const hasOwn = (v: unknown, key: string): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.hasOwn(v, key);

/** The value at a dotted path of a vendor record (a key that itself holds the dots wins); undefined where there is none. */
export function readPath(record: unknown, path: string): unknown {
  if (hasOwn(record, path)) return record[path];
  let v = record;
  for (const key of path.split('.')) {
    if (!hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/** Puts a value at a dotted host path (segments checked by fieldErrors before anything is stored). */
function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    at = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : (at[key] = {});
  }
  at[keys.at(-1)!] = value;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const TRUE = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', 'off']);
/** Below this a number of seconds, above it of milliseconds, since 1970 (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_BELOW = 1e11;

type Coerced = { value: unknown } | { error: string };

const quote = (v: unknown) => {
  const s =
    typeof v === 'string'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? 'a list'
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : 'an object';
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function toDate(v: unknown): Coerced {
  if (typeof v === 'number' && Number.isFinite(v))
    return { value: new Date(Math.abs(v) < SECONDS_BELOW ? v * 1000 : v).toISOString() };
  const s = typeof v === 'string' ? v.trim() : undefined;
  const day = s === undefined ? null : DATE_ONLY.exec(s);
  if (s !== undefined && day) {
    const d = new Date(`${s}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.getUTCDate() === Number(day[3])) return { value: s };
  } else if (s !== undefined && DATE_TIME.test(s)) {
    // A time without an offset is read as UTC, never as the server's local time.
    const t = Date.parse(/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
    if (!Number.isNaN(t)) return { value: new Date(t).toISOString() };
  }
  return { error: `${quote(v)} is not a date (ISO 8601, such as 2026-01-05 or 2026-01-05T09:00:00Z).` };
}

/** A vendor value as the host's type; null and undefined (and empty text for number, boolean and date) read as null. */
export function coerce(v: unknown, type: HostFieldType): Coerced {
  if (v === null || v === undefined || (type !== 'string' && typeof v === 'string' && v.trim() === '')) return { value: null };
  switch (type) {
    case 'string':
      if (isScalar(v)) return { value: String(v) };
      if (Array.isArray(v) && v.every(isScalar)) return { value: v.join(', ') };
      return { error: `${quote(v)} is not text.` };
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) return { value: v };
      if (typeof v === 'string' && NUMBER.test(v.trim())) return { value: Number(v.trim()) };
      return { error: `${quote(v)} is not a number.` };
    case 'boolean':
      if (typeof v === 'boolean') return { value: v };
      if (v === 1 || v === 0) return { value: v === 1 };
      if (typeof v === 'string' && TRUE.has(v.trim().toLowerCase())) return { value: true };
      if (typeof v === 'string' && FALSE.has(v.trim().toLowerCase())) return { value: false };
      return { error: `${quote(v)} is not true or false.` };
    case 'date':
      return toDate(v);
  }
}

export interface MappedRecord {
  item: Record<string, unknown>;
  errors: { path: string; vendorPath: string; message: string }[];
}

/** A vendor record in the host's shape: every mapped path present, null where the value is absent or does not coerce (with an error). */
export function mapRecord(record: unknown, fields: readonly TransformationField[]): MappedRecord {
  const item: Record<string, unknown> = {};
  const errors: MappedRecord['errors'] = [];
  for (const f of fields) {
    const r = coerce(readPath(record, f.vendorPath), f.type);
    if ('error' in r) errors.push({ path: f.path, vendorPath: f.vendorPath, message: r.error });
    writePath(item, f.path, 'error' in r ? null : r.value);
  }
  return { item, errors };
}
