import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.js';

/**
 * Credentials at rest: AES-256-GCM. The envelope is `v1.<iv>.<tag>.<ciphertext>` in base64url,
 * so a later key or algorithm can sit beside old rows under a new version prefix.
 */
export interface Sealer {
  /** `context` is bound as associated data (e.g. the instance id): a row's ciphertext cannot be moved to another row. */
  encrypt(plaintext: string, context?: string): string;
  decrypt(envelope: string, context?: string): string;
  /** Keyed hash (HMAC-SHA256 under a key derived from the encryption key): compares requests without storing their secrets. */
  fingerprint(data: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(detail: string) {
    super(`Cannot decrypt stored credentials: ${detail}`);
    this.name = 'DecryptionError';
  }
}

/** Parses a base64 (or base64url) key of exactly 32 bytes. */
export function parseKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `The encryption key from ${source} must be 32 bytes in base64 (it decodes to ${key.length} bytes). ` +
        `Make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return key;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'ce-marketplace fingerprint', 32));
  return {
    encrypt(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    decrypt(envelope, context = '') {
      const parts = envelope.split('.');
      if (parts[0] !== VERSION || parts.length !== 4) {
        throw new DecryptionError(`unknown format (expected "${VERSION}.…" with 4 parts).`);
      }
      const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError('the envelope is damaged.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptionError('the encryption key is not the one they were written with, or the stored data was altered.');
      }
    },
    fingerprint(data) {
      return createHmac('sha256', macKey).update(data, 'utf8').digest('base64url');
    },
  };
}

/**
 * The key from options, else the one generated earlier into `${dataDir}/encryption.key`,
 * else a new one written there (mode 0600) with one log line saying so.
 */
export async function loadOrCreateKey(opts: { encryptionKey?: string; dataDir: string; logger: Logger }): Promise<Buffer> {
  if (opts.encryptionKey) return parseKey(opts.encryptionKey, 'the configuration (encryptionKey)');
  const file = join(opts.dataDir, 'encryption.key');
  try {
    return parseKey(await readFile(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': two processes starting at once must not overwrite each other's key.
    await writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKey(await readFile(file, 'utf8'), file);
    throw e;
  }
  opts.logger.warn(
    { file },
    'Generated a new credentials encryption key; back this file up, or set the encryption key in the environment for production',
  );
  return key;
}
