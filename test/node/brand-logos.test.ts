import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siStripe, siZendesk } from 'simple-icons';
import { brandLogo, ELEMENTS_DIR } from '../../scripts/brand-logos.js';
import { loadDefinitions } from '../../src/server/platform/definitions.js';
import { createCatalog } from '../../src/server/platform/catalog.js';

test('apps simple-icons knows show their brand mark, as built; the others keep a monogram', async () => {
  const defs = await loadDefinitions(ELEMENTS_DIR);
  const marks: string[] = [];
  for (const def of defs) {
    const shipped = await readFile(join(ELEMENTS_DIR, def.logo!), 'utf8');
    const built = brandLogo(def.key, def.name);
    if (built) {
      assert.equal(shipped, built, `${def.key}.svg is not what \`npm run logos\` builds: run it`);
      marks.push(def.key);
    } else {
      assert.match(shipped, /<text[^>]*>[A-Za-z0-9]{1,3}<\/text>/, `${def.key}: a monogram`);
    }
  }
  assert.deepEqual(marks, ['airtable', 'bigcommerce', 'hubspot', 'jira', 'quickbooks', 'shopify', 'stripe', 'xero', 'zendesk']);
});

test('the proxy serves the mark as the app logo asset: the brand path on its brand colour', async () => {
  const catalog = createCatalog({
    definitions: await loadDefinitions(ELEMENTS_DIR),
    sandbox: true,
    secrets: {},
    vars: { SANDBOX_URL: 'http://127.0.0.1:9' },
    logoDir: ELEMENTS_DIR,
  });
  for (const icon of [siZendesk, siStripe]) {
    const logo = await catalog.logo(icon.slug);
    assert.equal(logo?.contentType, 'image/svg+xml');
    const svg = Buffer.from(logo.body).toString();
    assert.ok(svg.includes(`d="${icon.path}"`), `${icon.slug}: the simple-icons path`);
    assert.ok(svg.includes(`fill="#${icon.hex}"`), `${icon.slug}: its brand colour`);
  }
});
