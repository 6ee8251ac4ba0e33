import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  isHiddenConfiguration,
  isIdempotencyKey,
  type ConfigurationValues,
  type CreateInstance,
  type FieldError,
  type Instance,
  type UpdateInstance,
} from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { InstanceRow, Store } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';
import type { Sealer } from './crypto.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { checkPlacement, verifyCredentials, type EngineOptions } from './engine.js';
import type { Session, Instances } from './types.js';
import { publicValues, validateValues } from './validation.js';

export interface InstancesDeps {
  store: Store;
  catalog: PlatformCatalog;
  sealer: Sealer;
  secrets: Record<string, Record<string, string>>;
  engine: EngineOptions;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The same Idempotency-Key with another request body. */
const keyReused = () =>
  new ProblemError(
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
  );

function toInstance(row: InstanceRow, catalog: PlatformCatalog): Instance {
  const name = catalog.lookup(row.element_key)?.def.name;
  return {
    id: row.id,
    name: row.name,
    element: { key: row.element_key, ...(name ? { name } : {}) },
    authenticationType: row.authentication_type,
    configuration: JSON.parse(row.configuration) as ConfigurationValues,
    status: row.status as Instance['status'],
    ...(row.status_message ? { statusMessage: row.status_message } : {}),
    createdDate: row.created_at,
    updatedDate: row.updated_at,
  };
}

/** JSON with sorted object keys, so equal requests hash equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function fieldProblem(errors: FieldError[]): ProblemError {
  const detail = errors.length === 1 ? errors[0]!.message : `${errors.length} settings need attention.`;
  return new ProblemError('validation_failed', detail, errors);
}

export function createInstances(deps: InstancesDeps): Instances & { purgeExpiredKeys(): Promise<void> } {
  const { store, catalog, sealer, engine } = deps;
  const db = store.db;
  // A second request with a running key waits this long for the first before answering 409;
  // past it a pending key is taken for abandoned (its process died) and may be taken over.
  const waitMs = 2 * engine.timeoutMs + 5_000;

  /** User values + host values: companyConfig secrets and the defaults of hidden settings. */
  function withHostValues(def: ElementDefinition, auth: AuthenticationDefinition, values: ConfigurationValues): ConfigurationValues {
    const merged: ConfigurationValues = {};
    for (const c of auth.configuration) {
      if (isHiddenConfiguration(c) && c.defaultValue !== undefined && c.defaultValue !== null) merged[c.key] = c.defaultValue;
    }
    return { ...merged, ...deps.secrets[def.key], ...values };
  }

  /** Validates, checks where values land (host, path, headers) and verifies with the vendor; answers the values to store. */
  async function authenticate(def: ElementDefinition, auth: AuthenticationDefinition, input: ConfigurationValues) {
    const { values, errors } = validateValues(auth.configuration, input);
    const bad = new Set(errors.map((e) => e.field));
    errors.push(...checkPlacement(auth, values).filter((e) => !bad.has(e.field)));
    if (errors.length) throw fieldProblem(errors);
    await verifyCredentials(def, auth, withHostValues(def, auth, values), engine);
    return values;
  }

