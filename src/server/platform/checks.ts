import type { InstanceCheck } from '../../contract/index.js';
import type { Logger } from '../log.js';
import { ProblemError } from '../problem.js';
import type { InstanceRow, Store } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';
import type { Credentials } from './credentials.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { verifyCredentials, type EngineOptions } from './engine.js';
import { toInstance, visibleTo } from './instances.js';
import type { Webhooks } from './webhooks.js';
import type { Scope } from './types.js';

export interface ConnectionDeps {
  store: Store;
  catalog: PlatformCatalog;
  credentials: Credentials;
  engine: EngineOptions;
  logger: Logger;
  webhooks: Pick<Webhooks, 'publish'>;
}

/** An instance within `scope` (any tenant's for an admin call, only its elements' for a restricted session); another tenant's id answers 404 like a missing one. */
export async function findInstance(deps: ConnectionDeps, scope: Scope, id: string): Promise<InstanceRow> {
  const row = await deps.store.db.selectFrom('instances').selectAll().where(visibleTo(scope)).where('id', '=', id).executeTakeFirst();
  if (!row) throw new ProblemError('not_found', `There is no connection "${id}".`);
  return row;
}

/** The element and sign-in method an instance was made with; gone from the catalog is a conflict. */
export function definitionOf(deps: ConnectionDeps, row: InstanceRow): { def: ElementDefinition; auth: AuthenticationDefinition } {
  const entry = deps.catalog.lookup(row.element_key);
  const auth = entry?.auths.find((a) => a.type === row.authentication_type);
  if (!entry || !auth) {
    throw new ProblemError(
      'conflict',
      `${entry?.def.name ?? row.element_key} is no longer offered with ${row.authentication_type}; connect it again.`,
    );
  }
  return { def: entry.def, auth };
}

type StatusChange = Partial<Pick<InstanceRow, 'status' | 'status_reason' | 'status_message' | 'checked_at' | 'identity'>>;

/** Writes a check's or a call's outcome on the instance (and tells the host when it starts needing attention); false when it was deleted meanwhile. */
export async function recordStatus(deps: ConnectionDeps, row: InstanceRow, changes: StatusChange): Promise<boolean> {
  const done = await deps.store.db
    .updateTable('instances')
    .set(changes)
    .where('id', '=', row.id)
    .where('tenant_id', '=', row.tenant_id)
    .executeTakeFirst();
  const saved = Number(done.numUpdatedRows) > 0;
  if (saved && changes.status === 'needs_attention' && row.status !== 'needs_attention') {
    await deps.webhooks.publish('instance.needs_attention', row.tenant_id, toInstance({ ...row, ...changes }, deps.catalog));
  }
  return saved;
}

/** The app refused the stored credentials: the person must reconnect. */
export function credentialsRejected(detail: string): StatusChange {
  return { status: 'needs_attention', status_reason: 'credentials_rejected', status_message: detail };
}

// The app could not say whether the credentials are good: the status stands, the reason says why the check failed.
const UNDECIDED = new Set(['vendor_error', 'vendor_unreachable', 'vendor_timeout']);

/** What a verify outcome changes: accepted → connected; refused or no longer fitting → needs_attention; app down → status kept. */
async function verifyOutcome(deps: ConnectionDeps, row: InstanceRow): Promise<{ changes: StatusChange; cause?: unknown }> {
  const { def, auth } = definitionOf(deps, row);
  try {
    const values = await deps.credentials.current(row, def, auth);
    const { identity } = await verifyCredentials(def, auth, values, deps.engine);
    // No verify request: nothing to learn, the status stands.
    if (!auth.verify) return { changes: {} };
    return { changes: { status: 'connected', status_reason: null, status_message: null, identity: identity ?? row.identity } };
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    if (UNDECIDED.has(e.code)) return { changes: { status_reason: e.code, status_message: e.detail ?? null }, cause: e.cause };
    if (e.code === 'credentials_rejected')
      return { changes: credentialsRejected(e.detail ?? `${def.name} refused the stored credentials.`) };
    // The stored values no longer fit the definition (address_refused, validation_failed): reconnecting fixes it.
    if (e.code === 'address_refused' || e.code === 'validation_failed') {
      return { changes: { status: 'needs_attention', status_reason: e.code, status_message: e.detail ?? null } };
    }
    throw e;
  }
}

/** Re-runs the verify request with the stored credentials and records status, reason, identity and time on the instance. */
export async function checkInstance(deps: ConnectionDeps, scope: Scope, id: string): Promise<InstanceCheck> {
  const row = await findInstance(deps, scope, id);
  const { changes, cause } = await verifyOutcome(deps, row);
  if (cause !== undefined)
    deps.logger.warn({ err: cause, instance: row.id, element: row.element_key }, 'connection check could not reach the app');
  const checkedAt = new Date().toISOString();
  if (!(await recordStatus(deps, row, { ...changes, checked_at: checkedAt })))
    throw new ProblemError('not_found', `There is no connection "${id}".`);
  const after = { ...row, ...changes };
  return {
    status: after.status as InstanceCheck['status'],
    ...(after.status_reason ? { statusReason: after.status_reason } : {}),
    checkedAt,
    ...(after.identity ? { identity: after.identity } : {}),
  };
}
