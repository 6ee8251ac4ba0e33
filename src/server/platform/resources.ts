import { ProblemError } from '../problem.js';
import { readCapped } from './outbound.js';
import { checkPassthroughPath } from './passthrough.js';
import type { InstanceRow } from '../store/store.js';
import { credentialsRejected, recordStatus, type ConnectionDeps } from './checks.js';
import { pagingOf, type AuthenticationDefinition, type ElementDefinition, type ListDefinition } from './definitions.js';
import type { ElementRequest } from './engine.js';
import { readPath } from './mapping.js';

// One page of an app's records, asked for as the object's `list` declares (cursor, next page's
// address, offset or page number), through credentials.call (OAuth refresh included) and the
// engine's outbound rules.

/** What a caller asks for: how many records, and where to go on (a cursor this module answered before). */
export interface PageAsk {
  size: number;
  cursor?: string;
}

export interface VendorPage {
  records: unknown[];
  /** Opaque to the caller: the app's own cursor or next page's path, or this module's position (`120`, or `3:50` for page numbers). */
  nextCursor: string | null;
}

export interface ListDeps extends ConnectionDeps {
  /** The largest list answer read from an app, in bytes (the passthrough's limit). */
  maxResponseBytes: number;
}

export const CURSOR_MAX_LENGTH = 2000;
// eslint-disable-next-line no-control-regex -- it exists to refuse control characters
const CONTROL = /[\x00-\x1f\x7f]/;

const badCursor = () =>
  new ProblemError('validation_failed', 'The cursor is not one this connection answered: start again without it.', [
    { field: 'cursor', message: 'Not a cursor from a previous page.' },
  ]);

/** Where a page starts: the app's cursor, a record offset, or a page index with the size it was counted in. */
function position(list: ListDefinition, ask: PageAsk): { cursor?: string; offset: number; index: number; size: number } {
  const size = Math.min(ask.size, list.maxPageSize ?? Infinity);
  const c = ask.cursor;
  if (c === undefined) return { offset: 0, index: 0, size };
  if (c === '' || c.length > CURSOR_MAX_LENGTH || CONTROL.test(c)) throw badCursor();
  switch (pagingOf(list)) {
    case 'cursor':
      return { cursor: c, offset: 0, index: 0, size };
    case 'url':
      // A path on the app's host, checked against the API base when the request is built (pageParams).
      if (!c.startsWith('/') || c.startsWith('//')) throw badCursor();
      return { cursor: c, offset: 0, index: 0, size };
    case 'offset':
      if (!/^\d{1,9}$/.test(c)) throw badCursor();
      return { offset: Number(c), index: 0, size };
    case 'page': {
      // The size the pages were counted in travels with the cursor: another size would skip or repeat records.
      const m = /^(\d{1,9}):(\d{1,4})$/.exec(c);
      if (!m || Number(m[2]) === 0) throw badCursor();
      return { offset: 0, index: Number(m[1]), size: Number(m[2]) };
    }
    case 'none':
      throw badCursor();
  }
}

/** The list request with `{page.size}`, `{page.offset}` and `{page.number}` filled (numbers only, before the engine fills the rest). */
function pageRequest(list: ListDefinition, at: ReturnType<typeof position>): ElementRequest {
  // The next page's address is the whole request: the API base here, its path and query set by pageParams.
  if (pagingOf(list) === 'url' && at.cursor)
    return { method: list.method, path: '', ...(list.headers ? { headers: list.headers } : {}) };
  const values: Record<string, string> = {
    'page.size': String(at.size),
    'page.offset': String(at.offset + list.offsetBase),
    'page.number': String(at.index + list.pageBase),
  };
  const fill = (t: string) => t.replace(/\{(page\.(?:size|offset|number))\}/g, (_, k: string) => values[k]!);
  const query = list.query && Object.fromEntries(Object.entries(list.query).map(([k, v]) => [k, fill(v)]));
  return {
    method: list.method,
    path: fill(list.path),
    ...(list.headers ? { headers: list.headers } : {}),
    ...(query ? { query } : {}),
    ...(list.body === undefined ? {} : { body: JSON.parse(fill(JSON.stringify(list.body))) as unknown }),
  };
}

/** The paging parameters, set on the built URL: a caller's cursor never passes through the engine's templates. */
function pageParams(list: ListDefinition, at: ReturnType<typeof position>) {
  return (url: URL) => {
    if (pagingOf(list) === 'url' && at.cursor) {
      nextAddress(url, at.cursor);
      return;
    }
    const set = (name: string | undefined, v: string | undefined) => name && v !== undefined && url.searchParams.set(name, v);
    set(list.pageSizeParam, String(at.size));
    const paging = pagingOf(list);
    if (paging === 'cursor') set(list.cursorParam, at.cursor);
    if (paging === 'offset') set(list.offsetParam, String(at.offset + list.offsetBase));
    if (paging === 'page') set(list.pageParam, String(at.index + list.pageBase));
  };
}

