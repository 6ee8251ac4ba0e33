// The marketplace's card templates: one app, its connections, and each connection's actions. They
// hold no state; the connections controller does.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CatalogElement, Instance } from '../../contract/index.js';
import type { ApiClient } from '../api/client.js';
import { preloadFlow } from '../connect-dialog/flow.js';
import type { Localized } from '../localize.js';
import type { ConnectionsController, Status } from './connections-controller.js';

/** What the card templates read and call. */
export interface CardContext {
  readonly api: ApiClient | undefined;
  /** The marketplace's language: every word on a card comes through it. */
  readonly l10n: Localized;
  readonly connections: ConnectionsController;
  connect(element: CatalogElement, instance?: Instance): unknown;
  /** The host's common resources: each connection offers "Map fields" to them. */
  readonly resources: readonly { name: string }[];
}

export function renderCard(ctx: CardContext, element: CatalogElement): TemplateResult {
  const { l10n } = ctx;
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
                  alt=""
                  width="48"
                  height="48"
                  loading="lazy"
                  decoding="async"
                />`,
              )
            : html`<span part="card-logo" class="logo initials" aria-hidden="true">${initials(element.name)}</span>`
        }
        <h3 part="card-name" class="name" dir="auto">${element.name}</h3>
      </div>
      <p part="card-description" class="description" dir="auto">${element.description}</p>
      ${
        element.categories.length
          ? html`<ul part="card-categories" class="categories" aria-label=${l10n.t('card.categories')}>
              ${element.categories.map((c) => html`<li>${c}</li>`)}
            </ul>`
          : nothing
      }
      ${renderDetails(ctx, element)}
      <div class="card-bottom">
        <p part="card-status" class="status ${status}">${l10n.t(`status.${status}`)}</p>
        ${renderMainAction(ctx, element, instances, status)}
      </div>
      ${
        // keyed: open connections or a half-typed rename never pass to another app's card.
        instances.length ? keyed(element.key, renderManage(ctx, element, instances)) : nothing
      }
    </li>
  `;
}

/**
 * The card's main action follows the app's state: Connect when it has no connection, Manage when
 * all work, Reconnect when one needs the user (Manage beside it). One button whatever the state, so
 * focus stays on it when the state changes (a connect that just succeeded).
 */
function renderMainAction(ctx: CardContext, element: CatalogElement, instances: Instance[], status: Status): TemplateResult {
  const { connections, l10n } = ctx;
  const { key, name } = element;
  const open = String(connections.open.has(key));
  const broken = instances.find((i) => i.status === 'needs_attention');
  const main = status === 'connected' ? 'manage' : broken ? 'reconnect' : 'connect';
  const count = { count: instances.length };
  return html`<div class="actions">
    ${
      broken
        ? html`<button
            part="manage-button"
            type="button"
            aria-label=${l10n.t('card.manage-named', { name })}
            aria-expanded=${open}
            aria-controls="manage-${key}"
            data-focus="manage:${key}"
            @click=${() => connections.toggle(key)}
          >
            ${l10n.t('card.manage-count', count)}
          </button>`
        : nothing
    }
    <button
      part="${main}-button"
      class="primary"
      type="button"
      aria-label=${l10n.t(`card.${main}-named`, { name })}
      aria-expanded=${ifDefined(main === 'manage' ? open : undefined)}
      aria-controls=${ifDefined(main === 'manage' ? `manage-${key}` : undefined)}
      data-focus="${main}:${key}"
      @pointerenter=${preloadFlow}
      @focus=${preloadFlow}
      @click=${() => (main === 'manage' ? connections.toggle(key) : ctx.connect(element, broken))}
    >
      ${l10n.t(main === 'manage' ? 'card.manage-count' : `card.${main}`, count)}
    </button>
  </div>`;
}

/**
 * What an app connects and asks for, before the user connects (see manage.ts): its panel is drawn by
 * the manage module, which the Details button fetches ahead like Connect does.
 */
function renderDetails(ctx: CardContext, element: CatalogElement): TemplateResult {
  const { l10n, connections } = ctx;
  const { key, name } = element;
  const open = connections.details.has(key);
  const render = connections.renderConnections;
  return html`<button
      part="details-button"
      type="button"
      aria-label=${l10n.t('details.toggle-named', { name })}
      aria-expanded=${String(open)}
      aria-controls="details-${key}"
      data-focus="details:${key}"
      @pointerenter=${preloadFlow}
      @focus=${preloadFlow}
      @click=${() => connections.toggleDetails(key)}
    >
      ${l10n.t('details.toggle')}
    </button>
    <div part="details" class="details" id="details-${key}" ?hidden=${!open}>
      ${open ? (render ? render.details(ctx, element) : loading(ctx)) : nothing}
    </div>`;
}

/** A panel whose template is still on its way. */
const loading = (ctx: CardContext) => html`<p role="status">${ctx.l10n.t('card.loading')}</p>`;

/** An app's connections, shown by Manage: drawn by the manage module, which comes with the dialog's chunk. */
function renderManage(ctx: CardContext, element: CatalogElement, instances: Instance[]): TemplateResult {
  const open = ctx.connections.open.has(element.key);
  const render = ctx.connections.renderConnections;
  return html`<div part="manage" class="manage" id="manage-${element.key}" ?hidden=${!open}>
    ${open ? (render ? render(ctx, element, instances) : loading(ctx)) : nothing}
  </div>`;
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
export function focusTarget(root: ParentNode, target: string): boolean {
  for (const el of root.querySelectorAll<HTMLElement>('[data-focus]')) {
    if (el.dataset.focus === target) {
      el.focus();
      return true;
    }
  }
  return false;
}
