import type {
  AuthenticationType,
  ConfigurationObject,
  CreateInstance,
  CatalogElement,
  Instance,
  UpdateInstance,
} from '../../src/contract/index.js';
import type { OAuthFlows } from '../../src/server/platform/oauth.js';
import type { Invitations } from '../../src/server/platform/invitations.js';
import type { Platform, Session } from '../../src/server/platform/types.js';
import { createCommonResources } from '../../src/server/platform/common-resources.js';
import type { Transformations } from '../../src/server/platform/transformations.js';
import { createRateLimits } from '../../src/server/platform/rate-limits.js';
import { ProblemError } from '../../src/server/problem.js';

/**
 * An in-memory test double of the Platform interface, for route-level proxy tests: it keeps
 * tenant scoping, session element limits and idempotency, and records every call it receives.
 */
export class FakePlatform implements Platform {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly #instances = new Map<string, Instance & { tenantId: string; secret: string }>();
  readonly #byIdempotencyKey = new Map<string, string>();
  #seq = 0;

  readonly elements: CatalogElement[] = [
    {
      key: 'sandbox-erp',
      name: 'Sandbox ERP',
      description: 'A local ERP',
      categories: ['erp'],
      logo: '/elements/sandbox-erp/logo',
      authenticationTypes: ['basic'],
    },
    {
      key: 'sandbox-helpdesk',
      name: 'Sandbox Helpdesk',
      description: 'A local helpdesk',
      categories: ['helpdesk'],
      logo: '/elements/sandbox-helpdesk/logo',
      authenticationTypes: ['apiKey'],
    },
  ];
  readonly configuration: ConfigurationObject[] = [
    { key: 'user.username', name: 'Username', type: 'TEXTFIELD_128', required: true },
    { key: 'user.password', name: 'Password', type: 'PASSWORD', required: true },
    // A host-only object the proxy must never answer (the fake "forgets" to drop it).
    { key: 'partner.key', name: 'Partner key', type: 'PASSWORD', required: true, companyConfig: true },
  ];

