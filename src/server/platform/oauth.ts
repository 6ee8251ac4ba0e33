import { randomUUID } from 'node:crypto';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import type { ConfigurationValues, Instance, OAuthFlow, OAuthUrl, OAuthUrlRequest, ProblemCode } from '../../contract/index.js';
import type { Logger } from '../log.js';
import { ProblemError } from '../problem.js';
import type { InstanceRow, OAuthFlowRow, Store } from '../store/store.js';
import type { PlatformCatalog } from './catalog.js';
import type { Credentials } from './credentials.js';
import type { Sealer } from './crypto.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { fill, policyFor, verifyCredentials, type EngineOptions } from './engine.js';
import { defaultName, toInstance } from './instances.js';
import { exchangeCode, oauth2Of } from './oauth-client.js';
import { readState, sealState, stateKeyFrom, type StateClaims } from './oauth-state.js';
import type { Session } from './types.js';
import type { Webhooks } from './webhooks.js';
import { checkedValues, publicValues } from './validation.js';

/** How a callback ended: what its page posts to the opener (at `origin`), and where a same-tab flow returns. */
export interface CallbackResult {
  status: 'connected' | 'failed';
  /** Absent when the state named no flow this proxy can answer for (tampered, replayed): nothing is posted then. */
  flowId?: string;
  origin?: string;
  returnUrl?: string;
  element?: string;
  code?: ProblemCode;
  /** In plain words, for the page shown when there is no opener. */
  message: string;
  /** The language the sign-in was started in, when the request that started it said. */
  locale?: string;
}

/** OAuth 2 connect: start (the provider URL), the callback (code → tokens → instance), and the flow's status for polling. */
export interface OAuthFlows {
  /** `origin` is the host page's exact origin (already checked against the allowed origins). */
  start(session: Session, elementKey: string, input: OAuthUrlRequest, origin: string, locale?: string): Promise<OAuthUrl>;
  /** Never throws for a provider's or user's failure: the flow is marked failed and the result says so. */
  callback(query: URLSearchParams): Promise<CallbackResult>;
  /** Another tenant's or user's flow answers 404. */
  status(session: Session, flowId: string): Promise<OAuthFlow>;
}

export interface OAuthDeps {
  store: Store;
  catalog: PlatformCatalog;
  credentials: Credentials;
  sealer: Sealer;
  engine: EngineOptions;
  /** The platform's encryption key: the state's key is derived from it (HKDF). */
  key: Uint8Array;
  /** `<publicUrl>/oauth/callback`, the redirect URI every app registers. */
  callbackUrl?: string | (() => string);
  logger: Logger;
  webhooks: Pick<Webhooks, 'publish'>;
}

const FLOW_TTL_MS = 10 * 60 * 1000;

interface FlowSecrets {
  verifier: string;
  values: ConfigurationValues;
}

const stateInvalid = (detail: string) => new ProblemError('state_invalid', detail);
const STALE_LINK =
  'This sign-in link is not valid any more (it was used already, or it was changed). Close this window and connect again.';
const TOO_LONG = 'The sign-in took too long and expired. Close this window and connect again.';

/** Words for a provider's `error` on the callback: the user said no, or the provider could not go on. */
function providerRefusal(def: ElementDefinition, error: string): ProblemError {
  if (error === 'access_denied') {
    return new ProblemError(
      'consent_denied',
      `You did not allow access in ${def.name}, so it was not connected. Connect again and choose Allow to finish.`,
    );
  }
  const word = /^[A-Za-z0-9_.-]{1,60}$/.test(error) ? ` (${error})` : '';
  return new ProblemError(
    'vendor_error',
    `${def.name} could not complete the sign-in${word}. Try again; if it keeps happening, contact the site's support.`,
  );
}

/** What the flow's steps share: the deps, the clock, the state's key and the redirect URI. */
interface Ctx extends OAuthDeps {
  now: () => number;
  stateKey: Uint8Array;
  redirectUri: () => string;
}

const entryOf = (ctx: Ctx, row: Pick<OAuthFlowRow, 'element_key' | 'authentication_type'>) => {
  const entry = ctx.catalog.lookup(row.element_key);
  const auth = entry?.auths.find((a) => a.type === row.authentication_type);
  if (!entry || !auth)
    throw new ProblemError('conflict', `${row.element_key} can no longer be connected this way; connect it again in another way.`);
  return { def: entry.def, auth };
};

