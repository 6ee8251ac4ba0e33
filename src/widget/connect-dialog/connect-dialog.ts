import { html, nothing, type PropertyDeclarations } from 'lit';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { ApiElement, states } from '../api/api-element.js';
import { toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { emit, type CloseSource, type StepEventDetail } from '../events.js';
import { reset, tokens } from '../styles/shared.js';
import { styles } from './connect-dialog.styles.js';
import { hasOAuthReturn, loadClaim, loadFlow, type ConnectFlow, type FlowHost } from './flow.js';
import type { OAuthReturn } from './oauth-return.js';

// The CSS parts are listed once, in ./parts.ts; the docs plugin writes them into this element's docs.
/**
 * Connects one app: a modal dialog that loads the app's sign-in methods and renders a form from
 * its configuration metadata, then creates (or, with `instance`, re-authenticates) a connection.
 * Its body comes as a chunk beside the entry, loaded at the first `show()`.
 *
 * @summary A native modal dialog with the connect form of one element.
 *
 * @fires ce-connected - The connection was created or updated; `detail.instance` is the new instance.
 * @fires ce-error - A proxy call failed; `detail.error` is the `ApiError`.
 * @fires ce-close - Before the dialog closes; cancelable; `detail.source` is `close-button`, `escape`, `overlay`, `connected` or `method`.
 * @fires ce-closed - After the dialog closed; same `detail.source`, and `detail.pending` when a connect request was still under way (its `ce-connected` or `ce-error` follows).
 * @fires ce-step - Each step, for a host's analytics: `detail.step` is `opened`, `method`, `submitted`, `succeeded`, `failed` (with `detail.code`) or `closed` (with `detail.source`); `detail.element` is the app's key.
 *
 * @cssprop [--ce-dialog-width=34rem] - Width of the dialog (capped by the viewport).
 * @cssprop [--ce-slow-after=5s] - How long a request runs before the dialog says it is taking longer than usual.
 * @cssprop [--ce-dialog-surface=var(--ce-color-surface)] - Dialog background.
 * @cssprop [--ce-dialog-radius=calc(var(--ce-radius) * 2)] - Dialog corner radius.
 * @cssprop [--ce-dialog-backdrop=rgb(15 23 42 / 0.45)] - The backdrop behind the dialog.
 * @cssprop [--ce-input-background=var(--ce-color-surface)] - Background of inputs.
 * @cssprop [--ce-color-primary=#1d4ed8] - Global token: buttons, links, focus ring.
 * @cssprop [--ce-color-on-primary=white or black] - Global token: text on primary; unset, white or black by the primary's luminance.
 * @cssprop [--ce-color-text=#1f2328] - Global token: text.
 * @cssprop [--ce-color-text-muted=#57606a] - Global token: help text.
 * @cssprop [--ce-color-surface=#ffffff] - Global token: backgrounds.
 * @cssprop [--ce-color-border=#6e7781] - Global token: borders.
 * @cssprop [--ce-color-danger=#b42318] - Global token: errors.
 * @cssprop [--ce-color-success=#1a7f37] - Global token: success.
 * @cssprop [--ce-radius=6px] - Global token: corner radius.
 * @cssprop [--ce-font-family=system-ui] - Global token: font.
 * @cssprop [--ce-space=8px] - Global token: spacing unit.
 */
export class CeConnectDialog extends ApiElement {
  static override styles = [tokens, reset, styles];

  static override properties: PropertyDeclarations = {
    element: {},
    instance: { attribute: false },
    app: { attribute: false },
    ...states('open', 'connected'),
  };

  /** Key of the element (app) to connect, e.g. `sandbox-erp`. */
  element = '';

  /** An existing connection to re-authenticate: the form then updates it instead of creating one. */
  instance?: Instance;

  /** The app as the catalog lists it, when known: its name and logo show while the dialog loads. */
  app?: CatalogElement;

  // Getters, not @query: the same lookup without the decorator's code in the bundle.
  get #dialog(): HTMLDialogElement | null {
    // Lit types renderRoot as set, but it is unset until the element is first connected.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  // The steps: loading (the flow's chunk, then the app) → choose a method → sign in → success.
  protected open = false;
  protected connected?: Instance;

  #trigger?: HTMLElement;
  #closeSource?: CloseSource;
  /** A same-tab sign-in this page is the end of, for the flow of this opening to finish. */
  #resume?: OAuthReturn;
  /** A connect request is under way (the flow says so). */
  #busy = false;

  get #elementKey() {
    return this.element || this.instance?.element.key || '';
  }

  /**
   * The body between loading and success (choose a method, sign in) comes as a chunk; a new flow
   * for each opening, app, instance or language (the app's words come in the dialog's language), with
   * the host lent to it.
   */
  #flow = new Loader(
    this,
    async ([api, key, instance, open]): Promise<{ flow: ConnectFlow; host: FlowHost } | undefined> => {
      this.#flow.value?.flow.dispose();
      if (!open) return undefined;
      // The chunk first, even for a dialog that cannot connect: it brings the words of every later state.
      const create = await loadFlow();
      if (!api || !key) return undefined;
      const host = this.#lend(api, key, instance);
      return { flow: create(host), host };
    },
    () => [this.api, this.#elementKey, this.instance, this.open, this.l10n.locale] as const,
    (error) => this.#reportError(error),
  );

  override connectedCallback() {
    // eslint-disable-next-line wc/guard-super-call -- LitElement implements it
    super.connectedCallback();
    if (hasOAuthReturn()) void this.#claimReturn();
  }

  /** The end of a same-tab sign-in for this app (for any app inside the marketplace): show how it ended. */
  async #claimReturn() {
    const back = (await loadClaim().catch(() => undefined))?.(this.element);
    if (!back) return;
    this.element ||= back.element;
    this.#resume = back;
    await this.show();
  }

  /** Opens the dialog; resolves once it is shown. Focus returns to the current element on close. */
  async show(): Promise<void> {
    if (this.open && this.#dialog?.open) return;
    this.#trigger = deepActiveElement();
    this.connected = undefined;
    this.open = true;
    await this.updateComplete;
    this.#dialog?.showModal();
    this.#step({ step: 'opened' });
  }

  #step(detail: Omit<StepEventDetail, 'element'>) {
    emit(this, 'ce-step', { element: this.#elementKey, instance: this.instance?.id, ...detail });
  }

  /** Closes the dialog (a cancelable `ce-close` with source `method` first); resolves once closed or cancelled. */
  hide(): Promise<void> {
    return this.#requestClose('method');
  }

  #lend(api: ApiClient, elementKey: string, instance: Instance | undefined): FlowHost {
    const updated = () => this.updateComplete;
    const host: FlowHost = {
      api,
      l10n: this.l10n,
      elementKey,
      instance,
      resume: this.#resume,
      // Set once the element is first connected, which an open dialog is.
      renderRoot: this.renderRoot,
      get updateComplete() {
        return updated();
      },
      requestUpdate: () => this.requestUpdate(),
      addController: (c) => this.addController(c),
      removeController: (c) => this.removeController(c),
      connected: (i) => this.#onConnected(i, host),
      reportError: (error) => this.#reportError(error),
      step: (step, method) => this.#step({ step, method }),
      busy: (on) => (this.#busy = on),
      renderLoading: () => this.renderLoading(),
      renderLoadError: (error, retry) => this.renderLoadError(error, retry),
    };
    return host;
  }

  async #onConnected(instance: Instance, host: FlowHost) {
    // A flow left meanwhile shows nothing more, but the page still hears of the connection.
    if (host === this.#flow.value?.host) this.connected = instance;
    emit(this, 'ce-connected', { instance });
    this.#step({ step: 'succeeded', instance: instance.id });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="done-button"]')?.focus();
  }

  async #requestClose(source: CloseSource): Promise<void> {
    const dialog = this.#dialog;
    if (!dialog?.open || !emit(this, 'ce-close', { source }, true)) return;
    this.#closeSource = source;
    dialog.close();
    // `close` fires as a later task; this listener runs after #onNativeClose, which the template added first.
    await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
  }

  /** The native dialog closed (by us, or by the browser's close watcher): report it and restore focus. */
  #onNativeClose = () => {
    const source = this.#closeSource ?? 'escape';
    this.#closeSource = undefined;
    this.#resume = undefined;
    this.open = false;
    // A trigger removed meanwhile ignores focus().
    this.#trigger?.focus();
    this.#trigger = undefined;
    const detail = this.#busy ? { source, pending: true } : { source };
    emit(this, 'ce-closed', detail);
    this.#step({ step: 'closed', ...detail });
  };

  #onCancel = (e: Event) => {
    // Escape: decide ourselves, so `ce-close` can still be cancelled.
    e.preventDefault();
    void this.#requestClose('escape');
  };

  #onDialogClick = (e: MouseEvent) => {
    const dialog = this.#dialog;
    if (!dialog || e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) void this.#requestClose('overlay');
  };

  #reportError(err: unknown) {
    const error = toApiError(err);
    emit(this, 'ce-error', { error });
    this.#step({ step: 'failed', code: error.code });
  }

  override render() {
    // Nothing before the words are here (show() waits for them).
    if (!this.l10n.hasWords) return nothing;
    // eslint-disable-next-line lit-a11y/click-events-have-key-events -- a click on the native <dialog>'s backdrop; Escape already closes it
    return html`<dialog
      part="dialog"
      lang=${this.l10n.locale}
      aria-labelledby="title"
      @cancel=${this.#onCancel}
      @close=${this.#onNativeClose}
      @click=${this.#onDialogClick}
    >
      ${
        this.open
          ? html`<header part="header">
                ${this.renderLogo()}
                <h2 part="title" id="title">${this.renderTitle()}</h2>
                <button
                  part="close-button"
                  type="button"
                  aria-label=${this.l10n.t('dialog.close')}
                  @click=${() => this.#requestClose('close-button')}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </header>
              <div part="body">${this.renderBody()}</div>
              <footer part="footer">${this.renderFooter()}</footer>`
          : nothing
      }
    </dialog>`;
  }

  /** The flow, once its chunk is here. */
  get #currentFlow(): ConnectFlow | undefined {
    return this.#flow.pending ? undefined : this.#flow.value?.flow;
  }

  /** The app: the flow's once loaded, else the catalog's. */
  get #appElement(): CatalogElement | undefined {
    return this.#currentFlow?.element ?? (this.app?.key === this.#elementKey ? this.app : undefined);
  }

  protected renderLogo() {
    const logo = this.#appElement?.logo;
    return logo && this.api ? html`<img part="logo" src=${this.api.url(logo)} alt="" width="32" height="32" />` : nothing;
  }

  protected renderTitle() {
    const name = this.#appElement?.name ?? this.instance?.element.name;
    const { l10n } = this;
    if (this.connected) return l10n.t('dialog.connected-title', { app: name ?? '' });
    const again = Boolean(this.instance);
    if (!name) return l10n.t(again ? 'dialog.reconnect' : 'dialog.connect');
    return l10n.t(again ? 'dialog.reconnect-app' : 'dialog.connect-app', { app: name });
  }

  protected renderBody(): unknown {
    if (this.connected) return this.renderSuccess(this.connected);
    if (this.#flow.error) return this.renderLoadError(this.#flow.error, () => this.#flow.run());
    if (this.#flow.pending) return this.renderLoading();
    // Set-up mistakes of the host page, said plainly rather than an empty dialog (the chunk brought the words).
    const mistake = !this.api ? 'dialog.no-proxy' : !this.#elementKey ? 'dialog.no-element' : undefined;
    if (mistake) return html`<p part="load-error" role="alert">${this.l10n.t(mistake)}</p>`;
    return this.#currentFlow?.render() ?? this.renderLoading();
  }

  protected renderLoading() {
    return html`<div role="status">
      <p>${this.l10n.t('dialog.loading')}</p>
      <p class="slow">${this.l10n.t('slow')}</p>
    </div>`;
  }

  protected renderLoadError(error: unknown, retry: () => unknown) {
    return html`<div part="load-error">
      <p role="alert">${this.l10n.t(`error.${toApiError(error).code}`)}</p>
      <button part="retry-button" type="button" @click=${retry}>${this.l10n.t('dialog.retry')}</button>
    </div>`;
  }

  protected renderSuccess(instance: Instance) {
    // Rendered once the chunk brought these words: only its flow connects.
    const app = this.#appElement?.name ?? instance.element.name;
    const vars = { app: app ?? '', name: instance.name };
    return html`<p part="success" role="status">${this.l10n.t(app ? 'dialog.success' : 'dialog.success-unnamed', vars)}</p>`;
  }

  protected renderFooter() {
    if (this.connected) {
      return html`<button part="done-button" class="primary" type="button" @click=${() => this.#requestClose('connected')}>
        ${this.l10n.t('dialog.done')}
      </button>`;
    }
    return html`<button part="cancel-button" type="button" @click=${() => this.#requestClose('close-button')}>
        ${this.l10n.t('dialog.cancel')}
      </button>
      ${this.#currentFlow?.renderActions()}`;
  }
}

/** The focused element, looking inside shadow roots (the trigger may live in another component). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}
