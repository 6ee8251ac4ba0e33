import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { apiBlock, withApiBlock, END, START, type Manifest } from '../../scripts/readme-tables.js';
import { DIALOG_PARTS } from '../../src/widget/connect-dialog/parts.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The manifest is analysed from the sources here (not read from dist/), so the test needs no build.
async function manifest(): Promise<Manifest> {
  const argv = ['analyze', '--config', 'scripts/custom-elements-manifest.config.mjs', '--quiet'];
  return (await cli({ argv, cwd: root, noWrite: true })) as Manifest;
}

test("README's API reference matches the components' JSDoc (run `npm run build && npm run docs`)", async () => {
  const readme = await readFile(new URL('README.md', `file://${root}`), 'utf8');
  const expected = withApiBlock(readme, await manifest());
  assert.equal(readme, expected, 'README.md API block is out of date: run `npm run build && npm run docs`');
});

test('the API reference lists every element with its attributes, events, parts and custom properties', async () => {
  const block = apiBlock(await manifest());
  for (const needle of [
    '### `<ce-marketplace>`',
    '| `proxy-url` | `proxyUrl` |',
    '| `ce-connect` |',
    '| `card` |',
    '| `--ce-marketplace-card-min-width` |',
  ]) {
    assert.ok(block.includes(needle), `missing ${needle}`);
  }
});

test('withApiBlock replaces only the marked block, and asks for the markers when they are missing', () => {
  const m: Manifest = {
    modules: [
      {
        declarations: [
          {
            kind: 'class',
            name: 'X',
            customElement: true,
            tagName: 'ce-x',
            cssParts: [{ name: 'a|b', description: 'pipe\nand newline' }],
          },
        ],
      },
    ],
  };
  const out = withApiBlock(`intro\n${START}\nstale\n${END}\noutro\n`, m);
  assert.match(out, /^intro\n<!-- api:start -->\n/);
  assert.match(out, /\n<!-- api:end -->\noutro\n$/);
  assert.ok(!out.includes('stale'));
  assert.ok(out.includes('| `a\\|b` | pipe and newline |'));
  assert.throws(() => withApiBlock('no markers', m), /needs a <!-- api:start -->/);
});

test("the marketplace re-exports and documents exactly the connect dialog's parts as dialog__*", async () => {
  const decls = (await manifest()).modules.flatMap((m) => m.declarations ?? []);
  const parts = (tag: string) => (decls.find((d) => d.tagName === tag)?.cssParts ?? []).map((p) => p.name);
  const dialog = parts('ce-connect-dialog');
  assert.ok(dialog.length > 0, 'ce-connect-dialog documents its parts');
  const documented = parts('ce-marketplace')
    .filter((p) => p.startsWith('dialog__'))
    .map((p) => p.slice('dialog__'.length));
  assert.deepEqual(documented, dialog);
  assert.deepEqual([...DIALOG_PARTS], dialog, 'the docs list the parts of connect-dialog/parts.ts');
});
