import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import type { Logger } from './log.js';
import type { PlatformOptions } from './platform/platform.js';
import { parseCommonResources } from './platform/common-resources.js';
import { DEFAULT_RATE_LIMITS } from './platform/rate-limits.js';
import { isPostgresUrl, SCHEMA_NAME } from './store/store.js';

export interface Config {
  port: number;
  /** e.g. http://127.0.0.1:8787 */
  publicUrl: string;
  development: boolean;
  /** Host backend → proxy admin calls. */
  adminApiKey: string;
  /** CORS + postMessage allowlist, exact origins. */
  allowedOrigins: string[];
  /** HS256 key for the session tokens the proxy mints. */
  sessionSecret: Uint8Array;
  /** Host-signed session JWTs: a shared HS256 secret and/or a JWKS URL. */
  hostJwt?: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string };
  /** databaseUrl, dataDir, secrets, vars, …: handed to createPlatform with a logger. */
  platform: Omit<PlatformOptions, 'logger'>;
  bodyLimitBytes: number;
  /** Interface to listen on (default 127.0.0.1 in development, 0.0.0.0 otherwise). */
  host?: string;
  /** Mount the proxy under this path, e.g. `/ce` (empty: at the root). */
  basePath?: string;
  /** The built widget the proxy serves at `/ce-marketplace.js` and `/chunks/*` (default: the package's dist/). */
  widgetDir?: string;
  /** Take the client address from the left-most X-Forwarded-For entry (behind a reverse proxy that sets it), not the socket. */
  trustProxy?: boolean;
  /** Invitation emails over SMTP; absent: invitations are stored and marked not sent. */
  mail?: { url: string; from: string };
  /** The host's name on invitation emails and the connect page. */
  hostName: string;
  /** The connect page's theming: CSS custom properties, and the host's own stylesheet (parts) as text. */
  connectPage: { theme: Record<string, string>; css?: string };
}

/** Start-up stops with this: the message names the setting and says what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${setting}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type NoteLogger = Pick<Logger, 'info' | 'warn'>;

export const DEFAULT_PORT = 8787;
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

const exactOrigin = z.string().refine(
  (s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
    } catch {
      return false;
    }
  },
  {
    error: (issue) =>
      `"${String(issue.input)}" is not an exact origin; write it like https://app.example.com (scheme, host, optional port; no path, no trailing slash, no *)`,
  },
);
const httpUrl = z.string().refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), {
  message: 'must be an http(s) URL',
});
const secretText = (what: string) => z.string().min(32, `must be at least 32 characters (${what}; e.g. \`openssl rand -base64 32\`)`);

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

// The settings, as a JSON config file spells them (env vars are mapped onto the same names).
const Settings = z.strictObject({
  port: wholeNumber(0, 65_535).default(DEFAULT_PORT),
  host: z.string().min(1).optional(),
  publicUrl: httpUrl.optional(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'must be a path like /ce')
    .optional(),
  development: z.boolean().optional(),
  adminApiKey: z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -base64 32`)').optional(),
  allowedOrigins: z.array(exactOrigin).default([]),
  sessionSecret: secretText('the HS256 key of session tokens').optional(),
  hostJwt: z
    .strictObject({
      secret: secretText('a shared HS256 secret').optional(),
      jwksUrl: httpUrl.optional(),
      issuer: z.string().min(1).optional(),
      audience: z.string().min(1).optional(),
    })
    .optional(),
  encryptionKey: z
    .string()
    .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be base64 of 32 bytes (`openssl rand -base64 32`)')
    .optional(),
  databaseUrl: z.string().refine(isPostgresUrl, 'must be a postgres:// URL (leave it unset for the SQLite file)').optional(),
  databaseSchema: z.string().regex(SCHEMA_NAME, 'must be a plain SQL identifier of at most 63 characters').optional(),
  dataDir: z.string().min(1).default('.data'),
  elementsDir: z.string().min(1).optional(),
  /** A JSON file listing the host's own objects (common resources), which end users map to the apps' objects. */
  commonResources: z.string().min(1).optional(),
  vars: z.record(z.string(), z.string()).default({}),
  /** Offer the sandbox elements outside development too (they are a demo's, not a customer's). */
  enableSandbox: z.boolean().optional(),
  outboundTimeoutMs: wholeNumber(100, 120_000).optional(),
  bodyLimitBytes: wholeNumber(1024, 10 * 1024 * 1024).default(DEFAULT_BODY_LIMIT_BYTES),
  passthroughMaxResponseBytes: wholeNumber(1024, 1024 * 1024 * 1024).optional(),
  webhookUrl: httpUrl.optional(),
  webhookSecret: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
      'must be a Standard Webhooks secret: whsec_ and base64 of 24 to 64 random bytes (`echo whsec_$(openssl rand -base64 32)`)',
    )
    .optional(),
  trustProxy: z.boolean().optional(),
  smtpUrl: z
    .string()
    .refine(
      (u) => /^smtps?:\/\//i.test(u) && URL.canParse(u),
      'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
    )
    .optional(),
  mailFrom: z.string().min(3).max(320).optional(),
  hostName: z.string().min(1).max(100).optional(),
  connectPageTheme: z
    .record(z.string(), z.string().regex(/^[^;{}<>\\]{1,200}$/, 'each value must be a plain CSS value (no ; { } < > or backslash)'))
    .refine(
      (theme) => Object.keys(theme).every((k) => /^--[A-Za-z][\w-]{0,80}$/.test(k)),
      'each name must be a CSS custom property such as --ce-color-primary',
    )
    .default({}),
  connectPageCss: z.string().min(1).optional(),
  // prefault: a partial object (or none) still gets each default.
  rateLimits: z
    .strictObject({
      credentialsPerUser: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.credentialsPerUser),
      credentialsPerTenant: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.credentialsPerTenant),
      failedAuthPerAddress: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.failedAuthPerAddress),
      windowSeconds: wholeNumber(1, 86_400).default(DEFAULT_RATE_LIMITS.windowSeconds),
    })
    .prefault({}),
  /** Host secrets per element key: companyConfig values, never sent to a browser. */
  secrets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});
