import type { FieldMetadata, ObjectSummary } from '../../contract/index.js';
import type { Logger } from '../log.js';
import { ProblemError } from '../problem.js';
import { readCapped } from './outbound.js';
import { credentialsRejected, definitionOf, findInstance, recordStatus, type ConnectionDeps } from './checks.js';
import type { ElementDefinition } from './definitions.js';
import type { ElementRequest } from './engine.js';
import { MalformedMetadata, mapFields } from './field-map.js';
import type { Discovery } from './types.js';

type ObjectDefinition = NonNullable<ElementDefinition['objects']>[number];

/** A field list kept this long per connection and object: the mapper asks again on every open, the app's schema rarely changes. */
export const METADATA_CACHE_MS = 60_000;
const CACHE_ENTRIES = 500;
/** The largest metadata answer read: a 1,500-field describe is a few MB at most. */
export const MAX_METADATA_BYTES = 20 * 1024 * 1024;

const vendorError = (detail: string, cause?: unknown) => new ProblemError('vendor_error', detail, undefined, { cause });

/**
 * Asks the app for an object's fields with the definition's metadata request (`call` sends it with
 * the connection's credentials) and maps the answer; a refusal, an error status or an answer without
 * a list of fields is a problem naming the app, never a partial list.
 */
export async function fetchFields(
  def: ElementDefinition,
  obj: ObjectDefinition,
  call: (req: ElementRequest) => Promise<Response>,
  logger?: Pick<Logger, 'warn'>,
): Promise<FieldMetadata[]> {
  const m = obj.metadata;
  if (!m) return [];
  const res = await call({ method: m.method, path: m.path, headers: m.headers, query: m.query, body: m.body });
  const what = `the fields of ${obj.displayName ?? obj.name}`;
  if (res.status === 401 || res.status === 403) {
    res.body?.cancel().catch(() => {});
    throw new ProblemError('credentials_rejected', `${def.name} refused the stored credentials (HTTP ${res.status}); reconnect it.`);
  }
  if (!res.ok) {
    res.body?.cancel().catch(() => {});
    throw vendorError(`${def.name} answered ${res.status} when asked for ${what}. Try again in a moment.`);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(
      await readCapped(res, MAX_METADATA_BYTES, () =>
        vendorError(`${def.name}'s field list is larger than ${MAX_METADATA_BYTES} bytes.`),
      ),
    );
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    // The outbound timeout covers the body too: an app that stops halfway is as slow as one that never answers.
    if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') {
      throw new ProblemError('vendor_timeout', `${def.name} did not finish sending ${what} in time.`, undefined, { cause: e });
    }
    const why = e instanceof SyntaxError ? 'is not JSON' : 'broke off';
    throw vendorError(`${def.name}'s answer with ${what} ${why}.`, e);
  }
  try {
    const mapped = mapFields(answer, m);
    if (mapped.unreadable || mapped.duplicates.length) {
      logger?.warn(
        { element: def.key, object: obj.name, unreadable: mapped.unreadable, duplicates: mapped.duplicates.slice(0, 20) },
        'metadata: entries left out (no path, or a path listed twice)',
      );
    }
    return mapped.fields;
  } catch (e) {
    if (!(e instanceof MalformedMetadata)) throw e;
    throw vendorError(`${def.name}'s answer with ${what} could not be read: ${e.message}.`, e);
  }
}

/** Inline fields first, then the app's; a path already listed is left out. */
function merged(inline: FieldMetadata[], fetched: FieldMetadata[]): FieldMetadata[] {
  if (!inline.length) return fetched;
  const seen = new Set(inline.map((f) => f.vendorPath));
  return [...inline, ...fetched.filter((f) => !seen.has(f.vendorPath))];
}

/** Discovery over a tenant's connections: objects from the definition, fields from the definition and the app's metadata API. */
export function createDiscovery(deps: ConnectionDeps, opts: { cacheMs?: number } = {}): Discovery {
  const cacheMs = opts.cacheMs ?? METADATA_CACHE_MS;
  const clock = deps.engine.now ?? Date.now;
  // Keyed by the row's updated time too: a reconnected (re-authenticated) connection asks afresh.
  const cache = new Map<string, { at: number; fields: Promise<FieldMetadata[]> }>();

  const load = async (scope: Parameters<Discovery['metadata']>[0], id: string, name: string) => {
    const row = await findInstance(deps, scope, id);
    const { def, auth } = definitionOf(deps, row);
    const obj = def.objects?.find((o) => o.name === name);
    if (!obj) throw new ProblemError('not_found', `${def.name} has no object "${name}".`);
    const key = `${row.id}\n${row.updated_at}\n${name}`;
    const hit = cache.get(key);
    if (hit && clock() - hit.at < cacheMs) return hit.fields;
    const call = (req: ElementRequest) => deps.credentials.call(row, def, auth, req);
    const fields = fetchFields(def, obj, call, deps.logger).then((fetched) => merged(obj.fields ?? [], fetched));
    cache.delete(key);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { at: clock(), fields });
    try {
      return await fields;
    } catch (e) {
      cache.delete(key);
      if (e instanceof ProblemError && e.code === 'credentials_rejected')
        await recordStatus(deps, row, credentialsRejected(e.detail!));
      throw e;
    }
  };

  return {
    async objects(scope, id) {
      const row = await findInstance(deps, scope, id);
      const { def } = definitionOf(deps, row);
      return (def.objects ?? []).map((o): ObjectSummary => ({
        name: o.name,
        vendorName: o.vendorName,
        ...(o.displayName ? { displayName: o.displayName } : {}),
      }));
    },
    metadata: load,
  };
}
