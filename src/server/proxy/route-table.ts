import * as z from 'zod/mini';
import {
  AuthenticationType,
  CatalogElement,
  ConfigurationObject,
  CreateInstance,
  CreateInvitation,
  CreateSession,
  Invitation,
  Instance,
  InstanceCheck,
  OAuthFlow,
  OAuthUrl,
  OAuthUrlRequest,
  SessionToken,
  UpdateInstance,
  WebhookDelivery,
  type ProblemCode,
} from '../../contract/index.js';
import { MAPPING_ROUTES } from './route-table-mapping.js';

/**
 * Every route the proxy serves, as data: the OpenAPI document is generated from it (openapi.ts)
 * and a test checks it against the routes the app really serves, both ways.
 */
export type RouteAuth = 'session' | 'admin' | 'none';

export interface RouteSpec {
  method: 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'options';
  /** OpenAPI form, relative to the base path: `/instances/{id}`. */
  path: string;
  summary: string;
  auth: RouteAuth;
  /** Path parameters, by name: their description. */
  params?: Record<string, string>;
  query?: { name: string; required: boolean; description: string }[];
  headers?: { name: string; required: boolean; description: string }[];
  body?: { schema: z.ZodMiniType; name: string };
  /** The success answer; `schema` absent means no JSON body (a 204, a logo, an app's own answer). */
  answer: { status: number; description: string; schema?: z.ZodMiniType; name?: string; contentType?: string };
  /** The problem codes this route itself answers; the guard's and the service's are added by the generator. */
  problems: ProblemCode[];
}

const key = { key: 'The element key, e.g. `sandbox-erp`.' };
const id = { id: 'The connection (instance) id.' };
const invitationId = { id: 'The invitation id.' };
/** Names, descriptions and labels come in the best language the element definitions have (English where one has none). */
const inLanguage = [
  {
    name: 'Accept-Language',
    required: false,
    description: 'The languages wanted, best first (the widget sends its own); the answer says its choice in Content-Language.',
  },
];
const configuration = (path: string): RouteSpec => ({
  method: 'get',
  path,
  summary: 'The user-facing configuration objects of a sign-in method (the form to render)',
  auth: 'session',
  params: { ...key, type: 'The authentication type, e.g. `basic`.' },
  headers: inLanguage,
  answer: { status: 200, description: 'Configuration objects', schema: z.array(ConfigurationObject), name: 'ConfigurationObjects' },
  problems: ['not_found'],
});
const passthroughMethods = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;

