// The marketplace's word on its connections' lifecycle: the banner of connections that need the
// user, and the notice of a connect request that outlived its dialog.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CatalogElement, Instance } from '../../contract/index.js';
import type { CloseEventDetail, ConnectedEventDetail, ErrorEventDetail } from '../events.js';
import type { Localized } from '../localize.js';
import type { CardContext } from './cards.js';

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
  const { l10n } = ctx;
  return html`<ul part="attention" class="attention" aria-label=${l10n.t('status.needs_attention')}>
    ${items.map(
      ([element, instance]) =>
        html`<li>
          <span>${l10n.t('attention.banner', { app: element.name })}</span>
          <button
            class="primary"
            type="button"
            aria-label=${l10n.t('card.reconnect-named', { name: instance.name })}
            @click=${() => ctx.connect(element, instance)}
          >
            ${l10n.t('card.reconnect')}
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

  constructor(private readonly host: ReactiveControllerHost & { l10n: Localized }) {}

  /** Listens to the dialog's `ce-closed`, `ce-connected` and `ce-error`. */
  on = (e: CustomEvent<Partial<CloseEventDetail & ErrorEventDetail & ConnectedEventDetail>>) => {
    const { app } = this;
    const { l10n } = this.host;
    if (e.type === 'ce-closed') {
      if (!e.detail.pending) return;
      this.#waiting = true;
      this.text = l10n.t('notice.pending', { app });
    } else if (this.#waiting) {
      this.#waiting = false;
      const error = e.detail.error;
      this.text = error
        ? l10n.t('notice.failed', { app, reason: l10n.t(`error.${error.code}`) })
        : l10n.t('dialog.connected-title', { app });
    } else return;
    this.host.requestUpdate();
  };
}