type RawSettings = Record<string, unknown> & { hostJwt?: Record<string, unknown>; vars?: Record<string, unknown> };

/** Env var → settings path. */
const ENV: [string, string][] = [
  ['CE_PORT', 'port'],
  ['CE_HOST', 'host'],
  ['CE_PUBLIC_URL', 'publicUrl'],
  ['CE_BASE_PATH', 'basePath'],
  ['CE_ADMIN_API_KEY', 'adminApiKey'],
  ['CE_ALLOWED_ORIGINS', 'allowedOrigins'],
  ['CE_SESSION_SECRET', 'sessionSecret'],
  ['CE_HOST_JWT_SECRET', 'hostJwt.secret'],
  ['CE_HOST_JWKS_URL', 'hostJwt.jwksUrl'],
  ['CE_HOST_JWT_ISSUER', 'hostJwt.issuer'],
  ['CE_HOST_JWT_AUDIENCE', 'hostJwt.audience'],
  ['CE_ENCRYPTION_KEY', 'encryptionKey'],
  ['DATABASE_URL', 'databaseUrl'],
  ['CE_DATABASE_SCHEMA', 'databaseSchema'],
  ['CE_DATA_DIR', 'dataDir'],
  ['CE_ELEMENTS_DIR', 'elementsDir'],
  ['CE_COMMON_RESOURCES', 'commonResources'],
  ['CE_SANDBOX_URL', 'vars.SANDBOX_URL'],
  ['CE_ENABLE_SANDBOX', 'enableSandbox'],
  ['CE_OUTBOUND_TIMEOUT_MS', 'outboundTimeoutMs'],
  ['CE_BODY_LIMIT_BYTES', 'bodyLimitBytes'],
  ['CE_PASSTHROUGH_MAX_RESPONSE_BYTES', 'passthroughMaxResponseBytes'],
  ['CE_WEBHOOK_URL', 'webhookUrl'],
  ['CE_WEBHOOK_SECRET', 'webhookSecret'],
  ['CE_TRUST_PROXY', 'trustProxy'],
  ['SMTP_URL', 'smtpUrl'],
  ['MAIL_FROM', 'mailFrom'],
  ['CE_HOST_NAME', 'hostName'],
  ['CE_CONNECT_PAGE_THEME', 'connectPageTheme'],
  ['CE_CONNECT_PAGE_CSS', 'connectPageCss'],
  ['CE_RATE_LIMIT_CREDENTIALS_PER_USER', 'rateLimits.credentialsPerUser'],
  ['CE_RATE_LIMIT_CREDENTIALS_PER_TENANT', 'rateLimits.credentialsPerTenant'],
  ['CE_RATE_LIMIT_FAILED_AUTH_PER_ADDRESS', 'rateLimits.failedAuthPerAddress'],
  ['CE_RATE_LIMIT_WINDOW_SECONDS', 'rateLimits.windowSeconds'],
  ['CE_SECRETS', 'secrets'],
  ['CE_DEVELOPMENT', 'development'],
];

