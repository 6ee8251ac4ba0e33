// A bench page's widget as the proxy serves it (the built entry, and beside it the chunks it imports
// and the words it fetches, locales/<tag>.json), and a key press in it timed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Page } from 'playwright';
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

/** Where a keystroke lands and what it makes the component lay out again. */
export interface Keystroke {
  /** The component's tag, e.g. `ce-marketplace`. */
  tag: string;
  /** Its text field, in its shadow root (the first match). */
  field: string;
  /** What the key press re-renders: each match is laid out before the time stops. */
  laid: string;
}

/**
 * One real key press in a component's text field (emptied first), timed from keydown until the
 * component has rendered and what it lists is laid out. Marks `ce-keydown` and `ce-key-laid`
 * bracket it for a trace (main-thread.ts).
 */
export async function keystroke(page: Page, at: Keystroke, key: string): Promise<number> {
  const input = page.locator(`${at.tag} ${at.field}`).first();
  await input.fill('');
  await page.evaluate(async (tag) => {
    await (document.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  }, at.tag);
  const measured = page.evaluate(
    ({ tag, field, laid }) =>
      new Promise<number>((resolve) => {
        const el = document.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
        const target = el.shadowRoot!.querySelector(field)!;
        let t0 = 0;
        target.addEventListener('keydown', () => ((t0 = performance.now()), performance.mark('ce-keydown')), {
          once: true,
          capture: true,
        });
        // The component's own listener runs first (it was added first); then wait for its render.
        target.addEventListener(
          'input',
          () =>
            void el.updateComplete.then(() => {
              for (const e of el.shadowRoot!.querySelectorAll(laid)) e.getBoundingClientRect();
              performance.mark('ce-key-laid');
              resolve(performance.now() - t0);
            }),
          { once: true },
        );
      }),
    at,
  );
  await input.press(key);
  return measured;
}
