import PgBoss from 'pg-boss';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

/**
 * Where webhook deliveries wait: durable (a restart loses none) and handing each delivery to one
 * worker at a time across every replica. `attempt` answers in how many ms to try again, or
 * undefined when the delivery is finished (delivered, or given up).
 */
export interface DeliveryQueue {
  /** Asks for delivery `id` to be attempted in `delayMs`. */
  schedule(id: string, delayMs: number): Promise<void>;
  start(attempt: (id: string) => Promise<number | undefined>): Promise<void>;
  stop(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The embedded default on SQLite: the deliveries table is the queue. A poller claims one due row
 * under SQLite's write lock with a lease (`locked_until`), so another process on the same file
 * cannot take it meanwhile; a worker that dies leaves a lease that runs out, and it is tried again.
 */
export function storeQueue(store: Store, opts: { pollMs: number; leaseMs: number; logger: Logger }): DeliveryQueue {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const claim = () =>
    store.lockedTransaction('webhook-deliveries', async (trx) => {
      const now = iso(Date.now());
      const row = await trx
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(1)
        .executeTakeFirst();
      if (row)
        await trx
          .updateTable('webhook_deliveries')
          .set({ locked_until: iso(Date.now() + opts.leaseMs) })
          .where('id', '=', row.id)
          .execute();
      return row?.id;
    });

  const drain = async (attempt: (id: string) => Promise<number | undefined>) => {
    for (let id = await claim(); id && !stopped; id = await claim()) {
      const again = await attempt(id);
      const next = again === undefined ? {} : { next_attempt_at: iso(Date.now() + again) };
      await store.db
        .updateTable('webhook_deliveries')
        .set({ locked_until: null, ...next })
        .where('id', '=', id)
        .execute();
    }
  };

  return {
    async schedule(id, delayMs) {
      await store.db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: iso(Date.now() + delayMs) })
        .where('id', '=', id)
        .execute();
    },
    async start(attempt) {
      const tick = () => {
        if (running || stopped) return;
        running = drain(attempt)
          .catch((e: unknown) => opts.logger.warn({ err: e }, 'webhook queue: polling failed; trying again'))
          .finally(() => (running = undefined));
      };
      timer = setInterval(tick, opts.pollMs);
      tick();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

const QUEUE = 'ce-webhooks';

/**
 * On PostgreSQL: pg-boss, in its own schema. A `stately` queue keyed by the delivery id keeps at
 * most one job queued and one active per delivery (a unique index, across replicas): never sent
 * twice at once. A job whose worker died expires and runs again (at least once).
 */
export function pgBossQueue(opts: {
  databaseUrl: string;
  schema: string;
  pollMs: number;
  expireInSeconds: number;
  logger: Logger;
}): DeliveryQueue {
  const boss = new PgBoss({ connectionString: opts.databaseUrl, schema: opts.schema, max: 3, supervise: true, schedule: false });
  boss.on('error', (e) => opts.logger.warn({ err: e }, 'webhook queue (pg-boss) error'));
  let started: Promise<unknown> | undefined;
  const ready = () =>
    (started ??= boss.start().then(() =>
      boss.createQueue(QUEUE, {
        name: QUEUE,
        policy: 'stately',
        retryLimit: 5,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: opts.expireInSeconds,
      }),
    ));

  const send = async (id: string, delayMs: number) => {
    await ready();
    const startAfter = delayMs > 0 ? new Date(Date.now() + delayMs) : undefined;
    await boss.send(QUEUE, { id }, { singletonKey: id, ...(startAfter ? { startAfter } : {}) });
  };

  return {
    schedule: send,
    async start(attempt) {
      await ready();
      await boss.work<{ id: string }>(
        QUEUE,
        { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, opts.pollMs / 1000) },
        async ([job]) => {
          const again = await attempt(job!.data.id);
          // Queued while this one is still active: the stately queue allows one queued beside one active.
          if (again !== undefined) await send(job!.data.id, again);
        },
      );
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
