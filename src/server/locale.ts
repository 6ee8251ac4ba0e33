import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { LOCALES, type Locale } from '../contract/locales.js';

/**
 * Which language an answer is in: one choice for the catalog's translated metadata and the hosted
 * pages. The header is read by negotiator (q-values, `q=0` refusals) and the best supported locale
 * picked by the standard BestFit matcher (`de-AT` → `de`, `pt` → `pt-BR`, `ja-JP` → `ja`), English last.
 */

// The shipped locales are one list with the widget's: the hosted pages have their words in each.
export { LOCALES, type Locale };
export const DEFAULT_LOCALE = 'en';

/** A well-formed BCP 47 tag in its canonical spelling (`pt-br` → `pt-BR`), or undefined. */
export function canonicalLocale(tag: string): string | undefined {
  if (tag === '*') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined; // a malformed tag in a header is skipped, never an error
  }
}

/** The languages an `Accept-Language` header asks for, best first, well-formed ones only. */
export function requestedLocales(acceptLanguage: string | undefined): string[] {
  if (!acceptLanguage) return [];
  const tags = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  return tags.map(canonicalLocale).filter((t): t is string => t !== undefined);
}

// Matching costs tens of microseconds, as much as a cached catalog answer: browsers send few distinct headers, so each is matched once.
const HEADER_CACHE_SIZE = 500;
const byHeader = new WeakMap<readonly string[], Map<string, string>>();

/**
 * The best of `supported` for the requested languages (tags or an `Accept-Language` header), else
 * English. `supported` must hold English.
 */
export function pickLocale<T extends string>(requested: string | readonly string[] | undefined, supported: readonly T[]): T {
  if (typeof requested !== 'string') return best(requested ?? [], supported);
  let cache = byHeader.get(supported);
  if (!cache) byHeader.set(supported, (cache = new Map<string, string>()));
  let locale = cache.get(requested) as T | undefined;
  if (!locale) {
    locale = best(requestedLocales(requested), supported);
    if (cache.size >= HEADER_CACHE_SIZE) cache.clear();
    cache.set(requested, locale);
  }
  return locale;
}

const best = <T extends string>(wanted: readonly string[], supported: readonly T[]): T =>
  wanted.length ? (match(wanted, supported, DEFAULT_LOCALE, { algorithm: 'best fit' }) as T) : (DEFAULT_LOCALE as T);

/** The page language from a `lang` query value (when one is given and supported) before the header. */
export function pageLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  const asked = lang ? canonicalLocale(lang) : undefined;
  return pickLocale(asked ? [asked, ...requestedLocales(acceptLanguage)] : acceptLanguage, LOCALES);
}

const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);

/** Writing direction of a locale, from its likely script (`ar` → Arab → rtl). */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const script = new Intl.Locale(locale).maximize().script;
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

/** The opening `<html>` tag of a hosted page in `locale`: its language and writing direction. */
export const htmlStart = (locale: string) => `<html lang="${locale}" dir="${directionOf(locale)}">`;
