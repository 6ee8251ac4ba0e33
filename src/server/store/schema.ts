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
  oauth_flows: OAuthFlowsTable;
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
  /** A problem code saying why the status is needs_attention (refresh_failed), else null. */
  status_reason: string | null;
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

/** One OAuth 2 sign-in, from `oauth/url` to the callback; any replica can finish it. */
export interface OAuthFlowsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  element_key: string;
  authentication_type: string;
  /** The connection's name, when the user gave one. */
  name: string | null;
  /** Re-authenticates this instance (it keeps its id). */
  instance_id: string | null;
  /** Encrypted envelope (bound to the flow id) of the PKCE code verifier and the user's configuration values. */
  secrets: string;
  /** The host page's exact origin: the callback page posts its result there only. */
  origin: string;
  /** Same-tab redirect target (popup blocked). */
  return_url: string | null;
  /** pending → exchanging (claimed once by a callback) → connected | failed. */
  status: 'pending' | 'exchanging' | 'connected' | 'failed';
  result_instance_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  expires_at: string;
}
export type OAuthFlowRow = Selectable<OAuthFlowsTable>;
