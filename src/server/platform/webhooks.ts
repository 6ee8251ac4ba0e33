import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Webhook } from 'standardwebhooks';
import type { Instance, WebhookDelivery, WebhookEventType } from '../../contract/index.js';
import type { Logger } from '../log.js';
import { ProblemError } from '../problem.js';
import type { Database, Store, WebhookDeliveryRow } from '../store/store.js';
import type { DeliveryQueue } from './webhook-queues.js';

export interface WebhookSettings {
  /** The host's endpoint. */
  url: string;
  /** Standard Webhooks secret, `whsec_<base64>`. */
  secret: string;
  /** Per attempt, default 10 s. */
  timeoutMs?: number;
  /** First retry delay, doubled on each failure up to an hour; default 5 s. */
  retryBaseMs?: number;
  /** Attempts before giving up, default 12 (about 3 hours with the defaults). */
  maxAttempts?: number;
}

/** The host's webhooks: events recorded with the change, delivered signed from a durable queue, listed for the admin. */
export interface Webhooks {
  /**
   * Records an event and queues its delivery. In `trx`, the event commits with the change, and
   * the answered function queues it once the transaction has committed.
   */
  publish(type: WebhookEventType, tenantId: string, instance: Instance, trx?: Kysely<Database>): Promise<() => Promise<void>>;
  list(limit: number): Promise<WebhookDelivery[]>;
  /** Queues a failed (or pending) delivery again, its attempts counted afresh. */
  retry(id: string): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
// How often, and after how long, a pending delivery nobody is working on is queued again.
const SWEEP_MS = 60_000;
const ERROR_MAX_LENGTH = 300;

function toDelivery(r: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    type: r.type as WebhookEventType,
    tenantId: r.tenant_id,
    state: r.state,
    attempts: r.attempts,
    ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.state === 'pending' && r.next_attempt_at ? { nextAttemptAt: r.next_attempt_at } : {}),
    ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One signed POST; the host's answer status, or why there was none. */
async function send(settings: WebhookSettings, row: WebhookDeliveryRow): Promise<{ status?: number; error?: string }> {
  // Signed at each attempt: receivers refuse an old timestamp, the id stays the event's.
  const timestamp = new Date();
  const signature = new Webhook(settings.secret).sign(row.id, timestamp, row.payload);
  try {
    const res = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': row.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: row.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
    res.body?.cancel().catch(() => {});
    return res.ok ? { status: res.status } : { status: res.status, error: `answered ${res.status}` };
  } catch (e) {
    const err = e as Error;
    return {
      error: (err.name === 'TimeoutError'
        ? 'no answer in time'
        : `${err.message}${err.cause ? `: ${(err.cause as Error).message}` : ''}`
      ).slice(0, ERROR_MAX_LENGTH),
    };
  }
}

interface WebhookDeps {
  store: Store;
  settings?: WebhookSettings;
  queue?: DeliveryQueue;
  logger: Logger;
}

/** One attempt of delivery `id`: in how many ms to try again, or undefined when it is finished. */
async function attemptDelivery(deps: WebhookDeps, id: string): Promise<number | undefined> {
  const { store, settings, logger } = deps;
  const db = store.db;
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.state !== 'pending' || !settings) return undefined;
  const { status, error } = await send(settings, row);
  const attempts = row.attempts + 1;
  const maxAttempts = settings.maxAttempts ?? 12;
  const now = new Date().toISOString();
  // 410 Gone: the host removed the endpoint; retrying would not help.
  const finished = error === undefined || status === 410 || attempts >= maxAttempts;
  const state = error === undefined ? 'delivered' : finished ? 'failed' : 'pending';
  const again = finished ? undefined : Math.min((settings.retryBaseMs ?? 5_000) * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
  await db
    .updateTable('webhook_deliveries')
    .set({
      state,
      attempts,
      last_status: status ?? null,
      last_error: error ?? null,
      updated_at: now,
      ...(state === 'delivered' ? { delivered_at: now } : {}),
      ...(again !== undefined ? { next_attempt_at: new Date(Date.now() + again).toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute();
  logger.info({ delivery: id, type: row.type, attempts, status, state }, 'webhook delivery');
  return again;
}

export function createWebhooks(deps: WebhookDeps): Webhooks & { start(): Promise<void> } {
  const { store, settings, queue, logger } = deps;
  const db = store.db;

  let sweeper: NodeJS.Timeout | undefined;
  /** Deliveries pending for more than `overdueMs` (left by a crash, or a queue that was down) go back to the queue. */
  async function sweep(overdueMs: number) {
    const before = new Date(Date.now() - overdueMs).toISOString();
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', before)
      .execute();
    for (const r of rows) await queue!.schedule(r.id, 0);
  }

  return {
    async publish(type, tenantId, instance, trx) {
      if (!settings || !queue) return async () => {};
      const id = `msg_${randomUUID().replace(/-/g, '')}`;
      const now = new Date().toISOString();
      const payload = JSON.stringify({ type, timestamp: now, data: { tenantId, instance } });
      const row = {
        id,
        type,
        tenant_id: tenantId,
        payload,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      };
      await (trx ?? db).insertInto('webhook_deliveries').values(row).execute();
      // Failing to queue loses nothing: the row is pending, and the sweep hands it to the queue.
      const announce = () =>
        queue.schedule(id, 0).catch((e: unknown) => logger.warn({ err: e, delivery: id }, 'webhook left to the sweep'));
      if (!trx) await announce();
      return announce;
    },

    async list(limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    async retry(id) {
      const now = new Date().toISOString();
      const done = await db
        .updateTable('webhook_deliveries')
        .set({ state: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .where('state', '!=', 'delivered')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) throw new ProblemError('not_found', `There is no undelivered webhook delivery "${id}".`);
      await queue?.schedule(id, 0);
      return toDelivery(await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    },

    async start() {
      if (!settings || !queue) return;
      await queue.start((id) => attemptDelivery(deps, id));
      await sweep(0);
      sweeper = setInterval(
        () => void sweep(SWEEP_MS).catch((e: unknown) => logger.warn({ err: e }, 'webhook sweep failed')),
        SWEEP_MS,
      );
      sweeper.unref();
    },

    async close() {
      clearInterval(sweeper);
      await queue?.stop();
    },
  };
}
