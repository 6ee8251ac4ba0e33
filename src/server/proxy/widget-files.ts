import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tagOf } from './http.js';

/** Where `npm run build` leaves the widget: dist/ at the package's root. */
export const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../../dist/', import.meta.url));

export const WIDGET_ENTRY = 'ce-marketplace.js';

export interface WidgetFile {
  body: Uint8Array;
  etag: string;
}

/**
 * The built widget's files, read from `dir`: the entry, the chunks beside it (`chunks/<name>.js`)
 * and its languages' words (`locales/<tag>.json`), nothing else. A file is read again only when it changed on disk (a rebuild while the proxy runs).
 */
export function widgetFiles(dir = DEFAULT_WIDGET_DIR): (file: string) => Promise<WidgetFile | undefined> {
  const cache = new Map<string, { mtimeMs: number; file: WidgetFile }>();
  return async (file) => {
    if (file !== WIDGET_ENTRY && !/^(chunks\/[\w-]+\.js|locales\/[\w-]+\.json)$/.test(file)) return undefined;
    const path = join(dir, file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached?.mtimeMs === info.mtimeMs) return cached.file;
    const body = new Uint8Array(await readFile(path));
    const read = { body, etag: tagOf(body) };
    cache.set(file, { mtimeMs: info.mtimeMs, file: read });
    return read;
  };
}
