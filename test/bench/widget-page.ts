// A bench page's widget as the proxy serves it: the built entry, and beside it the chunks it
// imports and the words it fetches (locales/<tag>.json).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { CHUNKS, ENTRY, LOCALES } from './bundle-size.js';

export async function serveWidget(app: Hono, dist: string): Promise<void> {
  const js = await readFile(join(dist, ENTRY));
  app.get(`/${ENTRY}`, (c) => c.body(js, 200, { 'content-type': 'text/javascript' }));
  app.get(`/${CHUNKS}/:name{[\\w-]+\\.js}`, async (c) =>
    c.body(await readFile(join(dist, CHUNKS, c.req.param('name'))), 200, { 'content-type': 'text/javascript' }),
  );
  app.get(`/${LOCALES}/:name{[\\w-]+\\.json}`, async (c) =>
    c.body(await readFile(join(dist, LOCALES, c.req.param('name'))), 200, { 'content-type': 'application/json' }),
  );
}
