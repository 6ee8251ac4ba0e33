import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { apiBlock, withApiBlock, END, START, type Manifest } from '../docs/readme-tables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The manifest is analysed from the sources here (not read from dist/), so the test needs no build.
async function manifest(): Promise<Manifest> {
  const argv = ['analyze', '--config', 'test/docs/custom-elements-manifest.config.mjs', '--quiet'];
  return (await cli({ argv, cwd: root, noWrite: true })) as Manifest;
}

test("README's API reference matches the components' JSDoc (run `npm run build && npm run docs`)", async () => {
  const readme = await readFile(new URL('README.md', `file://${root}`), 'utf8');
  const expected = withApiBlock(readme, await manifest());
  assert.equal(readme, expected, 'README.md API block is out of date: run `npm run build && npm run docs`');
});

test('the API reference lists every element with its attributes, events, parts and custom properties', async () => {
  const block = apiBlock(await manifest());
  for (const needle of ['### `<ce-marketplace>`', '| `proxy-url` | `proxyUrl` |', '| `ce-connect` |', '| `card` |', '| `--ce-marketplace-accent` |']) {
    assert.ok(block.includes(needle), `missing ${needle}`);
  }
});

test('withApiBlock replaces only the marked block, and asks for the markers when they are missing', () => {
  const m: Manifest = { modules: [{ declarations: [{ kind: 'class', name: 'X', customElement: true, tagName: 'ce-x', cssParts: [{ name: 'a|b', description: 'pipe\nand newline' }] }] }] };
  const out = withApiBlock(`intro\n${START}\nstale\n${END}\noutro\n`, m);
  assert.match(out, /^intro\n<!-- api:start -->\n/);
  assert.match(out, /\n<!-- api:end -->\noutro\n$/);
  assert.ok(!out.includes('stale'));
  assert.ok(out.includes('| `a\\|b` | pipe and newline |'));
  assert.throws(() => withApiBlock('no markers', m), /needs a <!-- api:start -->/);
});