  /** The element's name, else "<name> 2", "<name> 3", …: read inside the tenant's locked transaction that inserts it. */
  async function defaultName(trx: Store['db'], tenantId: string, base: string): Promise<string> {
    const taken = new Set(
      (await trx.selectFrom('instances').select('name').where('tenant_id', '=', tenantId).execute()).map((r) => r.name),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
  }

  async function row(session: Session, id: string): Promise<InstanceRow> {
    const r = await db
      .selectFrom('instances')
      .selectAll()
      .where('tenant_id', '=', session.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    // Another tenant's id and a missing id answer the same.
    if (!r) throw new ProblemError('not_found', `There is no connection "${id}".`);
    return r;
  }

  async function doCreate(session: Session, input: CreateInstance, idempotencyKey?: string): Promise<Instance> {
    const { def, auth } = catalog.auth(session, input.element.key, input.authenticationType);
    const values = await authenticate(def, auth, input.configuration);
    const id = randomUUID();
    const now = new Date().toISOString();
    const r: InstanceRow = {
      id,
      tenant_id: session.tenantId,
      user_id: session.userId,
      element_key: def.key,
      authentication_type: auth.type,
      name: input.name ?? '', // the default name is chosen under the lock below
      configuration: JSON.stringify(publicValues(auth.configuration, values)),
      credentials: sealer.encrypt(JSON.stringify(values), id),
      status: 'connected',
      status_message: null,
      created_at: now,
      updated_at: now,
    };
    // Under the tenant's lock, so concurrent unnamed creates (on any replica) pick distinct default names.
    await store.lockedTransaction(`instance-names:${session.tenantId}`, async (trx) => {
      if (input.name === undefined) r.name = await defaultName(trx, session.tenantId, def.name);
      await trx.insertInto('instances').values(r).execute();
      if (idempotencyKey) {
        await trx
          .updateTable('idempotency_keys')
          .set({ state: 'done', instance_id: id })
          .where('tenant_id', '=', session.tenantId)
          .where('key', '=', idempotencyKey)
          .execute();
      }
    });
    return toInstance(r, catalog);
  }

  /**
   * The key row is the lock, in the database, so it holds across proxy replicas: the first
   * request inserts it as pending; a concurrent one with the same key waits for it to finish and
   * answers the same instance (a client retrying after a dropped connection gets its answer, not
   * an error), or 409 if it runs too long. A failed request releases its key for a retry.
   */
  async function idempotent(session: Session, key: string, fingerprint: string, run: () => Promise<Instance>): Promise<Instance> {
    const tenant = session.tenantId;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({ tenant_id: tenant, key, fingerprint, instance_id: null, state: 'pending', created_at: new Date(now).toISOString() })
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 1) {
        try {
          return await run();
        } catch (e) {
          await db.deleteFrom('idempotency_keys').where('tenant_id', '=', tenant).where('key', '=', key).where('state', '=', 'pending').execute();
          throw e;
        }
      }
      const existing = await db.selectFrom('idempotency_keys').selectAll().where('tenant_id', '=', tenant).where('key', '=', key).executeTakeFirst();
      if (!existing) continue; // the first request failed and released the key: this one runs
      // Frees this very row (not one a concurrent request has claimed since): by its created_at, and state when given.
      const release = (state?: 'pending') =>
        db
          .deleteFrom('idempotency_keys')
          .where('tenant_id', '=', tenant)
          .where('key', '=', key)
          .where('created_at', '=', existing.created_at)
          .where('state', 'in', state ? [state] : ['pending', 'done'])
          .execute();
      if (Date.parse(existing.created_at) < now - IDEMPOTENCY_TTL_MS) {
        // Expired (the hourly purge has not come by yet): the key is free again, whatever it named.
        await release();
        continue;
      }
      if (existing.fingerprint !== fingerprint) throw keyReused();
      if (existing.state === 'done' && existing.instance_id) return toInstance(await row(session, existing.instance_id), catalog);
      if (Date.parse(existing.created_at) < now - waitMs) {
        // Its process died mid-request: free the key, then claim it on the next turn.
        await release('pending');
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new ProblemError('conflict', 'A request with this Idempotency-Key is still running. Retry in a moment with the same key.');
      }
      await sleep(Math.min(25 * 2 ** attempt, 250));
    }
  }

  return {
    async create(session, input, idempotencyKey) {
      if (idempotencyKey === undefined) return doCreate(session, input);
      if (!isIdempotencyKey(idempotencyKey)) {
        throw new ProblemError('validation_failed', `The Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID is a good choice).`);
      }
      const fingerprint = sealer.fingerprint(
        canonical({ element: input.element.key, authenticationType: input.authenticationType, name: input.name ?? null, configuration: input.configuration }),
      );
      return idempotent(session, idempotencyKey, fingerprint, () => doCreate(session, input, idempotencyKey));
    },

    async list(session) {
      const rows = await db.selectFrom('instances').selectAll().where('tenant_id', '=', session.tenantId).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => toInstance(r, catalog));
    },

    async get(session, id) {
      return toInstance(await row(session, id), catalog);
    },

    async update(session, id, patch: UpdateInstance) {
      const current = await row(session, id);
      const changes: Partial<InstanceRow> = { updated_at: new Date().toISOString() };
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.configuration !== undefined) {
        const entry = catalog.lookup(current.element_key);
        const auth = entry?.auths.find((a) => a.type === current.authentication_type);
        if (!entry || !auth) {
          throw new ProblemError('conflict', `${entry?.def.name ?? current.element_key} can no longer be connected with ${current.authentication_type}; connect it again in another way.`);
        }
        const stored = JSON.parse(sealer.decrypt(current.credentials, current.id)) as ConfigurationValues;
        const input = { ...patch.configuration };
        // A password left empty keeps the stored one: the form never shows it again.
        for (const c of auth.configuration) {
          const v = input[c.key];
          if (c.type === 'PASSWORD' && !isHiddenConfiguration(c) && (v === undefined || v === '') && stored[c.key] !== undefined) {
            input[c.key] = stored[c.key]!;
          }
        }
        const values = await authenticate(entry.def, auth, input);
        changes.configuration = JSON.stringify(publicValues(auth.configuration, values));
        changes.credentials = sealer.encrypt(JSON.stringify(values), current.id);
        changes.status = 'connected';
        changes.status_message = null;
      }
      const done = await db.updateTable('instances').set(changes).where('tenant_id', '=', session.tenantId).where('id', '=', id).executeTakeFirst();
      // Deleted while the vendor was being asked.
      if (Number(done.numUpdatedRows) === 0) throw new ProblemError('not_found', `There is no connection "${id}".`);
      return toInstance({ ...current, ...changes }, catalog);
    },

    async delete(session, id) {
      const r = await db.deleteFrom('instances').where('tenant_id', '=', session.tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new ProblemError('not_found', `There is no connection "${id}".`);
    },

    async purgeExpiredKeys() {
      await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString()).execute();
    },
  };
}
