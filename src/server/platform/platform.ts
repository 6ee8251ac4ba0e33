import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import { openStore } from '../store/store.js';
import { createCatalog } from './catalog.js';
import { createCommonResources, parseCommonResources } from './common-resources.js';
import { checkInstance } from './checks.js';
import { createCredentials } from './credentials.js';
import { createSealer, DecryptionError, loadOrCreateKey, type Sealer } from './crypto.js';
import { loadDefinitions, type ElementDefinition } from './definitions.js';
import { createDiscovery } from './discovery.js';
import { createIdempotency, type Idempotency } from './idempotency.js';
import { createInstances } from './instances.js';
import { createInvitations, type InvitationSettings, type InvitationsDeps } from './invitations.js';
import type { Mailer } from '../mail/mailer.js';
import { createOAuthFlows } from './oauth.js';
import { passthrough } from './passthrough.js';
import { pgBossQueue, storeQueue, type DeliveryQueue } from './webhook-queues.js';
import { createWebhooks, type WebhookSettings } from './webhooks.js';
import { createRateLimits, type RateLimitSettings } from './rate-limits.js';
import { createTransformations } from './transformations.js';
import type { Platform, Scope } from './types.js';
import type { Store } from '../store/store.js';
import type { CommonResource } from '../../contract/index.js';

export interface PlatformOptions {
  /** Default: src/server/elements (resolved from this module). */
  elementsDir?: string;
  /** Instead of reading elementsDir (tests). Logos still resolve in elementsDir, or the default folder. */
  definitions?: ElementDefinition[];
  /** Host secrets per element key: companyConfig values, e.g. { hubspot: { 'oauth.api.key': '…' } }. */
  secrets: Record<string, Record<string, string>>;
  /** postgres://… → PostgreSQL; absent → SQLite file `${dataDir}/ce.sqlite` (WAL). */
  databaseUrl?: string;
  /** PostgreSQL schema, created when missing. */
  databaseSchema?: string;
  /** SQLite file and the generated encryption key live here. */
  dataDir: string;
  /** Base64 of 32 bytes; absent → generated into `${dataDir}/encryption.key` and logged once. */
  encryptionKey?: string;
  /** The host's own objects (config `commonResources`, a JSON file), checked again here; default none. */
  commonResources?: CommonResource[];
  /** How long an object's field list is kept per connection, default 60000 ms (0: ask the app every time). */
  metadataCacheMs?: number;
  /** Sandbox elements are offered, and may reach loopback, only when true. */
  development: boolean;
  /** Offer the sandbox elements outside development too (they still may not reach loopback there). */
  enableSandbox?: boolean;
  /** `{$NAME}` template variables, e.g. { SANDBOX_URL: 'http://127.0.0.1:4010' }. */
  vars: Record<string, string>;
  /** Outbound timeout, default 10000. */
  timeoutMs?: number;
  /** Largest answer the passthrough streams on from an app, default 10 MB; past it the answer is cut. */
  passthroughMaxResponseBytes?: number;
  /** The host's webhook endpoint and secret; absent: no events are recorded. */
  webhooks?: WebhookSettings & { /** How often the queue looks for due deliveries, default 1000 ms. */ pollMs?: number };
  /** Default: DEFAULT_RATE_LIMITS (10 credential checks per user, 30 per tenant, 20 failed auth checks per address, a minute). */
  rateLimits?: RateLimitSettings;
  /** `<publicUrl>/oauth/callback`: the redirect URI OAuth 2 apps register (startProxy sets it from the public URL, once it listens). */
  oauthCallbackUrl?: string | (() => string);
  /** Sends the invitation emails; absent: invitations are stored and marked not_sent. */
  mailer?: Mailer;
  /** The host's name and the connect page's address (startProxy sets it from the public URL). */
  invitations?: Partial<InvitationSettings>;
  /** The clock of OAuth flows' and access tokens' expiry (tests move it); default Date.now. */
  now?: () => number;
  logger: Logger;
}

export const DEFAULT_PASSTHROUGH_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export const DEFAULT_ELEMENTS_DIR = fileURLToPath(new URL('../elements/', import.meta.url));

const KEY_CHECK = 'encryption_key_check';

/**
 * A database written under one key and opened with another would fail on the first stored
 * credential; this finds out at start-up instead, with a message that says what to do.
 */
