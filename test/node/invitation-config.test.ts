import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/server/config.js';

/** The invitation settings: SMTP, the host's name, the connect page's theme. */
const BASE = { NODE_ENV: 'production', CE_ADMIN_API_KEY: 'x'.repeat(40), CE_SESSION_SECRET: 'x'.repeat(40) };

function refuses(env: NodeJS.ProcessEnv, setting: string, message: RegExp) {
  assert.throws(
    () => loadConfig(env),
    (e: unknown) => e instanceof ConfigError && e.setting === setting && message.test(e.message),
  );
}

test('SMTP_URL, MAIL_FROM, CE_HOST_NAME and the connect page theme map onto the config', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-inv-config-'));
  try {
    const css = join(dir, 'page.css');
    await writeFile(css, 'ce-marketplace::part(card) { border-width: 2px; }');
    const c = loadConfig({
      ...BASE,
      SMTP_URL: 'smtp://user:pass@mail.example.com:587',
      MAIL_FROM: 'Acme <no-reply@acme.example>',
      CE_HOST_NAME: 'Acme Books',
      CE_CONNECT_PAGE_THEME: '{"--ce-color-primary":"#0f766e"}',
      CE_CONNECT_PAGE_CSS: css,
    });
    assert.deepEqual(c.mail, { url: 'smtp://user:pass@mail.example.com:587', from: 'Acme <no-reply@acme.example>' });
    assert.equal(c.hostName, 'Acme Books');
    assert.deepEqual(c.connectPage, {
      theme: { '--ce-color-primary': '#0f766e' },
      css: 'ce-marketplace::part(card) { border-width: 2px; }',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const plain = loadConfig(BASE);
  assert.equal(plain.mail, undefined, 'no SMTP: invitations are stored as not_sent');
});

test('bad invitation settings stop start-up, naming the setting', () => {
  refuses({ ...BASE, SMTP_URL: 'smtp://mail.example.com' }, 'MAIL_FROM', /go together/);
  refuses({ ...BASE, MAIL_FROM: 'a@b.example' }, 'SMTP_URL', /go together/);
  refuses({ ...BASE, SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'a@b.example' }, 'SMTP_URL', /smtp:\/\//);
  refuses({ ...BASE, CE_CONNECT_PAGE_THEME: '{"--x":"red;}body{display:none"}' }, 'CE_CONNECT_PAGE_THEME (--x)', /plain CSS value/);
  refuses({ ...BASE, CE_CONNECT_PAGE_THEME: '{"color":"red"}' }, 'CE_CONNECT_PAGE_THEME', /custom property/);
  refuses({ ...BASE, CE_CONNECT_PAGE_CSS: '/no/such/file.css' }, 'CE_CONNECT_PAGE_CSS', /cannot read/);
});
