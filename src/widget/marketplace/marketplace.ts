import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { array, object, string } from '../../contract/shape.js';
import { ApiElement, states } from '../api/api-element.js';
import { isSessionError, toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { hasOAuthReturn } from '../connect-dialog/flow.js';
import { exportDialogParts } from '../connect-dialog/parts.js';
import { apiContext } from '../contexts.js';
import { emit, type CloseEventDetail, type ConnectedEventDetail } from '../events.js';
import { ConnectNotice, renderAttention } from './lifecycle.js';
import { focusTarget, renderCard, type CardContext } from './cards.js';
import { ConnectionsController, type Status } from './connections-controller.js';
import { matchesTerm } from './search.js';
import { styles } from './marketplace.styles.js';

/** The connect dialog as the marketplace uses it (see connect-dialog.ts). */
interface ConnectDialog extends HTMLElement {
  element: string;
  instance?: Instance;
  app?: CatalogElement;
  show(): Promise<void>;
}

/** The dialog's parts, re-exported as `dialog__<part>` so a page can style the dialog from outside. */
const dialogExportParts = exportDialogParts('dialog__');

/** Cards rendered at first and per "Show more": keeps a 1,000-app catalog's first render fast. */
const PAGE_SIZE = 24;

interface Entry {
  element: CatalogElement;
  /** Lowercased name, description and categories: built at the first search, kept for the next ones. */
  haystack?: string;
  /** Its words, for the typo-tolerant match. */
  words?: string[];
}

/** The loading state's placeholder cards, the same template each time. */
const SKELETON = Array.from({ length: 6 }, () => html`<li class="card skeleton" aria-hidden="true"></li>`);

/** Apps that need the user come first, then connected ones, then the rest (each in catalog order). */
const STATUS_RANK: Record<Status, number> = { needs_attention: 0, connected: 1, not_connected: 2 };

/**
 * The app catalog: a searchable grid of apps with their connection status, a connect dialog, and
 * the connections of each app (rename, reconnect, disconnect).
 *
 * @summary Lets an end user find an app and connect it without leaving the host page.
 *
 * @fires ce-connect - Before the connect dialog opens for `detail.element` (and `detail.instance` when reconnecting). Cancelable: call `preventDefault()` to open your own flow instead.
 * @fires ce-connected - An app was connected (from the dialog); `detail.instance` is the new connection.
 * @fires ce-disconnected - A connection was removed after the user confirmed; `detail.instance`.
 * @fires ce-error - Loading or a change failed; `detail.error` is an `ApiError` (`code`, `status`, `message`).
 * @fires ce-step - A step of the connect dialog (`opened`, `method`, `submitted`, `succeeded`, `failed`, `closed`), for a host's analytics; see `<ce-connect-dialog>`.
 * @fires ce-request-integration - The user asked for an app the catalog lacks ("Request an integration" when nothing matches); `detail.query` is what they searched for.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The heading, search, category filter and result count.
 * @csspart heading - The heading (set by the `heading` attribute).
 * @csspart search - The search input.
 * @csspart category-filter - The category select.
 * @csspart connected-filter - The "Connected" checkbox: only apps with a connection.
 * @csspart count - The result count (announced politely).
 * @csspart grid - The list of cards.
 * @csspart card - One app.
 * @csspart card-logo - The app's logo (or its initials when it has none).
 * @csspart card-name - The app's name.
 * @csspart card-description - The app's description.
 * @csspart card-categories - The app's categories.
 * @csspart details-button - "Details": shows or hides an app's detail panel.
 * @csspart details - An app's detail panel (shown by its Details button): description, categories, sign-in methods with the scopes each asks for, and a documentation link.
 * @csspart card-status - "Not connected", "Connected" or "Needs attention".
 * @csspart connect-button - The Connect button of an app without a connection.
 * @csspart manage-button - Shows an app's connections: the main action of a connected app.
 * @csspart reconnect-button - The main action of an app whose connection needs attention.
 * @csspart manage - The list of an app's connections, shown by Manage.
 * @csspart instance - One connection: its account, dates and status, with check, rename, reconnect and disconnect.
 * @csspart add-button - "Add another account": connects one more account of the same app.
 * @csspart attention - The banner above the cards naming each connection that needs the user, with Reconnect.
 * @csspart notice - Says how a connect request ended when its dialog was closed before it did.
 * @csspart empty - The "no apps match" state.
 * @csspart request-button - "Request an integration" in the empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart more-button - "Show N more": renders the next page of cards.
 *
 * @cssprop [--ce-marketplace-card-min-width=16rem] - Narrowest card before the grid wraps.
 * @cssprop [--ce-marketplace-logo-size=48px] - Logo width and height.
 * @cssprop [--ce-slow-after=5s] - How long a request runs before the marketplace (and its dialog) says it is taking longer than usual.
 * @cssprop [--ce-marketplace-background=var(--ce-color-surface)] - The marketplace's own surface, behind its heading, filters and cards.
 * @cssprop [--ce-color-primary=#1d4ed8] - Global token: primary buttons, focus rings, initials.
 * @cssprop [--ce-color-on-primary=white or black] - Global token: text on primary; unset, white or black by the primary's luminance.
 * @cssprop [--ce-color-text=#1f2328] - Global token: text.
 * @cssprop [--ce-color-text-muted=#57606a] - Global token: descriptions, the result count, "Not connected".
 * @cssprop [--ce-color-surface=#ffffff] - Global token: cards and inputs.
 * @cssprop [--ce-color-border=#6e7781] - Global token: borders.
 * @cssprop [--ce-color-danger=#b42318] - Global token: errors and the disconnect button.
 * @cssprop [--ce-color-success=#1a7f37] - Global token: "Connected".
 * @cssprop [--ce-color-warning=#9a6700] - Global token: "Needs attention".
 * @cssprop [--ce-radius=6px] - Global token: corner radius.
 * @cssprop [--ce-font-family=system-ui] - Global token: font.
 * @cssprop [--ce-space=8px] - Global token: spacing unit.
 */
export class CeMarketplace extends ApiElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    elements: {},
    heading: {},
    ...states('query', 'category', 'connectedOnly', 'shown'),
  };

  /** Limits the catalog to these element keys, comma- or space-separated (e.g. `sandbox-erp, hubspot`). */
  elements = '';

  /** The heading above the catalog (unset: "Apps" in the element's language); empty hides it. */
  heading?: string;

  /**
   * The client given to every component inside (`.value`), rebuilt (never mutated) when the proxy or
   * token changes: the controller @provide would add, without the decorator's code in the bundle.
   */
  #provider = new ContextProvider(this, { context: apiContext });

  protected query = '';
  protected category = '';
  /** Only apps with a connection. */
  protected connectedOnly = false;
  /** How many matching cards are rendered; grows a page at each "Show more". */
  protected shown = PAGE_SIZE;

  /**
   * Loads the catalog and this tenant's connections together (a card's status needs both); again in
   * a new language (the apps' words come translated).
   */
  #catalog = new Loader(
    this,
    async ([api]) => (api ? Promise.all([api.listElements(), api.listInstances()]) : undefined),
    () => [this.#provider.value, this.l10n.locale] as const,
    (error) => this.#connections.report(error),
  );

  /** A panel has been opened: from then on the host's common resources are wanted. */
  #panelOpened = false;

  /**
   * The names of the host's common resources, which a connection in Manage offers to map (none when
   * the proxy has none or fails): asked for once a panel first opens, not with every page's catalog.
   */
  #resources = new Loader(
    this,
    async ([api, wanted]) =>
      api && wanted ? api.request('GET', '/common-resources', array(object({ name: string() }))).catch(() => []) : undefined,
    () => [this.#provider.value, (this.#panelOpened ||= this.#connections.open.size > 0)] as const,
  );

  #entries: Entry[] = [];
  #categories: string[] = [];
  #entriesFrom?: readonly CatalogElement[];
  /** The apps that match the search and category, in catalog order. */
  #matches: CatalogElement[] = [];
  #focusAfterUpdate?: string;
  #connectionsFrom?: readonly Instance[];

  /** This tenant's connections, and each one's rename and disconnect state. */
  #connections = new ConnectionsController(this, () => this.api);
  /** How a connect request ended when its dialog was closed first. */
  #notice = new ConnectNotice(this);
  /**
   * The dialog is rendered at the first connect, so the first render of the catalog does not pay
   * for it; at once on the return from a same-tab sign-in, which the dialog then finishes.
   */
  #dialogWanted = hasOAuthReturn();
  /** The app whose dialog is open: the cards re-sort as connections change, so focus returns to its card by key. */
  #dialogFor?: string;

  /** Own attributes win; inside a host's own provider without `proxy-url`, pass its client on. */
  protected override get api(): ApiClient | undefined {
    return this.ownApi() ?? this.contextApi;
  }

  protected override willUpdate(changed: PropertyValues) {
    const api = this.api;
    if (api !== this.#provider.value) this.#provider.setValue(api);

    const [catalog, instances] = this.#catalog.value ?? [];
    let entriesChanged = false;
    if (catalog !== this.#entriesFrom || changed.has('elements')) {
      this.#buildEntries(catalog ?? []);
      // The connections arrive with the catalog: one update shows both.
      if (catalog !== this.#entriesFrom && instances) this.#connections.set(instances);
      this.#entriesFrom = catalog;
      entriesChanged = true;
    }
    const connectionsChanged = this.#connections.list !== this.#connectionsFrom;
    this.#connectionsFrom = this.#connections.list;
    // The cards re-sort by status: a focused main action keeps its app, not its place.
    if (connectionsChanged) this.#focusAfterUpdate ??= this.#focusedApp();
    if (entriesChanged || connectionsChanged || changed.has('query') || changed.has('category') || changed.has('connectedOnly')) {
      this.#filter();
      // A new search starts again from the first page: a keystroke never renders the whole catalog.
      if (!changed.has('shown')) this.shown = PAGE_SIZE;
    }
  }

  /** The app whose main action has focus (`data-focus="manage:sandbox-erp"`), if any. */
  #focusedApp(): string | undefined {
    const target = this.shadowRoot?.activeElement?.getAttribute('data-focus');
    return target?.slice(target.indexOf(':') + 1);
  }

  protected override updated() {
    // A card's main action, whichever it is now: Connect, Reconnect or Manage.
    const key = this.#focusAfterUpdate;
    if (key) ['connect', 'reconnect', 'manage'].some((main) => focusTarget(this.renderRoot, `${main}:${key}`));
    this.#focusAfterUpdate = undefined;
  }

  #buildEntries(catalog: readonly CatalogElement[]) {
    const allowed = this.elements.split(/[\s,]+/).filter(Boolean);
    const list = allowed.length ? catalog.filter((e) => allowed.includes(e.key)) : catalog;
    this.#entries = list.map((element) => ({ element }));
    this.#categories = [...new Set(list.flatMap((e) => e.categories))].sort((a, b) => a.localeCompare(b, this.l10n.locale));
  }

  #filter() {
    const terms = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    const { category, connectedOnly } = this;
    const connections = this.#connections;
    const matches: CatalogElement[] = [];
    for (const entry of this.#entries) {
      const { element } = entry;
      if (category && !element.categories.includes(category)) continue;
      if (connectedOnly && connections.statusOf(element.key) === 'not_connected') continue;
      // No terms: every() is true without building the haystack.
      if (
        terms.every((t) => {
          entry.haystack ??= [element.name, element.description, ...element.categories].join('\n').toLowerCase();
          return matchesTerm(t, entry.haystack, (entry.words ??= entry.haystack.split(/[^\p{L}\p{N}]+/u)));
        })
      ) {
        matches.push(element);
      }
    }
    // A stable sort: within each status the catalog's order stays.
    this.#matches = matches.sort((a, b) => STATUS_RANK[connections.statusOf(a.key)] - STATUS_RANK[connections.statusOf(b.key)]);
  }

  /** Fires the cancelable `ce-connect`, then opens the dialog for the element (or to reconnect `instance`). */
  async connect(element: CatalogElement, instance?: Instance): Promise<void> {
    if (!emit(this, 'ce-connect', { element, instance }, true)) return;
    this.#dialogWanted = true;
    this.#dialogFor = element.key;
    this.#notice.app = element.name;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<ConnectDialog>('ce-connect-dialog')!;
    dialog.element = element.key;
    dialog.instance = instance;
    dialog.app = element;
    await dialog.show();
  }

  /** Reloads the catalog and the connections. */
  async refresh(): Promise<void> {
    await this.#catalog.run();
  }

  override render() {
    // Nothing before the words are here: drawing the cards twice, without words then with them, would cost more than the wait.
    if (!this.l10n.hasWords) return nothing;
    return html`
      <div part="base" class="base" lang=${this.l10n.locale}>
        ${this.renderHeader()}
        <p part="notice" class="notice" role="status">${this.#notice.text}</p>
        ${this.renderBody()}
        ${
          this.#dialogWanted
            ? html`<ce-connect-dialog
                exportparts=${dialogExportParts}
                .messages=${this.messages}
                @ce-connected=${(e: CustomEvent<ConnectedEventDetail>) => {
                  this.#notice.on(e);
                  this.#connections.reload();
                }}
                @ce-closed=${(e: CustomEvent<CloseEventDetail>) => {
                  this.#notice.on(e);
                  // After the connections it changed are in, and the cards re-sorted by them.
                  const key = this.#dialogFor;
                  void Promise.resolve(this.#connections.reloading).then(() => {
                    this.#focusAfterUpdate = key;
                    this.requestUpdate();
                  });
                }}
                @ce-error=${this.#notice.on}
              ></ce-connect-dialog>`
            : nothing
        }
      </div>
    `;
  }

  // The options bind .selected, not ?selected: once the user picked a category, only the property moves the select (Clear search).
  protected renderHeader(): TemplateResult {
    const { l10n } = this;
    const loaded = this.#catalog.value && !this.#catalog.pending;
    const heading = this.heading ?? l10n.t('catalog.apps');
    return html`
      <div part="header" class="header">
        ${heading ? html`<h2 part="heading" class="heading">${heading}</h2>` : nothing}
        <label class="control search">
          ${l10n.t('catalog.search')}
          <input
            part="search"
            type="search"
            autocomplete="off"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="control">
          ${l10n.t('catalog.category')}
          <select part="category-filter" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${this.category === ''}>${l10n.t('catalog.all-categories')}</option>
            ${this.#categories.map((c) => html`<option .value=${c} .selected=${this.category === c}>${c}</option>`)}
          </select>
        </label>
        <label class="check">
          <input
            part="connected-filter"
            type="checkbox"
            .checked=${this.connectedOnly}
            @change=${(e: Event) => (this.connectedOnly = (e.target as HTMLInputElement).checked)}
          />
          ${l10n.t('catalog.connected-filter')}
        </label>
        <p part="count" class="count" role="status" aria-live="polite">
          ${loaded ? l10n.plural('catalog.count', this.#matches.length) : ''}
        </p>
      </div>
    `;
  }

  protected renderBody(): TemplateResult | typeof nothing {
    const { l10n } = this;
    const catalog = this.#catalog;
    if (!this.api) return this.renderError(l10n.t('catalog.setup-title'), l10n.t('catalog.setup'), false);
    if (catalog.error) {
      const error = toApiError(catalog.error);
      const title = l10n.t(isSessionError(error) ? 'catalog.session-title' : 'catalog.error-title');
      return this.renderError(title, l10n.t(`error.${error.code}`), true);
    }
    if (!catalog.value) return this.renderSkeleton();
    if (this.#entries.length === 0) {
      return html`<div part="empty" class="empty"><p>${l10n.t('catalog.empty')}</p></div>`;
    }
    if (this.#matches.length === 0) return this.renderEmpty();
    const busy = catalog.pending || this.#connections.reloading;
    const rest = this.#matches.length - this.shown;
    const cards: CardContext = {
      l10n,
      connections: this.#connections,
      connect: (e, i) => this.connect(e, i),
      resources: this.#resources.value ?? [],
    };
    return html`
      ${renderAttention(cards, (key) => this.#entries.find((e) => e.element.key === key)?.element)}
      <ul part="grid" class="grid" aria-label=${l10n.t('catalog.apps')} aria-busy=${busy ? 'true' : 'false'}>
        ${
          // Cards reuse their DOM by position: a search keystroke updates text instead of building
          // cards (half its CPU time). What holds the user's state is keyed to its app (see cards.ts).
          this.#matches.slice(0, this.shown).map((e) => renderCard(cards, e))
        }
      </ul>
      ${
        rest > 0
          ? html`<div class="more">
              <button part="more-button" type="button" @click=${this.#showMore}>
                ${l10n.plural('catalog.more', Math.min(rest, PAGE_SIZE), { rest })}
              </button>
            </div>`
          : nothing
      }
    `;
  }

  /** One template with nothing to bind while the catalog loads; after a while it says it is slow (CSS). */
  protected renderSkeleton(): TemplateResult {
    return html`
      <ul part="grid" class="grid" aria-label=${this.l10n.t('catalog.apps')} aria-busy="true">
        ${SKELETON}
      </ul>
      <p class="slow" role="status">${this.l10n.t('slow')}</p>
    `;
  }

  protected renderEmpty(): TemplateResult {
    const { l10n, category } = this;
    const query = this.query.trim();
    const id = query
      ? category
        ? 'catalog.no-match-in'
        : 'catalog.no-match'
      : category
        ? 'catalog.none-in'
        : 'catalog.none-connected';
    return html`
      <div part="empty" class="empty">
        <p>${l10n.t(id, { query, category })}</p>
        <div class="actions">
          <button type="button" @click=${this.#clearSearch}>${l10n.t('catalog.clear')}</button>
          <button part="request-button" type="button" @click=${() => emit(this, 'ce-request-integration', { query })}>
            ${l10n.t('catalog.request-integration')}
          </button>
        </div>
      </div>
    `;
  }

  protected renderError(title: string, message: string, retry: boolean): TemplateResult {
    return html`
      <div part="error" class="error" role="alert">
        <p class="error-title">${title}</p>
        <p>${message}</p>
        ${retry ? html`<button part="retry-button" type="button" @click=${() => this.refresh()}>${this.l10n.t('catalog.retry')}</button>` : nothing}
      </div>
    `;
  }

  /**
   * A button, not loading on scroll: the end of the list (and what follows it on the page) stays
   * reachable. Focus moves to the first new card so keyboard users continue from there.
   */
  #showMore = () => {
    const next = this.#matches[this.shown];
    this.shown += PAGE_SIZE;
    if (next) this.#focusAfterUpdate = next.key;
  };

  #clearSearch = () => {
    this.query = '';
    this.category = '';
    this.connectedOnly = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('.search input')!.focus());
  };
}