export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    auth: 'none',
    answer: { status: 200, description: 'The OpenAPI 3.1 description of every route', contentType: 'application/json' },
    problems: [],
  },
  {
    method: 'get',
    path: '/elements/{key}/logo',
    summary: "An element's logo (public, cacheable)",
    auth: 'none',
    params: key,
    answer: { status: 200, description: 'The logo (SVG or PNG)', contentType: 'image/*' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/ce-marketplace.js',
    summary: 'The widget: the script-tag entry that defines every element (public; ETag, revalidated after 5 minutes)',
    auth: 'none',
    answer: { status: 200, description: 'The ES module', contentType: 'text/javascript' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/chunks/{file}',
    summary: 'A chunk of the widget, loaded by the entry from beside it (public; its name carries its hash: cached for good)',
    auth: 'none',
    params: { file: 'The chunk file name, e.g. `connect-flow-<hash>.js`.' },
    answer: { status: 200, description: 'The ES module', contentType: 'text/javascript' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/locales/{file}',
    summary: "A language's words for the widget, fetched by the entry from beside it (public; ETag, revalidated after 5 minutes)",
    auth: 'none',
    params: { file: 'The locale file name, e.g. `de.json`.' },
    answer: { status: 200, description: 'Message ids and their words', contentType: 'application/json' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/elements',
    summary: 'The catalog this session may see',
    auth: 'session',
    headers: inLanguage,
    answer: { status: 200, description: 'Catalog elements', schema: z.array(CatalogElement), name: 'CatalogElements' },
    problems: [],
  },
  {
    method: 'get',
    path: '/elements/{key}',
    summary: 'One element of the catalog',
    auth: 'session',
    params: key,
    headers: inLanguage,
    answer: { status: 200, description: 'The element', schema: CatalogElement, name: 'CatalogElement' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/elements/{key}/authentication-types',
    summary: "An element's sign-in methods",
    auth: 'session',
    params: key,
    headers: inLanguage,
    answer: { status: 200, description: 'Authentication types', schema: z.array(AuthenticationType), name: 'AuthenticationTypes' },
    problems: ['not_found'],
  },
  configuration('/elements/{key}/authentication-types/{type}/configuration'),
  configuration('/elements/{key}/authentication-types/{type}/configurations'),
  {
    method: 'post',
    path: '/elements/{key}/oauth/url',
    summary: 'Start an OAuth 2 sign-in: the provider URL (PKCE, encrypted single-use state)',
    auth: 'session',
    params: key,
    body: { schema: OAuthUrlRequest, name: 'OAuthUrlRequest' },
    headers: [
      { ...inLanguage[0]!, description: 'The language of the callback page at the end of this sign-in (carried in the state).' },
    ],
    answer: { status: 200, description: 'Where to send the popup (or the tab)', schema: OAuthUrl, name: 'OAuthUrl' },
    problems: ['validation_failed', 'not_found', 'forbidden', 'address_refused'],
  },
  {
    method: 'get',
    path: '/oauth/flows/{id}',
    summary: 'Where an OAuth 2 sign-in stands (for a dialog whose popup lost its opener)',
    auth: 'session',
    params: { id: 'The flow id from oauth/url.' },
    answer: { status: 200, description: 'The flow', schema: OAuthFlow, name: 'OAuthFlow' },
    problems: ['not_found'],
  },
  {
    method: 'get',
    path: '/oauth/callback',
    summary: "The provider's redirect target: exchanges the code and answers a page that reports to the opener",
    auth: 'none',
    query: [
      { name: 'code', required: false, description: 'The authorization code.' },
      { name: 'state', required: false, description: 'The encrypted, single-use state from oauth/url.' },
      { name: 'error', required: false, description: "The provider's refusal, e.g. access_denied." },
    ],
    headers: [{ ...inLanguage[0]!, description: 'The page language when the sign-in was started without one.' }],
    answer: {
      status: 200,
      description: 'A small HTML page (or a 303 to the returnUrl of a same-tab sign-in)',
      contentType: 'text/html',
    },
    problems: ['state_invalid'],
  },
  {
    method: 'get',
    path: '/instances',
    summary: "The tenant's connections",
    auth: 'session',
    answer: { status: 200, description: 'Connections', schema: z.array(Instance), name: 'Instances' },
    problems: [],
  },
  {
    method: 'post',
    path: '/instances',
    summary: 'Connect an app: validate, verify with the app, store encrypted',
    auth: 'session',
    headers: [
      {
        name: 'Idempotency-Key',
        required: false,
        description: 'Retry safely: the same key answers the same connection for 24 hours.',
      },
    ],
    body: { schema: CreateInstance, name: 'CreateInstance' },
    answer: { status: 201, description: 'The new connection', schema: Instance, name: 'Instance' },
    problems: [
      'validation_failed',
      'unsupported_media_type',
      'payload_too_large',
      'not_found',
      'conflict',
      'idempotency_key_reused',
      'credentials_rejected',
      'address_refused',
      'vendor_error',
      'vendor_unreachable',
      'vendor_timeout',
    ],
  },
  {
    method: 'get',
    path: '/instances/{id}',
    summary: 'One connection',
    auth: 'session',
    params: id,
    answer: { status: 200, description: 'The connection', schema: Instance, name: 'Instance' },
    problems: ['not_found'],
  },
  {
    method: 'patch',
    path: '/instances/{id}',
    summary: 'Rename or re-authenticate a connection',
    auth: 'session',
    params: id,
    body: { schema: UpdateInstance, name: 'UpdateInstance' },
    answer: { status: 200, description: 'The updated connection', schema: Instance, name: 'Instance' },
    problems: [
      'validation_failed',
      'unsupported_media_type',
      'payload_too_large',
      'not_found',
      'conflict',
      'credentials_rejected',
      'address_refused',
      'vendor_error',
      'vendor_unreachable',
      'vendor_timeout',
    ],
  },
  {
    method: 'delete',
    path: '/instances/{id}',
    summary: 'Disconnect',
    auth: 'session',
    params: id,
    answer: { status: 204, description: 'Deleted' },
    problems: ['not_found'],
  },
  {
    method: 'post',
    path: '/instances/{id}/check',
    summary: "Re-run the app's verify request and record the outcome",
    auth: 'session',
    params: id,
    answer: { status: 200, description: 'The recorded outcome', schema: InstanceCheck, name: 'InstanceCheck' },
    problems: ['not_found', 'conflict'],
  },
  ...MAPPING_ROUTES,
  {
    method: 'post',
    path: '/admin/sessions',
    summary: "Mint a session token for one end user (the host's backend)",
    auth: 'admin',
    body: { schema: CreateSession, name: 'CreateSession' },
    answer: { status: 201, description: 'The session token', schema: SessionToken, name: 'SessionToken' },
    problems: ['validation_failed', 'unsupported_media_type', 'payload_too_large'],
  },
  {
    method: 'get',
    path: '/admin/instances',
    summary: "One tenant's connections",
    auth: 'admin',
    query: [{ name: 'tenantId', required: true, description: 'The tenant (1 to 200 characters).' }],
    answer: { status: 200, description: 'Connections', schema: z.array(Instance), name: 'Instances' },
    problems: ['validation_failed'],
  },
  {
    method: 'post',
    path: '/admin/instances/{id}/check',
    summary: "Re-run the app's verify request (any tenant's connection)",
    auth: 'admin',
    params: id,
    answer: { status: 200, description: 'The recorded outcome', schema: InstanceCheck, name: 'InstanceCheck' },
    problems: ['not_found', 'conflict'],
  },
  {
    method: 'get',
    path: '/admin/webhook-deliveries',
    summary: 'Recent webhook deliveries, newest first, with their attempts and outcome',
    auth: 'admin',
    query: [{ name: 'limit', required: false, description: 'How many, 1 to 500 (default 50).' }],
    answer: { status: 200, description: 'Deliveries', schema: z.array(WebhookDelivery), name: 'WebhookDeliveries' },
    problems: ['validation_failed'],
  },
  {
    method: 'post',
    path: '/admin/webhook-deliveries/{id}/retry',
    summary: 'Queue an undelivered webhook again',
    auth: 'admin',
    params: { id: 'The delivery (event) id, `msg_…`.' },
    answer: { status: 200, description: 'The delivery, pending again', schema: WebhookDelivery, name: 'WebhookDelivery' },
    problems: ['not_found'],
  },
  {
    method: 'post',
    path: '/admin/invitations',
    summary: 'Invite a customer by email to connect some apps (an Idempotency-Key sends at most one email)',
    auth: 'admin',
    headers: [{ name: 'Idempotency-Key', required: false, description: 'The same key and request answer the first invitation.' }],
    body: { schema: CreateInvitation, name: 'CreateInvitation' },
    answer: {
      status: 201,
      description: 'The invitation (status sent, or not_sent when the email failed)',
      schema: Invitation,
      name: 'Invitation',
    },
    problems: ['validation_failed', 'unsupported_media_type', 'payload_too_large', 'conflict', 'idempotency_key_reused'],
  },
  {
    method: 'get',
    path: '/admin/invitations',
    summary: 'Invitations, newest first, with each invited app connected or pending',
    auth: 'admin',
    query: [
      { name: 'tenantId', required: false, description: "One tenant's invitations." },
      { name: 'status', required: false, description: 'pending, sent, not_sent, revoked or expired.' },
    ],
    answer: { status: 200, description: 'Invitations', schema: z.array(Invitation), name: 'Invitations' },
    problems: ['validation_failed'],
  },
  {
    method: 'post',
    path: '/admin/invitations/{id}/resend',
    summary: 'Email the invitation again with a new link (the old link stops working)',
    auth: 'admin',
    params: invitationId,
    answer: { status: 200, description: 'The invitation', schema: Invitation, name: 'Invitation' },
    problems: ['not_found', 'conflict'],
  },
  {
    method: 'delete',
    path: '/admin/invitations/{id}',
    summary: 'Revoke an invitation: its link stops working',
    auth: 'admin',
    params: invitationId,
    answer: { status: 200, description: 'The revoked invitation', schema: Invitation, name: 'Invitation' },
    problems: ['not_found'],
  },
  {
    method: 'post',
    path: '/invitations/{token}/session',
    summary: "Trade an invitation link's token for a session limited to the invited apps",
    auth: 'none',
    params: { token: "The token of the invitation's link." },
    answer: { status: 201, description: 'The session token', schema: SessionToken, name: 'SessionToken' },
    problems: ['not_found', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/connect',
    summary: "The hosted connect page of an invitation's link (HTML; 404 or 410 pages when it opens nothing)",
    auth: 'none',
    query: [
      { name: 'invitation', required: true, description: "The token of the invitation's link." },
      { name: 'lang', required: false, description: 'The page language (e.g. `de`, `pt-BR`), before Accept-Language.' },
    ],
    headers: [{ ...inLanguage[0]!, description: 'The page language when no `lang` is given (en, de, fr, es, pt-BR, ja, ar).' }],
    answer: { status: 200, description: 'The page', contentType: 'text/html' },
    problems: ['rate_limited'],
  },
  ...['/connect/connect.js', '/connect/theme.css'].map((path): RouteSpec => ({
    method: 'get',
    path,
    summary: "The connect page's script or stylesheet (the host's theme)",
    auth: 'none',
    answer: { status: 200, description: 'The file', contentType: path.endsWith('.css') ? 'text/css' : 'text/javascript' },
    problems: [],
  })),
  ...passthroughMethods.map((method): RouteSpec => ({
    method,
    path: '/admin/instances/{id}/proxy/{path}',
    summary: "Call the connected app's API with the connection's credentials (passthrough)",
    auth: 'admin',
    params: { ...id, path: "The path under the app's API base; may hold slashes (`customers/42`), never `..` or an encoded slash." },
    answer: { status: 200, description: "The app's own answer: its status, headers (filtered) and body" },
    problems: [
      'validation_failed',
      'payload_too_large',
      'not_found',
      'conflict',
      'address_refused',
      'vendor_error',
      'vendor_unreachable',
      'vendor_timeout',
    ],
  })),
];
