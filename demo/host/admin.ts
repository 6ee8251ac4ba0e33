// The admin ("Connections") page: the company's connections with their last check and a "Check
// now" button, and the Events panel of the webhooks the backend received.
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { EventInbox } from './events.js';
import { formatDate, page, type HostContext } from './layout.js';

export interface AdminInstance {
  id: string;
  name: string;
  element?: { key: string; name?: string };
  status: string;
  statusReason?: string;
  checkedAt?: string;
  identity?: string;
  createdDate: string;
}

/** `inbox` is absent when the demo runs without a webhook secret. */
export function adminRoutes(app: Hono, ctx: HostContext, inbox: EventInbox | undefined) {
  app.get('/admin', async (c) => {
    const who = ctx.signedIn(c);
    if (!who) return c.redirect('/');
    return c.html(
      page({
        title: 'Connections (admin)',
        theme: ctx.themeOf(c),
        lang: ctx.langOf(c),
        path: '/admin',
        user: who.user,
        scripts: ['/assets/admin.js'],
        body: html`<header class="page-header">
            <h1>Connections</h1>
            <p>What this company has connected, as the Acme Books backend sees it through the proxy's admin API.</p>
          </header>
          ${await connections(ctx, c.req.query('checked'), c.req.query('check-failed'))}
          <section class="panel" aria-labelledby="events-title">
            <h2 id="events-title">Events</h2>
            <p class="muted">
              Webhooks the connection service sent to this backend (<code>POST /webhooks/ce</code>), each verified with its Standard
              Webhooks signature; the last 50.
            </p>
            <div id="events">${eventsTable(ctx, inbox)}</div>
          </section>`,
      }),
    );
  });

  // "Check now": the backend asks the proxy to re-run the app's verify request, then shows the page again.
  app.post('/admin/connections/:id/check', async (c) => {
    if (!ctx.signedIn(c)) return c.redirect('/', 303);
    const id = c.req.param('id');
    const checked = await ctx.proxy.call('POST', `/admin/instances/${encodeURIComponent(id)}/check`);
    return c.redirect(`/admin?${checked.ok ? 'checked' : 'check-failed'}=${encodeURIComponent(id)}`, 303);
  });

  // The Events panel's table alone: admin.js swaps it in while the page is open.
  app.get('/admin/events', (c: Context) => {
    if (!ctx.signedIn(c)) return c.text('Not signed in', 401);
    c.header('cache-control', 'no-store');
    return c.html(eventsTable(ctx, inbox));
  });
}

async function connections(ctx: HostContext, checked?: string, checkFailed?: string) {
  const listed = await ctx.proxy.call('GET', `/admin/instances?tenantId=${encodeURIComponent(ctx.tenantId)}`);
  if (!listed.ok) return html`<p class="notice error" role="alert">${listed.message}</p>`;
  const rows = listed.body as AdminInstance[];
  if (!rows.length) {
    return html`<p class="notice">No connections yet. Connect an app on the <a href="/integrations">Integrations</a> page.</p>`;
  }
  const failed = rows.find((i) => i.id === checkFailed);
  const done = rows.find((i) => i.id === checked);
  return html`${failed ? html`<p class="notice error" role="alert">The check of ${failed.name} could not run; try again.</p>` : ''}
    ${done ? html`<p class="live" role="status">Checked ${done.name}: ${statusLabel(done.status)}.</p>` : ''}
    <table class="data">
      <caption>
        ${rows.length} connection${rows.length === 1 ? '' : 's'} of tenant
        <code>${ctx.tenantId}</code>
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">App</th>
          <th scope="col">Status</th>
          <th scope="col">Last check</th>
          <th scope="col">Connected</th>
          <th scope="col">Instance id</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (i) =>
            html`<tr>
              <td>${i.name}</td>
              <td>${i.element?.name ?? i.element?.key}</td>
              <td><span class="status status-${i.status === 'connected' ? 'ok' : 'warn'}">${statusLabel(i.status)}</span></td>
              <td>${lastCheck(i)}</td>
              <td><time datetime="${i.createdDate}">${formatDate(i.createdDate)}</time></td>
              <td><code>${i.id}</code></td>
              <td>
                <form method="post" action="/admin/connections/${encodeURIComponent(i.id)}/check">
                  <button type="submit" class="button" aria-label="Check now: ${i.name}">Check now</button>
                </form>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const statusLabel = (status: string) => (status === 'connected' ? 'Connected' : 'Needs attention');

/** When, as whom, and why it failed if it did (a problem code such as `credentials_rejected`). */
function lastCheck(i: AdminInstance) {
  if (!i.checkedAt) return html`<span class="muted">never</span>`;
  return html`<time datetime="${i.checkedAt}">${formatDate(i.checkedAt, { seconds: true })}</time>${
      i.identity ? html`<br /><small>${i.identity}</small>` : ''
    }${i.statusReason ? html`<br /><small><code>${i.statusReason}</code></small>` : ''}`;
}

function eventsTable(ctx: HostContext, inbox: EventInbox | undefined) {
  if (!inbox) return html`<p class="notice">Webhooks are not set up (the host was started without a webhook secret).</p>`;
  const events = inbox.list().filter((e) => e.tenantId === ctx.tenantId);
  if (!events.length) return html`<p class="notice">No events yet: connect, rename, check or disconnect an app.</p>`;
  return html`<table class="data">
    <thead>
      <tr>
        <th scope="col">Event</th>
        <th scope="col">Time</th>
        <th scope="col">Connection</th>
        <th scope="col">Event id</th>
      </tr>
    </thead>
    <tbody>
      ${events.map(
        (e) =>
          html`<tr>
            <td><code>${e.type}</code></td>
            <td><time datetime="${e.timestamp}">${formatDate(e.timestamp, { seconds: true })}</time></td>
            <td>
              ${e.instance.name}
              <small class="muted">(${e.instance.element?.name ?? e.instance.element?.key}, <code>${e.instance.id}</code>)</small>
            </td>
            <td><code>${e.id}</code></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
