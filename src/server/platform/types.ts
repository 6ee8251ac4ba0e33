import type { OAuthFlows } from './oauth.js';
import type {
  AuthenticationType,
  ConfigurationObject,
  CreateInstance,
  CatalogElement,
  CommonResource,
  FieldMetadata,
  Instance,
  InstanceCheck,
  ObjectSummary,
  UpdateInstance,
  WebhookDelivery,
} from '../../contract/index.js';
import type { RateLimits } from './rate-limits.js';
import type { Transformations } from './transformations.js';
import type { Invitations } from './invitations.js';

/** Who is calling: from a verified session token. Every query is scoped by `tenantId`. */
export interface Session {
  tenantId: string;
  userId: string;
  email?: string;
  /** When set, the session may only see and connect these element keys. */
  elements?: string[];
}

export interface Catalog {
  /**
   * The languages the definitions have words in, English first. Each answer below takes one of
   * them (default English) and falls back to English string by string.
   */
  readonly locales: readonly string[];
  /** Elements this session may see, secrets-complete ones only. */
  list(session: Session, locale?: string): CatalogElement[];
  /** Throws 404 for an unknown element or one outside the session's list. */
  get(session: Session, key: string, locale?: string): CatalogElement;
  authenticationTypes(session: Session, key: string, locale?: string): AuthenticationType[];
  /** User-facing configuration only: companyConfig, resellerConfig, internal, hideFromConsole dropped. */
  configuration(session: Session, key: string, type: string, locale?: string): ConfigurationObject[];
  /** Logo bytes for `GET /elements/{key}/logo` (no session needed: logos are public). */
  logo(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
}

export interface Instances {
  /** Validates, verifies with the vendor, encrypts and stores. Same idempotency key → same instance. */
  /** `locale`: the language of a vendor refusal's words (the definition's translations). */
  create(session: Session, input: CreateInstance, idempotencyKey?: string, locale?: string): Promise<Instance>;
  list(session: Session): Promise<Instance[]>;
  /** Another tenant's id answers 404. */
  get(session: Session, id: string): Promise<Instance>;
  update(session: Session, id: string, patch: UpdateInstance, locale?: string): Promise<Instance>;
  delete(session: Session, id: string): Promise<void>;
}

/** Which instances a call may reach: a session's tenant (and its elements when restricted), or (admin calls are cross-tenant) any tenant's when absent. */
export interface Scope {
  tenantId?: string;
  elements?: string[];
}

/** The host backend's request to pass on to a connected app. */
export interface PassthroughRequest {
  method: string;
  /** The path under the app's API base, as sent (still percent-encoded, no leading slash). */
  path: string;
  /** The query string with its `?`, or ''. */
  search: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

/** What the host's backend does with a connection: call the app through it, check it. */
export interface Connections {
  /** Sends the request to the app of instance `id` (any tenant's) with its credentials; answers the app's answer, filtered. */
  passthrough(id: string, req: PassthroughRequest): Promise<Response>;
  /** Re-runs the verify request with the stored credentials and records the outcome on the instance. */
  check(scope: Scope, id: string): Promise<InstanceCheck>;
}

/** What a connected app holds: its objects, and each object's fields (from the definition and the app's metadata API). */
export interface Discovery {
  /** The objects the element declares; another tenant's (or an unknown) instance id answers 404. */
  objects(scope: Scope, instanceId: string): Promise<ObjectSummary[]>;
  /** An object's fields, asked of the app through the connection's credentials (kept briefly per connection and object). */
  metadata(scope: Scope, instanceId: string, objectName: string): Promise<FieldMetadata[]>;
}

/** The host's own objects (its Customer), declared in a config file, which end users map to the apps' objects. */
export interface CommonResources {
  list(): CommonResource[];
  /** Throws not_found for a name the host did not declare. */
  get(name: string): CommonResource;
}

/** The embedded integration platform, in-process, behind the proxy. */
export interface Platform {
  catalog: Catalog;
  instances: Instances;
  connections: Connections;
  discovery: Discovery;
  commonResources: CommonResources;
  /** Deliveries of events to the host's webhook endpoint. */
  webhooks: { list(limit: number): Promise<WebhookDelivery[]>; retry(id: string): Promise<WebhookDelivery> };
  /** Shared with the proxy, which counts failed auth checks per client address in the same store. */
  limits: RateLimits;
  oauth: OAuthFlows;
  /** Mappings of a connection's app objects to the host's, and the app's records read through them. */
  transformations: Transformations;
  /** The host admin's emailed links to a connect page limited to some elements. */
  invitations: Invitations;
  close(): Promise<void>;
}