/**
 * The next page's address (`/services/data/v62.0/query/01g…-2000`) on the API base `url` the engine
 * built: refused unless it is a path under that base by the passthrough's rules (no `..`, encoded
 * slashes, `//`), so a cursor a caller forged cannot reach another host or path (SSRF).
 */
function nextAddress(url: URL, cursor: string) {
  const base = new URL(url);
  const prefix = `${base.pathname.replace(/\/+$/, '')}/`;
  const target = new URL(cursor, base.origin);
  if (target.origin !== base.origin || !cursor.startsWith(prefix)) throw badCursor();
  try {
    checkPassthroughPath(cursor.slice(prefix.length).split('?')[0]!);
  } catch {
    throw badCursor();
  }
  url.pathname = target.pathname;
  url.search = target.search;
  // The engine's credential query parameters (an API key in the query) stay.
  for (const [k, v] of base.searchParams) url.searchParams.set(k, v);
}

/** The answer's JSON, read up to `max` bytes. */
async function readJson(res: Response, element: string, max: number): Promise<unknown> {
  const text = await readCapped(
    res,
    max,
    () => new ProblemError('vendor_error', `${element}'s list answer is larger than ${max} bytes. Ask for a smaller page.`),
  );
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ProblemError('vendor_error', `${element} answered its list with something other than JSON.`, undefined, { cause: e });
  }
}

/** The next page's cursor from the app's answer (`sent` to `url`), or null on the last page. */
function nextOf(list: ListDefinition, json: unknown, records: unknown[], at: ReturnType<typeof position>, url: URL): string | null {
  if (list.hasMorePath && readPath(json, list.hasMorePath) === false) return null;
  const paging = pagingOf(list);
  if (paging === 'none') return null;
  if (paging === 'url') {
    const next = readPath(json, list.nextUrlPath!);
    if (typeof next !== 'string' || next === '') return null;
    // Handed out only as a path on the host asked: an app that names another host is not followed.
    const target = URL.parse(next, url);
    if (target?.origin !== url.origin)
      throw new ProblemError('vendor_error', 'The app named a next page on another host; it is not followed.');
    return `${target.pathname}${target.search}`;
  }
  if (paging === 'cursor') {
    const next = readPath(json, list.nextCursorPath!);
    return (typeof next === 'string' && next !== '') || typeof next === 'number' ? String(next) : null;
  }
  const total = list.totalPath === undefined ? undefined : Number(readPath(json, list.totalPath));
  const seen = paging === 'offset' ? at.offset + records.length : (at.index + 1) * at.size;
  const more = total !== undefined && Number.isFinite(total) ? seen < total : records.length > 0 && records.length >= at.size;
  if (!more) return null;
  return paging === 'offset' ? String(seen) : `${at.index + 1}:${at.size}`;
}

/** One page of the object's records, with the cursor of the next. */
export async function listPage(
  deps: ListDeps,
  row: InstanceRow,
  target: { def: ElementDefinition; auth: AuthenticationDefinition; list: ListDefinition; object: string },
  ask: PageAsk,
): Promise<VendorPage> {
  const { def, auth, list } = target;
  const at = position(list, ask);
  let sent: URL | undefined;
  const shape = (url: URL) => {
    pageParams(list, at)(url);
    sent = url;
  };
  const res = await deps.credentials.call(row, def, auth, pageRequest(list, at), { shape });
  if (res.status === 401 || res.status === 403) {
    res.body?.cancel().catch(() => {});
    const detail = `${def.name} refused the stored credentials (HTTP ${res.status}); reconnect it.`;
    await recordStatus(deps, row, credentialsRejected(detail));
    throw new ProblemError('credentials_rejected', detail);
  }
  if (!res.ok) {
    res.body?.cancel().catch(() => {});
    throw new ProblemError(
      'vendor_error',
      `${def.name} answered ${res.status} when asked for its ${target.object}. Try again in a moment.`,
    );
  }
  const json = await readJson(res, def.name, deps.maxResponseBytes);
  const records = list.itemsPath ? readPath(json, list.itemsPath) : json;
  if (!Array.isArray(records))
    throw new ProblemError('vendor_error', `${def.name} answered its ${target.object} without a list of records.`);
  return { records, nextCursor: nextOf(list, json, records, at, sent!) };
}
