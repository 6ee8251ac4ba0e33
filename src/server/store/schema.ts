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
  oauth_flows: OAuthFlowsTable;
  transformations: TransformationsTable;
  invitations: InvitationsTable;
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
  /** What a POST /admin/invitations made, when that is what the key was for. */
  invitation_id?: string | null;
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

/** One mapping of a tenant's connection: a host object (`name`, a common resource) read from an object of the app. */
export interface TransformationsTable {
  tenant_id: string;
  instance_id: string;
  name: string;
  /** The app's object, by its name in the definition's `objects`. */
  vendor_name: string;
  /** JSON: the mapped fields, `[{path, vendorPath, type, vendorType?}]`. */
  fields: string;
  /** 1 on create, +1 on every change: the ETag a change must name (If-Match). */
  version: number;
  created_at: string;
  updated_at: string;
}
export type TransformationRow = Selectable<TransformationsTable>;
/** A host admin's invitation: a link (its token hashed here) to a connect page limited to `elements`. */
export interface InvitationsTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string | null;
  /** JSON array of element keys. */
  elements: string;
  message: string | null;
  token_hash: string;
  /** pending (being sent) → sent | not_sent; revoked. Expired is read from expires_at. */
  status: 'pending' | 'sent' | 'not_sent' | 'revoked';
  /** The link's lifetime, kept so a resend (which makes a new link) gives it as long again. */
  ttl_hours: number;
  send_attempts: number;
  sent_at: string | null;
  revoked_at: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
}
export type InvitationRow = Selectable<InvitationsTable>;
