import type { OAuthFlows } from './oauth.js';
import type {
  AuthenticationType,
  ConfigurationObject,
  CreateInstance,
  CatalogElement,
  Instance,
  UpdateInstance,
} from '../../contract/index.js';

/** Who is calling: from a verified session token. Every query is scoped by `tenantId`. */
export interface Session {
  tenantId: string;
  userId: string;
  email?: string;
  /** When set, the session may only see and connect these element keys. */
  elements?: string[];
}

export interface Catalog {
  /** Elements this session may see, secrets-complete ones only. */
  list(session: Session): CatalogElement[];
  /** Throws 404 for an unknown element or one outside the session's list. */
  get(session: Session, key: string): CatalogElement;
  authenticationTypes(session: Session, key: string): AuthenticationType[];
  /** User-facing configuration only: companyConfig, resellerConfig, internal, hideFromConsole dropped. */
  configuration(session: Session, key: string, type: string): ConfigurationObject[];
  /** Logo bytes for `GET /elements/{key}/logo` (no session needed: logos are public). */
  logo(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
}

export interface Instances {
  /** Validates, verifies with the vendor, encrypts and stores. Same idempotency key → same instance. */
  create(session: Session, input: CreateInstance, idempotencyKey?: string): Promise<Instance>;
  list(session: Session): Promise<Instance[]>;
  /** Another tenant's id answers 404. */
  get(session: Session, id: string): Promise<Instance>;
  update(session: Session, id: string, patch: UpdateInstance): Promise<Instance>;
  delete(session: Session, id: string): Promise<void>;
}

/** The embedded integration platform, in-process, behind the proxy. */
export interface Platform {
  catalog: Catalog;
  instances: Instances;
  oauth: OAuthFlows;
  close(): Promise<void>;
}
