import type en from './locales/en.json';

/**
 * Every message id: the keys of the English words, `locales/en.json`. Each language's words are
 * one JSON file beside it, with the same ids (see locales/README.md); the code holds ids only.
 */
export type MessageId = keyof typeof en;

/**
 * Words with their `{placeholders}` filled in (a missing one is left empty): every message goes
 * through it. With a `locale`, numbers are written its way ("1.234"; a string's toLocaleString is itself).
 */
export const fill = (words: string, vars: Record<string, string | number> = {}, locale?: string): string =>
  words.replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = vars[k] ?? '';
    return locale ? value.toLocaleString(locale) : String(value);
  });
