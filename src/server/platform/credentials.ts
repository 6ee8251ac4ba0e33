import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { isHiddenConfiguration, type ConfigurationValues } from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { Database, InstanceRow, Store } from '../store/store.js';
import type { Sealer } from './crypto.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { callElement, type ElementRequest, type EngineOptions, type RequestShape } from './engine.js';
import { refreshTokens, TOKEN_KEYS } from './oauth-client.js';

/**
 * An instance's credentials: every value the user gave (passwords included) and its OAuth 2
 * tokens, stored as one AES-256-GCM envelope bound to the instance id, and merged with the host's
 * secrets only when the vendor is called. Every call to a connected app goes through `call`, which
 * refreshes OAuth tokens first when needed (under a row lock, so two replicas never both refresh).
 */
export interface Credentials {
  /** The values stored on an instance row, decrypted. */
  open(row: Pick<InstanceRow, 'id' | 'credentials'>): ConfigurationValues;
  /** The envelope for instance `instanceId`'s row; bound to that id, so it cannot be moved to another row. */
  seal(instanceId: string, values: ConfigurationValues): string;
  /**
   * Re-encrypts and saves a tenant's instance's values, with `alongside` (other columns) in the
   * same write; false when there is no such instance (deleted meanwhile, or another tenant's).
   */
  save(tenantId: string, instanceId: string, values: ConfigurationValues, alongside?: Partial<InstanceRow>): Promise<boolean>;
  /** What a vendor call uses: the hidden settings' defaults, the user's values, then the host's secrets (a user value never replaces one). */
  withHostValues(def: ElementDefinition, auth: AuthenticationDefinition, values: ConfigurationValues): ConfigurationValues;
  /**
   * What a vendor call uses for this instance (host values merged), its OAuth access token refreshed
   * first when it expires within a minute, or when it is still `stale` (a token the app just refused).
   * A refused refresh marks the instance needs_attention (reason refresh_failed) and throws refresh_failed.
   */
  current(row: InstanceRow, def: ElementDefinition, auth: AuthenticationDefinition, stale?: string): Promise<ConfigurationValues>;
  /** Calls the connected app with the instance's credentials; an OAuth instance's 401 refreshes once and retries once. */
  call(
    row: InstanceRow,
    def: ElementDefinition,
    auth: AuthenticationDefinition,
    req: ElementRequest,
    options?: CallOptions,
  ): Promise<Response>;
}

export interface CallOptions {
  /** The engine's hook for a caller's own path, query, headers and body (the passthrough). */
  shape?: RequestShape;
  /** False when the body is a stream that cannot be sent twice: a 401 is then answered, not retried. */
  replayable?: boolean;
}

/** Refresh this long before the access token expires, so a call never starts with one about to lapse. */
const REFRESH_MARGIN_MS = 60_000;
/** Another replica holds the row's lock (it is refreshing): read again after this, this many times. */
const LOCKED_WAIT_MS = 250;
const LOCKED_TRIES = 80;

function needsRefresh(values: ConfigurationValues, stale: string | undefined, now: number): boolean {
  if (stale !== undefined) return values[TOKEN_KEYS.access] === stale;
  const expiresAt = values[TOKEN_KEYS.expiresAt];
  return typeof expiresAt === 'string' && Date.parse(expiresAt) - now < REFRESH_MARGIN_MS;
}

export interface CredentialsDeps {
  store: Pick<Store, 'db' | 'dialect' | 'lockedTransaction'>;
  sealer: Sealer;
  /** Host secrets per element key: companyConfig values, never stored. */
  secrets: Record<string, Record<string, string>>;
  engine: EngineOptions;
}

type Refreshed = { values: ConfigurationValues } | { failed: ProblemError } | undefined;

/**
 * Runs `fn` on the instance's row under its lock: FOR UPDATE SKIP LOCKED on PostgreSQL, where
 * `fn` gets undefined when another replica holds the row (it is refreshing); SQLite's write lock.
 */
function withRowLock(
  store: CredentialsDeps['store'],
  row: InstanceRow,
  fn: (trx: Kysely<Database>, locked?: InstanceRow) => Promise<Refreshed>,
) {
  const select = (trx: Kysely<Database>) =>
    trx.selectFrom('instances').selectAll().where('tenant_id', '=', row.tenant_id).where('id', '=', row.id);
  if (store.dialect === 'sqlite')
    return store.lockedTransaction(`refresh:${row.id}`, async (trx) => fn(trx, await select(trx).executeTakeFirst()));
  return store.db.transaction().execute(async (trx) => fn(trx, await select(trx).forUpdate().skipLocked().executeTakeFirst()));
}

