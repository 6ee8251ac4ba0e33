// The marketplace's word on its connections' lifecycle: the banner of connections that need the
// user, and the notice of a connect request that outlived its dialog.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CatalogElement, Instance } from '../../contract/index.js';
import type { CloseEventDetail, ConnectedEventDetail, ErrorEventDetail } from '../events.js';
import { messages, say } from '../messages.js';
import { STATUS_TEXT, type CardContext } from './cards.js';

/**
 * A banner above the cards: each connection that needs the user, with Reconnect (which signs the
 * same connection in again). Only apps of this catalog are named.
 */
export function renderAttention(
  ctx: CardContext,
  elementOf: (key: string) => CatalogElement | undefined,
): TemplateResult | typeof nothing {
  const items: [CatalogElement, Instance][] = [];
  for (const instance of ctx.connections.list) {
    const element = elementOf(instance.element.key);
    if (element && instance.status === 'needs_attention') items.push([element, instance]);
  }
  if (items.length === 0) return nothing;
  const reconnect = messages['card.reconnect'];
  return html`<ul part="attention" class="attention" aria-label=${STATUS_TEXT.needs_attention}>
    ${items.map(
      ([element, instance]) =>
        html`<li>
          <span>${say('attention.banner', { app: element.name })}</span>
          <button
            class="primary"
            type="button"
            aria-label="${reconnect} ${instance.name}"
            @click=${() => ctx.connect(element, instance)}
          >
            ${reconnect}
          </button>
        </li>`,
    )}
  </ul>`;
}

/**
 * Says how a connect request ended when the user closed the dialog before it did: the dialog's
 * `ce-closed` says it was still under way, its `ce-connected` or `ce-error` how it ended.
 */
export class ConnectNotice {
  text = '';
  /** The app of the dialog's latest opening. */
  app = '';
  #waiting = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Listens to the dialog's `ce-closed`, `ce-connected` and `ce-error`. */
  on = (e: CustomEvent<Partial<CloseEventDetail & ErrorEventDetail & ConnectedEventDetail>>) => {
    const app = this.app;
    if (e.type === 'ce-closed') {
      if (!e.detail.pending) return;
      this.#waiting = true;
      this.text = say('notice.pending', { app });
    } else if (this.#waiting) {
      this.#waiting = false;
      const error = e.detail.error;
      this.text = error ? say('notice.failed', { app, reason: error.message }) : say('dialog.connected-title', { app });
    } else return;
    this.host.requestUpdate();
  };
}
