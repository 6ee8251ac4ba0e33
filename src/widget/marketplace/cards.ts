// The marketplace's card templates: one app, its connections, and each connection's actions. They
// hold no state; the connections controller does.
import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CatalogElement, Instance } from '../../contract/index.js';
import type { ApiClient } from '../api/client.js';
import { preloadFlow } from '../connect-dialog/flow.js';
import type { ConnectionsController, Status } from './connections-controller.js';
import { messages } from '../messages.js';

/** What the card templates read and call. */
export interface CardContext {
  readonly api: ApiClient | undefined;
  readonly connections: ConnectionsController;
  connect(element: CatalogElement, instance?: Instance): unknown;
  /** The host's common resources: each connection offers "Map fields" to them. */
  readonly resources: readonly { name: string }[];
}

const STATUS_TEXT: Record<Status, string> = {
  not_connected: 'Not connected',
  connected: 'Connected',
  needs_attention: 'Needs attention',
};

export function renderCard(ctx: CardContext, element: CatalogElement): TemplateResult {
  const status = ctx.connections.statusOf(element.key);
  const instances = ctx.connections.of(element.key);
  return html`
    <li part="card" class="card" data-key=${element.key}>
      <div class="card-top">
        ${
          element.logo
            ? // keyed: a card reused for another app never shows the previous app's picture while its own loads.
              keyed(
                element.key,
                html`<img
                  part="card-logo"
                  class="logo"
                  src=${ctx.api?.url(element.logo) ?? element.logo}
                  alt="${element.name} logo"
                  width="48"
                  height="48"
                  loading="lazy"
                  decoding="async"
                />`,
              )
            : html`<span part="card-logo" class="logo initials" aria-hidden="true">${initials(element.name)}</span>`
        }
        <h3 part="card-name" class="name">${element.name}</h3>
      </div>
      <p part="card-description" class="description">${element.description}</p>
      ${
        element.categories.length
          ? html`<ul part="card-categories" class="categories" aria-label="Categories">
              ${element.categories.map((c) => html`<li>${c}</li>`)}
            </ul>`
          : nothing
      }
      <div class="card-bottom">
        <p part="card-status" class="status ${status}">${STATUS_TEXT[status]}</p>
        <button
          part="connect-button"
          class="primary"
          type="button"
          aria-label="Connect ${element.name}"
          data-focus="connect:${element.key}"
          @pointerenter=${preloadFlow}
          @focus=${preloadFlow}
          @click=${() => ctx.connect(element)}
        >
          Connect
        </button>
      </div>
      ${
        // keyed: an open list of connections or a half-typed rename never passes to another app's card.
        instances.length ? keyed(element.key, renderManage(ctx, element, instances)) : nothing
      }
    </li>
  `;
}

function renderManage(ctx: CardContext, element: CatalogElement, instances: Instance[]): TemplateResult {
  return html`
    <details part="manage" class="manage">
      <summary data-focus="manage:${element.key}">
        Manage connections (${instances.length})<span class="visually-hidden"> to ${element.name}</span>
      </summary>
      <ul class="instances">
        ${instances.map((i) => keyed(i.id, renderInstance(ctx, element, i)))}
      </ul>
    </details>
  `;
}

function renderInstance(ctx: CardContext, element: CatalogElement, instance: Instance): TemplateResult {
  const ui = ctx.connections.ui(instance);
  const messageId = `msg-${instance.id}`;
  const body =
    ui.mode === 'rename'
      ? renameForm(ctx, instance, messageId)
      : ui.mode === 'confirm'
        ? confirmDisconnect(ctx, element, instance)
        : actions(ctx, element, instance, ui.mode === 'map');
  return html`
    <li part="instance" class="instance">
      <span class="instance-name">${instance.name}</span>
      <span class="status ${instance.status}"
        >${STATUS_TEXT[instance.status]}${instance.statusMessage ? `: ${instance.statusMessage}` : ''}</span
      >
      ${body} ${ui.message ? html`<p class="message" id=${messageId} role="alert">${ui.message}</p>` : nothing}
    </li>
  `;
}

