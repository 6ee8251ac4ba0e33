// `npm run bench` step (e): <ce-field-mapper> in headless Chromium with 1,500 vendor fields × 20
// host fields, from a stub proxy on loopback: first render, and a filter keystroke in a picker.
// It prints figures; it never asserts timings.
import { Hono } from 'hono';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { listen } from '../../demo/host/listen.js';
import { DIST } from './bundle-size.js';
import { keystroke, serveWidget, type Keystroke } from './widget-page.js';
import { mainThreadCpu } from './main-thread.js';
import { fmt, median, type Section } from './measure.js';

const VENDOR_FIELDS = 1_500;
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 5);
const KEYSTROKE_RUNS = 7;
const AIM_RENDER_MS = 100;
const AIM_KEYSTROKE_MS = 16;

const HOST = [
  'firstName', 'lastName', 'email', 'phone', 'mobilePhone', 'companyName', 'jobTitle', 'website', 'taxId', 'currency',
  'billing.street', 'billing.city', 'billing.postalCode', 'billing.country', 'shipping.city', 'createdAt', 'updatedAt',
  'active', 'creditLimit', 'notes',
]; // prettier-ignore
const WORDS = ['Account', 'Billing', 'Contact', 'Lead', 'Owner', 'Region', 'Score', 'Stage', 'Source', 'Status', 'Team', 'Value'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'string', 'string'];

