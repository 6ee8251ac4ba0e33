// The "Acme Books admin" invitations page: pick a customer and apps, send an invitation through the
// proxy's admin API, and watch the list (per-app status) update; and the Mailbox page, which shows
// what the demo's local SMTP server received.
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Mailbox } from '../mailbox.js';
import { formatDate, page, type HostContext } from './layout.js';

/** Acme Books' customers: each is a tenant of the connection service. */
export const CUSTOMERS = [
  { tenantId: 'blue-harbor', company: 'Blue Harbor Ltd', contact: 'Maya Chen', email: 'maya@blueharbor.test' },
  { tenantId: 'northwind', company: 'Northwind Traders', contact: 'Sam Ortiz', email: 'sam@northwind.test' },
  { tenantId: 'acme-books-demo', company: 'Acme Books Demo', contact: 'Dana Reyes', email: 'dana@acme-books.test' },
] as const;
const APPS = [
  { key: 'sandbox-erp', name: 'Sandbox ERP' },
  { key: 'sandbox-helpdesk', name: 'Sandbox Helpdesk' },
  { key: 'sandbox-crm', name: 'Sandbox CRM' },
] as const;

interface AdminInvitation {
  id: string;
  tenantId: string;
  email: string;
  name?: string;
  status: string;
  elements: { key: string; name?: string; status: string; instance?: { name: string } }[];
  connected: number;
  sentAt?: string;
  expiresAt: string;
}

const STATUS_LABEL: Record<string, string> = {
  pending: 'Sending',
  sent: 'Sent',
  not_sent: 'Not sent',
  revoked: 'Revoked',
  expired: 'Expired',
};

export function invitationRoutes(app: Hono, ctx: HostContext, mailbox: Mailbox | undefined) {
  app.get('/admin/invitations', async (c) => {
    const who = ctx.signedIn(c);
    if (!who) return c.redirect('/');
    const error = c.req.query('error');
    return c.html(
      page({
        title: 'Invitations (admin)',
        theme: ctx.themeOf(c),
        lang: ctx.langOf(c),
        path: '/admin/invitations',
        user: who.user,
        scripts: ['/assets/invitations-admin.js'],
        body: html`<header class="page-header">
            <h1>Acme Books admin: invitations</h1>
            <p>Email a customer a link to a page where they connect the apps you pick, without looking for an integrations page.</p>
          </header>
          ${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
          ${c.req.query('sent') ? html`<p class="live" role="status">Invitation sent to ${c.req.query('sent')}.</p>` : ''}
          <section class="panel" aria-labelledby="invite-title">
            <h2 id="invite-title">Send an invitation</h2>
            <form method="post" action="/admin/invitations" class="invite-form">
              <input type="hidden" name="key" value="${randomUUID()}" />
              <label
                >Customer
                <select name="customer">
                  ${CUSTOMERS.map((cu) => html`<option value="${cu.tenantId}">${cu.company} (${cu.contact}, ${cu.email})</option>`)}
                </select>
              </label>
              <fieldset>
                <legend>Apps to connect</legend>
                ${APPS.map((a) => html`<label class="check"><input type="checkbox" name="apps" value="${a.key}" /> ${a.name}</label>`)}
              </fieldset>
              <label>Message (optional) <textarea name="message" rows="3" maxlength="2000"></textarea></label>
              <button type="submit" class="button primary">Send invitation</button>
            </form>
          </section>
          <section class="panel" aria-labelledby="sent-title">
            <h2 id="sent-title">Invitations</h2>
            <div id="invitations">${await invitationsTable(ctx)}</div>
          </section>`,
      }),
    );
  });

  // The list alone: invitations-admin.js swaps it in every two seconds, so statuses update while the page is open.
  app.get('/admin/invitations/list', async (c: Context) => {
    if (!ctx.signedIn(c)) return c.text('Not signed in', 401);
    c.header('cache-control', 'no-store');
    return c.html(await invitationsTable(ctx));
  });

  app.post('/admin/invitations', async (c) => {
    if (!ctx.signedIn(c)) return c.redirect('/', 303);
    const form = await c.req.parseBody({ all: true });
    const customer = CUSTOMERS.find((cu) => cu.tenantId === form.customer);
    const apps = ([] as unknown[]).concat(form.apps ?? []).map(String);
    const back = (q: string) => c.redirect(`/admin/invitations?${q}`, 303);
    if (!customer) return back('error=Pick+a+customer.');
    if (!apps.length) return back('error=Pick+at+least+one+app.');
    const message = typeof form.message === 'string' && form.message.trim() ? form.message.trim() : undefined;
    // The form's own key: a double click or a resubmitted form sends one email.
    const key = typeof form.key === 'string' ? form.key : randomUUID();
    const sent = await ctx.proxy.call(
      'POST',
      '/admin/invitations',
      { tenantId: customer.tenantId, email: customer.email, name: customer.contact, elements: apps, message },
      { 'idempotency-key': key },
    );
    if (!sent.ok) return back(`error=${encodeURIComponent(sent.message)}`);
    return back(`sent=${encodeURIComponent(customer.email)}`);
  });

  for (const action of ['resend', 'revoke'] as const) {
    app.post(`/admin/invitations/:id/${action}`, async (c) => {
      if (!ctx.signedIn(c)) return c.redirect('/', 303);
      const id = encodeURIComponent(c.req.param('id'));
      const done = await ctx.proxy.call(
        action === 'resend' ? 'POST' : 'DELETE',
        `/admin/invitations/${id}${action === 'resend' ? '/resend' : ''}`,
      );
      return c.redirect(done.ok ? '/admin/invitations' : `/admin/invitations?error=${encodeURIComponent(done.message)}`, 303);
    });
  }

  app.get('/mailbox', (c) => {
    const who = ctx.signedIn(c);
    if (!who) return c.redirect('/');
    const mails = (mailbox?.messages() ?? []).slice().reverse();
    return c.html(
      page({
        title: 'Mailbox',
        theme: ctx.themeOf(c),
        lang: ctx.langOf(c),
        path: '/mailbox',
        user: who.user,
        body: html`<header class="page-header">
            <h1>Mailbox</h1>
            <p>
              What the demo's local SMTP server (${mailbox ? html`<code>${mailbox.url}</code>` : 'not running'}) received: the
              invitation emails, as the customer gets them. Newest first.
            </p>
          </header>
          ${
            mails.length
              ? mails.map(
                  (m) =>
                    html`<article class="panel mail" aria-labelledby="mail-${m.id}">
                      <h2 id="mail-${m.id}">${m.subject}</h2>
                      <p class="muted">
                        To ${m.to.join(', ')} · from ${m.from} ·
                        <time datetime="${m.receivedAt}">${formatDate(m.receivedAt, { seconds: true })}</time>
                      </p>
                      <pre class="mail-text">${linkified(m.text)}</pre>
                    </article>`,
                )
              : html`<p class="notice">No email yet: send an invitation on the <a href="/admin/invitations">Invitations</a> page.</p>`
          }`,
      }),
    );
  });
}

