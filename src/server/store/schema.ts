import type { Selectable } from 'kysely';

/**
 * The platform's tables. Timestamps are ISO-8601 text and JSON is text, so the same queries run
 * on SQLite and PostgreSQL. Later issues add tables (OAuth flows, transformations, invitations)
 * with a new migration in migrations.ts and a new entry here.
 */
export interface Database {
  platform_meta: PlatformMetaTable;
  instances: InstancesTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export interface PlatformMetaTable {
  key: string;
  value: string;
}

export interface InstancesTable {
  id: string;
  tenant_id: string;
  user_id: string;
  element_key: string;
  authentication_type: string;
  name: string;
  /** JSON: the non-secret configuration values, safe to answer. */
  configuration: string;
  /** Encrypted envelope (crypto.ts) of the JSON of every value the user gave. */
  credentials: string;
  status: string;
  status_message: string | null;
  /** A problem code: why the last check or call needs attention (or could not reach the app). */
  status_reason: string | null;
  checked_at: string | null;
  /** The account the app says the credentials belong to (an email, an account name), from the verify answer. */
  identity: string | null;
  created_at: string;
  updated_at: string;
}
export type InstanceRow = Selectable<InstancesTable>;

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  /** Keyed hash of the request body: the same key with another body is refused. */
  fingerprint: string;
  /** Set when the request finished; null while it runs. */
  instance_id: string | null;
  state: 'pending' | 'done';
  created_at: string;
}
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/** One event for the host's webhook endpoint: the durable record of its delivery (and, on SQLite, the queue itself). */
export interface WebhookDeliveriesTable {
  id: string;
  type: string;
  tenant_id: string;
  /** The JSON body sent, signed on each attempt. */
  payload: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  locked_until: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
