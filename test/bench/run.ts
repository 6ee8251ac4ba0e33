// `npm run bench`: proxy throughput vs a bare Hono handler, instance creation against the local
// sandbox, records read through a mapping, the widget's gzip size, and first render + search keystroke of a 1,000-app catalog in
// headless Chromium. It prints figures; it never asserts timings.
import { mkdtemp, rm } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import type { Result } from 'autocannon';
import { pino } from 'pino';
import { Hono } from 'hono';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { listen } from '../../demo/host/listen.js';
import { SANDBOX_CREDENTIALS } from '../../demo/sandbox/server.js';
import { startDemo, type Demo } from '../../demo/start.js';
import { createLogger } from '../../src/server/log.js';
import { mintSession } from '../node/proxy-fixtures.js';
import { BUDGETS, bundleSizes, DIST } from './bundle-size.js';
import { mainThreadCpu } from './main-thread.js';
import { CONNECTIONS, DURATION_S, failures, fmt, interleaved, load, median, type Row, type Section } from './measure.js';
import { benchPassthrough } from './passthrough.js';
import { benchResources } from './resources.js';
import { benchMapper } from './mapper.js';
import { keystroke, serveWidget, type Keystroke } from './widget-page.js';

const CREATE_CONNECTIONS = 4;
const CATALOG_SIZE = 1_000;
const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 5);
const KEYSTROKE_RUNS = 7;
const AIM_RENDER_MS = 50;
const AIM_KEYSTROKE_MS = 16;

// BENCH_DIST=/some/other/dist measures another build (e.g. a copy of main's dist/) in the same conditions.
const dist = process.env.BENCH_DIST ?? DIST;

const sections: Section[] = [];

const mintToken = (demo: Demo) =>
  mintSession(demo.proxyUrl, demo.adminApiKey, { tenantId: 'bench', userId: 'bench-user', ttlSeconds: 3600 });