/** Host fields, and a CRM-like object of standard fields then custom ones, shaped as the proxy answers them. */
function synthetic() {
  const hostFields = HOST.map((path, i) => ({
    path,
    type: /At$/.test(path) ? 'date' : path === 'active' ? 'boolean' : path === 'creditLimit' ? 'number' : 'string',
    required: i < 3,
  }));
  const standard = HOST.slice(0, 12).map((p) => ({ vendorPath: p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), type: 'string' }));
  const custom = Array.from({ length: VENDOR_FIELDS - standard.length }, (_, i) => ({
    vendorPath: `cf_${WORDS[i % WORDS.length]!.toLowerCase()}_${i}__c`,
    vendorDisplayName: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${i}`,
    type: TYPES[i % TYPES.length]!,
    custom: true,
  }));
  return { hostFields, fields: [...standard, ...custom] };
}

async function startPage(dist: string) {
  const { hostFields, fields } = synthetic();
  const app = new Hono();
  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>' +
        '<script type="module" src="/ce-marketplace.js"></script></head><body></body></html>',
    ),
  );
  await serveWidget(app, dist);
  app.get('/stub/common-resources/customers', (c) => c.json({ name: 'customers', displayName: 'Customer', fields: hostFields }));
  app.get('/stub/instances/bench/objects', (c) => c.json([{ name: 'contacts', vendorName: 'contact', displayName: 'Contacts' }]));
  app.get('/stub/instances/bench/objects/contacts/metadata', (c) => c.json({ fields }));
  app.get('/stub/instances/bench/transformations/customers', (c) =>
    c.json({ code: 'not_found', type: 'about:blank', title: 'Not found', status: 404 }, 404),
  );
  const server = await listen();
  server.serve(app.fetch);
  return server;
}

/** Appends a mapper and times it until its 20 rows are in the shadow DOM and laid out. */
function firstRender(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await customElements.whenDefined('ce-field-mapper');
    const el = document.createElement('ce-field-mapper');
    el.setAttribute('proxy-url', `${location.origin}/stub`);
    el.setAttribute('session-token', 'bench');
    el.setAttribute('instance', 'bench');
    el.setAttribute('resource', 'customers');
    performance.mark('ce-insert');
    const t0 = performance.now();
    document.body.append(el);
    await new Promise<void>((resolve) => {
      const check = () => (el.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0) >= 20;
      const mo = new MutationObserver(() => {
        if (!check()) return;
        mo.disconnect();
        resolve();
      });
      mo.observe(el, { childList: true, subtree: true });
      // The shadow root is attached at the first connect; its content arrives with the chunk.
      mo.observe(el.shadowRoot!, { childList: true, subtree: true });
    });
    for (const row of el.shadowRoot!.querySelectorAll('[part~="row"]')) row.getBoundingClientRect();
    performance.mark('ce-laid');
    return performance.now() - t0;
  });
}

/**
 * Where a first render's time went, from the page's resource timing after the `ce-insert` mark: until
 * the mapper's chunk arrived, until the last stub answer (after the chunk: objects and saved
 * mapping, then the fields), and from there until the rows were laid out.
 */
function phasesOf(page: Page): Promise<{ chunk: number; requests: number; render: number; asked: number }> {
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]!.startTime;
    const t0 = at('ce-insert');
    const laid = at('ce-laid');
    const after = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.startTime >= t0);
    const end = (es: PerformanceResourceTiming[]) => Math.max(t0, ...es.map((e) => e.responseEnd));
    const chunk = end(after.filter((e) => e.name.includes('/chunks/')));
    const answered = end(after.filter((e) => e.name.includes('/stub/')));
    return {
      chunk: chunk - t0,
      requests: answered - chunk,
      render: laid - answered,
      asked: after.filter((e) => e.name.includes('/stub/')).length,
    };
  });
}

/** A key press in the first picker (emptied, so it lists every field), until its list is laid out. */
const PICKER: Keystroke = { tag: 'ce-field-mapper', field: 'input[part~="input"]', laid: '[part~="option"]' };

export async function benchMapper(dist = DIST): Promise<Section> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (see scripts/chromium.mjs for how to get one).');
  const server = await startPage(dist);
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript('globalThis.__name = (f) => f');
    const renders: number[] = [];
    const phases: Awaited<ReturnType<typeof phasesOf>>[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto(server.url);
      const ms = await firstRender(page);
      // The first run warms the connection and the HTTP cache.
      if (i > 0) {
        renders.push(ms);
        phases.push(await phasesOf(page));
      }
    }
    const phase = (k: 'chunk' | 'requests' | 'render') => fmt(median(phases.map((p) => p[k])), 1);
    const renderCpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(server.url);
      renderCpu.push(await mainThreadCpu(browser, page, 'ce-insert', 'ce-laid', () => firstRender(page)));
    }
    const letters = ['c', 'x', 's', '1', 'e', 'q', 'b', 'z'];
    const keys: number[] = [];
    for (let i = 0; i < KEYSTROKE_RUNS + 1; i++) {
      const ms = await keystroke(page, PICKER, letters[i % letters.length]!);
      if (i > 0) keys.push(ms);
    }
    const keyCpu: number[] = [];
    for (let i = 0; i < KEYSTROKE_RUNS; i++) {
      keyCpu.push(
        await mainThreadCpu(browser, page, 'ce-keydown', 'ce-key-laid', () => keystroke(page, PICKER, letters[i % letters.length]!)),
      );
    }
    const options = await page.evaluate(
      () => document.querySelector('ce-field-mapper')!.shadowRoot!.querySelectorAll('[part~="option"]').length,
    );
    const line = (what: string, xs: number[], aim?: number): [string, ...string[]] => [
      what,
      fmt(median(xs), 1),
      fmt(Math.min(...xs), 1),
      fmt(Math.max(...xs), 1),
      aim === undefined ? '' : `${aim} ${median(xs) <= aim ? '(met)' : '(NOT met)'}`,
    ];
    return {
      title: `(f) <ce-field-mapper> with ${fmt(VENDOR_FIELDS)} vendor fields × ${HOST.length} host fields, headless Chromium (stub proxy on loopback)`,
      head: ['measure', 'median ms', 'min ms', 'max ms', 'aim ms'],
      rows: [
        line(`first render (insert → chunk, 4 requests → rows laid out), ${RUNS} runs`, renders, AIM_RENDER_MS),
        line(`filter keystroke in a picker (keydown → list laid out), ${KEYSTROKE_RUNS} runs`, keys, AIM_KEYSTROKE_MS),
        line(`first render, main-thread CPU (traced), ${RUNS} runs`, renderCpu),
        line(`filter keystroke, main-thread CPU (traced), ${KEYSTROKE_RUNS} runs`, keyCpu),
      ],
      notes: [
        `first render's phases (medians): its chunk arrived at ${phase('chunk')} ms, then ${phases[0]?.asked ?? 0} requests to the stub took ${phase('requests')} ms, then suggestions, render and layout ${phase('render')} ms`,
        `the open list renders at most 50 options (${options} in the DOM after the last keystroke, "Not mapped" included)`,
        'suggestions for the 20 host fields are computed against all 1,500 vendor fields in the first render',
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
