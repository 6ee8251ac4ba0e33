// Real brand marks for the element logos, picked from simple-icons (CC0) when the logos are
// built, never fetched at run time: `npm run logos` writes src/server/elements/<key>.svg for every
// element whose key is a simple-icons slug; the others keep their monogram. The proxy serves these
// files as assets (GET /elements/{key}/logo), so no mark costs the widget's bundle a byte.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as simpleIcons from 'simple-icons';

export const ELEMENTS_DIR = fileURLToPath(new URL('../src/server/elements/', import.meta.url));

interface Icon {
  title: string;
  slug: string;
  hex: string;
  path: string;
}

const bySlug = new Map<string, Icon>(
  Object.values(simpleIcons as unknown as Record<string, Icon>)
    .filter((i) => typeof i.slug === 'string')
    .map((i) => [i.slug, i]),
);

/** White or black, whichever reads better on `hex` (WCAG's luminance crossover, 0.179). */
function onColour(hex: string): string {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.179 ? '#fff' : '#000';
}

/** The brand's mark on a tile of its colour, labelled with the app's name; undefined when simple-icons has no such brand. */
export function brandLogo(key: string, name: string): string | undefined {
  const icon = bySlug.get(key);
  if (!icon) return undefined;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${name}">`,
    `  <rect width="64" height="64" rx="14" fill="#${icon.hex}"/>`,
    `  <path transform="translate(14 14) scale(1.5)" fill="${onColour(icon.hex)}" d="${icon.path}"/>`,
    `</svg>`,
    '',
  ].join('\n');
}

/** Writes each brand mark beside its definition; answers the keys written. */
export async function writeBrandLogos(dir = ELEMENTS_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const def = JSON.parse(await readFile(join(dir, file), 'utf8')) as { key: string; name: string; logo?: string };
    const svg = brandLogo(def.key, def.name);
    if (!svg || def.logo !== `${def.key}.svg`) continue;
    await writeFile(join(dir, def.logo), svg);
    written.push(def.key);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const keys = await writeBrandLogos();
  console.log(`Brand marks from simple-icons: ${keys.join(', ')}; the other apps keep their monogram.`);
}