/** The text part with its http(s) links clickable (everything else stays text). */
function linkified(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, i) => (i % 2 ? html`<a href="${part}">${part}</a>` : part));
}

async function invitationsTable(ctx: HostContext) {
  const listed = await ctx.proxy.call('GET', '/admin/invitations');
  if (!listed.ok) return html`<p class="notice error" role="alert">${listed.message}</p>`;
  const rows = listed.body as AdminInvitation[];
  if (!rows.length) return html`<p class="notice">No invitations yet.</p>`;
  return html`<table class="data">
    <caption>
      ${rows.length} invitation${rows.length === 1 ? '' : 's'}
    </caption>
    <thead>
      <tr>
        <th scope="col">Customer</th>
        <th scope="col">Apps</th>
        <th scope="col">Status</th>
        <th scope="col">Expires</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (i) =>
          html`<tr>
            <td>
              ${CUSTOMERS.find((cu) => cu.tenantId === i.tenantId)?.company ?? i.tenantId}<br /><small
                >${i.name ?? ''} ${i.email}</small
              >
            </td>
            <td>
              <ul class="app-status">
                ${i.elements.map(
                  (e) =>
                    html`<li>
                      ${e.name ?? e.key}:
                      <span class="status status-${e.status === 'connected' ? 'ok' : 'warn'}"
                        >${e.status === 'connected' ? 'Connected' : 'Pending'}</span
                      >
                    </li>`,
                )}
              </ul>
              <small>${i.connected} of ${i.elements.length} connected</small>
            </td>
            <td>${STATUS_LABEL[i.status] ?? i.status}</td>
            <td><time datetime="${i.expiresAt}">${formatDate(i.expiresAt)}</time></td>
            <td>
              ${
                i.status === 'revoked'
                  ? ''
                  : html`<form method="post" action="/admin/invitations/${encodeURIComponent(i.id)}/resend">
                        <button type="submit" class="button" aria-label="Resend to ${i.email}">Resend</button>
                      </form>
                      <form method="post" action="/admin/invitations/${encodeURIComponent(i.id)}/revoke">
                        <button type="submit" class="button" aria-label="Revoke the invitation of ${i.email}">Revoke</button>
                      </form>`
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
