// Finds a Chromium for web-test-runner, Playwright end-to-end tests and benchmarks:
// $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own download.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';

export const chromiumArgs = ['--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'];

/** @returns {string | undefined} */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', chromium.executablePath()];
  return candidates.find((p) => p && existsSync(p));
}

/** Used by `npm test` before anything else: a browser, or a message that says how to get one. */
export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  try {
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  } catch {
    // Fails fast where Playwright's download hosts cannot be reached; the message below says what to do.
  }
  found = findChromium();
  if (found) return found;
  console.error(
    'No Chromium found. Either install one (Debian/Ubuntu: `apt-get install -y chromium`) and, if it is not at ' +
      '/usr/bin/chromium, set CHROMIUM_PATH to it; or run `npx playwright install chromium`.',
  );
  process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  console.log(`Chromium: ${ensureChromium()}`);
}