function renameForm({ connections }: CardContext, instance: Instance, messageId: string): TemplateResult {
  const ui = connections.ui(instance);
  return html`
    <form
      class="rename"
      novalidate
      @submit=${(e: SubmitEvent) => connections.rename(e, instance)}
      @keydown=${(e: KeyboardEvent) => connections.escape(e, instance, 'rename')}
    >
      <label class="control">
        New name
        <input
          name="name"
          maxlength="100"
          .value=${instance.name}
          data-focus="rename:${instance.id}"
          aria-invalid=${ui.invalid ? 'true' : 'false'}
          aria-describedby=${ui.message ? messageId : nothing}
        />
      </label>
      <button class="primary" ?disabled=${ui.busy}>Save</button>
      <button type="button" @click=${() => connections.setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`)}>
        Cancel
      </button>
    </form>
  `;
}

function confirmDisconnect({ connections }: CardContext, element: CatalogElement, instance: Instance): TemplateResult {
  const questionId = `confirm-${instance.id}`;
  return html`
    <div
      class="confirm"
      role="group"
      aria-labelledby=${questionId}
      @keydown=${(e: KeyboardEvent) => connections.escape(e, instance, 'disconnect')}
    >
      <p id=${questionId}>Disconnect “${instance.name}” from ${element.name}? The connection and its settings are removed.</p>
      <div class="actions">
        <button
          class="danger"
          type="button"
          ?disabled=${connections.ui(instance).busy}
          @click=${() => connections.disconnect(element, instance)}
        >
          Disconnect
        </button>
        <button
          type="button"
          data-focus="confirm-cancel:${instance.id}"
          @click=${() => connections.setUi(instance, { mode: 'view' }, `disconnect-button:${instance.id}`)}
        >
          Cancel
        </button>
      </div>
    </div>
  `;
}

function actions(ctx: CardContext, element: CatalogElement, instance: Instance, mapping: boolean): TemplateResult {
  const { connections } = ctx;
  return html`
    <div class="actions">
      ${
        ctx.resources.length
          ? html`<button
              type="button"
              aria-label="${messages['mapper.map-fields']}: ${instance.name}"
              aria-expanded=${mapping}
              @click=${() => connections.setUi(instance, { mode: mapping ? 'view' : 'map' })}
            >
              ${messages['mapper.map-fields']}
            </button>`
          : nothing
      }
      <button
        type="button"
        aria-label="Rename ${instance.name}"
        data-focus="rename-button:${instance.id}"
        @click=${() => connections.setUi(instance, { mode: 'rename' }, `rename:${instance.id}`)}
      >
        Rename
      </button>
      <button
        type="button"
        aria-label="Reconnect ${instance.name}"
        @pointerenter=${preloadFlow}
        @focus=${preloadFlow}
        @click=${() => ctx.connect(element, instance)}
      >
        Reconnect
      </button>
      <button
        class="danger"
        type="button"
        aria-label="Disconnect ${instance.name}"
        data-focus="disconnect-button:${instance.id}"
        @click=${() => connections.setUi(instance, { mode: 'confirm' }, `confirm-cancel:${instance.id}`)}
      >
        Disconnect
      </button>
    </div>
    ${mapping ? ctx.resources.map((r) => html`<ce-field-mapper instance=${instance.id} resource=${r.name}></ce-field-mapper>`) : nothing}
  `;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/** Focuses the element whose `data-focus` is `target` (buttons and fields name themselves so across renders). */
export function focusTarget(root: ParentNode, target: string) {
  for (const el of root.querySelectorAll<HTMLElement>('[data-focus]')) {
    if (el.dataset.focus === target) {
      el.focus();
      return;
    }
  }
}
