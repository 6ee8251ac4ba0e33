import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { IDEMPOTENCY_KEY_MAX_LENGTH, isIdempotencyKey } from '../../contract/index.js';
import { ProblemError } from '../problem.js';
import type { Database } from '../store/store.js';
import type { Sealer } from './crypto.js';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency-Key handling, per tenant. The key row is the lock, in the database, so it holds
 * across proxy replicas: the first request inserts it as pending; a concurrent one with the same
 * key waits for it to finish and answers what it made (a client retrying after a dropped
 * connection gets its answer, not an error), or 409 if it runs too long. A failed request
 * releases its key for a retry. Keys expire after 24 hours.
 */
export interface Idempotency {
  /**
   * Runs `run` once for this tenant, key and request. `run` marks the key done with `complete`,
   * inside the transaction that stores what it made; a later call with the same key and request
   * answers `replay(id)` of that id; another request with the key is idempotency_key_reused.
   */
  once<T>(tenantId: string, key: string, request: unknown, run: () => Promise<T>, replay: (id: string) => Promise<T>): Promise<T>;
  /** Marks the key done, naming what the request made, an instance or an invitation (call it inside the transaction that stores it). */
  complete(db: Kysely<Database>, tenantId: string, key: string, id: string, made?: 'instance' | 'invitation'): Promise<void>;
  /** Deletes expired keys (they are also ignored on use; this only keeps the table small). */
  purgeExpired(): Promise<void>;
}

/** JSON with sorted object keys, so equal requests hash equally. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  // JSON.stringify answers undefined for these, whatever its type says.
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 'null';
  return JSON.stringify(v);
}

/** Takes the key for this request; false when another request holds it. */
async function claim(db: Kysely<Database>, tenantId: string, key: string, fingerprint: string, now: number): Promise<boolean> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({
      tenant_id: tenantId,
      key,
      fingerprint,
      instance_id: null,
      state: 'pending',
      created_at: new Date(now).toISOString(),
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The request failed: free its key, so a retry runs again. */
async function releasePending(db: Kysely<Database>, tenantId: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .where('state', '=', 'pending')
    .execute();
}

/**
 * `waitMs`: how long a second request with a running key waits for the first before answering
 * 409; past it a pending key is taken for abandoned (its process died) and may be taken over.
 */
export function createIdempotency(deps: { db: Kysely<Database>; sealer: Sealer; waitMs: number }): Idempotency {
  const { db, sealer, waitMs } = deps;

  return {
    async once(tenantId, key, request, run, replay) {
      if (!isIdempotencyKey(key)) {
        throw new ProblemError(
          'validation_failed',
          `The Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters (a UUID is a good choice).`,
        );
      }
      // A keyed hash of the request, never the request: it may hold a password.
      const fingerprint = sealer.fingerprint(canonical(request));
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        const now = Date.now();
        if (await claim(db, tenantId, key, fingerprint, now)) {
          try {
            return await run();
          } catch (e) {
            await releasePending(db, tenantId, key);
            throw e;
          }
        }
        const existing = await db
          .selectFrom('idempotency_keys')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('key', '=', key)
          .executeTakeFirst();
        if (!existing) continue; // the first request failed and released the key: this one runs
        // Frees this very row (not one a concurrent request has claimed since): by its created_at, and state when given.
        const release = (state?: 'pending') =>
          db
            .deleteFrom('idempotency_keys')
            .where('tenant_id', '=', tenantId)
            .where('key', '=', key)
            .where('created_at', '=', existing.created_at)
            .where('state', 'in', state ? [state] : ['pending', 'done'])
            .execute();
        if (Date.parse(existing.created_at) < now - IDEMPOTENCY_TTL_MS) {
          // Expired (the hourly purge has not come by yet): the key is free again, whatever it named.
          await release();
          continue;
        }
        if (existing.fingerprint !== fingerprint) {
          throw new ProblemError(
            'idempotency_key_reused',
            'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
          );
        }
        const made = existing.instance_id ?? existing.invitation_id;
        if (existing.state === 'done' && made) return replay(made);
        if (Date.parse(existing.created_at) < now - waitMs) {
          // Its process died mid-request: free the key, then claim it on the next turn.
          await release('pending');
          continue;
        }
        if (Date.now() - started > waitMs) {
          throw new ProblemError(
            'conflict',
            'A request with this Idempotency-Key is still running. Retry in a moment with the same key.',
          );
        }
        await sleep(Math.min(25 * 2 ** attempt, 250));
      }
    },

    async complete(trx, tenantId, key, id, made = 'instance') {
      await trx
        .updateTable('idempotency_keys')
        .set(made === 'instance' ? { state: 'done', instance_id: id } : { state: 'done', invitation_id: id })
        .where('tenant_id', '=', tenantId)
        .where('key', '=', key)
        .execute();
    },

    async purgeExpired() {
      await db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString())
        .execute();
    },
  };
}