async function checkKey(store: Store, sealer: Sealer): Promise<void> {
  const row = await store.db.selectFrom('platform_meta').select('value').where('key', '=', KEY_CHECK).executeTakeFirst();
  if (!row) {
    await store.db
      .insertInto('platform_meta')
      .values({ key: KEY_CHECK, value: sealer.encrypt('ok', KEY_CHECK) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return;
  }
  try {
    sealer.decrypt(row.value, KEY_CHECK);
  } catch (e) {
    if (!(e instanceof DecryptionError)) throw e;
    throw new Error(
      `The encryption key does not match the one the database at ${store.location} was written with. ` +
        'Start with the original key (the encryption key setting, or encryption.key in the data directory).',
      { cause: e },
    );
  }
}

/** pg-boss on PostgreSQL (in a schema of its own beside ours), the deliveries table itself on SQLite. */
function deliveryQueue(store: Store, opts: PlatformOptions): DeliveryQueue {
  const pollMs = opts.webhooks?.pollMs ?? 1000;
  const timeoutMs = opts.webhooks?.timeoutMs ?? 10_000;
  if (store.dialect === 'postgres' && opts.databaseUrl) {
    const schema = opts.databaseSchema ? `${opts.databaseSchema}_pgboss` : 'pgboss';
    return pgBossQueue({
      databaseUrl: opts.databaseUrl,
      schema,
      pollMs,
      expireInSeconds: Math.ceil((2 * timeoutMs) / 1000) + 30,
      logger: opts.logger,
    });
  }
  return storeQueue(store, { pollMs, leaseMs: 2 * timeoutMs + 5_000, logger: opts.logger });
}

/** Invitations, with the options' mailer, host name and connect page address. */
const invitationsOf = (opts: PlatformOptions, deps: Pick<InvitationsDeps, 'store' | 'catalog' | 'idempotency'>) =>
  createInvitations({
    ...deps,
    mailer: opts.mailer,
    settings: { hostName: opts.invitations?.hostName ?? 'Your app', pageUrl: opts.invitations?.pageUrl ?? '/connect' },
    logger: opts.logger,
    now: opts.now,
  });

export interface EmbeddedPlatform extends Platform {
  skipped: { key: string; reason: string }[];
}

async function loadElementDefinitions(elementsDir: string): Promise<ElementDefinition[]> {
  return loadDefinitions(elementsDir).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new Error(`No element definitions folder at ${elementsDir}: create it, or set elementsDir.`, { cause: e });
  });
}

/** Purges expired idempotency keys now and hourly (they are also ignored on use; this only keeps the table small). */
async function schedulePurge(idempotency: Idempotency, logger: Logger): Promise<NodeJS.Timeout> {
  await idempotency.purgeExpired();
  const purge = setInterval(
    () => {
      idempotency
        .purgeExpired()
        .catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'Purging expired idempotency keys failed'));
    },
    60 * 60 * 1000,
  );
  purge.unref();
  return purge;
}

function checkedCommonResources(resources: CommonResource[] = []): CommonResource[] {
  try {
    return parseCommonResources(resources);
  } catch (e) {
    throw new Error(`Invalid common resources: ${(e as Error).message}`, { cause: e });
  }
}

/** The catalog of the definitions given, or of those in the elements folder. */
async function catalogOf(opts: PlatformOptions) {
  const elementsDir = opts.elementsDir ?? DEFAULT_ELEMENTS_DIR;
  return createCatalog({
    definitions: opts.definitions ?? (await loadElementDefinitions(elementsDir)),
    secrets: opts.secrets,
    vars: opts.vars,
    logoDir: elementsDir,
    sandbox: opts.development || opts.enableSandbox === true,
  });
}

export async function createPlatform(opts: PlatformOptions): Promise<EmbeddedPlatform> {
  const catalog = await catalogOf(opts);
  const commonResources = createCommonResources(checkedCommonResources(opts.commonResources));
  const key = await loadOrCreateKey(opts);
  const sealer = createSealer(key);
  const store = await openStore(opts);
  try {
    await checkKey(store, sealer);
    const engine = {
      vars: opts.vars,
      development: opts.development,
      timeoutMs: opts.timeoutMs ?? 10_000,
      ...(opts.now ? { now: opts.now } : {}),
    };
    // A request with a running Idempotency-Key waits past two vendor timeouts before answering 409.
    const idempotency = createIdempotency({ db: store.db, sealer, waitMs: 2 * engine.timeoutMs + 5_000 });
    const credentials = createCredentials({ store, sealer, secrets: opts.secrets, engine });
    const webhooks = createWebhooks({
      store,
      settings: opts.webhooks,
      queue: opts.webhooks && deliveryQueue(store, opts),
      logger: opts.logger,
    });
    const limits = createRateLimits(opts.rateLimits, store.pool);
    const instances = createInstances({ store, catalog, credentials, idempotency, engine, webhooks, limits });
    const oauth = createOAuthFlows({
      store,
      catalog,
      credentials,
      sealer,
      engine,
      key,
      logger: opts.logger,
      webhooks,
      ...(opts.oauthCallbackUrl ? { callbackUrl: opts.oauthCallbackUrl } : {}),
    });
    const invitations = invitationsOf(opts, { store, catalog, idempotency });
    const connectionDeps = { store, catalog, credentials, engine, logger: opts.logger, webhooks };
    await webhooks.start().catch(async (e: unknown) => {
      await webhooks.close().catch(() => {});
      throw e;
    });
    const maxResponseBytes = opts.passthroughMaxResponseBytes ?? DEFAULT_PASSTHROUGH_MAX_RESPONSE_BYTES;
    const discovery = createDiscovery(connectionDeps, { cacheMs: opts.metadataCacheMs });
    // Drift is judged against the fields the app has now (discovery's cache keeps this cheap).
    const fieldsOf = (scope: Scope, id: string, name: string) => discovery.metadata(scope, id, name);
    const transformations = createTransformations({ ...connectionDeps, maxResponseBytes, fieldsOf, commonResources });
    const purge = await schedulePurge(idempotency, opts.logger);
    opts.logger.info(
      { store: store.dialect, location: store.location, elements: catalog.list({ tenantId: '', userId: '' }).length },
      'Platform ready',
    );
    return {
      catalog,
      instances,
      connections: {
        passthrough: (id, req) => passthrough({ ...connectionDeps, maxResponseBytes }, id, req),
        check: (scope, id) => checkInstance(connectionDeps, scope, id),
      },
      discovery,
      commonResources,
      webhooks,
      limits,
      oauth,
      transformations,
      invitations,
      skipped: catalog.skipped,
      async close() {
        clearInterval(purge);
        opts.mailer?.close();
        await webhooks.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