/** A connection's values with the hidden defaults under them and the host's secrets over them. */
function mergeHostValues(
  secrets: CredentialsDeps['secrets'],
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
): ConfigurationValues {
  const merged: ConfigurationValues = {};
  for (const c of auth.configuration) {
    if (isHiddenConfiguration(c) && c.defaultValue !== undefined && c.defaultValue !== null) merged[c.key] = c.defaultValue;
  }
  return { ...merged, ...values, ...secrets[def.key] };
}

export function createCredentials(deps: CredentialsDeps): Credentials {
  const { store, sealer, secrets, engine } = deps;
  const db = store.db;
  const clock = engine.now ?? Date.now;
  const stillNeeded = (values: ConfigurationValues, stale: string | undefined) => needsRefresh(values, stale, clock());
  const seal = (instanceId: string, values: ConfigurationValues) => sealer.encrypt(JSON.stringify(values), instanceId);
  const open = (row: Pick<InstanceRow, 'id' | 'credentials'>) =>
    JSON.parse(sealer.decrypt(row.credentials, row.id)) as ConfigurationValues;
  const withHostValues: Credentials['withHostValues'] = (def, auth, values) => mergeHostValues(secrets, def, auth, values);

  /** Refreshes under the row's lock and saves the rotated tokens in the same transaction. */
  const refreshLocked = (row: InstanceRow, def: ElementDefinition, auth: AuthenticationDefinition, stale: string | undefined) =>
    withRowLock(store, row, async (trx, locked) => {
      if (!locked) return undefined;
      const stored = open(locked);
      if (!stillNeeded(stored, stale)) return { values: stored };
      const updated_at = new Date().toISOString();
      try {
        const values = { ...stored, ...(await refreshTokens(def, auth, withHostValues(def, auth, stored), engine)) };
        await trx
          .updateTable('instances')
          .set({ credentials: seal(row.id, values), updated_at })
          .where('id', '=', row.id)
          .execute();
        return { values };
      } catch (e) {
        if (!(e instanceof ProblemError) || e.code !== 'refresh_failed') throw e;
        const mark = { status: 'needs_attention', status_message: e.detail ?? e.message, status_reason: e.code, updated_at };
        await trx.updateTable('instances').set(mark).where('id', '=', row.id).execute();
        return { failed: e }; // thrown after the mark is committed
      }
    });

  const current: Credentials['current'] = async (row, def, auth, stale) => {
    const stored = open(row);
    if (!auth.oauth2 || !stillNeeded(stored, stale)) return withHostValues(def, auth, stored);
    for (let i = 0; i < LOCKED_TRIES; i++) {
      const r = await refreshLocked(row, def, auth, stale);
      if (r && 'failed' in r) throw r.failed;
      if (r) return withHostValues(def, auth, r.values);
      // Another replica is refreshing: wait, then take its fresh token rather than refresh again.
      await sleep(LOCKED_WAIT_MS);
      const now = await db
        .selectFrom('instances')
        .selectAll()
        .where('tenant_id', '=', row.tenant_id)
        .where('id', '=', row.id)
        .executeTakeFirst();
      if (!now) throw new ProblemError('not_found', `There is no connection "${row.id}".`);
      if (!stillNeeded(open(now), stale)) return withHostValues(def, auth, open(now));
    }
    throw new ProblemError(
      'service_unavailable',
      `${def.name}'s sign-in is being renewed by another server and it is taking long. Try again in a moment.`,
    );
  };

  return {
    open,

    seal,

    async save(tenantId, instanceId, values, alongside = {}) {
      const done = await db
        .updateTable('instances')
        .set({ ...alongside, credentials: seal(instanceId, values) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', instanceId)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },

    withHostValues,

    current,

    async call(row, def, auth, req, { shape, replayable = true } = {}) {
      const values = await current(row, def, auth);
      const res = await callElement(def, auth, values, req, engine, shape);
      if (res.status !== 401 || !auth.oauth2 || !replayable) return res;
      // Not awaited: only the status mattered (as in verify).
      res.body?.cancel().catch(() => {});
      return callElement(def, auth, await current(row, def, auth, String(values[TOKEN_KEYS.access])), req, engine, shape);
    },
  };
}
