import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { RenderedChunk } from 'rolldown';
import { defineConfig } from 'vite';
import { minifyLitTemplates } from './scripts/minify-lit-templates.mjs';

// One ES module that defines every element (a host needs only a <script type="module"> tag), and
// the code it shows later as chunks in dist/chunks/, loaded beside it with import() on demand.
export default defineConfig({
  plugins: [
    {
      name: 'ce-minify-lit-templates',
      enforce: 'pre',
      apply: 'build',
      transform(code, id) {
        if (!/\/src\/widget\/.*\.ts$/.test(id)) return null;
        const out = minifyLitTemplates(code, id);
        return out === null ? null : { code: out, map: null };
      },
    },
    {
      // The languages' words are data the runtime fetches from beside the entry (src/widget/localize.ts):
      // each src/widget/locales/<tag>.json goes to dist/locales/, without its indentation.
      name: 'ce-locales',
      apply: 'build',
      async generateBundle() {
        const dir = new URL('./src/widget/locales/', import.meta.url);
        for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
          const source = JSON.stringify(JSON.parse(await readFile(new URL(file, dir), 'utf8')));
          this.emitFile({ type: 'asset', fileName: `locales/${file}`, source });
        }
      },
    },
  ],
  build: {
    outDir: 'dist',
    copyPublicDir: false,
    // No preload helper or polyfill: the chunks are fetched by import() relative to the entry.
    modulePreload: false,
    lib: { entry: 'src/widget/index.ts', formats: ['es'], fileName: () => 'ce-marketplace.js' },
    rolldownOptions: {
      // Lets the bundler keep the code the chunks share in the entry (which extra exports then hand over).
      preserveEntrySignatures: 'allow-extension',
      // No comments: pure annotations only help a bundler re-bundling this file, which registers
      // every element anyway. The licence notices the BSD-3 licence of Lit asks us to keep come once
      // at the head of the file instead of once per module (13 copies in the entry).
      output: {
        minify: true,
        comments: { legal: false, annotation: false, jsdoc: false },
        postBanner: licenceNotices,
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Everything the entry imports statically stays in the entry, and the chunks import it from
        // there. Left to itself, rolldown 1.2 may split the code the entry shares with every chunk
        // into a common chunk the entry imports (it did once the mapper's chunk also used the
        // contract's shapes: 1 kB more, and a second request before anything works). The group
        // holds the entry module, so its chunk is the entry. test/bench/bundle-size.ts fails if a
        // chunk is ever imported statically again.
        codeSplitting: { groups: [{ name: 'ce-marketplace', tags: ['$initial'] }] },
      },
      // zod/mini schema builders have no side effects: contract schemas the widget never uses
      // (request bodies, invitations) then leave the bundle, and with them zod itself (the entry
      // checks answers with the contract's shapes; only the dialog's chunk needs zod).
      // Caveat: a `z.…()` call whose result is unused is dropped, so never validate by a bare `z.parse(…);`.
      // Reading a property (`IDENTIFIER_MAX.elementKey`) is no side effect either: nothing here has getters that act.
      // The bundler still keeps a call of our own inside z.…(…) arguments: give such a schema a line of its own.
      treeshake: { manualPureFunctions: ['z'], propertyReadSideEffects: false },
    },
  },
});

/**
 * One comment with every distinct line of the `@license` notices of the packages a chunk bundles
 * (Lit's modules each carry "Copyright <year> Google LLC, SPDX-License-Identifier: BSD-3-Clause").
 */
function licenceNotices(chunk: RenderedChunk): string {
  const lines = new Set<string>();
  for (const id of chunk.moduleIds.filter((m) => m.includes('/node_modules/'))) {
    const notice = /\/\*\*?\s*\n?\s*\*?\s*@license([^]*?)\*\//.exec(readFileSync(id, 'utf8'))?.[1] ?? '';
    for (const line of notice.split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim())) if (line) lines.add(line);
  }
  return lines.size
    ? `/**\n * @license\n${[...lines]
        .sort()
        .map((l) => ` * ${l}\n`)
        .join('')} */`
    : '';
}
