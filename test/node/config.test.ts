import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { DEFAULT_RATE_LIMITS } from '../../src/server/platform/rate-limits.js';
import { captureLogs } from './proxy-fixtures.js';

const STRONG = 'x'.repeat(40);
const PRODUCTION = { NODE_ENV: 'production', CE_ADMIN_API_KEY: STRONG, CE_SESSION_SECRET: STRONG };

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ce-config-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function refuses(env: NodeJS.ProcessEnv, setting: string, message?: RegExp) {
  assert.throws(
    () => loadConfig(env),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.setting, setting);
      assert.match(e.message, new RegExp(`^Invalid configuration: ${setting.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      if (message) assert.match(e.message, message);
      return true;
    },
  );
}

test('env vars map onto the config', async () => {
  await withDir(async (dir) => {
    const c = loadConfig({
      ...PRODUCTION,
      CE_DATA_DIR: dir,
      CE_PORT: '9000',
      CE_PUBLIC_URL: 'https://app.example.com/ce/',
      CE_BASE_PATH: '/ce/',
      CE_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
      CE_HOST_JWT_SECRET: STRONG,
      CE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      CE_SANDBOX_URL: 'http://127.0.0.1:4010',
      CE_OUTBOUND_TIMEOUT_MS: '2500',
      CE_SECRETS: '{"hubspot":{"oauth.api.key":"hk"}}',
    });
    assert.equal(c.port, 9000);
    assert.equal(c.development, false);
    assert.equal(c.publicUrl, 'https://app.example.com/ce');
    assert.equal(c.basePath, '/ce');
    assert.deepEqual(c.allowedOrigins, ['https://app.example.com', 'http://localhost:5173']);
    assert.equal(c.adminApiKey, STRONG);
    assert.deepEqual(c.sessionSecret, new TextEncoder().encode(STRONG));
    assert.deepEqual(c.hostJwt, { secret: STRONG });
    assert.equal(c.bodyLimitBytes, 64 * 1024);
    assert.deepEqual(c.platform, {
      secrets: { hubspot: { 'oauth.api.key': 'hk' } },
      databaseUrl: 'postgres://u@127.0.0.1:5432/db',
      dataDir: dir,
      encryptionKey: Buffer.alloc(32, 7).toString('base64'),
      development: false,
      vars: { SANDBOX_URL: 'http://127.0.0.1:4010' },
      timeoutMs: 2500,
      rateLimits: DEFAULT_RATE_LIMITS,
    });
    assert.equal(c.trustProxy, undefined);
  });
});

test('rate limits and trustProxy come from env vars or the file, each defaulted alone', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'ce.json');
    await writeFile(file, JSON.stringify({ rateLimits: { credentialsPerTenant: 50 }, trustProxy: true }));
    const c = loadConfig({
      ...PRODUCTION,
      CE_DATA_DIR: dir,
      CE_CONFIG_FILE: file,
      CE_RATE_LIMIT_CREDENTIALS_PER_USER: '5',
      CE_RATE_LIMIT_WINDOW_SECONDS: '120',
    });
    assert.deepEqual(c.platform.rateLimits, {
      ...DEFAULT_RATE_LIMITS,
      credentialsPerUser: 5,
      credentialsPerTenant: 50,
      windowSeconds: 120,
    });
    assert.equal(c.trustProxy, true);
    assert.equal(loadConfig({ ...PRODUCTION, CE_DATA_DIR: dir, CE_TRUST_PROXY: 'false', CE_CONFIG_FILE: file }).trustProxy, undefined);
    refuses(
      { ...PRODUCTION, CE_DATA_DIR: dir, CE_RATE_LIMIT_FAILED_AUTH_PER_ADDRESS: '0' },
      'CE_RATE_LIMIT_FAILED_AUTH_PER_ADDRESS',
      /whole number from 1/,
    );
  });
});

test('a config file holds the same settings and secrets; env wins', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'ce.json');
    await writeFile(
      file,
      JSON.stringify({
        port: 7000,
        allowedOrigins: ['https://file.example.com'],
        adminApiKey: 'file-admin-key-0123456789',
        sessionSecret: STRONG,
        dataDir: dir,
        vars: { SANDBOX_URL: 'http://127.0.0.1:1' },
        secrets: { hubspot: { 'oauth.api.key': 'from-file', 'oauth.api.secret': 'file-secret' }, stripe: { 'api.key': 'sk' } },
      }),
    );
    const c = loadConfig({
      NODE_ENV: 'production',
      CE_CONFIG_FILE: file,
      CE_PORT: '7001',
      CE_SANDBOX_URL: 'http://127.0.0.1:2',
      CE_SECRETS: '{"hubspot":{"oauth.api.key":"from-env"}}',
    });
    assert.equal(c.port, 7001);
    assert.equal(c.adminApiKey, 'file-admin-key-0123456789');
    assert.deepEqual(c.allowedOrigins, ['https://file.example.com']);
    assert.deepEqual(c.platform.vars, { SANDBOX_URL: 'http://127.0.0.1:2' });
    assert.deepEqual(c.platform.secrets, {
      hubspot: { 'oauth.api.key': 'from-env', 'oauth.api.secret': 'file-secret' },
      stripe: { 'api.key': 'sk' },
    });
  });
});

test('bad settings stop start-up naming the setting', async () => {
  await withDir(async (dir) => {
    const base = { ...PRODUCTION, CE_DATA_DIR: dir };
    refuses({ ...base, CE_PORT: 'eighty' }, 'CE_PORT');
    refuses({ ...base, CE_PORT: '70000' }, 'CE_PORT');
    refuses({ ...base, CE_ALLOWED_ORIGINS: '*' }, 'CE_ALLOWED_ORIGINS', /exact/);
    refuses(
      { ...base, CE_ALLOWED_ORIGINS: 'https://ok.example.com,https://app.example.com/' },
      'CE_ALLOWED_ORIGINS',
      /"https:\/\/app.example.com\/" is not an exact origin/,
    );
    refuses({ ...base, CE_SESSION_SECRET: 'short' }, 'CE_SESSION_SECRET', /32 characters/);
    refuses({ ...base, CE_ENCRYPTION_KEY: 'c2hvcnQ=' }, 'CE_ENCRYPTION_KEY', /32 bytes/);
    refuses({ ...base, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL');
    // The same rules the store applies, so a setting the config takes never fails later without its name.
    assert.equal(loadConfig({ ...base, DATABASE_URL: 'POSTGRES://u@127.0.0.1/db' }).platform.databaseUrl, 'POSTGRES://u@127.0.0.1/db');
    refuses(
      { ...base, DATABASE_URL: 'postgres://u@127.0.0.1/db', CE_DATABASE_SCHEMA: 's'.repeat(64) },
      'CE_DATABASE_SCHEMA',
      /63 characters/,
    );
    refuses({ ...base, CE_DEVELOPMENT: 'maybe' }, 'CE_DEVELOPMENT');
    refuses({ ...base, CE_ENABLE_SANDBOX: 'maybe' }, 'CE_ENABLE_SANDBOX');
    refuses({ ...base, CE_SECRETS: '{nope' }, 'CE_SECRETS', /not valid JSON/);
    refuses({ ...base, CE_SECRETS: '{"hubspot":{"k":1}}' }, 'CE_SECRETS (hubspot.k)');
    refuses(
      { ...base, CE_HOST_JWKS_URL: 'https://host.example.com/jwks.json', CE_HOST_JWT_ISSUER: 'https://host.example.com' },
      'CE_HOST_JWT_AUDIENCE',
    );
    refuses({ ...base, CE_HOST_JWKS_URL: 'not a url', CE_HOST_JWT_ISSUER: 'i', CE_HOST_JWT_AUDIENCE: 'a' }, 'CE_HOST_JWKS_URL');
    refuses({ ...base, CE_CONFIG_FILE: join(dir, 'missing.json') }, 'CE_CONFIG_FILE', /cannot read/);

    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ port: 1, alowedOrigins: ['https://typo.example.com'] }));
    refuses({ ...base, CE_CONFIG_FILE: file }, `${file}: (root)`, /alowedOrigins/);
    await writeFile(file, JSON.stringify({ hostJwt: { secret: 'short' } }));
    refuses({ ...base, CE_CONFIG_FILE: file }, `${file}: hostJwt.secret`);
  });
});

test('production requires the admin API key and the session secret', async () => {
  await withDir(async (dir) => {
    refuses({ NODE_ENV: 'production', CE_DATA_DIR: dir, CE_SESSION_SECRET: STRONG }, 'CE_ADMIN_API_KEY', /required in production/);
    refuses({ NODE_ENV: 'production', CE_DATA_DIR: dir, CE_ADMIN_API_KEY: STRONG }, 'CE_SESSION_SECRET', /required in production/);
    refuses({ CE_DEVELOPMENT: 'false', CE_DATA_DIR: dir }, 'CE_ADMIN_API_KEY');
  });
});

test('development generates the admin key and session secret into the data dir, logged by file, reused', async () => {
  await withDir(async (dir) => {
    const logs = captureLogs();
    const first = loadConfig({ CE_DATA_DIR: dir }, { logger: logs.logger });
    assert.equal(first.development, true);
    const key = (await readFile(join(dir, 'admin-api-key'), 'utf8')).trim();
    assert.equal(first.adminApiKey, key);
    assert.ok(key.length >= 32);
    assert.equal((await stat(join(dir, 'admin-api-key'))).mode & 0o077, 0, 'only the owner may read it');
    const text = logs.text();
    assert.match(text, /admin-api-key/);
    assert.match(text, /session-secret/);
    assert.ok(!text.includes(key), 'the key itself is never logged');
    assert.ok(!text.includes(new TextDecoder().decode(first.sessionSecret)), 'the secret itself is never logged');

    const again = loadConfig({ CE_DATA_DIR: dir });
    assert.equal(again.adminApiKey, first.adminApiKey);
    assert.deepEqual(again.sessionSecret, first.sessionSecret);
    assert.equal(again.publicUrl, 'http://127.0.0.1:8787');
  });
});

test('sandbox elements are off in production unless CE_ENABLE_SANDBOX (or enableSandbox in the file) turns them on', async () => {
  await withDir(async (dir) => {
    const base = { ...PRODUCTION, CE_DATA_DIR: dir, CE_SANDBOX_URL: 'https://sandbox.example.com' };
    assert.equal(loadConfig(base).platform.enableSandbox, undefined);
    assert.equal(loadConfig({ ...base, CE_ENABLE_SANDBOX: 'true' }).platform.enableSandbox, true);
    assert.equal(loadConfig({ ...base, CE_ENABLE_SANDBOX: 'false' }).platform.enableSandbox, undefined);
    const file = join(dir, 'ce.json');
    await writeFile(file, JSON.stringify({ enableSandbox: true }));
    assert.equal(loadConfig({ ...base, CE_CONFIG_FILE: file }).platform.enableSandbox, true);
    assert.equal(loadConfig({ ...base, CE_CONFIG_FILE: file, CE_ENABLE_SANDBOX: 'no' }).platform.enableSandbox, undefined, 'env wins');
  });
});

test('the webhook URL and secret go together; the secret is a Standard Webhooks one', async () => {
  await withDir(async (dir) => {
    const base = { ...PRODUCTION, CE_DATA_DIR: dir };
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    refuses({ ...base, CE_WEBHOOK_URL: 'https://host.example.com/hooks' }, 'CE_WEBHOOK_SECRET', /set both/);
    refuses({ ...base, CE_WEBHOOK_SECRET: secret }, 'CE_WEBHOOK_URL', /set both/);
    refuses(
      { ...base, CE_WEBHOOK_URL: 'https://host.example.com/hooks', CE_WEBHOOK_SECRET: 'not-a-secret' },
      'CE_WEBHOOK_SECRET',
      /whsec_/,
    );
    const c = loadConfig({ ...base, CE_WEBHOOK_URL: 'https://host.example.com/hooks', CE_WEBHOOK_SECRET: secret });
    assert.deepEqual(c.platform.webhooks, { url: 'https://host.example.com/hooks', secret });
    assert.equal(loadConfig(base).platform.webhooks, undefined);
  });
});
