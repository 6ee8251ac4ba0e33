import * as z from 'zod/mini';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIGURATION_TYPES, ConfigurationObject } from '../../contract/index.js';
import { checkObjects, MetadataMapping, StaticField } from './field-map.js';
import { translationProblem, Translations } from './translations.js';

/**
 * Element definitions are data: one JSON file per app under src/server/elements/, validated here
 * at start-up and interpreted by one engine (engine.ts). Adding an app means adding a file.
 *
 * Templates: `{key}` is replaced by the instance's configuration value of that key (user values
 * merged with the host's companyConfig secrets); `{$NAME}` by a platform variable (e.g.
 * `{$SANDBOX_URL}` for the local sandbox providers).
 */
const Template = z.string().check(z.minLength(1));
const TemplateMap = z.record(z.string(), Template);

export const HttpRequestDefinition = z.strictObject({
  method: z._default(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']), 'GET'),
  /** Path appended to the base URL, may hold templates and a query string. */
  path: z.string(),
  headers: z.optional(TemplateMap),
  query: z.optional(TemplateMap),
  body: z.optional(z.unknown()),
});

/** How stored credentials are applied to every request to the element's API. */
export const CredentialsDefinition = z.strictObject({
  basic: z.optional(z.strictObject({ username: Template, password: z._default(z.string(), '') })),
  bearer: z.optional(Template),
  headers: z.optional(TemplateMap),
  query: z.optional(TemplateMap),
});

export const VerifyDefinition = z.strictObject({
  ...HttpRequestDefinition.shape,
  /** Statuses that mean "the credentials are wrong" (default 401 and 403). */
  rejectedStatuses: z._default(z.array(z.int()), [401, 403]),
  /** The configuration key the vendor's refusal is about, shown beside that field. */
  rejectedField: z.optional(z.string()),
  /** A person-readable reason for a refusal. */
  rejectedMessage: z.optional(z.string()),
  /** Dotted path into the JSON answer naming the account (`user.email`): shown so a person can tell two connections apart. */
  identity: z.optional(z.string().check(z.minLength(1))),
  /** Per-status refusals that are about another field, e.g. 404 → the account id. */
  rejected: z.optional(z.array(z.strictObject({ status: z.int(), field: z.optional(z.string()), message: z.optional(z.string()) }))),
});

export const OAuth2Definition = z.strictObject({
  authorizationUrl: Template,
  tokenUrl: Template,
  scopes: z._default(z.array(z.string()), []),
  /** Extra query parameters for the authorization URL (e.g. access_type=offline). */
  authorizationParams: z.optional(TemplateMap),
  /** Configuration keys holding the host's client credentials (companyConfig). */
  clientIdKey: z._default(z.string(), 'oauth.api.key'),
  clientSecretKey: z._default(z.string(), 'oauth.api.secret'),
  /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
  tokenAuth: z._default(z.enum(['client_secret_post', 'client_secret_basic']), 'client_secret_post'),
  /** Joins scopes in the authorization URL: a space (RFC 6749), or a comma for providers that want one (Shopify). */
  scopeSeparator: z._default(z.string(), ' '),
  /** Callback query parameters kept as configuration values of the same name (QuickBooks' realmId). */
  callbackParams: z.optional(z.array(z.string())),
  /** Token answer fields kept as configuration values: `{ 'instance.url': 'instance_url' }` (Salesforce). */
  tokenValues: z.optional(z.record(z.string(), z.string())),
});
export type OAuth2Definition = z.infer<typeof OAuth2Definition>;

/** Our own definitions name only types we know: a typo stops start-up instead of becoming a text field. */
const ConfigurationDefinition = z.extend(ConfigurationObject, { type: z.enum(CONFIGURATION_TYPES) });

export const AuthenticationDefinition = z.strictObject({
  type: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  default: z.optional(z.boolean()),
  /** Base URL of the element's API for this authentication type. */
  baseUrl: Template,
  configuration: z.array(ConfigurationDefinition),
  credentials: z._default(CredentialsDefinition, {}),
  verify: z.optional(VerifyDefinition),
  oauth2: z.optional(OAuth2Definition),
});
export type AuthenticationDefinition = z.infer<typeof AuthenticationDefinition>;

const Param = z.string().check(z.minLength(1));
const Path = z.string().check(z.minLength(1));

/**
 * How the records of an object are listed, one page per request: `paging` says how the next page is
 * asked for (inferred from the parameters when absent: cursorParam → cursor, nextUrlPath → url,
 * offsetParam → offset, pageParam → page, none → one page). `{page.size}`, `{page.offset}` and `{page.number}` in the
 * path, query or body are the page asked for (QuickBooks' `STARTPOSITION {page.offset} MAXRESULTS {page.size}`).
 */
export const ListDefinition = z.strictObject({
  ...HttpRequestDefinition.shape,
  /** Dotted path of the records' array in the answer; absent: the answer is the array. */
  itemsPath: z.optional(z.string()),
  paging: z.optional(z.enum(['cursor', 'url', 'offset', 'page', 'none'])),
  /** Query parameter of the page size, and the largest size the app allows (a larger ask is cut to it). */
  pageSizeParam: z.optional(Param),
  maxPageSize: z.optional(z.int().check(z.positive())),
  /** cursor: the parameter that takes the next cursor, and where the answer holds it (null, empty or absent: last page). */
  cursorParam: z.optional(Param),
  nextCursorPath: z.optional(Path),
  /** url: where the answer holds the next page's address, a path on the app's API base (Salesforce's nextRecordsUrl). */
  nextUrlPath: z.optional(Path),
  /** A boolean in the answer that says whether there is a next page (Zendesk's meta.has_more). */
  hasMorePath: z.optional(Path),
  /** offset: the parameter taking the position of the first record, counted from offsetBase (0, or 1 for QuickBooks). */
  offsetParam: z.optional(Param),
  offsetBase: z._default(z.int().check(z.minimum(0), z.maximum(1)), 0),
  /** page: the parameter taking the page number, counted from pageBase (default 1). */
  pageParam: z.optional(Param),
  pageBase: z._default(z.int().check(z.minimum(0), z.maximum(1)), 1),
  /** offset, page: the answer's total count of records; without it a full page means there may be more. */
  totalPath: z.optional(Path),
});
export type ListDefinition = z.infer<typeof ListDefinition>;
export type Paging = NonNullable<ListDefinition['paging']>;

/** How a list asks for its next page: as declared, else from its parameters. */
export function pagingOf(list: ListDefinition): Paging {
  if (list.paging) return list.paging;
  if (list.cursorParam) return 'cursor';
  if (list.nextUrlPath) return 'url';
  if (list.offsetParam) return 'offset';
  if (list.pageParam) return 'page';
  return 'none';
}

/** What a paging needs, or why not: a message for parseDefinition. */
function listProblem(list: ListDefinition): string | undefined {
  const paging = pagingOf(list);
  const text = JSON.stringify([list.path, list.query ?? {}, list.body ?? null]);
  if (paging === 'cursor' && !(list.cursorParam && list.nextCursorPath)) return 'cursor paging needs cursorParam and nextCursorPath';
  if (paging === 'url' && !list.nextUrlPath) return 'url paging needs nextUrlPath';
  if (paging === 'offset' && !list.offsetParam && !text.includes('{page.offset}'))
    return 'offset paging needs offsetParam or {page.offset}';
  if (paging === 'page' && !list.pageParam && !text.includes('{page.number}')) return 'page paging needs pageParam or {page.number}';
  return undefined;
}

export const DiscoveryObjectDefinition = z.strictObject({
  name: z.string(),
  vendorName: z.string(),
  displayName: z.optional(z.string()),
  /** Request listing records; the answer's `itemsPath` holds the array. */
  list: z.optional(ListDefinition),
  /** Request answering the app's field metadata, and how to read it (field-map.ts). */
  metadata: z.optional(z.strictObject({ ...HttpRequestDefinition.shape, ...MetadataMapping.shape })),
  /** Fields declared inline: listed first, before the metadata request's. */
  fields: z.optional(z.array(StaticField)),
});

export const ElementDefinition = z.strictObject({
  $schema: z.optional(z.string()),
  key: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and hyphens')),
  name: z.string().check(z.minLength(1)),
  description: z.string(),
  categories: z.array(z.string()),
  /** File name of the logo beside the definition (served by the proxy), or an https URL. */
  logo: z.optional(z.string()),
  /** Documentation consulted for this definition. */
  docs: z.optional(z.string()),
  /** A local sandbox element: may reach loopback addresses in development mode. */
  sandbox: z._default(z.boolean(), false),
  /** Hosts the element's API may live on: exact names or `*.example.com` (one label). */
  hosts: z.array(Template).check(z.minLength(1)),
  /** Other origins (`https://files.example.com`, or a `{$VAR}`) the API may redirect to; credentials are never sent there. */
  redirectOrigins: z.optional(z.array(Template)),
  authenticationTypes: z.array(AuthenticationDefinition).check(z.minLength(1)),
  objects: z.optional(z.array(DiscoveryObjectDefinition)),
  /** The name, description, sign-in methods and fields in other languages (translations.ts). */
  translations: z.optional(Translations),
});
export type ElementDefinition = z.infer<typeof ElementDefinition>;

/** Parses one definition; a bad one throws a message naming the file and the field. */
export function parseDefinition(json: unknown, file: string): ElementDefinition {
  const r = ElementDefinition.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    // zod/mini carries no English messages: name an unknown property ourselves (a misspelt one would be ignored otherwise).
    const message =
      issue.code === 'unrecognized_keys' ? `unknown property ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new Error(`Invalid element definition ${file}: ${issue.path.join('.') || '(root)'}: ${message}`);
  }
  const def = r.data;
  checkObjects(def.objects ?? [], file);
  for (const o of def.redirectOrigins ?? []) {
    if (!o.includes('{') && URL.parse(o)?.origin !== o.replace(/\/$/, '')) {
      throw new Error(`Invalid element definition ${file}: redirectOrigins: "${o}" is not an origin (scheme, host and port only)`);
    }
  }
  const translation = translationProblem(def);
  if (translation) throw new Error(`Invalid element definition ${file}: ${translation}`);
  for (const o of def.objects ?? []) {
    const problem = o.list && listProblem(o.list);
    if (problem) throw new Error(`Invalid element definition ${file}: objects.${o.name}.list: ${problem}`);
  }
  for (const a of def.authenticationTypes) {
    const keys = new Set(a.configuration.map((c) => c.key));
    if (keys.size !== a.configuration.length) {
      throw new Error(`Invalid element definition ${file}: authenticationTypes.${a.type}: duplicate configuration key`);
    }
    // A whole origin is inserted verbatim, so it may only open the API base, never sit in a host, path or header.
    if (JSON.stringify(a).split('{origin:').length - (a.baseUrl.startsWith('{origin:') ? 1 : 0) > 1) {
      throw new Error(`Invalid element definition ${file}: authenticationTypes.${a.type}: {origin:key} may only start baseUrl`);
    }
    if (a.type === 'oauth2' && !a.oauth2) {
      throw new Error(`Invalid element definition ${file}: authenticationTypes.${a.type}.oauth2: required for oauth2`);
    }
    // The client id and secret are the host's (companyConfig): the catalog leaves the type out until they are set.
    for (const key of a.oauth2 ? [a.oauth2.clientIdKey, a.oauth2.clientSecretKey] : []) {
      if (!a.configuration.some((c) => c.key === key && c.companyConfig && c.required)) {
        throw new Error(
          `Invalid element definition ${file}: authenticationTypes.${a.type}.configuration: needs ${key} (required, companyConfig)`,
        );
      }
    }
  }
  return def;
}

/** Loads every `*.json` under `dir`, sorted by key. */
export async function loadDefinitions(dir: string): Promise<ElementDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const defs: ElementDefinition[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      throw new Error(`Invalid element definition ${path}: not JSON (${(e as Error).message})`, { cause: e });
    }
    const def = parseDefinition(json, path);
    if (seen.has(def.key)) throw new Error(`Invalid element definition ${path}: key: "${def.key}" is used twice`);
    seen.add(def.key);
    defs.push(def);
  }
  return defs;
}
