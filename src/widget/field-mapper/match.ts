// The mapper's judgements, pure: a type's kind, whether two types fit, and how alike two names are.
import type { CommonResourceField, FieldMetadata } from '../../contract/index.js';

/** How the mapper names a host field and an app field. */
export const hostLabel = (h: CommonResourceField) => h.displayName ?? h.path;
export const vendorLabel = (v: FieldMetadata) => v.vendorDisplayName ?? v.vendorPath;

/**
 * What a type holds, as coercion sees it: number, date, boolean, list or text. The platform answers
 * only the contract's types (FIELD_TYPES: a native type is mapped onto these), so this names kinds,
 * not guesses.
 */
const kind = (type: string): string => ({ integer: 'number', datetime: 'date', array: 'list', object: 'list' })[type] ?? type;

export type Fit = 'same' | 'convertible' | 'incompatible';

/**
 * How a vendor field fits a host field (whose type is a kind already: HOST_FIELD_TYPES): the same
 * kind; convertible when one side is text (text is parsed, anything becomes text, and a value that
 * does not parse is reported per record); else incompatible (a list, or a number, date or boolean
 * becoming another of those).
 */
export function fit(host: string, vendor: string): Fit {
  const v = kind(vendor);
  return host === v ? 'same' : v !== 'list' && (host === 'string' || v === 'string') ? 'convertible' : 'incompatible';
}

/** A name with case and separators gone: `firstName`, `FirstName` and `first_name` are all `firstname`. */
export const norm = (s = ''): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The length of `a` when it is inside `b` and 4 long at least, else 0. */
const inside = (a: string, b: string) => (a.length > 3 && b.includes(a) ? a.length : 0);

/** How alike two normalized names are: 1,000 when equal (and not empty), else the length of one inside the other (4 at least), else 0. */
const alike = (a: string, b: string): number => (a === b ? (a ? 1000 : 0) : inside(a, b) || inside(b, a));

/** A vendor field with its normalized names and its search text (label, path, type), computed once per metadata answer. */
export interface Candidate extends FieldMetadata {
  names: string[];
  hay: string;
}

export const candidate = (field: FieldMetadata): Candidate => ({
  ...field,
  names: [norm(field.vendorPath), norm(field.vendorDisplayName)],
  hay: `${vendorLabel(field)} ${field.vendorPath} ${field.type}`.toLowerCase(),
});

/** The best vendor field for a host field by name (ties go to the first), among those `usable`; none below `alike`'s threshold. */
export function suggest(
  host: CommonResourceField,
  list: Iterable<Candidate>,
  usable: (c: Candidate) => boolean,
): Candidate | undefined {
  const names = [norm(host.path), norm(host.displayName)];
  let best: Candidate | undefined;
  let top = 0;
  for (const c of list) {
    let s = 0;
    for (const a of names) for (const b of c.names) s = Math.max(s, alike(a, b));
    if (s > top && usable(c) && fit(host.type, c.type) !== 'incompatible') [best, top] = [c, s];
  }
  return best;
}
