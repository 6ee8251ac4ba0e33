// What the end-to-end tests expect a page to say in another language, read from where the words
// live, never written into a test: the widget's English words and its locale files, and an app's
// definition with its `translations`.
import { readFile } from 'node:fs/promises';
import english from '../../src/widget/locales/en.json' with { type: 'json' };

/** The one table: the widget's English words. */
const table: Record<string, string> = english;

const holes = (text: string) => text.replace(/\{\w+\}/g, '{}');

/**
 * The widget's words for a sentence it renders in English, in `locale`. `english` is the sentence
 * as the components say it today with `{}` for each value (`Connect {}`), so the test does not
 * depend on the message ids; `values` fill the holes in order. Several ids may say the same English
 * (a card's Connect and the dialog's) as long as their translations agree; `unlike` names ids that
 * say it about something else. Throws when the table has no such sentence (the component still
 * renders a literal), the locale lacks it, or the translations disagree.
 */
export async function widgetSays(locale: string, english: string, values: string[] = [], unlike: string[] = []): Promise<string> {
  const found = Object.entries(table).filter(([id, text]) => holes(text) === english && !unlike.includes(id));
  if (!found.length) throw new Error(`No message in the widget's table says "${english}"`);
  const templates = JSON.parse(await readFile(new URL(`../../src/widget/locales/${locale}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string | undefined
  >;
  const said = found.map(([id, text]) => {
    const translated = templates[id];
    if (!translated) throw new Error(`src/widget/locales/${locale}.json has no "${id}" (${english})`);
    // Values go in by the English placeholder they fill, wherever the translation puts it.
    const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    return translated.replace(/\{(\w+)\}/g, (_, name: string) => values[names.indexOf(name)] ?? '');
  });
  if (new Set(said).size > 1)
    throw new Error(
      `${found.map(([id]) => id).join(', ')} all say "${english}" but differ in ${locale}: name the others in \`unlike\``,
    );
  return said[0]!;
}

interface FieldWords {
  name: string;
}
interface Definition {
  name: string;
  description: string;
  authenticationTypes: { type: string; configuration: { key: string; name: string }[]; verify?: { rejectedMessage?: string } }[];
  translations?: Record<
    string,
    {
      name?: string;
      description?: string;
      authenticationTypes?: Record<string, { rejectedMessage?: string }>;
      fields?: Record<string, Partial<FieldWords>>;
    }
  >;
}

/** An app's words in `locale` as its definition gives them, English where it has no translation (as the proxy answers). */
export async function appSays(key: string, locale: string) {
  const def = JSON.parse(await readFile(new URL(`../../src/server/elements/${key}.json`, import.meta.url), 'utf8')) as Definition;
  const t = def.translations?.[locale] ?? {};
  const auth = def.authenticationTypes[0]!;
  return {
    name: t.name ?? def.name,
    description: t.description ?? def.description,
    /** A field's label by configuration key. */
    field: (k: string) => t.fields?.[k]?.name ?? auth.configuration.find((c) => c.key === k)!.name,
    /** The refusal of wrong credentials (`verify.rejectedMessage`) of the first authentication type. */
    rejected: t.authenticationTypes?.[auth.type]?.rejectedMessage ?? auth.verify?.rejectedMessage,
  };
}
