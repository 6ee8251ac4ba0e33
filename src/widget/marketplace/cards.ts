// The marketplace's card templates: one app, its connections, and each connection's actions. They
// hold no state; the connections controller does.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { preloadFlow, type RenderConnections } from '../connect-dialog/flow.js';
import type { Localized } from '../localize.js';
import type { ConnectionsController } from './connections-controller.js';

/** What the card templates read and call. */
export interface CardContext {
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
                  src=${ctx.connections.api()?.url(element.logo) ?? element.logo}
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
        ${renderMainAction(ctx, element, instances)}
      </div>
      ${
        // keyed: open connections or a half-typed rename never pass to another app's card.
        instances.length
          ? keyed(
              element.key,
              renderPanel(ctx, 'manage', element.key, (render) => render(ctx, element, instances)),
            )
          : nothing
      }
    </li>
  `;
}

/**
 * The card's main action follows the app's state: Connect when it has no connection, Manage when
 * all work, Reconnect when one needs the user (Manage beside it). One button whatever the state, so
 * focus stays on it when the state changes (a connect that just succeeded).
 */
function renderMainAction(ctx: CardContext, element: CatalogElement, instances: Instance[]): TemplateResult {
  const { connections, l10n } = ctx;
  const { key, name } = element;
  const broken = instances.find((i) => i.status === 'needs_attention');
  const main = broken ? 'reconnect' : instances.length ? 'manage' : 'connect';
  const panel = `manage-${key}`;
  // Manage shows or hides the app's connections; Connect and Reconnect open the dialog.
  const button = (action: typeof main, primary?: boolean) => {
    const manage = action === 'manage';
    return html`<button
      part="${action}-button"
      class=${ifDefined(primary ? 'primary' : undefined)}
      type="button"
      aria-label=${l10n.t(`card.${action}-named`, { name })}
      aria-expanded=${ifDefined(manage ? String(connections.open.has(panel)) : undefined)}
      aria-controls=${ifDefined(manage ? panel : undefined)}
      data-focus="${action}:${key}"
      @pointerenter=${preloadFlow}
      @focus=${preloadFlow}
      @click=${() => (manage ? connections.toggle(panel) : ctx.connect(element, broken))}
    >
      ${l10n.t(manage ? 'card.manage-count' : `card.${action}`, { count: instances.length })}
    </button>`;
  };
  return html`<div class="actions">${broken ? button('manage') : nothing}${button(main, true)}</div>`;
}

/**
 * What an app connects and asks for, before the user connects (see manage.ts): its panel is drawn by
 * the manage module, which the Details button fetches ahead like Connect does.
 */
function renderDetails(ctx: CardContext, element: CatalogElement): TemplateResult {
  const { l10n, connections } = ctx;
  const { key, name } = element;
  const id = `details-${key}`;
  return html`<button
      part="details-button"
      type="button"
      aria-label=${l10n.t('details.toggle-named', { name })}
      aria-expanded=${String(connections.open.has(id))}
      aria-controls=${id}
      data-focus="details:${key}"
      @pointerenter=${preloadFlow}
      @focus=${preloadFlow}
      @click=${() => connections.toggle(id)}
    >
      ${l10n.t('details.toggle')}
    </button>
    ${renderPanel(ctx, 'details', key, (render) => render.details(ctx, element))}`;
}

/**
 * A panel its button shows (`details` or `manage`, with the id `<kind>-<key>`), drawn by the manage
 * module, which comes with the dialog's chunk: until it is here the panel says it is loading.
 */
function renderPanel(
  { connections, l10n }: CardContext,
  kind: 'details' | 'manage',
  key: string,
  draw: (render: RenderConnections) => TemplateResult,
): TemplateResult {
  const id = `${kind}-${key}`;
  const open = connections.open.has(id);
  const render = connections.renderConnections;
  return html`<div part=${kind} class=${kind} id=${id} ?hidden=${!open}>
    ${open ? (render ? draw(render) : html`<p role="status">${l10n.t('card.loading')}</p>`) : nothing}
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
