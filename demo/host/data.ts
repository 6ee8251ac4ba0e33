// The Data page: Acme Books' backend reads each connected sandbox app's records through the
// proxy's passthrough (admin key, server-side); the browser only sees this page.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { page, type HostContext } from './layout.js';
import type { AdminInstance } from './admin.js';

/** What to show of each app: one object's first page, a few of its columns. */
const SOURCES = new Map<string, { object: string; title: string; columns: [field: string, label: string][] }>(
  Object.entries({
    'sandbox-erp': {
      object: 'invoices',
      title: 'Invoices',
      columns: [
        ['tranId', 'Invoice'],
        ['tranDate', 'Date'],
        ['status', 'Status'],
        ['currency', 'Currency'],
        ['total', 'Total'],
      ],
    },
    'sandbox-helpdesk': {
      object: 'tickets',
      title: 'Tickets',
      columns: [
        ['id', 'Ticket'],
        ['subject', 'Subject'],
        ['status', 'Status'],
        ['priority', 'Priority'],
      ],
    },
  }),
);
const PAGE_SIZE = 10;

export function dataRoutes(app: Hono, ctx: HostContext) {
  app.get('/data', async (c) => {
    const who = ctx.signedIn(c);
    if (!who) return c.redirect('/');
    const listed = await ctx.proxy.call('GET', `/admin/instances?tenantId=${encodeURIComponent(ctx.tenantId)}`);
    const readable = listed.ok ? (listed.body as AdminInstance[]).filter((i) => SOURCES.has(i.element?.key ?? '')) : [];
    const panels = await Promise.all(readable.map((i) => panel(ctx, i)));
    const content = !listed.ok
      ? html`<p class="notice error" role="alert">${listed.message}</p>`
      : panels.length
        ? panels
        : html`<p class="notice">
            No sandbox app is connected yet. Connect Sandbox ERP or Sandbox Helpdesk on the
            <a href="/integrations">Integrations</a> page.
          </p>`;
    return c.html(
      page({
        title: 'Data',
        theme: ctx.themeOf(c),
        lang: ctx.langOf(c),
        path: '/data',
        user: who.user,
        body: html`<header class="page-header">
            <h1>Data</h1>
            <p>
              Records of your connected apps, read by the Acme Books backend through the connection service's passthrough (<code
                >GET /admin/instances/{id}/proxy/…</code
              >): the connection's credentials stay with the service.
            </p>
          </header>
          ${content}`,
      }),
    );
  });
}

async function panel(ctx: HostContext, i: AdminInstance) {
  const source = SOURCES.get(i.element!.key)!;
  const path = `${source.object}?pageSize=${PAGE_SIZE}`;
  const read = await ctx.proxy.call('GET', `/admin/instances/${encodeURIComponent(i.id)}/proxy/${path}`);
  const headingId = `data-${i.id}`;
  const items = read.ok ? ((read.body as { items?: Record<string, unknown>[] }).items ?? []) : [];
  return html`<section class="panel" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${source.title} from ${i.name}</h2>
    <p class="muted">${i.element!.name ?? i.element!.key} · <code>…/proxy/${path}</code></p>
    ${
      read.ok
        ? html`<table class="data">
            <thead>
              <tr>
                ${source.columns.map(([, label]) => html`<th scope="col">${label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (r) =>
                  html`<tr>
                    ${source.columns.map(([field]) => html`<td>${cell(r[field])}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="notice error" role="alert">${read.message}</p>`
    }
  </section>`;
}

/** A record's value as text: scalars as they are, anything nested as JSON. */
function cell(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}
