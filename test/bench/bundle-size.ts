// The widget's gzip sizes (Node's zlib, level 9) against its budgets: the entry a host page loads
// first, and the entry with every chunk beside it. `npm test` runs this file after `npm run build`
// and fails over a budget; `npm run bench` prints the same figures in its step (c).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const ENTRY = 'ce-marketplace.js';
export const CHUNKS = 'chunks';

export const LOCALES = 'locales';

/**
 * Bytes, gzip level 9: DESIGN.md's budgets for the entry a page loads first and for all the
 * JavaScript together. A language's words are JSON data beside them (`locales/<tag>.json`, like the
 * apps' logos, not code), each file with a budget of its own: a page fetches at most one.
 */
export const BUDGETS: Budgets = { entry: 20_000, total: 32_000, locale: 4_000 };

export interface Budgets {
  entry: number;
  total: number;
  locale: number;
}

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleSizes {
  entry: FileSize;
  chunks: FileSize[];
  total: { raw: number; gzip: number };
  /** The chunks the entry imports statically (none when the build is right: see vite.config.ts). */
  entryImports: string[];
  /** The languages' words, `locales/<tag>.json`. */
  locales: FileSize[];
  /** The entry keeps the licence notice of the Lit code it bundles (vite.config.ts licenceNotices). */
  licensed: boolean;
}

async function sizeOf(file: string, dist: string): Promise<FileSize> {
  const bytes = await readFile(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The modules an ES module imports statically (`import … from`, `export … from`), as written; `import()` is left out. */
export async function staticImports(code: string): Promise<string[]> {
  await init;
  const [imports] = parse(code);
  return imports.filter((i) => i.d === -1 && i.n !== undefined).map((i) => i.n!);
}

/** The files of a folder of `dist` whose names end with `ext`, sized. */
async function sizesIn(dist: string, folder: string, ext: string): Promise<FileSize[]> {
  const names = (await readdir(join(dist, folder)).catch(() => [])).filter((n) => n.endsWith(ext)).sort();
  return Promise.all(names.map((n) => sizeOf(`${folder}/${n}`, dist)));
}

/** The entry, its chunks and the languages' words as `npm run build` left them in `dist`. */
export async function bundleSizes(dist = DIST): Promise<BundleSizes> {
  const entry = await sizeOf(ENTRY, dist);
  const chunks = await sizesIn(dist, CHUNKS, '.js');
  const all = [entry, ...chunks];
  const code = await readFile(join(dist, ENTRY), 'utf8');
  const entryImports = await staticImports(code);
  return {
    entry,
    chunks,
    total: { raw: all.reduce((n, f) => n + f.raw, 0), gzip: all.reduce((n, f) => n + f.gzip, 0) },
    entryImports,
    locales: await sizesIn(dist, LOCALES, '.json'),
    licensed: /@license[^]*?Google LLC[^]*?BSD-3-Clause/.test(code),
  };
}

/**
 * One line per budget exceeded, and one per chunk the entry imports statically (a page would load
 * it before anything works, so the entry's own figure would understate what a page waits for);
 * none when the bundle is within both budgets and the entry stands alone.
 */
export function sizeProblems(sizes: BundleSizes, budgets: Budgets = BUDGETS): string[] {
  const over: string[] = [];
  if (sizes.entry.gzip > budgets.entry) over.push(`the entry ${ENTRY} is ${sizes.entry.gzip} bytes gzip, over its ${budgets.entry}`);
  if (sizes.total.gzip > budgets.total)
    over.push(`the entry and its chunks are ${sizes.total.gzip} bytes gzip, over their ${budgets.total}`);
  for (const locale of sizes.locales)
    if (locale.gzip > budgets.locale) over.push(`the locale ${locale.file} is ${locale.gzip} bytes gzip, over its ${budgets.locale}`);
  if (!sizes.licensed) over.push(`the entry ${ENTRY} lost the licence notice of Lit (BSD-3-Clause), which must ship with its code`);
  for (const chunk of sizes.entryImports)
    over.push(`the entry ${ENTRY} imports ${chunk} statically: a page loads both first (see codeSplitting in vite.config.ts)`);
  return over;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = await bundleSizes().catch(() => undefined);
  if (!sizes) {
    console.error(`dist/${ENTRY} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const kB = (n: number) => (n / 1000).toFixed(1);
  for (const f of [sizes.entry, ...sizes.chunks]) console.log(`${f.file.padEnd(40)} ${kB(f.gzip).padStart(6)} kB gzip`);
  console.log(`${'total (all JavaScript)'.padEnd(40)} ${kB(sizes.total.gzip).padStart(6)} kB gzip`);
  for (const f of sizes.locales) console.log(`${f.file.padEnd(40)} ${kB(f.gzip).padStart(6)} kB gzip`);
  const over = sizeProblems(sizes);
  for (const line of over) console.error(`Size check failed: ${line}.`);
  console.log(
    over.length
      ? ''
      : `Within budget (entry ${kB(BUDGETS.entry)} kB, total ${kB(BUDGETS.total)} kB, each locale ${kB(BUDGETS.locale)} kB).`,
  );
  process.exitCode = over.length ? 1 : 0;
}
