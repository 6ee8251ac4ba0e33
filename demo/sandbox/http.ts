import type { Context, Env, Hono } from 'hono';
import type { SandboxObject } from './data.js';

// HTTP helpers shared by the sandbox providers (server.ts and crm.ts).
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** Waits `ms`, or less when the client goes away or the sandbox closes. */
export function pause(ms: number, signal: AbortSignal, timers: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      timers.delete(done);
      resolve();
    };
    const t = setTimeout(done, ms);
    timers.add(done);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function intParam(c: Context, name: string, max: number): number | undefined | Response {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > max) return c.json({ error: `${name} must be a whole number from 0 to ${max}` }, 400);
  return n;
}

/** `?pageSize&cursor` paging over a fixed list; the cursor is an opaque offset. */
export function page(c: Context, obj: SandboxObject): Response {
  const size = intParam(c, 'pageSize', MAX_PAGE_SIZE);
  if (size instanceof Response) return size;
  if (size === 0) return c.json({ error: `pageSize must be from 1 to ${MAX_PAGE_SIZE}` }, 400);
  const pageSize = size ?? DEFAULT_PAGE_SIZE;
  const cursor = c.req.query('cursor');
  let offset = 0;
  if (cursor) {
    const m = /^o(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
    if (!m || Number(m[1]) > obj.records.length) return c.json({ error: 'cursor is not one this API returned' }, 400);
    offset = Number(m[1]);
  }
  const items = obj.records.slice(offset, offset + pageSize);
  const next = offset + pageSize < obj.records.length ? Buffer.from(`o${offset + pageSize}`).toString('base64url') : null;
  return c.json({ items, nextCursor: next });
}

export function objectRoutes<E extends Env>(app: Hono<E>, prefix: string, objects: Map<string, SandboxObject>) {
  app.get(`${prefix}/objects`, (c) => c.json([...objects.values()].map((o) => o.summary)));
  app.get(`${prefix}/objects/:object/metadata`, (c) => {
    const obj = objects.get(c.req.param('object'));
    return obj ? c.json({ fields: obj.fields }) : c.json({ error: `No object named ${c.req.param('object')}` }, 404);
  });
  app.get(`${prefix}/:object`, (c) => {
    const obj = objects.get(c.req.param('object'));
    return obj ? page(c, obj) : c.json({ error: `No object named ${c.req.param('object')}` }, 404);
  });
}
