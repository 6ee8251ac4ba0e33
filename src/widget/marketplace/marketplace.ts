import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ContextProvider } from '@lit/context';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { ApiElement, states } from '../api/api-element.js';
import { toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { apiContext } from '../contexts.js';
import { emit } from '../events.js';
import { styles } from './marketplace.styles.js';

/** The connect dialog as the marketplace uses it (see connect-dialog.ts). */
interface ConnectDialog extends HTMLElement {
  element: string;
  instance?: Instance;
  show(): Promise<void>;
}

/** The dialog's parts, re-exported as `dialog__<part>` so a page can style the dialog from outside. */
export const DIALOG_PARTS = [
  'dialog',
  'header',
  'logo',
  'title',
  'close-button',
  'body',
  'description',
  'footer',
  'auth-type',
  'form',
  'field',
  'label',
  'input',
  'adornment',
  'password-toggle',
  'help',
  'error',
  'form-error',
  'load-error',
  'retry-button',
  'optional-toggle',
  'cancel-button',
  'submit-button',
  'success',
  'done-button',
] as const;
const dialogExportParts = DIALOG_PARTS.map((p) => `${p}:dialog__${p}`).join(', ');

/** Cards rendered at first and per "Show more": keeps a 1,000-app catalog's first render fast. */
const PAGE_SIZE = 24;

/** A card's status: an instance's own, or none. Also the CSS class that draws it. */
type Status = Instance['status'] | 'not_connected';
const STATUS_TEXT: Record<Status, string> = {
  not_connected: 'Not connected',
  connected: 'Connected',
  needs_attention: 'Needs attention',
};

interface Entry {
  element: CatalogElement;
  /** Lowercased name, description and categories: built at the first search, kept for the next ones. */
  haystack?: string;
}

interface InstanceUi {
  mode: 'view' | 'rename' | 'confirm';
  busy?: boolean;
  message?: string;
  invalid?: boolean;
}

/**
 * The app catalog: a searchable grid of apps with their connection status, a connect dialog, and
 * the connections of each app (rename, reconnect, disconnect).
 *
 * @summary Lets an end user find an app and connect it without leaving the host page.
 *
 * @fires ce-connect - Before the connect dialog opens for `detail.element` (and `detail.instance` when reconnecting). Cancelable: call `preventDefault()` to open your own flow instead.
 * @fires ce-connected - An app was connected (from the dialog); `detail.instance` is the new connection.
 * @fires ce-disconnected - A connection was removed after the user confirmed; `detail.instance`.
 * @fires ce-error - Loading or a change failed; `detail.error` is an `ApiError` (`kind`, `status`, `message`).
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The heading, search, category filter and result count.
 * @csspart heading - The heading (set by the `heading` attribute).
 * @csspart search - The search input.
 * @csspart category-filter - The category select.
 * @csspart count - The result count (announced politely).
 * @csspart grid - The list of cards.
 * @csspart card - One app.
 * @csspart card-logo - The app's logo (or its initials when it has none).
 * @csspart card-name - The app's name.
 * @csspart card-description - The app's description.
 * @csspart card-categories - The app's categories.
 * @csspart card-status - "Not connected", "Connected" or "Needs attention".
 * @csspart connect-button - The Connect button of a card.
 * @csspart manage - The expandable list of an app's connections.
 * @csspart instance - One connection, with rename, reconnect and disconnect.
 * @csspart empty - The "no apps match" state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 * @csspart more-button - "Show N more": renders the next page of cards.
 * @csspart dialog__dialog - Connect dialog: the native `<dialog>`.
 * @csspart dialog__header - Connect dialog: the top bar with logo, title and close button.
 * @csspart dialog__logo - Connect dialog: the app's logo.
 * @csspart dialog__title - Connect dialog: the dialog's heading ("Connect Sandbox ERP").
 * @csspart dialog__close-button - Connect dialog: the × button.
 * @csspart dialog__body - Connect dialog: the scrolling middle part.
 * @csspart dialog__description - Connect dialog: the app's description.
 * @csspart dialog__footer - Connect dialog: the bottom bar with the buttons.
 * @csspart dialog__auth-type - Connect dialog: the sign-in method chooser (a fieldset of radios), shown when there are several.
 * @csspart dialog__form - Connect dialog: the `<form>`.
 * @csspart dialog__field - Connect dialog: one field: label, input, help and error.
 * @csspart dialog__label - Connect dialog: A field's label (or legend).
 * @csspart dialog__input - Connect dialog: A field's input, textarea, select or checkbox.
 * @csspart dialog__adornment - Connect dialog: A prefix or suffix beside an input (e.g. `https://`, `.zendesk.com`).
 * @csspart dialog__password-toggle - Connect dialog: the show/hide button of a password field.
 * @csspart dialog__help - Connect dialog: A field's help text (description, example, help link).
 * @csspart dialog__error - Connect dialog: A field's error message.
 * @csspart dialog__form-error - Connect dialog: the form-level alert.
 * @csspart dialog__load-error - Connect dialog: the error shown when the form could not be loaded, with its retry button.
 * @csspart dialog__retry-button - Connect dialog: reloads after a load error.
 * @csspart dialog__optional-toggle - Connect dialog: the "Show optional fields" button.
 * @csspart dialog__cancel-button - Connect dialog: the Cancel button.
 * @csspart dialog__submit-button - Connect dialog: the Connect button.
 * @csspart dialog__success - Connect dialog: the "connected" message.
 * @csspart dialog__done-button - Connect dialog: the Done button after success.
 *
 * @cssprop [--ce-marketplace-card-min-width=16rem] - Narrowest card before the grid wraps.
 * @cssprop [--ce-marketplace-logo-size=48px] - Logo width and height.
 * @cssprop [--ce-color-primary=#1d4ed8] - Global token: primary buttons, focus rings, initials.
 * @cssprop [--ce-color-on-primary=#ffffff] - Global token: text on primary.
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
    ...states('query', 'category', 'instances', 'refreshing', 'shown', 'instanceUi'),
  };

  /** Limits the catalog to these element keys, comma- or space-separated (e.g. `sandbox-erp, hubspot`). */
  elements = '';

  /** The heading above the catalog; empty hides it. */
  heading = 'Apps';

  // The controller @provide would add, without the decorator's code in the bundle.
  #provider = new ContextProvider(this, { context: apiContext });

  /** The client given to every component inside, rebuilt (never mutated) when the proxy or token changes. */
  protected get providedApi(): ApiClient | undefined {
    return this.#provider.value;
  }

  protected query = '';
  protected category = '';
  /** This tenant's connections; replaced, never mutated. */
  protected instances: readonly Instance[] = [];
  protected refreshing = false;
  /** How many matching cards are rendered; grows a page at each "Show more". */
  protected shown = PAGE_SIZE;
  protected instanceUi: ReadonlyMap<string, InstanceUi> = new Map();

  // Getters, not @query: the same lookups without the decorator's code in the bundle.
  protected get dialog(): ConnectDialog {
    return this.renderRoot.querySelector<ConnectDialog>('ce-connect-dialog')!;
  }
  protected get searchInput(): HTMLInputElement | null {
    return this.renderRoot?.querySelector('.search input') ?? null;
  }

  /** Loads the catalog and this tenant's connections together: a card's status needs both. */
  protected catalog = new Loader(
    this,
    async ([api]) => (api ? Promise.all([api.listElements(), api.listInstances()]) : undefined),
    () => [this.providedApi] as const,
    (error) => emit(this, 'ce-error', { error: toApiError(error) }),
  );

  #entries: Entry[] = [];
  #categories: string[] = [];
  #entriesFrom?: readonly CatalogElement[];
  /** The apps that match the search and category, in catalog order. */
  #matches: CatalogElement[] = [];
  #byKey = new Map<string, Instance[]>();
  #focusAfterUpdate?: string;
  /** The dialog is rendered at the first connect, so the first render of the catalog does not pay for it. */
  #dialogWanted = false;

  /** Own attributes win; inside a host's own provider without `proxy-url`, pass its client on. */
  protected override get api(): ApiClient | undefined {
    return this.ownApi() ?? this.contextApi;
  }

  protected override willUpdate(changed: PropertyValues) {
    const api = this.api;
    if (api !== this.providedApi) this.#provider.setValue(api);

    const [catalog, instances] = this.catalog.value ?? [];
    let entriesChanged = false;
    if (catalog !== this.#entriesFrom || changed.has('elements')) {
      this.#buildEntries(catalog ?? []);
      // The connections arrive with the catalog: one update shows both.
      if (catalog !== this.#entriesFrom && instances) this.instances = instances;
      this.#entriesFrom = catalog;
      entriesChanged = true;
    }
    if (entriesChanged || changed.has('query') || changed.has('category')) {
      this.#filter();
      // A new search starts again from the first page: a keystroke never renders the whole catalog.
      if (!changed.has('shown')) this.shown = PAGE_SIZE;
    }
    if (changed.has('instances')) {
      const byKey = new Map<string, Instance[]>();
      for (const i of this.instances) {
        const list = byKey.get(i.element.key);
        if (list) list.push(i);
        else byKey.set(i.element.key, [i]);
      }
      this.#byKey = byKey;
    }
  }

  protected override updated() {
    const target = this.#focusAfterUpdate;
    if (!target) return;
    this.#focusAfterUpdate = undefined;
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('[data-focus]')) {
      if (el.dataset.focus === target) {
        el.focus();
        return;
      }
    }
  }

  #buildEntries(catalog: readonly CatalogElement[]) {
    const allowed = this.elements.split(/[\s,]+/).filter(Boolean);
    const list = allowed.length ? catalog.filter((e) => allowed.includes(e.key)) : catalog;
    this.#entries = list.map((element) => ({ element }));
    this.#categories = [...new Set(list.flatMap((e) => e.categories))].sort((a, b) => a.localeCompare(b));
  }

  #filter() {
    const terms = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    const category = this.category;
    const matches: CatalogElement[] = [];
    for (const entry of this.#entries) {
      const { element } = entry;
      if (category && !element.categories.includes(category)) continue;
      // No terms: every() is true without building the haystack.
      if (terms.every((t) => (entry.haystack ??= [element.name, element.description, ...element.categories].join('\n').toLowerCase()).includes(t))) {
        matches.push(element);
      }
    }
    this.#matches = matches;
  }

  protected statusOf(key: string): Status {
    const list = this.#byKey.get(key);
    if (!list?.length) return 'not_connected';
    return list.some((i) => i.status === 'needs_attention') ? 'needs_attention' : 'connected';
  }

  /** Fires the cancelable `ce-connect`, then opens the dialog for the element (or to reconnect `instance`). */
  async connect(element: CatalogElement, instance?: Instance): Promise<void> {
    if (!emit(this, 'ce-connect', { element, instance }, true)) return;
    this.#dialogWanted = true;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.dialog;
    dialog.element = element.key;
    dialog.instance = instance;
    await dialog.show();
  }

  /** Reloads the catalog and the connections. */
  async refresh(): Promise<void> {
    await this.catalog.run();
  }

  override render() {
    return html`
      <div part="base" class="base">
        ${this.renderHeader()} ${this.renderBody()}
        ${this.#dialogWanted
          ? html`<ce-connect-dialog exportparts=${dialogExportParts} @ce-connected=${this.#onConnected}></ce-connect-dialog>`
          : nothing}
      </div>
    `;
  }

  protected renderHeader(): TemplateResult {
    const loaded = this.catalog.value && !this.catalog.pending;
    const n = this.#matches.length;
    return html`
      <div part="header" class="header">
        ${this.heading ? html`<h2 part="heading" class="heading">${this.heading}</h2>` : nothing}
        <label class="control search">
          Search apps
          <input
            part="search"
            type="search"
            autocomplete="off"
            .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="control">
          Category
          <select part="category-filter" @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.category === ''}>All categories</option>
            ${this.#categories.map((c) => html`<option .value=${c} ?selected=${this.category === c}>${c}</option>`)}
          </select>
        </label>
        <p part="count" class="count" role="status" aria-live="polite">
          ${loaded ? `${n} ${n === 1 ? 'app' : 'apps'}` : ''}
        </p>
      </div>
    `;
  }

  protected renderBody(): TemplateResult | typeof nothing {
    if (!this.api) {
      return this.renderError('This marketplace is not set up', 'Set its proxy-url attribute to the address of your proxy.', false);
    }
    const catalog = this.catalog;
    if (catalog.error) {
      const error = toApiError(catalog.error);
      const title = error.kind === 'unauthorized' ? 'Session expired' : 'The apps could not be loaded';
      return this.renderError(title, error.message, true);
    }
    if (!catalog.value) return this.renderSkeleton();
    if (this.#entries.length === 0) {
      return html`<div part="empty" class="empty"><p>No apps are available yet.</p></div>`;
    }
    if (this.#matches.length === 0) return this.renderEmpty();
    const busy = catalog.pending || this.refreshing;
    const rest = this.#matches.length - this.shown;
    return html`
      <ul part="grid" class="grid" aria-label="Apps" aria-busy=${busy ? 'true' : 'false'}>
        ${
          // keyed: a card's DOM (an open <details>, a half-typed rename) never passes to another app.
          this.#matches.slice(0, this.shown).map((e) => keyed(e.key, this.renderCard(e)))
        }
      </ul>
      ${rest > 0
        ? html`<div class="more">
            <button part="more-button" type="button" @click=${this.#showMore}>
              Show ${Math.min(rest, PAGE_SIZE)} more (${rest} not shown)
            </button>
          </div>`
        : nothing}
    `;
  }

  /** One static template: nothing to bind while the catalog loads. */
  protected renderSkeleton(): TemplateResult {
    return html`
      <ul part="grid" class="grid" aria-label="Apps" aria-busy="true">
        <li class="card skeleton" aria-hidden="true"></li><li class="card skeleton" aria-hidden="true"></li>
        <li class="card skeleton" aria-hidden="true"></li><li class="card skeleton" aria-hidden="true"></li>
        <li class="card skeleton" aria-hidden="true"></li><li class="card skeleton" aria-hidden="true"></li>
      </ul>
    `;
  }

  protected renderEmpty(): TemplateResult {
    const q = this.query.trim();
    const text = q ? `No apps match “${q}”` : `No apps in “${this.category}”`;
    return html`
      <div part="empty" class="empty">
        <p>${text}${q && this.category ? ` in “${this.category}”` : ''}</p>
        <button type="button" @click=${this.#clearSearch}>Clear search</button>
      </div>
    `;
  }

  protected renderError(title: string, message: string, retry: boolean): TemplateResult {
    return html`
      <div part="error" class="error" role="alert">
        <p class="error-title">${title}</p>
        <p>${message}</p>
        ${retry
          ? html`<button part="retry-button" type="button" @click=${() => this.refresh()}>Retry</button>`
          : nothing}
      </div>
    `;
  }

  protected renderCard(element: CatalogElement): TemplateResult {
    const status = this.statusOf(element.key);
    const instances = this.#byKey.get(element.key) ?? [];
    return html`
      <li part="card" class="card" data-key=${element.key}>
        <div class="card-top">
          ${element.logo
            ? html`<img
                part="card-logo"
                class="logo"
                src=${this.api?.url(element.logo) ?? element.logo}
                alt="${element.name} logo"
                width="48"
                height="48"
                loading="lazy"
                decoding="async"
              />`
            : html`<span part="card-logo" class="logo initials" aria-hidden="true">${initials(element.name)}</span>`}
          <h3 part="card-name" class="name">${element.name}</h3>
        </div>
        <p part="card-description" class="description">${element.description}</p>
        ${element.categories.length
          ? html`<ul part="card-categories" class="categories" aria-label="Categories">
              ${element.categories.map((c) => html`<li>${c}</li>`)}
            </ul>`
          : nothing}
        <div class="card-bottom">
          <p part="card-status" class="status ${status}">${STATUS_TEXT[status]}</p>
          <button
            part="connect-button"
            class="primary"
            type="button"
            aria-label="Connect ${element.name}"
            data-focus="connect:${element.key}"
            @click=${() => this.connect(element)}
          >
            Connect
          </button>
        </div>
        ${instances.length ? this.renderManage(element, instances) : nothing}
      </li>
    `;
  }

  protected renderManage(element: CatalogElement, instances: Instance[]): TemplateResult {
    return html`
      <details part="manage" class="manage">
        <summary data-focus="manage:${element.key}">
          Manage connections (${instances.length})<span class="visually-hidden"> to ${element.name}</span>
        </summary>
        <ul class="instances">
          ${instances.map((i) => keyed(i.id, this.renderInstance(element, i)))}
        </ul>
      </details>
    `;
  }

  protected renderInstance(element: CatalogElement, instance: Instance): TemplateResult {
    const ui = this.instanceUi.get(instance.id) ?? { mode: 'view' };
    const messageId = `msg-${instance.id}`;
    let body: TemplateResult;
    if (ui.mode === 'rename') {
      body = html`
        <form class="rename" novalidate @submit=${(e: SubmitEvent) => this.#rename(e, instance)} @keydown=${(e: KeyboardEvent) => this.#escape(e, instance, 'rename')}>
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
          <button type="button" @click=${() => this.#setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`)}>Cancel</button>
        </form>
      `;
    } else if (ui.mode === 'confirm') {
      const questionId = `confirm-${instance.id}`;
      body = html`
        <div class="confirm" role="group" aria-labelledby=${questionId} @keydown=${(e: KeyboardEvent) => this.#escape(e, instance, 'disconnect')}>
          <p id=${questionId}>Disconnect “${instance.name}” from ${element.name}? The connection and its settings are removed.</p>
          <div class="actions">
            <button class="danger" type="button" ?disabled=${ui.busy} @click=${() => this.#disconnect(element, instance)}>
              Disconnect
            </button>
            <button type="button" data-focus="confirm-cancel:${instance.id}" @click=${() => this.#setUi(instance, { mode: 'view' }, `disconnect-button:${instance.id}`)}>
              Cancel
            </button>
          </div>
        </div>
      `;
    } else {
      body = html`
        <div class="actions">
          <button type="button" aria-label="Rename ${instance.name}" data-focus="rename-button:${instance.id}" @click=${() => this.#setUi(instance, { mode: 'rename' }, `rename:${instance.id}`)}>Rename</button>
          <button type="button" aria-label="Reconnect ${instance.name}" @click=${() => this.connect(element, instance)}>Reconnect</button>
          <button class="danger" type="button" aria-label="Disconnect ${instance.name}" data-focus="disconnect-button:${instance.id}" @click=${() => this.#setUi(instance, { mode: 'confirm' }, `confirm-cancel:${instance.id}`)}>
            Disconnect
          </button>
        </div>
      `;
    }
    return html`
      <li part="instance" class="instance">
        <span class="instance-name">${instance.name}</span>
        <span class="status ${instance.status}">${STATUS_TEXT[instance.status]}${instance.statusMessage ? `: ${instance.statusMessage}` : ''}</span>
        ${body}
        ${ui.message ? html`<p class="message" id=${messageId} role="alert">${ui.message}</p>` : nothing}
      </li>
    `;
  }

  #setUi(instance: Instance, ui: InstanceUi, focus?: string) {
    const next = new Map(this.instanceUi);
    if (ui.mode === 'view' && !ui.message) next.delete(instance.id);
    else next.set(instance.id, ui);
    this.instanceUi = next;
    this.#focusAfterUpdate = focus;
  }

  #escape(e: KeyboardEvent, instance: Instance, back: 'rename' | 'disconnect') {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.#setUi(instance, { mode: 'view' }, `${back}-button:${instance.id}`);
  }

  async #rename(e: SubmitEvent, instance: Instance) {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    const name = input.value.trim();
    if (!name) {
      this.#setUi(instance, { mode: 'rename', invalid: true, message: 'Enter a name for this connection.' }, `rename:${instance.id}`);
      return;
    }
    if (this.instanceUi.get(instance.id)?.busy) return;
    this.#setUi(instance, { mode: 'rename', busy: true });
    try {
      const updated = await this.api!.updateInstance(instance.id, { name });
      this.instances = this.instances.map((i) => (i.id === updated.id ? updated : i));
      this.#setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`);
    } catch (err) {
      const error = toApiError(err);
      this.#setUi(instance, { mode: 'rename', invalid: error.errors.length > 0, message: error.message }, `rename:${instance.id}`);
      emit(this, 'ce-error', { error });
    }
  }

  async #disconnect(element: CatalogElement, instance: Instance) {
    if (this.instanceUi.get(instance.id)?.busy) return;
    this.#setUi(instance, { mode: 'confirm', busy: true });
    try {
      await this.api!.deleteInstance(instance.id);
      this.instances = this.instances.filter((i) => i.id !== instance.id);
      const left = this.instances.some((i) => i.element.key === element.key);
      this.#setUi(instance, { mode: 'view' }, left ? `manage:${element.key}` : `connect:${element.key}`);
      emit(this, 'ce-disconnected', { instance });
    } catch (err) {
      const error = toApiError(err);
      this.#setUi(instance, { mode: 'view', message: error.message }, `disconnect-button:${instance.id}`);
      emit(this, 'ce-error', { error });
    }
  }

  /**
   * A button, not loading on scroll: the end of the list (and what follows it on the page) stays
   * reachable. Focus moves to the first new card so keyboard users continue from there.
   */
  #showMore = () => {
    const next = this.#matches[this.shown];
    this.shown += PAGE_SIZE;
    if (next) this.#focusAfterUpdate = `connect:${next.key}`;
  };

  /** After a connect, the card must turn Connected: reload the connections only. */
  #onConnected = async () => {
    const api = this.api;
    if (!api) return;
    this.refreshing = true;
    try {
      this.instances = await api.listInstances();
    } catch (err) {
      emit(this, 'ce-error', { error: toApiError(err) });
    } finally {
      this.refreshing = false;
    }
  };

  #clearSearch = () => {
    this.query = '';
    this.category = '';
    this.updateComplete.then(() => this.searchInput?.focus());
  };
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
