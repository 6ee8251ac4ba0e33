import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import {
  isHiddenConfiguration,
  type ConfigurationValues,
  type CreateInstance,
  type Instance,
  type UpdateInstance,
} from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { Database, InstanceRow, Store } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';
import type { Credentials } from './credentials.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { policyFor, verifyCredentials, type EngineOptions } from './engine.js';
import type { Idempotency } from './idempotency.js';
import type { RateLimits } from './rate-limits.js';
import type { Instances, Scope, Session } from './types.js';
import { checkedValues, publicValues } from './validation.js';
import type { Webhooks } from './webhooks.js';

export interface InstancesDeps {
  store: Store;
  catalog: PlatformCatalog;
  credentials: Credentials;
  idempotency: Idempotency;
  engine: EngineOptions;
  webhooks: Pick<Webhooks, 'publish'>;
  limits: RateLimits;
}

export function toInstance(row: InstanceRow, catalog: Pick<PlatformCatalog, 'lookup'>): Instance {
  const name = catalog.lookup(row.element_key)?.def.name;
  return {
    id: row.id,
    name: row.name,
    element: { key: row.element_key, ...(name ? { name } : {}) },
    authenticationType: row.authentication_type,
    configuration: JSON.parse(row.configuration) as ConfigurationValues,
    status: row.status as Instance['status'],
    ...(row.status_message ? { statusMessage: row.status_message } : {}),
    ...(row.status_reason ? { statusReason: row.status_reason } : {}),
    ...(row.checked_at ? { checkedAt: row.checked_at } : {}),
    ...(row.identity ? { identity: row.identity } : {}),
    createdDate: row.created_at,
    updatedDate: row.updated_at,
  };
}

const noSuchInstance = (id: string) => new ProblemError('not_found', `There is no connection "${id}".`);

/** Validates, checks where values land (host, path, headers) and verifies with the vendor; answers the values to store and the account's identity. */
async function authenticate(
  deps: InstancesDeps,
  session: Session,
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  input: ConfigurationValues,
  locale?: string,
) {
  const values = checkedValues(auth, input, policyFor(def, deps.engine).hosts);
  // Counted as it goes to the vendor, whatever the answer: parallel guesses cannot all pass before one fails.
  await deps.limits.credentialAttempt(session);
  const verified = await verifyCredentials(def, auth, deps.credentials.withHostValues(def, auth, values), deps.engine, locale);
  return { values, identity: verified.identity ?? null };
}

