// Shared by the end-to-end tests: the real demo stack (sandbox, proxy, Acme Books host) on
// ephemeral ports with a temp data dir, a headless Chromium, and a signed-in page that records
// every console error, page error and CSP violation.
import { after, before, beforeEach } from 'node:test';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { startDemo, type Demo } from '../../demo/start.js';
import { DEMO_TENANT_ID, DEMO_USER } from '../../demo/host/server.js';

import { SANDBOX_CREDENTIALS } from '../../demo/sandbox/server.js';
import { mintSession } from '../node/proxy-fixtures.js';

export { SANDBOX_CREDENTIALS };

export interface Stack {
  demo: Demo;
  browser: Browser;
  /** A fresh browser context signed in to Acme Books, on the Integrations page. */
  signedIn(opts?: { path?: string }): Promise<Watched>;
  /** Removes every connection of the demo tenant, so each test starts from "Not connected". */
  reset(): Promise<void>;
  /** Connects Sandbox ERP for the demo user through the proxy's API (setup for tests that need a connection). */
  seedErp(name: string): Promise<{ id: string; name: string }>;
  close(): Promise<void>;
}

export interface Watched {
  page: Page;
  /** Console errors, uncaught page errors and CSP violations, in order. */
  problems: string[];
  /** Every answer the page received since before sign-in: its URL, headers and body (await them). */
  responses: Promise<string>[];
}

export async function startStack(): Promise<Stack> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs` for how to get one.');
  const bundle = new URL('../../dist/ce-marketplace.js', import.meta.url);
  await access(bundle).catch(() => {
    throw new Error('dist/ce-marketplace.js is missing: run `npm run build` before `npm run test:e2e` (`npm test` does both).');
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'ce-e2e-'));
  const demo = await startDemo({ dataDir });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  } catch (e) {
    await demo.close();
    throw e;
  }

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const token = await mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: DEMO_TENANT_ID, userId: DEMO_USER.id });
    return fetch(`${demo.proxyUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
  };

  return {
    demo,
    browser,
    async signedIn(opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      const responses: Promise<string>[] = [];
      page.on('response', (res) => {
        responses.push(
          res
            .text()
            .catch(() => '')
            .then((body) => `${res.url()}\n${JSON.stringify(res.headers())}\n${body}`),
        );
      });
      // Init scripts are injected by the browser, outside the page's CSP; the event is composed,
      // so violations inside shadow roots reach the document too.
      await page.exposeFunction('__ceReportViolation', (v: string) => problems.push(`csp: ${v}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __ceReportViolation(v: string): void }).__ceReportViolation(
            `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
          );
        });
      });
      await page.goto(demo.hostUrl);
      await page.getByRole('button', { name: `Sign in as ${DEMO_USER.name}` }).click();
      await page.waitForURL('**/integrations');
      if (opts.path) await page.goto(`${demo.hostUrl}${opts.path}`);
      return { page, problems, responses };
    },
    async reset() {
      const res = await api('GET', '/instances');
      if (!res.ok) throw new Error(`GET /instances answered ${res.status}`);
      for (const i of (await res.json()) as { id: string }[]) {
        const del = await api('DELETE', `/instances/${encodeURIComponent(i.id)}`);
        if (del.status !== 204) throw new Error(`DELETE /instances/${i.id} answered ${del.status}`);
      }
    },
    async seedErp(name) {
      const res = await api(
        'POST',
        '/instances',
        { element: { key: 'sandbox-erp' }, authenticationType: 'basic', name, configuration: SANDBOX_CREDENTIALS.erp },
        { 'idempotency-key': crypto.randomUUID() },
      );
      if (res.status !== 201) throw new Error(`POST /instances answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { id: string; name: string };
    },
    async close() {
      await browser.close();
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The catalog card of one app. */
/** Starts the stack before a file's tests and stops it after; with `reset`, each test starts from an empty tenant. */
export function useStack(opts: { reset?: boolean } = {}): () => Stack {
  let stack: Stack | undefined;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.close();
  });
  if (opts.reset) beforeEach(() => stack!.reset());
  return () => stack!;
}

export function card(page: Page, key: string): Locator {
  return page.locator(`ce-marketplace li[part~="card"][data-key="${key}"]`);
}

/** A row of the host admin page's connections table (the Events panel below it names connections too). */
export function connectionRow(page: Page, text: string): Locator {
  return page
    .getByRole('table', { name: /connections? of tenant/ })
    .getByRole('row')
    .filter({ hasText: text });
}

/** The connect dialog, once open. */
export function dialog(page: Page): Locator {
  return page.getByRole('dialog');
}

/** The focused element, looking through open shadow roots: a short description for assertions. */
export async function focused(page: Page): Promise<{ tag: string; label: string; part: string }> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return { tag: '', label: '', part: '' };
    const labels = (a as HTMLInputElement).labels;
    const label =
      a.getAttribute('aria-label') ?? (labels && labels[0] ? labels[0].textContent : a.textContent).replace(/\s+/g, ' ').trim();
    return { tag: a.tagName.toLowerCase(), label, part: a.getAttribute('part') ?? '' };
  });
}

/** Presses Tab until `match` holds for the focused element; fails after `max` presses. */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (match(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the wanted element; focus is on ${JSON.stringify(await focused(page))}`);
}

/** Fills the connect dialog of Sandbox ERP with the sandbox's credentials, connects, and closes it with Done. */
export async function connectErpIn(d: Locator): Promise<void> {
  const erp = SANDBOX_CREDENTIALS.erp;
  await d.getByRole('textbox', { name: 'Account ID', exact: true }).fill(erp['account.id']);
  await d.getByRole('textbox', { name: 'Email', exact: true }).fill(erp['user.username']);
  await d.getByRole('textbox', { name: 'Password', exact: true }).fill(erp['user.password']);
  await d.getByRole('button', { name: 'Connect', exact: true }).click();
  await d
    .getByRole('status')
    .filter({ hasText: /Sandbox ERP is connected/ })
    .waitFor();
  await d.getByRole('button', { name: 'Done' }).click();
}
