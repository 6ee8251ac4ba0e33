// The Customers page: Acme Books' own Customer records, read from each connected app through the
// mapping the user saved in <ce-field-mapper> (GET /instances/{id}/resources/customers). The
// backend mints a short widget session for the signed-in user and calls the proxy with it; the
// browser only sees this page, and the admin key stays on this server.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { page, type HostContext } from './layout.js';
import type { AdminInstance } from './admin.js';
import type { ProxyAnswer } from './proxy-client.js';

/** Acme Books' common resource shown here (demo/host/common-resources.json). */
export const RESOURCE = 'customers';
const PAGE_SIZE = 10;

export interface HostField {
  path: string;
  type: string;
  displayName?: string;
  required?: boolean;
}
/** The proxy's MappedPage: records in Acme's shape, and each value that could not be read. */
export interface MappedPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
  errors: { index: number; path: string; vendorPath: string; message: string }[];
}
/** One connection's panel: its page of customers, no mapping yet, or the proxy's refusal. */
export type Panel =
  | { instance: AdminInstance; kind: 'records'; page: MappedPage; cursor?: string }
  | { instance: AdminInstance; kind: 'unmapped' }
  | { instance: AdminInstance; kind: 'failed'; message: string };

export function customerRoutes(app: Hono, ctx: HostContext) {
  app.get('/customers', async (c) => {
    const who = ctx.signedIn(c);
    if (!who) return c.redirect('/');
    // "Next page" names one connection and its cursor; the other panels stay on their first page.
    const more = { instance: c.req.query('instance'), cursor: c.req.query('cursor') };
    const minted = await ctx.proxy.call('POST', '/admin/sessions', { tenantId: ctx.tenantId, userId: who.user.id, ttlSeconds: 60 });
    const listed = await ctx.proxy.call('GET', `/admin/instances?tenantId=${encodeURIComponent(ctx.tenantId)}`);
    let content;
    if (!minted.ok || !listed.ok) {
      content = html`<p class="notice error" role="alert">${!minted.ok ? minted.message : !listed.ok ? listed.message : ''}</p>`;
    } else {
      const session = { authorization: `Bearer ${(minted.body as { token: string }).token}` };
      const asUser = (path: string) => ctx.proxy.call('GET', path, undefined, session);
      const resource = await asUser(`/common-resources/${RESOURCE}`);
      const panels = await Promise.all(
        (listed.body as AdminInstance[]).map((i) => readPanel(asUser, i, more.instance === i.id ? more.cursor : undefined)),
      );
      content = resource.ok
        ? renderPanels((resource.body as { fields: HostField[] }).fields, panels)
        : html`<p class="notice error" role="alert">${resource.message}</p>`;
    }
    return c.html(
      page({
        title: 'Customers',
        theme: ctx.themeOf(c),
        lang: ctx.langOf(c),
        path: '/customers',
        user: who.user,
        body: html`<header class="page-header">
            <h1>Customers</h1>
            <p>
              Your connected apps' customers in Acme Books' own shape, read by the Acme Books backend through the mapping you saved
              under Integrations › Manage › Map fields (<code>GET /instances/{id}/resources/customers</code>).
            </p>
          </header>
          ${content}`,
      }),
    );
  });
}

async function readPanel(asUser: (path: string) => Promise<ProxyAnswer>, instance: AdminInstance, cursor?: string): Promise<Panel> {
  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
  const read = await asUser(`/instances/${encodeURIComponent(instance.id)}/resources/${RESOURCE}?${query}`);
  if (read.ok) return { instance, kind: 'records', page: read.body as MappedPage, ...(cursor ? { cursor } : {}) };
  // 404 is "no mapping named customers for this connection": the user has not mapped it yet.
  if (read.status === 404) return { instance, kind: 'unmapped' };
  return { instance, kind: 'failed', message: read.message };
}

/** The page's content: one table per mapped connection, then a line naming the connections still to map. */
export function renderPanels(fields: HostField[], panels: Panel[]) {
  const unmapped = panels.filter((p) => p.kind === 'unmapped');
  const shown = panels.filter((p) => p.kind !== 'unmapped');
  if (!panels.length) {
    return html`<p class="notice">
      No app is connected yet. Connect Sandbox ERP or Sandbox CRM on the <a href="/integrations">Integrations</a> page.
    </p>`;
  }
  return html`${shown.map((p) => panel(fields, p))}
  ${
    unmapped.length
      ? html`<p class="notice">
          Not mapped yet: ${unmapped.map((p, i) => html`${i ? ', ' : ''}<strong>${p.instance.name}</strong>`)}. On the
          <a href="/integrations">Integrations</a> page, open <em>Manage</em> on the app and choose <em>Map fields</em> to say which of
          its fields fill Acme Books' Customer.
        </p>`
      : ''
  }`;
}

function panel(fields: HostField[], p: Exclude<Panel, { kind: 'unmapped' }>) {
  const headingId = `customers-${p.instance.id}`;
  const app = p.instance.element?.name ?? p.instance.element?.key ?? '';
  const head = html`<h2 id="${headingId}">Customers from ${p.instance.name}</h2>
    <p class="muted">${app} · <code>GET /instances/${p.instance.id}/resources/${RESOURCE}?pageSize=${PAGE_SIZE}</code></p>`;
  if (p.kind === 'failed') {
    return html`<section class="panel" aria-labelledby="${headingId}">
      ${head}
      <p class="notice error" role="alert">${p.message}</p>
    </section>`;
  }
  const { items, errors, nextCursor } = p.page;
  const errorAt = (index: number, path: string) => errors.find((e) => e.index === index && e.path === path);
  const label = (path: string) => fields.find((f) => f.path === path)?.displayName ?? path;
  return html`<section class="panel" aria-labelledby="${headingId}">
    ${head}
    ${
      items.length
        ? html`<div class="table-scroll" role="group" tabindex="0" aria-labelledby="${headingId}">
            <table class="data compact">
              <thead>
                <tr>
                  ${fields.map((f) => html`<th scope="col">${f.displayName ?? f.path}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (r, index) =>
                    html`<tr>
                      ${fields.map((f) => {
                        const error = errorAt(index, f.path);
                        return error
                          ? html`<td class="cell-error"><span aria-hidden="true">⚠ </span>${error.message}</td>`
                          : html`<td>${cell(readPath(r, f.path))}</td>`;
                      })}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="notice">${p.instance.name} has no customers to show.</p>`
    }
    ${
      errors.length
        ? html`<div class="notice error">
            <p>
              ${errors.length === 1 ? 'One value' : `${errors.length} values`} could not be read as Acme Books expects; the rest of
              each record stands:
            </p>
            <ul>
              ${errors.map(
                (e) => html`<li>Row ${e.index + 1}, ${label(e.path)} (from <code>${e.vendorPath}</code>): ${e.message}</li>`,
              )}
            </ul>
          </div>`
        : ''
    }
    <p class="pager">
      ${p.cursor ? html`<a href="/customers">First page</a>` : ''}
      ${
        nextCursor
          ? html`<a href="/customers?${new URLSearchParams({ instance: p.instance.id, cursor: nextCursor }).toString()}"
              >Next page of ${p.instance.name}</a
            >`
          : ''
      }
    </p>
  </section>`;
}

/** A value at a dotted path of a record in Acme's shape (`billingAddress.city`). */
function readPath(record: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

/** Acme's values are coerced by the proxy already (text, number, boolean, date text); null is an empty cell. */
function cell(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}
