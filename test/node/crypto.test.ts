import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSealer, DecryptionError, loadOrCreateKey } from '../../src/server/platform/crypto.js';
import { memoryLogger } from './test-elements.js';

test('credentials round-trip through a versioned AES-256-GCM envelope', () => {
  const sealer = createSealer(randomBytes(32));
  const secret = JSON.stringify({ 'user.password': 'hunter2' });
  const a = sealer.encrypt(secret, 'instance-1');
  const b = sealer.encrypt(secret, 'instance-1');
  assert.match(a, /^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
  assert.notEqual(a, b, 'a fresh IV every time');
  assert.ok(!a.includes('hunter2'));
  assert.equal(sealer.decrypt(a, 'instance-1'), secret);
});

test('a wrong key, altered data, another row or an unknown format is a clear error', () => {
  const sealer = createSealer(randomBytes(32));
  const sealed = sealer.encrypt('secret', 'instance-1');
  const [v, iv, tag, ct] = sealed.split('.') as [string, string, string, string];
  const flipped = Buffer.from(ct, 'base64url');
  flipped[0]! ^= 1;
  const cases = [
    () => createSealer(randomBytes(32)).decrypt(sealed, 'instance-1'),
    () => sealer.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'), 'instance-1'),
    () => sealer.decrypt(sealed, 'instance-2'),
  ];
  for (const c of cases)
    assert.throws(c, (e: Error) => e instanceof DecryptionError && /encryption key is not the one|altered/.test(e.message));
  assert.throws(() => sealer.decrypt('v2.a.b.c'), /unknown format/);
  assert.throws(() => sealer.decrypt(`v1.${iv}.AAAA.${ct}`), /damaged/);
});

test('fingerprints are keyed: equal input, equal print; another key, another print', () => {
  const key = randomBytes(32);
  assert.equal(createSealer(key).fingerprint('x'), createSealer(key).fingerprint('x'));
  assert.notEqual(createSealer(key).fingerprint('x'), createSealer(randomBytes(32)).fingerprint('x'));
});

test('the key comes from options, else a file generated once with mode 0600', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ce-key-'));
  try {
    const logger = memoryLogger();
    const given = randomBytes(32);
    assert.deepEqual(await loadOrCreateKey({ encryptionKey: given.toString('base64'), dataDir: dir, logger }), given);
    assert.equal(logger.lines.length, 0);
    const generated = await loadOrCreateKey({ dataDir: join(dir, 'data'), logger });
    assert.equal(generated.length, 32);
    const file = join(dir, 'data', 'encryption.key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0]!.msg!, /Generated a new credentials encryption key/);
    assert.deepEqual(await loadOrCreateKey({ dataDir: join(dir, 'data'), logger }), generated);
    assert.equal(logger.lines.length, 1, 'said once, not on every start');
    assert.equal((await readFile(file, 'utf8')).trim(), generated.toString('base64'));
    await assert.rejects(
      loadOrCreateKey({ encryptionKey: 'c2hvcnQ=', dataDir: dir, logger }),
      /must be 32 bytes in base64 \(it decodes to 5 bytes\)/,
    );
    await writeFile(join(dir, 'encryption.key'), 'bad');
    await assert.rejects(loadOrCreateKey({ dataDir: dir, logger }), /encryption\.key must be 32 bytes/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
