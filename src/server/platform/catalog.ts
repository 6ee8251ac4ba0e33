import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  isHiddenConfiguration,
  type AuthenticationType,
  type ConfigurationObject,
  type CatalogElement,
} from '../../contract/index.js';
import { DEFAULT_LOCALE } from '../locale.js';
import { ProblemError } from '../problem.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';
import { localesOf, wordsIn } from './translations.js';
import type { Catalog, Session } from './types.js';

/** An element the catalog offers: its definition with only the authentication types that can work. */
export interface CatalogEntry {
  def: ElementDefinition;
  auths: AuthenticationDefinition[];
}

export interface Skipped {
  key: string;
  reason: string;
}

/** The catalog plus what the platform itself needs: the entries behind the wire view. */
export interface PlatformCatalog extends Catalog {
  skipped: Skipped[];
  /** The entry for a key this session may use; 404 otherwise (unknown and forbidden look alike). */
  entry(session: Session, key: string): CatalogEntry;
  /** An offered authentication type of an element this session may use, with its definition; 404 otherwise. */
  auth(session: Session, key: string, type: string): { def: ElementDefinition; auth: AuthenticationDefinition };
  /** The entry for a key regardless of session (stored instances of an element the session no longer lists). */
  lookup(key: string): CatalogEntry | undefined;
}

const LOGO_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Required host secrets of an authentication type that are neither configured nor defaulted. */
function missingSecrets(auth: AuthenticationDefinition, secrets: Record<string, string> | undefined): string[] {
  return auth.configuration
    .filter((c) => c.companyConfig && c.required && !secrets?.[c.key] && (c.defaultValue ?? '') === '')
    .map((c) => c.key);
}