async function benchProxy() {
  const dataDir = await mkdtemp(join(tmpdir(), 'ce-bench-'));
  // The proxy's own logger at info, asynchronous as on stdout: every request writes its line (to nowhere).
  const logger = createLogger({ destination: pino.destination({ dest: devNull, sync: false }) });
  // (b) measures creates by one user: the credential limits (10 a minute) would answer 429 instead.
  process.env.CE_RATE_LIMIT_CREDENTIALS_PER_USER ??= '1000000';
  process.env.CE_RATE_LIMIT_CREDENTIALS_PER_TENANT ??= '1000000';
  const demo = await startDemo({ dataDir, logger });
  try {
    const token = await mintToken(demo);
    const auth = { authorization: `Bearer ${token}` };
    const elementsRes = await fetch(`${demo.proxyUrl}/elements`, { headers: auth });
    if (!elementsRes.ok) throw new Error(`GET /elements answered ${elementsRes.status}`);
    const catalog = await elementsRes.text();

    // The same JSON from a bare Hono handler on the same Node adapter: the ceiling the proxy is measured against.
    const bare = await listen();
    const app = new Hono();
    app.get('/elements', (c) => c.body(catalog, 200, { 'content-type': 'application/json' }));
    bare.serve(app.fetch);
    let bareResult: Result, proxyResult: Result, browserResult: Result;
    try {
      // The same request headers for all, so each server parses the same bytes; the browser row adds
      // what the widget really sends from the host page: Origin, so CORS headers come back too.
      [bareResult, proxyResult, browserResult] = await interleaved([
        { url: `${bare.url}/elements`, connections: CONNECTIONS, headers: auth },
        { url: `${demo.proxyUrl}/elements`, connections: CONNECTIONS, headers: auth },
        { url: `${demo.proxyUrl}/elements`, connections: CONNECTIONS, headers: { ...auth, origin: demo.hostUrl } },
      ]);
    } finally {
      await bare.close();
    }
    const ratio = proxyResult.requests.average / bareResult.requests.average;
    const browserRatio = browserResult.requests.average / bareResult.requests.average;
    sections.push({
      title: `(a) GET /elements, ${DURATION_S} s, ${CONNECTIONS} connections, loopback (catalog of ${JSON.parse(catalog).length} apps, ${fmt(catalog.length)} bytes)`,
      head: ['server', 'req/s', 'p50 ms', 'p99 ms', 'vs bare'],
      rows: [
        ['bare Hono handler', fmt(bareResult.requests.average), fmt(bareResult.latency.p50), fmt(bareResult.latency.p99), '100%'],
        [
          'proxy GET /elements',
          fmt(proxyResult.requests.average),
          fmt(proxyResult.latency.p50),
          fmt(proxyResult.latency.p99),
          `${fmt(ratio * 100)}%`,
        ],
        [
          'proxy, with Origin (CORS)',
          fmt(browserResult.requests.average),
          fmt(browserResult.latency.p50),
          fmt(browserResult.latency.p99),
          `${fmt(browserRatio * 100)}%`,
        ],
      ],
      notes: [
        `aim: proxy at >= 50% of the bare handler (${ratio >= 0.5 ? 'met' : 'NOT met'})`,
        ...[
          failures(bareResult) && `bare: ${failures(bareResult)}`,
          failures(proxyResult) && `proxy: ${failures(proxyResult)}`,
          failures(browserResult) && `proxy with Origin: ${failures(browserResult)}`,
        ].filter(Boolean),
      ],
    });

    // Every request a new Idempotency-Key ([<id>] is replaced per request), so each one really creates.
    const created = await load({
      url: `${demo.proxyUrl}/instances`,
      method: 'POST',
      connections: CREATE_CONNECTIONS,
      idReplacement: true,
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
      body: JSON.stringify({
        element: { key: 'sandbox-erp' },
        authenticationType: 'basic',
        name: 'Bench ERP',
        configuration: SANDBOX_CREDENTIALS.erp,
      }),
    });
    sections.push({
      title: `(b) POST /instances to Sandbox ERP (verify request + encrypt + store), ${DURATION_S} s, ${CREATE_CONNECTIONS} connections`,
      head: ['server', 'req/s', 'p50 ms', 'p99 ms', 'created'],
      rows: [
        [
          'proxy POST /instances',
          fmt(created.requests.average, 1),
          fmt(created.latency.p50),
          fmt(created.latency.p99),
          fmt(created['2xx']),
        ],
      ],
      notes: [failures(created)].filter(Boolean),
    });
  } finally {
    await demo.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchBundle() {
  const { entry, chunks, total, locales } = await bundleSizes(dist);
  const kB = (n: number) => fmt(n / 1000, 1);
  const row = (file: string, raw: number, gzip: number, budget?: number): Row => [
    file,
    kB(raw),
    kB(gzip),
    budget === undefined ? '' : kB(budget),
    budget === undefined ? '' : gzip <= budget ? 'yes' : 'NO',
  ];
  sections.push({
    title: "(c) dist/: the entry a page loads first, the chunks it imports when needed, and the languages' words it fetches",
    head: ['file', 'raw kB', 'gzip kB', 'budget kB', 'within'],
    rows: [
      row(entry.file, entry.raw, entry.gzip, BUDGETS.entry),
      ...chunks.map((c) => row(c.file, c.raw, c.gzip)),
      row('total (all JavaScript)', total.raw, total.gzip, BUDGETS.total),
      ...locales.map((l) => row(l.file, l.raw, l.gzip, BUDGETS.locale)),
    ],
    notes: [],
  });
}

const CATEGORIES = ['Accounting', 'CRM', 'ERP', 'Helpdesk', 'Payments', 'E-commerce', 'Marketing', 'HR'];
const WORDS = ['Ledger', 'Harbor', 'Nimbus', 'Quill', 'Summit', 'Atlas', 'Pixel', 'Orbit', 'Cedar', 'Vector', 'Beacon', 'Falcon'];

/** A deterministic catalog of `n` apps, shaped like the proxy's answer. */
function syntheticCatalog(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    key: `app-${i}`,
    name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${i}`,
    description: `Sync invoices, customers and payments between Acme Books and ${WORDS[(i * 5) % WORDS.length]} (${i}).`,
    categories: [CATEGORIES[i % CATEGORIES.length]!, CATEGORIES[(i * 3 + 1) % CATEGORIES.length]!],
    // One logo address per app, as the proxy answers them (`/elements/{key}/logo`).
    logo: `/elements/app-${i}/logo`,
    authenticationTypes: ['apiKey'],
  }));
}

/** A page with the built widget and a stub proxy answering a big catalog, all on one local origin. */
async function startBenchPage() {
  const catalog = JSON.stringify(syntheticCatalog(CATALOG_SIZE));
  const app = new Hono();
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>' +
        '<script type="module" src="/ce-marketplace.js"></script></head><body></body></html>',
    ),
  );
  // The chunks beside the entry (the dialog's, fetched ahead when a Connect button is hovered), and the English words.
  await serveWidget(app, dist);
  // Compressed as the proxy answers a browser (src/server/proxy/routes/catalog.ts).
  const encoded = brotliCompressSync(catalog, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
  app.get('/stub/elements', (c) => c.body(encoded, 200, { 'content-type': 'application/json', 'content-encoding': 'br' }));
  app.get('/stub/instances', (c) => c.json([]));
  app.get('/stub/common-resources', (c) => c.json([]));
  app.get('/stub/elements/:key/logo', (c) =>
    c.body('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0f766e"/></svg>', 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'max-age=3600',
    }),
  );
  const server = await listen();
  server.serve(app.fetch);
  return server;
}

/** Where a first render's time went, in ms; see firstRender. */
interface Phases {
  /** Insert → both requests sent (the component's first, skeleton render happens before or during this). */
  start: number;
  /** Requests sent → the catalog's response headers (loopback network and the stub's work). */
  headers: number;
  /** Headers → the catalog's body received. */
  body: number;
  /** Bodies received → the catalog's `response.json()` resolved (includes waiting for a busy main thread). */
  json: number;
  /** The catalog's JSON → the update with the cards begins: the contract's validation of every app, the connections' JSON and validation, the task's hand-over. */
  validate: number;
  /** The component's update that puts the cards in the DOM (render, commit, updated()), and any other update after the answer. */
  render: number;
  /** Style and layout of every rendered card, content included (forced by getBoundingClientRect). */
  layout: number;
}

/**
 * Appends a <ce-marketplace> and times it until its grid of cards is in the shadow DOM and laid
 * out (the component may render the first page of a big catalog only; the count is reported).
 * The breakdown comes from outside the shipped code: resource timing, and wrappers this page puts
 * around `Response.prototype.json` and the element's Lit `update()`.
 */
async function firstRender(page: Page): Promise<{ ms: number; phases: Phases; cards: number }> {
  return page.evaluate(async () => {
    await customElements.whenDefined('ce-marketplace');
    const jsonDone: number[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below, then put back
    const realJson = Response.prototype.json;
    Response.prototype.json = async function (this: Response) {
      const value: unknown = await realJson.call(this);
      if (this.url.endsWith('/stub/elements')) jsonDone.push(performance.now());
      return value;
    };
    const updates: [number, number][] = [];
    const proto = customElements.get('ce-marketplace')!.prototype as { update(changed: unknown): void };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below, then put back
    const realUpdate = proto.update;
    proto.update = function (this: unknown, changed: unknown) {
      const start = performance.now();
      realUpdate.call(this, changed);
      updates.push([start, performance.now()]);
    };
    const el = document.createElement('ce-marketplace');
    el.setAttribute('proxy-url', `${location.origin}/stub`);
    el.setAttribute('session-token', 'bench');
    const rendered = () =>
      el.shadowRoot?.querySelector('ul[part~="grid"][aria-busy="false"]')?.querySelectorAll('li[part~="card"][data-key]').length ?? 0;
    performance.mark('ce-insert');
    const t0 = performance.now();
    document.body.append(el);
    await new Promise<void>((resolve) => {
      const mo = new MutationObserver(() => {
        if (rendered() > 0) {
          mo.disconnect();
          resolve();
        }
      });
      mo.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
    });
    const tCards = performance.now();
    // Forces style and layout of every card's content: a card with `content-visibility: auto` is
    // otherwise sized by its placeholder here, and its content laid out only in the next frame.
    for (const card of el.shadowRoot!.querySelectorAll('li[part~="card"]')) card.lastElementChild!.getBoundingClientRect();
    const tLaid = performance.now();
    performance.mark('ce-laid');
    Response.prototype.json = realJson;
    proto.update = realUpdate;
    const requests = performance
      .getEntriesByType('resource')
      .filter((r): r is PerformanceResourceTiming => r.startTime >= t0 && /\/stub\/(elements|instances)$/.test(r.name));
    const sent = Math.max(...requests.map((r) => r.startTime));
    const catalog = requests.find((r) => r.name.endsWith('/elements'))!;
    const headers = catalog.responseStart;
    const received = catalog.responseEnd;
    const parsed = Math.max(...jsonDone);
    // The last update put the cards in; any before it (and after the answer) count as rendering too.
    const after = updates.filter(([start]) => start >= parsed);
    const renderStart = after.at(-1)?.[0] ?? tCards;
    const earlier = after.slice(0, -1).reduce((sum, [start, end]) => sum + end - start, 0);
    return {
      ms: tLaid - t0,
      phases: {
        start: sent - t0,
        headers: headers - sent,
        body: received - headers,
        json: parsed - received,
        validate: renderStart - parsed - earlier,
        render: tCards - renderStart + earlier,
        layout: tLaid - tCards,
      },
      cards: rendered(),
    };
  });
}

/** A key press in the search field, until the filtered grid is laid out (each card's content included). */
const SEARCH: Keystroke = { tag: 'ce-marketplace', field: 'input[part~="search"]', laid: 'li[part~="card"] > :last-child' };

async function benchBrowser() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (see scripts/chromium.mjs for how to get one).');
  const server = await startBenchPage();
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a helper the page does not have; functions sent to the page need it.
    await page.addInitScript('globalThis.__name = (f) => f');
    const renders: number[] = [];
    const phases: Phases[] = [];
    let firstCards = 0;
    for (let i = 0; i < RENDER_RUNS + 1; i++) {
      await page.goto(server.url);
      // TRACE=/tmp/trace.json records the last run as a Chrome trace (open it in DevTools' Performance panel).
      if (process.env.TRACE && i === RENDER_RUNS)
        await browser.startTracing(page, {
          path: process.env.TRACE,
          categories: ['devtools.timeline', 'v8.execute', 'blink', 'loading'],
        });
      const { ms, phases: p, cards } = await firstRender(page);
      if (process.env.TRACE && i === RENDER_RUNS) await browser.stopTracing();
      firstCards = cards;
      // The first run warms the connection and the HTTP cache. The code runs cold on every page
      // load (nothing JIT-compiled survives a navigation), as on a user's first visit.
      if (i > 0) {
        renders.push(ms);
        phases.push(p);
      }
    }
    // The same again under tracing, for the main thread's own CPU time (tracing slows wall time, so apart).
    const renderCpu: number[] = [];
    for (let i = 0; i < RENDER_RUNS; i++) {
      await page.goto(server.url);
      renderCpu.push(await mainThreadCpu(browser, page, 'ce-insert', 'ce-laid', () => firstRender(page)));
    }
    const keys: number[] = [];
    const keyCpu: number[] = [];
    // First letters typed into an empty search; each matches a different share of the catalog.
    const letters = ['q', 'x', 'h', 'f', 'g', 'l', 'q', 'x'];
    for (let i = 0; i < KEYSTROKE_RUNS + 1; i++) {
      const ms = await keystroke(page, SEARCH, letters[i % letters.length]!);
      if (i > 0) keys.push(ms);
    }
    for (let i = 0; i < KEYSTROKE_RUNS; i++) {
      keyCpu.push(
        await mainThreadCpu(browser, page, 'ce-keydown', 'ce-key-laid', () => keystroke(page, SEARCH, letters[i % letters.length]!)),
      );
    }
    const visible = await page.evaluate(
      () => document.querySelector('ce-marketplace')!.shadowRoot!.querySelectorAll('li[part~="card"][data-key]:not([hidden])').length,
    );
    const matched = (await page.locator('ce-marketplace [part~="count"]').innerText()).trim();
    const r = median(renders);
    const k = median(keys);
    sections.push({
      title: `(d) <ce-marketplace> with ${fmt(CATALOG_SIZE)} apps, headless Chromium (stub proxy on loopback)`,
      head: ['measure', 'median ms', 'min ms', 'max ms', 'aim ms'],
      rows: [
        [
          `first render (insert → fetch → grid laid out), ${RENDER_RUNS} runs`,
          fmt(r, 1),
          fmt(Math.min(...renders), 1),
          fmt(Math.max(...renders), 1),
          `${AIM_RENDER_MS} ${r <= AIM_RENDER_MS ? '(met)' : '(NOT met)'}`,
        ],
        [
          `search keystroke (keydown → grid laid out), ${KEYSTROKE_RUNS} runs`,
          fmt(k, 1),
          fmt(Math.min(...keys), 1),
          fmt(Math.max(...keys), 1),
          `${AIM_KEYSTROKE_MS} ${k <= AIM_KEYSTROKE_MS ? '(met)' : '(NOT met)'}`,
        ],
        [
          `first render, main-thread CPU (traced), ${RENDER_RUNS} runs`,
          fmt(median(renderCpu), 1),
          fmt(Math.min(...renderCpu), 1),
          fmt(Math.max(...renderCpu), 1),
          '',
        ],
        [
          `search keystroke, main-thread CPU (traced), ${KEYSTROKE_RUNS} runs`,
          fmt(median(keyCpu), 1),
          fmt(Math.min(...keyCpu), 1),
          fmt(Math.max(...keyCpu), 1),
          '',
        ],
      ],
      notes: [
        `first render, median ms of each phase: ${(Object.keys(phases[0]!) as (keyof Phases)[]).map((k) => `${k} ${fmt(median(phases.map((p) => p[k])), 1)}`).join(' · ')}`,
        '  (start: insert → requests sent; headers/body: loopback network; json: body → parsed; validate: → update begins;',
        '   render: update with the cards; layout: style + layout of the result; see Phases in test/bench/run.ts)',
        `first render put ${firstCards} cards in the DOM (the rest of the ${fmt(CATALOG_SIZE)} render as the user asks for more)`,
        `after the last keystroke: "${matched}", ${visible} cards in the DOM`,
        "main-thread CPU: the page thread's own time in the same window (trace tdur), which a busy machine disturbs far less than wall time",
      ],
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

function print() {
  for (const s of sections) {
    const widths = s.head.map((h, i) => Math.max(h.length, ...s.rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(`\n${s.title}\n`);
    console.log('  ' + line(s.head));
    console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of s.rows) console.log('  ' + line(r));
    for (const n of s.notes) console.log(`  ${n}`);
  }
  console.log('');
}

async function main() {
  const steps: [string, () => Promise<void>][] = [
    ['proxy throughput', benchProxy],
    ['passthrough', async () => void sections.push(await benchPassthrough())],
    ['resources through a mapping', async () => void sections.push(await benchResources())],
    ['bundle size', benchBundle],
    ['browser rendering', benchBrowser],
    ['mapper rendering', async () => void sections.push(await benchMapper(dist))],
  ];
  // BENCH_ONLY=browser (a word of a step's name) runs just that step, e.g. while tuning the widget.
  const only = process.env.BENCH_ONLY;
  let failed = 0;
  for (const [name, step] of steps) {
    if (only && !name.includes(only)) continue;
    process.stdout.write(`bench: ${name}…\n`);
    try {
      await step();
    } catch (e) {
      failed++;
      sections.push({
        title: `${name}: could not run`,
        head: ['error'],
        rows: [[e instanceof Error ? e.message : String(e)]],
        notes: [],
      });
    }
  }
  print();
  process.exitCode = failed ? 1 : 0;
}

await main();
