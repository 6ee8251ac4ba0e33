import * as z from 'zod/mini';
import type { ConfigurationObject } from '../../contract/index.js';
import { canonicalLocale, DEFAULT_LOCALE } from '../locale.js';

/**
 * An element definition's words in other languages: `translations.<locale>` replaces the
 * definition's English strings of the same name, one by one; a string left out stays English.
 *
 * ```json
 * "translations": { "de": {
 *   "name": "…", "description": "…",
 *   "authenticationTypes": { "basic": { "name": "…", "description": "…" } },
 *   "fields": { "<configuration key>": { "name": "…", "description": "…", "placeholder": "…", "example": "…",
 *                                        "options": { "<option value>": "…" } } } } }
 * ```
 */
const Text = z.string().check(z.minLength(1));

const FieldTranslation = z.strictObject({
  /** The field's label. */
  name: z.optional(Text),
  /** Its hint. */
  description: z.optional(Text),
  placeholder: z.optional(Text),
  example: z.optional(Text),
  /** Option labels by option value. */
  options: z.optional(z.record(z.string(), Text)),
});
type FieldTranslation = z.infer<typeof FieldTranslation>;

export const Translation = z.strictObject({
  name: z.optional(Text),
  description: z.optional(Text),
  authenticationTypes: z.optional(
    z.record(
      z.string(),
      z.strictObject({
        name: z.optional(Text),
        description: z.optional(Text),
        /** The vendor's refusal (verify.rejectedMessage), and the per-status ones (verify.rejected) by status. */
        rejectedMessage: z.optional(Text),
        rejected: z.optional(z.record(z.string(), Text)),
      }),
    ),
  ),
  /** By configuration key: a key shared by two authentication types is translated once. */
  fields: z.optional(z.record(z.string(), FieldTranslation)),
});
export type Translation = z.infer<typeof Translation>;
export const Translations = z.record(z.string(), Translation);
export type Translations = z.infer<typeof Translations>;

/** What a translation block may name: the definition's parts, as parseDefinition sees them. */
interface Translatable {
  translations?: Translations;
  authenticationTypes: { type: string; configuration: ConfigurationObject[]; verify?: { rejected?: { status: number }[] } }[];
}

/** Every translation names a canonical locale other than English, and only types, fields and options that exist. */
export function translationProblem(def: Translatable): string | undefined {
  const fields = new Map<string, ConfigurationObject>();
  for (const a of def.authenticationTypes) for (const c of a.configuration) fields.set(c.key, c);
  const types = def.authenticationTypes.map((a) => a.type);
  for (const [locale, t] of Object.entries(def.translations ?? {})) {
    const at = `translations.${locale}`;
    if (canonicalLocale(locale) !== locale) return `${at}: not a BCP 47 language tag in its canonical spelling (e.g. de, pt-BR)`;
    if (locale === DEFAULT_LOCALE) return `${at}: the definition itself is the English; translate into other languages only`;
    for (const [type, ta] of Object.entries(t.authenticationTypes ?? {})) {
      const auth = def.authenticationTypes.find((a) => a.type === type);
      if (!auth) return `${at}.authenticationTypes.${type}: no such authentication type (it has: ${types.join(', ')})`;
      const statuses = (auth.verify?.rejected ?? []).map((r) => String(r.status));
      for (const status of Object.keys(ta.rejected ?? {})) {
        if (!statuses.includes(status)) {
          return `${at}.authenticationTypes.${type}.rejected.${status}: verify.rejected has no such status (it has: ${statuses.join(', ') || 'none'})`;
        }
      }
    }
    for (const [key, f] of Object.entries(t.fields ?? {})) {
      const field = fields.get(key);
      if (!field) return `${at}.fields.${key}: no configuration field has this key (fields: ${[...fields.keys()].join(', ')})`;
      const values = (field.options ?? []).map((o) => o.value);
      for (const value of Object.keys(f.options ?? {})) {
        if (!values.includes(value))
          return `${at}.fields.${key}.options.${value}: no such option (options: ${values.join(', ') || 'none'})`;
      }
    }
  }
  return undefined;
}

/** The languages a set of definitions has words in, English first. */
export function localesOf(defs: readonly { translations?: Translations }[]): string[] {
  return [DEFAULT_LOCALE, ...new Set(defs.flatMap((d) => Object.keys(d.translations ?? {})))];
}

/** A configuration object in `locale`, each string falling back to the English one. */
function translateField(c: ConfigurationObject, t: FieldTranslation | undefined): ConfigurationObject {
  if (!t) return c;
  const options = t.options;
  return {
    ...c,
    name: t.name ?? c.name,
    ...(t.description ? { description: t.description } : {}),
    ...(t.placeholder ? { placeholder: t.placeholder } : {}),
    ...(t.example ? { example: t.example } : {}),
    ...(c.options && options
      ? { options: c.options.map((o) => (options[o.value] ? { ...o, description: options[o.value] } : o)) }
      : {}),
  };
}

/** The definition's words in one language: each lookup answers the English when there is no translation. */
export function wordsIn(def: { name: string; description: string; translations?: Translations }, locale: string) {
  const t = def.translations?.[locale];
  return {
    name: t?.name ?? def.name,
    description: t?.description ?? def.description,
    auth: <A extends { type: string; name: string; description?: string }>(a: A): A => {
      const w = t?.authenticationTypes?.[a.type];
      return w ? { ...a, name: w.name ?? a.name, ...(w.description ? { description: w.description } : {}) } : a;
    },
    /** The vendor's refusal of a sign-in method's credentials (`status`: the words of verify.rejected's status), or undefined. */
    rejection: (type: string, status?: number) => {
      const w = t?.authenticationTypes?.[type];
      return status === undefined ? w?.rejectedMessage : w?.rejected?.[String(status)];
    },
    configuration: (objects: ConfigurationObject[]) => (t?.fields ? objects.map((c) => translateField(c, t.fields![c.key])) : objects),
  };
}