  #record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  #visible(session: Session, key: string): CatalogElement {
    const el = this.elements.find((e) => e.key === key);
    if (!el || (session.elements && !session.elements.includes(key))) throw new ProblemError('not_found', `Unknown element ${key}.`);
    return el;
  }

  #public(i: Instance & { tenantId: string; secret: string }): Instance {
    const { tenantId: _t, secret: _s, ...rest } = i;
    return rest;
  }

  catalog: Platform['catalog'] = {
    locales: ['en'],
    list: (session) => {
      this.#record('catalog.list', session);
      return this.elements.filter((e) => !session.elements || session.elements.includes(e.key));
    },
    get: (session, key) => {
      this.#record('catalog.get', session, key);
      return this.#visible(session, key);
    },
    authenticationTypes: (session, key): AuthenticationType[] => {
      this.#record('catalog.authenticationTypes', session, key);
      return this.#visible(session, key).authenticationTypes.map((type) => ({
        type,
        name: type,
        flow: type === 'oauth2' ? 'redirect' : 'form',
      }));
    },
    configuration: (session, key, type) => {
      this.#record('catalog.configuration', session, key, type);
      const el = this.#visible(session, key);
      if (!el.authenticationTypes.includes(type)) throw new ProblemError('not_found', `Unknown authentication type ${type}.`);
      return this.configuration;
    },
    logo: async (key) => {
      this.#record('catalog.logo', key);
      if (!this.elements.some((e) => e.key === key)) return undefined;
      return {
        body: new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"><title>${key}</title></svg>`),
        contentType: 'image/svg+xml',
      };
    },
  };

  instances: Platform['instances'] = {
    create: async (session, input: CreateInstance, idempotencyKey?: string) => {
      this.#record('instances.create', session, input, idempotencyKey);
      const el = this.#visible(session, input.element.key);
      const scoped = idempotencyKey && `${session.tenantId}\0${idempotencyKey}`;
      if (scoped && this.#byIdempotencyKey.has(scoped)) return this.#public(this.#instances.get(this.#byIdempotencyKey.get(scoped)!)!);
      const now = new Date().toISOString();
      const { ['user.password']: secret, ...rest } = input.configuration;
      const instance = {
        id: `inst_${++this.#seq}`,
        name: input.name ?? el.name,
        element: { key: el.key, name: el.name },
        authenticationType: input.authenticationType,
        configuration: rest,
        status: 'connected' as const,
        createdDate: now,
        updatedDate: now,
        tenantId: session.tenantId,
        secret: String(secret ?? ''),
      };
      this.#instances.set(instance.id, instance);
      if (scoped) this.#byIdempotencyKey.set(scoped, instance.id);
      return this.#public(instance);
    },
    list: async (session) => {
      this.#record('instances.list', session);
      return [...this.#instances.values()].filter((i) => i.tenantId === session.tenantId).map((i) => this.#public(i));
    },
    get: async (session, id) => {
      this.#record('instances.get', session, id);
      return this.#public(this.#own(session, id));
    },
    update: async (session, id, patch: UpdateInstance) => {
      this.#record('instances.update', session, id, patch);
      const i = this.#own(session, id);
      if (patch.name) i.name = patch.name;
      i.updatedDate = new Date().toISOString();
      return this.#public(i);
    },
    delete: async (session, id) => {
      this.#record('instances.delete', session, id);
      this.#own(session, id);
      this.#instances.delete(id);
    },
  };

  connections: Platform['connections'] = {
    check: async (scope, id) => {
      this.#record('connections.check', scope, id);
      const i = this.#instances.get(id);
      if (!i || (scope.tenantId !== undefined && i.tenantId !== scope.tenantId))
        throw new ProblemError('not_found', `No instance ${id}.`);
      return { status: i.status, checkedAt: new Date().toISOString() };
    },
    passthrough: async (id, req) => {
      this.#record('connections.passthrough', id, { method: req.method, path: req.path, search: req.search });
      if (!this.#instances.has(id)) throw new ProblemError('not_found', `No instance ${id}.`);
      return Response.json({ path: req.path, search: req.search });
    },
  };

  discovery: Platform['discovery'] = {
    objects: async (scope, id) => {
      this.#record('discovery.objects', scope, id);
      this.#own(scope as Session, id);
      return [{ name: 'customers', vendorName: 'customer', displayName: 'Customers' }];
    },
    metadata: async (scope, id, name) => {
      this.#record('discovery.metadata', scope, id, name);
      this.#own(scope as Session, id);
      if (name !== 'customers') throw new ProblemError('not_found', `No object ${name}.`);
      return [{ vendorPath: 'companyName', type: 'string', vendorDisplayName: 'Company name', vendorRequired: true }];
    },
  };

  readonly commonResources: Platform['commonResources'] = createCommonResources([
    { name: 'customers', displayName: 'Customers', fields: [{ path: 'name', type: 'string', required: true }] },
  ]);

  webhooks: Platform['webhooks'] = {
    list: async (limit) => {
      this.#record('webhooks.list', limit);
      return [];
    },
    retry: async (id) => {
      this.#record('webhooks.retry', id);
      throw new ProblemError('not_found', `No delivery ${id}.`);
    },
  };

  /** OAuth flows: recorded; the real ones are tested over the platform (oauth-flow.test.ts). */
  readonly oauth: OAuthFlows = {
    start: async (session, key, input, origin) => {
      this.#record('oauth.start', session, key, input, origin);
      this.#visible(session, key);
      return {
        oauthUrl: 'https://provider.example/authorize?state=fake',
        flowId: 'flow_1',
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      };
    },
    callback: async (query) => {
      this.#record('oauth.callback', Object.fromEntries(query));
      return { status: 'failed', code: 'state_invalid', message: 'Not a flow of this fake.' };
    },
    status: async (session, flowId) => {
      this.#record('oauth.status', session, flowId);
      throw new ProblemError('not_found', `No flow ${flowId}.`);
    },
  };

  /** Mappings: recorded; the real ones are tested over the platform (transformations.test.ts). */
  readonly transformations: Transformations = {
    get: async (scope, id, name) => {
      this.#record('transformations.get', scope, id, name);
      throw new ProblemError('not_found', `No mapping ${name}.`);
    },
    put: async (scope, id, name, input, precondition) => {
      this.#record('transformations.put', scope, id, name, input, precondition);
      return { transformation: { ...input, version: 1, updatedDate: new Date(0).toISOString(), drift: [] }, created: true };
    },
    delete: async (scope, id, name, precondition) => {
      this.#record('transformations.delete', scope, id, name, precondition);
    },
    preview: async (scope, id, name, input) => {
      this.#record('transformations.preview', scope, id, name, input);
      return { item: null, errors: [] };
    },
    records: async (scope, id, name, ask) => {
      this.#record('transformations.records', scope, id, name, ask);
      return { items: [], nextCursor: null, errors: [] };
    },
  };

  /** Invitations: recorded; the real ones are tested over the platform (invitations.test.ts). */
  readonly invitations: Invitations = {
    create: async (input, key) => {
      this.#record('invitations.create', input, key);
      throw new ProblemError('service_unavailable', 'Not in this fake.');
    },
    list: async (filter) => {
      this.#record('invitations.list', filter);
      return [];
    },
    resend: async (id) => {
      this.#record('invitations.resend', id);
      throw new ProblemError('not_found', `No invitation ${id}.`);
    },
    revoke: async (id) => {
      this.#record('invitations.revoke', id);
      throw new ProblemError('not_found', `No invitation ${id}.`);
    },
    lookup: async (token) => {
      this.#record('invitations.lookup', token.length);
      return { state: 'unknown', hostName: 'Fake' };
    },
  };

  #own(session: Session, id: string) {
    const i = this.#instances.get(id);
    if (!i || i.tenantId !== session.tenantId) throw new ProblemError('not_found', `No instance ${id}.`);
    return i;
  }

  /** The real limits in memory, as on the embedded default. */
  readonly limits = createRateLimits();

  async close() {}
}