/** The instance a reconnect renews: same tenant, element and sign-in method; 404 otherwise. */
async function reconnectTarget(
  ctx: Ctx,
  session: Session,
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  id: string,
): Promise<InstanceRow> {
  const row = await ctx.store.db
    .selectFrom('instances')
    .selectAll()
    .where('tenant_id', '=', session.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.element_key !== def.key || row.authentication_type !== auth.type) {
    throw new ProblemError('not_found', `There is no ${def.name} connection "${id}" to reconnect.`);
  }
  return row;
}

/** The user's values the provider's URLs need, validated like the form (a reconnect reuses the stored ones). */
function userValues(
  hosts: string[],
  auth: AuthenticationDefinition,
  input: ConfigurationValues | undefined,
  stored?: InstanceRow,
): ConfigurationValues {
  const given = input ?? (stored ? (JSON.parse(stored.configuration) as ConfigurationValues) : {});
  return checkedValues(auth, given, hosts);
}

async function authorizationUrl(
  ctx: Ctx,
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  state: string,
  challenge: string,
) {
  const o = oauth2Of(def, auth);
  const all = ctx.credentials.withHostValues(def, auth, values);
  const url = new URL(fill(o.authorizationUrl, all, ctx.engine.vars, encodeURIComponent));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', String(all[o.clientIdKey] ?? ''));
  url.searchParams.set('redirect_uri', ctx.redirectUri());
  if (o.scopes.length) url.searchParams.set('scope', o.scopes.join(o.scopeSeparator));
  for (const [k, t] of Object.entries(o.authorizationParams ?? {})) url.searchParams.set(k, fill(t, all, ctx.engine.vars));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

/** Claims a pending flow once (any replica): a replayed, expired or foreign state claims nothing. */
async function claim(ctx: Ctx, c: StateClaims): Promise<OAuthFlowRow | undefined> {
  const db = ctx.store.db;
  const done = await db
    .updateTable('oauth_flows')
    .set({ status: 'exchanging' })
    .where('id', '=', c.fid)
    .where('status', '=', 'pending')
    .where('tenant_id', '=', c.tid)
    .where('user_id', '=', c.uid)
    .where('element_key', '=', c.el)
    .where('expires_at', '>', new Date(ctx.now()).toISOString())
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('oauth_flows').selectAll().where('id', '=', c.fid).executeTakeFirstOrThrow();
}

/** Creates the instance, or renews the one being reconnected (it keeps its id and is connected again). */
async function saveInstance(
  ctx: Ctx,
  flow: OAuthFlowRow,
  def: ElementDefinition,
  auth: AuthenticationDefinition,
  values: ConfigurationValues,
  identity: string | null,
): Promise<string> {
  const { credentials, store, webhooks } = ctx;
  const at = new Date().toISOString();
  const configuration = JSON.stringify(publicValues(auth.configuration, values));
  // Signing in ran the verify request: that was a check.
  const checked = { identity, checked_at: auth.verify ? at : null };
  if (flow.instance_id) {
    const changes = {
      configuration,
      status: 'connected',
      status_message: null,
      status_reason: null,
      ...checked,
      updated_at: at,
      ...(flow.name ? { name: flow.name } : {}),
    };
    if (!(await credentials.save(flow.tenant_id, flow.instance_id, values, changes))) {
      throw new ProblemError('not_found', `The ${def.name} connection being reconnected was deleted meanwhile. Connect it again.`);
    }
    const row = await store.db.selectFrom('instances').selectAll().where('id', '=', flow.instance_id).executeTakeFirst();
    if (row) await webhooks.publish('instance.updated', flow.tenant_id, toInstance(row, ctx.catalog));
    return flow.instance_id;
  }
  const id = randomUUID();
  const row: InstanceRow = {
    id,
    tenant_id: flow.tenant_id,
    user_id: flow.user_id,
    element_key: def.key,
    authentication_type: auth.type,
    name: flow.name ?? '',
    configuration,
    credentials: credentials.seal(id, values),
    status: 'connected',
    status_message: null,
    status_reason: null,
    ...checked,
    created_at: at,
    updated_at: at,
  };
  const announce = await store.lockedTransaction(`instance-names:${flow.tenant_id}`, async (trx) => {
    if (flow.name === null) row.name = await defaultName(trx, flow.tenant_id, def.name);
    await trx.insertInto('instances').values(row).execute();
    // The event commits with the instance, as for a form connect.
    return webhooks.publish('instance.created', flow.tenant_id, toInstance(row, ctx.catalog), trx);
  });
  await announce();
  return id;
}

/** Code → tokens → verified instance. */
async function complete(ctx: Ctx, flow: OAuthFlowRow, query: URLSearchParams, locale?: string): Promise<string> {
  const { credentials, engine } = ctx;
  const { def, auth } = entryOf(ctx, flow);
  const error = query.get('error');
  if (error !== null) throw providerRefusal(def, error);
  if (!query.get('code')) throw new ProblemError('vendor_error', `${def.name} sent no authorization code back. Try again.`);
  const secrets = JSON.parse(ctx.sealer.decrypt(flow.secrets, flow.id)) as FlowSecrets;
  const host = credentials.withHostValues(def, auth, secrets.values);
  const tokens = await exchangeCode(def, auth, host, query, ctx.redirectUri(), secrets.verifier, engine);
  const extra: ConfigurationValues = {};
  for (const p of oauth2Of(def, auth).callbackParams ?? []) {
    const v = query.get(p);
    if (v !== null && v !== '') extra[p] = v;
  }
  const values = { ...secrets.values, ...extra, ...tokens };
  const verified = await verifyCredentials(def, auth, credentials.withHostValues(def, auth, values), engine, locale);
  return saveInstance(ctx, flow, def, auth, values, verified.identity ?? null);
}

const finished = (
  ctx: Ctx,
  flow: OAuthFlowRow,
  r: Omit<CallbackResult, 'flowId' | 'origin' | 'returnUrl' | 'element'>,
): CallbackResult => ({
  ...r,
  flowId: flow.id,
  origin: flow.origin,
  element: ctx.catalog.lookup(flow.element_key)?.def.name ?? flow.element_key,
  ...(flow.return_url ? { returnUrl: flow.return_url } : {}),
});

async function fail(ctx: Ctx, id: string, e: unknown): Promise<{ code: ProblemCode; message: string }> {
  const p = e instanceof ProblemError ? e : undefined;
  const code = p?.code ?? 'internal_error';
  const message = p?.detail ?? 'Something went wrong on this site while connecting. Try again in a moment.';
  await ctx.store.db
    .updateTable('oauth_flows')
    .set({ status: 'failed', error_code: code, error_message: message })
    .where('id', '=', id)
    .execute();
  ctx.logger.warn({ flow: id, code, err: p?.cause ?? (p ? undefined : e) }, 'OAuth sign-in failed');
  return { code, message };
}

export function createOAuthFlows(deps: OAuthDeps): OAuthFlows {
  const ctx: Ctx = {
    ...deps,
    now: deps.engine.now ?? Date.now,
    stateKey: stateKeyFrom(deps.key),
    redirectUri: () => {
      const url = typeof deps.callbackUrl === 'function' ? deps.callbackUrl() : deps.callbackUrl;
      if (!url) throw new Error("OAuth 2 needs the proxy's public URL (publicUrl): the callback address apps redirect to.");
      return url;
    },
  };
  return {
    start: (session, key, input, origin, locale) => start(ctx, session, key, input, origin, locale),
    callback: (query) => callback(ctx, query),
    status: (session, id) => status(ctx, session, id),
  };
}

async function start(
  ctx: Ctx,
  session: Session,
  elementKey: string,
  input: OAuthUrlRequest,
  origin: string,
  locale?: string,
): Promise<OAuthUrl> {
  const { catalog, sealer, now } = ctx;
  const db = ctx.store.db;
  const { def, auth } = catalog.auth(session, elementKey, input.authenticationType);
  if (!auth.oauth2)
    throw new ProblemError('validation_failed', `${def.name}'s ${auth.name} is filled in as a form, not a sign-in.`, [
      { field: 'authenticationType', message: 'Not an OAuth 2 sign-in.' },
    ]);
  const target = input.instanceId ? await reconnectTarget(ctx, session, def, auth, input.instanceId) : undefined;
  const values = userValues(policyFor(def, ctx.engine).hosts, auth, input.configuration, target);
  const id = randomUUID();
  const expires = now() + FLOW_TTL_MS;
  const verifier = generateRandomCodeVerifier();
  const claims: StateClaims = { fid: id, tid: session.tenantId, uid: session.userId, el: def.key, ...(locale ? { lc: locale } : {}) };
  const state = await sealState(ctx.stateKey, claims, now(), expires);
  const oauthUrl = await authorizationUrl(ctx, def, auth, values, state, await calculatePKCECodeChallenge(verifier));
  const secrets: FlowSecrets = { values, verifier };
  await db
    .insertInto('oauth_flows')
    .values({
      id,
      tenant_id: session.tenantId,
      user_id: session.userId,
      element_key: def.key,
      authentication_type: auth.type,
      name: input.name ?? null,
      instance_id: target?.id ?? null,
      secrets: sealer.encrypt(JSON.stringify(secrets), id),
      origin,
      return_url: input.returnUrl ?? null,
      status: 'pending',
      result_instance_id: null,
      error_code: null,
      error_message: null,
      created_at: new Date(now()).toISOString(),
      expires_at: new Date(expires).toISOString(),
    })
    .execute();
  return { oauthUrl, flowId: id, expiresAt: new Date(expires).toISOString() };
}

async function callback(ctx: Ctx, query: URLSearchParams): Promise<CallbackResult> {
  const { claims, expired } = await readState(ctx.stateKey, query.get('state'), ctx.now());
  if (!claims) return { status: 'failed', code: 'state_invalid', message: STALE_LINK };
  const result = await settle(ctx, query, claims, expired);
  return claims.lc ? { ...result, locale: claims.lc } : result;
}

/** The callback of a state this host made: a flow claimed once and completed, or why not. */
async function settle(ctx: Ctx, query: URLSearchParams, claims: StateClaims, expired?: boolean): Promise<CallbackResult> {
  const db = ctx.store.db;
  if (expired) {
    // Still pending: this answer is the first news of it, so the dialog is told too.
    const flow = await db
      .selectFrom('oauth_flows')
      .selectAll()
      .where('id', '=', claims.fid)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!flow) return { status: 'failed', code: 'state_invalid', message: TOO_LONG };
    return finished(ctx, flow, { status: 'failed', ...(await fail(ctx, flow.id, stateInvalid(TOO_LONG))) });
  }
  const flow = await claim(ctx, claims);
  if (!flow) return { status: 'failed', code: 'state_invalid', message: STALE_LINK };
  try {
    const instanceId = await complete(ctx, flow, query, claims.lc);
    await db
      .updateTable('oauth_flows')
      .set({ status: 'connected', result_instance_id: instanceId })
      .where('id', '=', flow.id)
      .execute();
    return finished(ctx, flow, { status: 'connected', message: 'Connected. You can close this window.' });
  } catch (e) {
    return finished(ctx, flow, { status: 'failed', ...(await fail(ctx, flow.id, e)) });
  }
}

