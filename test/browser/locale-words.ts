// A shipped language's words as the widget fetches them (src/widget/locales/<tag>.json), for tests
// that expect them instead of writing translations down.
export async function localeWords(tag: string): Promise<Record<string, string | undefined>> {
  const res = await fetch(new URL(`../../src/widget/locales/${tag}.json`, import.meta.url));
  if (!res.ok) throw new Error(`no words for ${tag} (${res.status})`);
  return (await res.json()) as Record<string, string | undefined>;
}