/** `{$NAME}` platform variables an authentication type's addresses need but are not set. */
function missingVars(def: ElementDefinition, auth: AuthenticationDefinition, vars: Record<string, string>): string[] {
  const templates = JSON.stringify([def.hosts, auth.baseUrl, auth.oauth2 ?? null]);
  return [...new Set([...templates.matchAll(/\{\$([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))].filter((v) => !vars[v]);
}

interface CatalogOptions {
  definitions: ElementDefinition[];
  secrets: Record<string, Record<string, string>>;
  /** Platform variables for `{$NAME}` templates (e.g. SANDBOX_URL). */
  vars: Record<string, string>;
  /** Where logo files live (beside the definitions). */
  logoDir?: string;
  /** Offer sandbox elements (development, or enabled by a setting); otherwise they are left out. */
  sandbox: boolean;
}

/** The definitions this platform can offer, and why each other one is left out. */
function admit(opts: CatalogOptions): { entries: Map<string, CatalogEntry>; skipped: Skipped[] } {
  const entries = new Map<string, CatalogEntry>();
  const skipped: Skipped[] = [];
  for (const def of opts.definitions) {
    if (def.sandbox && !opts.sandbox) {
      skipped.push({
        key: def.key,
        reason: 'it is a sandbox element, offered only in development (CE_ENABLE_SANDBOX=true offers it here)',
      });
      continue;
    }
    const reasons: string[] = [];
    const auths = def.authenticationTypes.filter((a) => {
      const unset = missingVars(def, a, opts.vars);
      if (unset.length) {
        reasons.push(
          `authentication type ${a.type} needs the platform variable ${unset.join(', ')} (e.g. CE_SANDBOX_URL for the sandbox)`,
        );
        return false;
      }
      const missing = missingSecrets(a, opts.secrets[def.key]);
      if (missing.length) {
        reasons.push(`authentication type ${a.type} needs host secrets ${missing.join(', ')} (set them under secrets.${def.key})`);
        return false;
      }
      return true;
    });
    if (auths.length) entries.set(def.key, { def, auths });
    else skipped.push({ key: def.key, reason: reasons.join('; ') });
  }
  return { entries, skipped };
}

const toElement = ({ def, auths }: CatalogEntry, locale: string): CatalogElement => {
  const words = wordsIn(def, locale);
  return {
    key: def.key,
    name: words.name,
    description: words.description,
    categories: def.categories,
    ...(def.logo ? { logo: /^https:\/\//.test(def.logo) ? def.logo : `/elements/${def.key}/logo` } : {}),
    authenticationTypes: auths.map((a) => a.type),
    methods: auths.map((a) => ({
      type: a.type,
      name: words.auth(a).name,
      ...(a.oauth2?.scopes.length ? { scopes: a.oauth2.scopes } : {}),
    })),
    // A definition's `docs` may be a README anchor (sandbox apps): only an absolute https address reaches the browser.
    ...(def.docs && /^https:\/\//.test(def.docs) ? { docsUrl: def.docs } : {}),
  };
};

async function readLogo(logoDir: string | undefined, file: string | undefined) {
  if (!file || !logoDir || /^https:\/\//.test(file)) return undefined;
  const contentType = LOGO_TYPES[extname(file).toLowerCase()];
  // Only a plain file name beside the definitions: never a path out of that folder.
  if (!contentType || basename(file) !== file) return undefined;
  try {
    return { body: new Uint8Array(await readFile(join(logoDir, file))), contentType };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function createCatalog(opts: CatalogOptions): PlatformCatalog {
  const { entries, skipped } = admit(opts);

  const visible = (session: Session, key: string) => !session.elements || session.elements.includes(key);

  const entry = (session: Session, key: string): CatalogEntry => {
    const e = entries.get(key);
    if (!e || !visible(session, key)) throw new ProblemError('not_found', `There is no element "${key}".`);
    return e;
  };

  const auth = (session: Session, key: string, type: string) => {
    const { def, auths } = entry(session, key);
    const a = auths.find((x) => x.type === type);
    if (!a)
      throw new ProblemError(
        'not_found',
        `${def.name} has no authentication type "${type}" (it has: ${auths.map((x) => x.type).join(', ')}).`,
      );
    return { def, auth: a };
  };

  /** Logo files never change after start-up: each is read once, on its first request. */
  const logos = new Map<string, Promise<{ body: Uint8Array; contentType: string } | undefined>>();

  return {
    skipped,
    entry,
    auth,
    lookup: (key) => entries.get(key),
    locales: localesOf([...entries.values()].map((e) => e.def)),
    list: (session, locale = DEFAULT_LOCALE) =>
      [...entries.values()].filter((e) => visible(session, e.def.key)).map((e) => toElement(e, locale)),
    get: (session, key, locale = DEFAULT_LOCALE) => toElement(entry(session, key), locale),
    authenticationTypes: (session, key, locale = DEFAULT_LOCALE): AuthenticationType[] => {
      const { def, auths } = entry(session, key);
      const words = wordsIn(def, locale);
      return auths.map(words.auth).map((a) => ({
        type: a.type,
        name: a.name,
        flow: a.type === 'oauth2' ? 'redirect' : 'form',
        ...(a.description ? { description: a.description } : {}),
        ...(a.default !== undefined ? { default: a.default } : {}),
      }));
    },
    configuration: (session, key, type, locale = DEFAULT_LOCALE) => {
      const found = auth(session, key, type);
      return wordsIn(found.def, locale).configuration(userFacing(found.auth.configuration));
    },
    logo(key) {
      if (!entries.has(key)) return Promise.resolve(undefined);
      let logo = logos.get(key);
      if (!logo) {
        logo = readLogo(opts.logoDir, entries.get(key)!.def.logo);
        logos.set(key, logo);
        logo.catch(() => logos.delete(key)); // a read error is tried again next time
      }
      return logo;
    },
  };
}

/** The configuration objects an end user may see and fill, in display order. */
export function userFacing(configuration: ConfigurationObject[]): ConfigurationObject[] {
  return configuration
    .filter((c) => !isHiddenConfiguration(c))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.displayOrder ?? Infinity) - (b.c.displayOrder ?? Infinity) || a.i - b.i)
    .map(({ c }) => c);
}
