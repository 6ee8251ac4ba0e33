import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSizes, sizeProblems, staticImports, type BundleSizes } from '../bench/bundle-size.js';

const sizes = (entry: number, chunk: number, entryImports: string[] = []): BundleSizes => ({
  entry: { file: 'ce-marketplace.js', raw: entry * 3, gzip: entry },
  chunks: [{ file: 'chunks/connect-flow-x.js', raw: chunk * 3, gzip: chunk }],
  total: { raw: (entry + chunk) * 3, gzip: entry + chunk },
  entryImports,
  locales: [],
  licensed: true,
});

test('the size check names each budget the bundle exceeds, and passes one within both', () => {
  const budgets = { entry: 100, total: 150, locale: 50 };
  assert.deepEqual(sizeProblems(sizes(100, 50), budgets), []);
  assert.match(sizeProblems(sizes(101, 10), budgets).join('\n'), /the entry ce-marketplace\.js is 101 bytes gzip, over its 100/);
  assert.match(sizeProblems(sizes(90, 61), budgets).join('\n'), /its chunks are 151 bytes gzip, over their 150/);
  assert.equal(sizeProblems(sizes(120, 60), budgets).length, 2);
});

test("the size check fails an entry without Lit's licence notice", () => {
  const bare = { ...sizes(10, 10), licensed: false };
  assert.match(sizeProblems(bare).join('\n'), /lost the licence notice of Lit/);
});

test("a language's words over their own budget are named; the total is all the JavaScript", async () => {
  const within = sizes(10, 10);
  within.locales.push({ file: 'locales/de.json', raw: 150, gzip: 51 });
  assert.deepEqual(sizeProblems(within, { entry: 100, total: 150, locale: 50 }), [
    'the locale locales/de.json is 51 bytes gzip, over its 50',
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'sizes-'));
  await mkdir(join(dir, 'chunks'));
  await mkdir(join(dir, 'locales'));
  await writeFile(join(dir, 'ce-marketplace.js'), 'export const a = 1;');
  await writeFile(join(dir, 'chunks', 'connect-flow-x.js'), 'export const t = "b";');
  await writeFile(join(dir, 'chunks', 'mapper-x.js'), 'export const t = "c";');
  await writeFile(join(dir, 'locales', 'ja.json'), JSON.stringify({ 'card.manage': 'd'.repeat(2000) }));
  const got = await bundleSizes(dir);
  assert.equal(got.total.gzip, got.entry.gzip + got.chunks[0]!.gzip + got.chunks[1]!.gzip);
  assert.deepEqual(
    got.locales.map((l) => l.file),
    ['locales/ja.json'],
  );
  await rm(dir, { recursive: true });
});

test('the size check fails an entry that imports a chunk statically, even within budget', () => {
  const problems = sizeProblems(sizes(10, 10, ['./chunks/lit-x.js']), { entry: 100, total: 150, locale: 50 });
  assert.deepEqual(problems, [
    'the entry ce-marketplace.js imports ./chunks/lit-x.js statically: a page loads both first (see codeSplitting in vite.config.ts)',
  ]);
});

test('static imports are told from import() in minified output, wherever "from" appears in strings', async () => {
  const code =
    'import{a as e}from"./chunks/lit-x.js";import"./chunks/side-y.js";export{b}from"./chunks/re-z.js";' +
    'const t=`Converted from "./chunks/no.js"`;import("./chunks/connect-flow-x.js").then(e=>e.t);export{e as t};';
  assert.deepEqual(await staticImports(code), ['./chunks/lit-x.js', './chunks/side-y.js', './chunks/re-z.js']);
});
