// Every shipped locale says every message the widget has (locales/en.json), with the same
// placeholders, and nothing else.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { LOCALES } from '../../src/contract/locales.js';
import en from '../../src/widget/locales/en.json' with { type: 'json' };

/** The English words: the table every other language follows (the code's ids are its keys: MessageId). */
const english: Record<string, string> = en;
const dir = new URL('../../src/widget/locales/', import.meta.url);
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g))].sort();
const tagsIn = async (dir: URL) => (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const tags = (await tagsIn(dir)).filter((tag) => tag !== 'en');

test('the widget ships German, French, Spanish, Portuguese (Brazil), Japanese and Arabic: a file for each shipped locale', async () => {
  assert.deepEqual(tags.sort(), ['ar', 'de', 'es', 'fr', 'ja', 'pt-BR']);
  assert.deepEqual((await tagsIn(dir)).sort(), [...LOCALES].sort(), 'src/contract/locales.ts and the files');
});

for (const tag of tags)
  test(`${tag}: every message, with the English placeholders`, async () => {
    const templates = JSON.parse(await readFile(new URL(`${tag}.json`, dir), 'utf8')) as Record<string, string>;
    assert.deepEqual(
      Object.keys(english).filter((id) => !(id in templates)),
      [],
      'ids without a translation',
    );
    assert.deepEqual(
      Object.keys(templates).filter((id) => !(id in english)),
      [],
      'ids the widget no longer has',
    );
    for (const [id, text] of Object.entries(templates)) {
      const expected = placeholders(english[id]!);
      if (!text.includes('|')) assert.deepEqual(placeholders(text), expected, `${tag} ${id}`);
      else {
        // A count, one form per plural category (`one:…|other:…`): a form may leave the number out
        // (Arabic's "two apps" is one word), never add a placeholder, and `other` is there.
        assert.match(text, /(^|\|)other:/, `${tag} ${id} has no other form`);
        for (const form of text.split('|'))
          assert.deepEqual(
            placeholders(form).filter((p) => !expected.includes(p)),
            [],
            `${tag} ${id}`,
          );
      }
    }
  });
