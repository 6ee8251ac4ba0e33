/**
 * The languages the product ships, by BCP 47 tag: the widget's words (src/widget/locales/<tag>.json,
 * fetched by localize.ts) and the proxy's hosted pages (src/server/locale.ts) speak each. English
 * is the table the others follow.
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