/** The element's name, else "<name> 2", "<name> 3", …: read inside the tenant's locked transaction that inserts it. */
export async function defaultName(trx: Store['db'], tenantId: string, base: string): Promise<string> {
  const rows = await trx.selectFrom('instances').select('name').where('tenant_id', '=', tenantId).execute();
  const taken = new Set(rows.map((r) => r.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/**
 * The session's connections: its tenant's, and of a session restricted to some elements only
 * theirs (an invitation's session must not see or change the tenant's other connections).
 */
export function visibleTo(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'instances'>) => {
    const where = [];
    if (scope.tenantId !== undefined) where.push(eb('tenant_id', '=', scope.tenantId));
    // `in ()` is not SQL: a session restricted to no element sees nothing.
    if (scope.elements) where.push(scope.elements.length ? eb('element_key', 'in', scope.elements) : eb.lit(false));
    return where.length ? eb.and(where) : eb.lit(true);
  };
}

async function findRow(deps: Pick<InstancesDeps, 'store'>, session: Session, id: string): Promise<InstanceRow> {
  const r = await deps.store.db.selectFrom('instances').selectAll().where(visibleTo(session)).where('id', '=', id).executeTakeFirst();
  // Another tenant's id and a missing id answer the same.
  if (!r) throw noSuchInstance(id);
  return r;
}

async function insert(
  deps: InstancesDeps,
  session: Session,
  input: CreateInstance,
  idempotencyKey?: string,
  locale?: string,
): Promise<Instance> {
  const { def, auth } = deps.catalog.auth(session, input.element.key, input.authenticationType);
  const { values, identity } = await authenticate(deps, session, def, auth, input.configuration, locale);
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
    credentials: deps.credentials.seal(id, values),
    status: 'connected',
    status_message: null,
    status_reason: null,
    // Creating verified the credentials: that was the first check.
    checked_at: auth.verify ? now : null,
    identity,
    created_at: now,
    updated_at: now,
  };
  // Under the tenant's lock, so concurrent unnamed creates (on any replica) pick distinct default names.
  const announce = await deps.store.lockedTransaction(`instance-names:${session.tenantId}`, async (trx) => {
    if (input.name === undefined) r.name = await defaultName(trx, session.tenantId, def.name);
    await trx.insertInto('instances').values(r).execute();
    if (idempotencyKey) await deps.idempotency.complete(trx, session.tenantId, idempotencyKey, id);
    // The event commits with the instance: a crash cannot keep one without the other.
    return deps.webhooks.publish('instance.created', session.tenantId, toInstance(r, deps.catalog), trx);
  });
  await announce();
  return toInstance(r, deps.catalog);
}

/** The values of a re-authentication: a password left empty keeps the stored one (the form never shows it again). */
async function reauthenticate(
  deps: InstancesDeps,
  session: Session,
  current: InstanceRow,
  input: ConfigurationValues,
  locale?: string,
) {
  const entry = deps.catalog.lookup(current.element_key);
  const auth = entry?.auths.find((a) => a.type === current.authentication_type);
  if (!entry || !auth) {
    throw new ProblemError(
      'conflict',
      `${entry?.def.name ?? current.element_key} can no longer be connected with ${current.authentication_type}; connect it again in another way.`,
    );
  }
  const stored = deps.credentials.open(current);
  const merged = { ...input };
  for (const c of auth.configuration) {
    const v = merged[c.key];
    if (c.type === 'PASSWORD' && !isHiddenConfiguration(c) && (v === undefined || v === '') && stored[c.key] !== undefined) {
      merged[c.key] = stored[c.key]!;
    }
  }
  return { auth, ...(await authenticate(deps, session, entry.def, auth, merged, locale)) };
}

export function createInstances(deps: InstancesDeps): Instances {
  const { store, catalog, credentials, idempotency } = deps;
  const db = store.db;

  return {
    async create(session, input, idempotencyKey, locale) {
      if (idempotencyKey === undefined) return insert(deps, session, input, undefined, locale);
      const request = {
        element: input.element.key,
        authenticationType: input.authenticationType,
        name: input.name ?? null,
        configuration: input.configuration,
      };
      return idempotency.once(
        session.tenantId,
        idempotencyKey,
        request,
        () => insert(deps, session, input, idempotencyKey, locale),
        async (id) => toInstance(await findRow(deps, session, id), catalog),
      );
    },

    async list(session) {
      const rows = await db
        .selectFrom('instances')
        .selectAll()
        .where(visibleTo(session))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => toInstance(r, catalog));
    },

    async get(session, id) {
      return toInstance(await findRow(deps, session, id), catalog);
    },

    async update(session, id, patch: UpdateInstance, locale) {
      const current = await findRow(deps, session, id);
      const changes: Partial<InstanceRow> = { updated_at: new Date().toISOString() };
      if (patch.name !== undefined) changes.name = patch.name;
      let saved: boolean;
      if (patch.configuration === undefined) {
        const done = await db
          .updateTable('instances')
          .set(changes)
          .where('tenant_id', '=', session.tenantId)
          .where('id', '=', id)
          .executeTakeFirst();
        saved = Number(done.numUpdatedRows) > 0;
      } else {
        const { auth, values, identity } = await reauthenticate(deps, session, current, patch.configuration, locale);
        const checked = {
          status: 'connected',
          status_message: null,
          status_reason: null,
          identity,
          checked_at: auth.verify ? changes.updated_at! : current.checked_at,
        };
        Object.assign(changes, { configuration: JSON.stringify(publicValues(auth.configuration, values)), ...checked });
        saved = await credentials.save(session.tenantId, id, values, changes);
      }
      // Deleted while the vendor was being asked.
      if (!saved) throw noSuchInstance(id);
      const instance = toInstance({ ...current, ...changes }, catalog);
      await deps.webhooks.publish('instance.updated', session.tenantId, instance);
      return instance;
    },

    async delete(session, id) {
      const gone = await db.deleteFrom('instances').where(visibleTo(session)).where('id', '=', id).returningAll().executeTakeFirst();
      if (!gone) throw noSuchInstance(id);
      await deps.webhooks.publish('instance.deleted', session.tenantId, toInstance(gone, catalog));
    },
  };
}