/** Env vars over the file's settings; `source` records which env var set each setting. */
function applyEnv(raw: RawSettings, source: Map<string, string>, get: (name: string) => string | undefined): void {
  for (const [name, path] of ENV) {
    const value = get(name);
    if (value === undefined) continue;
    source.set(path, name);
    if (path === 'allowedOrigins') {
      raw.allowedOrigins = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (path === 'development' || path === 'enableSandbox' || path === 'trustProxy') {
      raw[path] = parseBoolean(value, name);
    } else if (path === 'connectPageTheme') {
      raw.connectPageTheme = parseJson(value, name);
    } else if (path === 'secrets') {
      raw.secrets = mergeSecrets(raw.secrets, parseJson(value, name));
    } else if (path.includes('.')) {
      const [parent, child] = path.split('.') as [string, string];
      raw[parent] = { ...(raw[parent] ?? {}), [child]: value };
    } else {
      raw[path] = value;
    }
  }
}

/**
 * Reads the configuration from env vars and the optional JSON file named by CE_CONFIG_FILE
 * (env wins). Throws ConfigError naming the setting when something is wrong. In development a
 * missing admin API key or session secret is generated into the data dir (and the file named in
 * the log, never the value); in production both are required.
 */
/** Two settings that only work as a pair: both set, or neither. */
function together(s: Record<string, unknown>, source: Map<string, string>, [a, b]: [string, string], what: string): void {
  if (!s[a] !== !s[b]) throw new ConfigError(name(s[a] ? b : a, source), `${what} go together: set both, or neither`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { logger?: NoteLogger } = {}): Config {
  const get = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const file = get('CE_CONFIG_FILE');
  const raw: RawSettings = file ? readConfigFile(file) : {};
  // Which env var set each setting, so an error names what the operator actually wrote.
  const source = new Map<string, string>();

  applyEnv(raw, source, get);

  const parsed = Settings.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw new ConfigError(settingName(path, source, file), issue.message + keys);
  }
  const s = parsed.data;
  const development = s.development ?? get('NODE_ENV') !== 'production';
  const dataDir = resolve(s.dataDir);

  const hostJwt = s.hostJwt && Object.values(s.hostJwt).some(Boolean) ? s.hostJwt : undefined;
  if (hostJwt?.jwksUrl) {
    // A JWKS of a shared identity provider signs tokens for many apps: audience and issuer keep ours apart.
    if (!hostJwt.issuer) throw new ConfigError(name('hostJwt.issuer', source), 'required with a JWKS URL');
    if (!hostJwt.audience) throw new ConfigError(name('hostJwt.audience', source), 'required with a JWKS URL');
  }
  if (hostJwt && !hostJwt.secret && !hostJwt.jwksUrl) {
    throw new ConfigError(name('hostJwt.secret', source), 'host JWT issuer/audience are set but neither a secret nor a JWKS URL');
  }

  const adminApiKey =
    s.adminApiKey ?? devSecret('adminApiKey', 'admin-api-key', 'admin API key', { development, dataDir, source, opts });
  const sessionSecret =
    s.sessionSecret ?? devSecret('sessionSecret', 'session-secret', 'session secret', { development, dataDir, source, opts });

  together(s, source, ['webhookUrl', 'webhookSecret'], 'the webhook URL and secret');
  together(s, source, ['smtpUrl', 'mailFrom'], 'the SMTP URL and the sender');
  const port = s.port;
  const basePath = s.basePath?.replace(/\/+$/, '') || undefined;
  return {
    port,
    host: s.host,
    publicUrl: (s.publicUrl ?? `http://127.0.0.1:${port}${basePath ?? ''}`).replace(/\/+$/, ''),
    basePath,
    development,
    adminApiKey,
    allowedOrigins: [...new Set(s.allowedOrigins)],
    sessionSecret: new TextEncoder().encode(sessionSecret),
    hostJwt,
    bodyLimitBytes: s.bodyLimitBytes,
    ...(s.trustProxy ? { trustProxy: true } : {}),
    ...(s.smtpUrl && s.mailFrom ? { mail: { url: s.smtpUrl, from: s.mailFrom } } : {}),
    hostName: s.hostName ?? 'Your app',
    connectPage: {
      theme: s.connectPageTheme,
      ...(s.connectPageCss ? { css: readTextFile(s.connectPageCss, name('connectPageCss', source)) } : {}),
    },
    platform: {
      rateLimits: s.rateLimits,
      ...(s.elementsDir ? { elementsDir: resolve(s.elementsDir) } : {}),
      ...(s.commonResources ? { commonResources: readCommonResources(s.commonResources, name('commonResources', source)) } : {}),
      secrets: s.secrets,
      ...(s.databaseUrl ? { databaseUrl: s.databaseUrl } : {}),
      ...(s.databaseSchema ? { databaseSchema: s.databaseSchema } : {}),
      dataDir,
      ...(s.encryptionKey ? { encryptionKey: s.encryptionKey } : {}),
      development,
      vars: s.vars,
      ...(s.enableSandbox ? { enableSandbox: true } : {}),
      ...(s.outboundTimeoutMs ? { timeoutMs: s.outboundTimeoutMs } : {}),
      ...(s.passthroughMaxResponseBytes ? { passthroughMaxResponseBytes: s.passthroughMaxResponseBytes } : {}),
      ...(s.webhookUrl && s.webhookSecret ? { webhooks: { url: s.webhookUrl, secret: s.webhookSecret } } : {}),
    },
  };
}

/** The host's common resources file, checked now: a mistake names the setting, the file and the place in it. */
function readCommonResources(file: string, setting: string) {
  const where = `${setting} (${resolve(file)})`;
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new ConfigError(where, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseCommonResources(parseJson(text, where));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(where, (e as Error).message);
  }
}

function readConfigFile(file: string): RawSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError('CE_CONFIG_FILE', `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const json = parseJson(text, `CE_CONFIG_FILE (${file})`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConfigError(`CE_CONFIG_FILE (${file})`, 'must hold a JSON object');
  }
  return json as RawSettings;
}

function readTextFile(file: string, setting: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(setting, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function parseJson(text: string, setting: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(setting, `not valid JSON (${(e as Error).message})`);
  }
}

function parseBoolean(value: string, setting: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(setting, 'must be true or false');
}

/** File secrets first, then the env's, per element key (env wins per value). */
function mergeSecrets(file: unknown, fromEnv: unknown): unknown {
  if (!isRecord(file) || !isRecord(fromEnv)) return fromEnv;
  const out: Record<string, unknown> = { ...file };
  for (const [k, v] of Object.entries(fromEnv)) out[k] = isRecord(out[k]) && isRecord(v) ? { ...out[k], ...v } : v;
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function name(path: string, source: Map<string, string>): string {
  return source.get(path) ?? ENV.find(([, p]) => p === path)?.[0] ?? path;
}

function settingName(path: string[], source: Map<string, string>, file: string | undefined): string {
  for (let n = path.length; n > 0; n--) {
    const envName = source.get(path.slice(0, n).join('.'));
    if (!envName) continue;
    const rest = path.slice(n).filter((p) => !/^\d+$/.test(p)); // list indexes help nobody: the message quotes the value
    return rest.length ? `${envName} (${rest.join('.')})` : envName;
  }
  const full = path.join('.') || '(root)';
  return file ? `${file}: ${full}` : full;
}

/** Development only: reuse or generate a secret file under the data dir, so restarts keep it. */
function devSecret(
  setting: 'adminApiKey' | 'sessionSecret',
  fileName: string,
  what: string,
  ctx: { development: boolean; dataDir: string; source: Map<string, string>; opts: { logger?: NoteLogger } },
): string {
  const envName = name(setting, ctx.source);
  if (!ctx.development) {
    throw new ConfigError(envName, `required in production (generate one with \`openssl rand -base64 32\`)`);
  }
  const path = join(ctx.dataDir, fileName);
  const read = () => (existsSync(path) ? readFileSync(path, 'utf8').trim() : '');
  const existing = read();
  if (existing.length >= 32) return existing;
  mkdirSync(ctx.dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  try {
    // 'wx' for a new file, as loadOrCreateKey does: two processes starting at once keep one secret.
    writeFileSync(path, value + '\n', { mode: 0o600, flag: existing ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw e;
  }
  ctx.opts.logger?.warn({ file: path }, `Development: generated the ${what} into ${path}; set ${envName} in production.`);
  return value;
}
