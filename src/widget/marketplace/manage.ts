// An app's connections in its Manage panel: each one's account, dates and status, with check,
// rename, reconnect and disconnect. It comes with the dialog's chunk (connect-flow.ts), fetched
// ahead when Manage is hovered or focused, so the catalog's entry does not carry it.
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { InstanceCheckShape, type CatalogElement, type Instance } from '../../contract/index.js';
import { knownCode, type ApiError } from '../api/client.js';
import { preloadFlow } from '../connect-dialog/flow.js';
import { emit } from '../events.js';
import type { Localized } from '../localize.js';
import type { CardContext } from './cards.js';
import type { ConnectionsController } from './connections-controller.js';

/**
 * The inside of an app's Manage panel: its connections, then "Add another account". It carries the
 * Details panel's template too (`.details`), the other panel a card shows only after a click.
 */
export const renderConnections = Object.assign(renderManage, { details: renderDetails });

function renderManage(ctx: CardContext, element: CatalogElement, instances: Instance[]): TemplateResult {
  return html`<ul class="instances" aria-label=${ctx.l10n.t('instance.list', { app: element.name })}>
      ${instances.map((i) => keyed(i.id, renderInstance(ctx, element, i)))}
    </ul>
    <button part="add-button" type="button" @pointerenter=${preloadFlow} @focus=${preloadFlow} @click=${() => ctx.connect(element)}>
      ${ctx.l10n.t('card.add')}
    </button>`;
}

/** An app's detail panel: the full description, its categories, each sign-in method with the scopes it asks for, and the vendor's documentation. */
function renderDetails({ l10n }: CardContext, element: CatalogElement): TemplateResult {
  const { categories, docsUrl } = element;
  return html`<p dir="auto">${element.description}</p>
    ${categories.length ? html`<p>${l10n.list(categories, 'unit')}</p>` : nothing}
    <ul aria-label=${l10n.t('details.methods')}>
      ${(element.methods ?? []).map(
        (m) =>
          html`<li>
            ${m.name}${m.scopes ? html`<br />${l10n.t('details.scopes', { scopes: l10n.list(m.scopes, 'unit') })}` : nothing}
          </li>`,
      )}
    </ul>
    ${docsUrl ? html`<a href=${docsUrl} target="_blank" rel="noopener">${l10n.t('details.docs')}</a>` : nothing}`;
}

function renderInstance(ctx: CardContext, element: CatalogElement, instance: Instance): TemplateResult {
  const { l10n } = ctx;
  const ui = ctx.connections.ui(instance);
  const messageId = `msg-${instance.id}`;
  const body =
    ui.mode === 'rename'
      ? renameForm(ctx, instance, messageId)
      : ui.mode === 'confirm'
        ? confirmDisconnect(ctx, element, instance)
        : actions(ctx, element, instance, ui.mode === 'map');
  const reason = reasonText(l10n, instance);
  const status = l10n.t(`status.${instance.status}`);
  const when = (iso: string) => l10n.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
  return html`
    <li part="instance" class="instance">
      <span class="instance-name">${instance.name}</span>
      ${instance.identity ? html`<span class="identity">${instance.identity}</span>` : nothing}
      <span class="status ${instance.status}">${reason ? l10n.t('instance.status-reason', { status, reason }) : status}</span>
      <span class="dates"
        >${l10n.t('instance.connected', { date: when(instance.createdDate) })} ·
        ${instance.checkedAt ? l10n.t('instance.checked', { date: when(instance.checkedAt) }) : l10n.t('instance.unchecked')}</span
      >
      ${body}
      ${ui.message ? html`<p class="message ${ui.ok ? 'ok' : ''}" id=${messageId} role=${ui.ok ? 'status' : 'alert'}>${ui.message}</p>` : nothing}
    </li>
  `;
}