async function status(ctx: Ctx, session: Session, flowId: string): Promise<OAuthFlow> {
  const db = ctx.store.db;
  const flow = await db
    .selectFrom('oauth_flows')
    .selectAll()
    .where('id', '=', flowId)
    .where('tenant_id', '=', session.tenantId)
    .where('user_id', '=', session.userId)
    .executeTakeFirst();
  if (!flow) throw new ProblemError('not_found', `There is no sign-in "${flowId}".`);
  if (flow.status === 'connected' && flow.result_instance_id) {
    const row = await db
      .selectFrom('instances')
      .selectAll()
      .where('tenant_id', '=', session.tenantId)
      .where('id', '=', flow.result_instance_id)
      .executeTakeFirst();
    const instance: Instance | undefined = row ? toInstance(row, ctx.catalog) : undefined;
    return { status: 'connected', ...(instance ? { instance } : {}) };
  }
  if (flow.status === 'failed')
    return { status: 'failed', error: { code: flow.error_code ?? 'internal_error', message: flow.error_message ?? TOO_LONG } };
  if (flow.status === 'pending' && flow.expires_at <= new Date(ctx.now()).toISOString()) {
    return { status: 'failed', error: { code: 'state_invalid', message: TOO_LONG } };
  }
  return { status: 'pending' };
}