function renameForm({ connections, l10n }: CardContext, instance: Instance, messageId: string): TemplateResult {
  const ui = connections.ui(instance);
  return html`
    <form
      class="rename"
      novalidate
      @submit=${(e: SubmitEvent) => rename(connections, e, instance)}
      @keydown=${(e: KeyboardEvent) => escape(connections, e, instance, 'rename')}
    >
      <label class="control">
        ${l10n.t('instance.new-name')}
        <input
          name="name"
          maxlength="100"
          .value=${instance.name}
          data-focus="rename:${instance.id}"
          aria-invalid=${ui.invalid ? 'true' : 'false'}
          aria-describedby=${ui.message ? messageId : nothing}
        />
      </label>
      <button class="primary" ?disabled=${ui.busy}>${l10n.t('instance.save')}</button>
      <button type="button" @click=${() => connections.setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`)}>
        ${l10n.t('instance.cancel')}
      </button>
    </form>
  `;
}

function confirmDisconnect({ connections, l10n }: CardContext, element: CatalogElement, instance: Instance): TemplateResult {
  const questionId = `confirm-${instance.id}`;
  return html`
    <div
      class="confirm"
      role="group"
      aria-labelledby=${questionId}
      @keydown=${(e: KeyboardEvent) => escape(connections, e, instance, 'disconnect')}
    >
      <p id=${questionId}>${l10n.t('instance.disconnect-confirm', { name: instance.name, app: element.name })}</p>
      <div class="actions">
        <button
          class="danger"
          type="button"
          ?disabled=${connections.ui(instance).busy}
          @click=${() => disconnect(connections, element, instance)}
        >
          ${l10n.t('instance.disconnect')}
        </button>
        <button
          type="button"
          data-focus="confirm-cancel:${instance.id}"
          @click=${() => connections.setUi(instance, { mode: 'view' }, `disconnect-button:${instance.id}`)}
        >
          ${l10n.t('instance.cancel')}
        </button>
      </div>
    </div>
  `;
}

function actions(ctx: CardContext, element: CatalogElement, instance: Instance, mapping: boolean): TemplateResult {
  const { connections, l10n } = ctx;
  const name = { name: instance.name };
  return html`
    <div class="actions">
      ${
        ctx.resources.length
          ? html`<button
              type="button"
              aria-label=${l10n.t('mapper.map-fields-named', name)}
              aria-expanded=${mapping}
              @click=${() => connections.setUi(instance, { mode: mapping ? 'view' : 'map' })}
            >
              ${l10n.t('mapper.map-fields')}
            </button>`
          : nothing
      }
      <button
        type="button"
        aria-label=${l10n.t('instance.check-named', name)}
        ?disabled=${connections.ui(instance).busy}
        @click=${() => check(connections, instance)}
      >
        ${l10n.t('instance.check')}
      </button>
      <button
        type="button"
        aria-label=${l10n.t('instance.rename-named', name)}
        data-focus="rename-button:${instance.id}"
        @click=${() => connections.setUi(instance, { mode: 'rename' }, `rename:${instance.id}`)}
      >
        ${l10n.t('instance.rename')}
      </button>
      <button
        type="button"
        aria-label=${l10n.t('card.reconnect-named', name)}
        @pointerenter=${preloadFlow}
        @focus=${preloadFlow}
        @click=${() => ctx.connect(element, instance)}
      >
        ${l10n.t('card.reconnect')}
      </button>
      <button
        class="danger"
        type="button"
        aria-label=${l10n.t('instance.disconnect-named', name)}
        data-focus="disconnect-button:${instance.id}"
        @click=${() => connections.setUi(instance, { mode: 'confirm' }, `confirm-cancel:${instance.id}`)}
      >
        ${l10n.t('instance.disconnect')}
      </button>
    </div>
    ${mapping ? ctx.resources.map((r) => html`<ce-field-mapper instance=${instance.id} resource=${r.name}></ce-field-mapper>`) : nothing}
  `;
}

/** An error in the widget's words, in the marketplace's language (an ApiError's own message is English). */
const words = (c: ConnectionsController, error: ApiError) => c.host.l10n.t(`error.${error.code}`);

/** Escape leaves the rename form or the confirmation, back to the button that opened it. */
function escape(c: ConnectionsController, e: KeyboardEvent, instance: Instance, back: 'rename' | 'disconnect') {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  c.setUi(instance, { mode: 'view' }, `${back}-button:${instance.id}`);
}

async function rename(c: ConnectionsController, e: SubmitEvent, instance: Instance) {
  e.preventDefault();
  const input = (e.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
  const name = input.value.trim();
  if (!name) {
    c.setUi(instance, { mode: 'rename', invalid: true, message: c.host.l10n.t('instance.name-required') }, `rename:${instance.id}`);
    return;
  }
  c.setUi(instance, { mode: 'rename', busy: true });
  try {
    const updated = await c.api()!.updateInstance(instance.id, { name });
    c.set(c.list.map((i) => (i.id === updated.id ? updated : i)));
    c.setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`);
  } catch (err) {
    const error = c.report(err);
    // The proxy's word on the name itself stands beside it (in the request's language); anything else in the widget's words.
    const fieldError = error.errors.find((fe) => fe.field === 'name')?.message;
    c.setUi(
      instance,
      { mode: 'rename', invalid: Boolean(fieldError), message: fieldError ?? words(c, error) },
      `rename:${instance.id}`,
    );
  }
}

async function disconnect(c: ConnectionsController, element: CatalogElement, instance: Instance) {
  c.setUi(instance, { mode: 'confirm', busy: true });
  try {
    await c.api()!.deleteInstance(instance.id);
    c.set(c.list.filter((i) => i.id !== instance.id));
    const left = c.list.some((i) => i.element.key === element.key);
    c.setUi(instance, { mode: 'view' }, left ? `manage:${element.key}` : `connect:${element.key}`);
    emit(c.host, 'ce-disconnected', { instance });
  } catch (err) {
    c.setUi(instance, { mode: 'view', message: words(c, c.report(err)) }, `disconnect-button:${instance.id}`);
  }
}

/** Re-runs the app's check of the stored credentials and shows the outcome on the connection. */
async function check(c: ConnectionsController, instance: Instance) {
  c.setUi(instance, { mode: 'view', busy: true });
  try {
    const result = await c.api()!.request('POST', `/instances/${encodeURIComponent(instance.id)}/check`, InstanceCheckShape);
    // A reason the answer leaves out is gone.
    const updated: Instance = { ...instance, statusReason: undefined, ...result };
    c.set(c.list.map((i) => (i.id === updated.id ? updated : i)));
    const ok = updated.status === 'connected' && !updated.statusReason;
    c.setUi(instance, { mode: 'view', ok, message: ok ? c.host.l10n.t('instance.check-ok') : reasonText(c.host.l10n, updated) });
  } catch (err) {
    c.setUi(instance, { mode: 'view', message: words(c, c.report(err)) });
  }
}

/** Why a connection needs attention (or why its last check could not decide), in the widget's words: never the app's. */
function reasonText(l10n: Localized, instance: Instance): string {
  const reason = instance.statusReason;
  if (instance.status === 'needs_attention') {
    return l10n.t(reason === 'address_refused' || reason === 'validation_failed' ? 'attention.settings' : 'attention.sign-in');
  }
  return reason ? l10n.t(`error.${knownCode(reason)}`) : '';
}
