import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { AuthenticationType, ConfigurationValues, CatalogElement, Instance } from '../../contract/index.js';
import { ApiElement, states } from '../api/api-element.js';
import { toApiError, type ApiError } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { emit, type CloseEventDetail, type CloseSource } from '../events.js';
import { reset, tokens } from '../styles/shared.js';
import { styles } from './connect-dialog.styles.js';
import {
  buildForm,
  initialValues,
  validate,
  validateField,
  visibleFields,
  type FormField,
  type FormModel,
  type RawValue,
  type RawValues,
} from './form-model.js';

interface Meta {
  element: CatalogElement;
  types: AuthenticationType[];
}

/**
 * Connects one app: a modal dialog that loads the app's sign-in methods and renders a form from
 * its configuration metadata, then creates (or, with `instance`, re-authenticates) a connection.
 *
 * @summary A native modal dialog with the connect form of one element.
 *
 * @fires ce-connected - The connection was created or updated; `detail.instance` is the new instance.
 * @fires ce-error - A proxy call failed; `detail.error` is the `ApiError`.
 * @fires close - Before the dialog closes; cancelable; `detail.source` is `close-button`, `escape`, `overlay`, `connected` or `method`.
 * @fires closed - After the dialog closed; same `detail.source`.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The top bar with logo, title and close button.
 * @csspart logo - The app's logo.
 * @csspart title - The dialog's heading ("Connect Sandbox ERP").
 * @csspart close-button - The × button.
 * @csspart body - The scrolling middle part.
 * @csspart description - The app's description.
 * @csspart footer - The bottom bar with the buttons.
 * @csspart auth-type - The sign-in method chooser (a fieldset of radios), shown when there are several.
 * @csspart form - The `<form>`.
 * @csspart field - One field: label, input, help and error.
 * @csspart label - A field's label (or legend).
 * @csspart input - A field's input, textarea, select or checkbox.
 * @csspart adornment - A prefix or suffix beside an input (e.g. `https://`, `.zendesk.com`).
 * @csspart password-toggle - The show/hide button of a password field.
 * @csspart help - A field's help text (description, example, help link).
 * @csspart error - A field's error message.
 * @csspart form-error - The form-level alert.
 * @csspart load-error - The error shown when the form could not be loaded, with its retry button.
 * @csspart retry-button - Reloads after a load error.
 * @csspart optional-toggle - The "Show optional fields" button.
 * @csspart cancel-button - The Cancel button.
 * @csspart submit-button - The Connect button.
 * @csspart success - The "connected" message.
 * @csspart done-button - The Done button after success.
 *
 * @cssprop [--ce-dialog-width=34rem] - Width of the dialog (capped by the viewport).
 * @cssprop [--ce-dialog-surface=var(--ce-color-surface)] - Dialog background.
 * @cssprop [--ce-dialog-radius=calc(var(--ce-radius) * 2)] - Dialog corner radius.
 * @cssprop [--ce-dialog-backdrop=rgb(15 23 42 / 0.45)] - The backdrop behind the dialog.
 * @cssprop [--ce-input-background=var(--ce-color-surface)] - Background of inputs.
 * @cssprop [--ce-color-primary=#1d4ed8] - Global token: buttons, links, focus ring.
 * @cssprop [--ce-color-on-primary=#ffffff] - Global token: text on primary.
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
    ...states('open', 'authType', 'values', 'touched', 'submitted', 'showOptional', 'pending', 'serverErrors', 'formError', 'connected', 'revealed'),
  };

  /** Key of the element (app) to connect, e.g. `sandbox-erp`. */
  element = '';

  /** An existing connection to re-authenticate: the form then updates it instead of creating one. */
  instance?: Instance;

  // Getters, not @query: the same lookup without the decorator's code in the bundle.
  protected get dialogElement(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  protected open = false;
  protected authType = '';
  protected values: RawValues = {};
  protected touched = new Set<string>();
  protected submitted = false;
  protected showOptional = false;
  protected pending = false;
  protected serverErrors: Record<string, string> = {};
  protected formError = '';
  protected connected?: Instance;
  protected revealed = new Set<string>();

  #trigger?: HTMLElement;
  #closeSource?: CloseSource;
  #closing: (() => void)[] = [];
  /** Same values → same Idempotency-Key, so a retry after a network error cannot connect twice. */
  #attempt?: { fingerprint: string; key: string };
  #submitting = false;

  /** Whether the chosen sign-in method is completed by this form (not by a redirect to the provider). */
  protected get formFlow() {
    return this.#meta.value?.types.find((t) => t.type === this.authType)?.flow === 'form';
  }

  protected get elementKey() {
    return this.element || this.instance?.element.key || '';
  }

  #meta = new Loader(
    this,
    async ([api, key, open]): Promise<Meta | undefined> => {
      if (!open || !api || !key) return undefined;
      const [element, types] = await Promise.all([api.getElement(key), api.authenticationTypes(key)]);
      const preferred = this.instance?.authenticationType;
      this.authType =
        types.find((t) => t.type === preferred)?.type ?? (types.find((t) => t.default) ?? types[0])?.type ?? preferred ?? '';
      return { element, types };
    },
    () => [this.api, this.elementKey, this.open] as const,
    (error) => this.#reportError(error),
  );

  #form = new Loader(
    this,
    async ([api, key, type, open]): Promise<FormModel | undefined> => {
      if (!open || !api || !key || !type || !this.formFlow) return undefined;
      const model = buildForm(await api.configuration(key, type));
      this.#resetForm(model);
      return model;
    },
    () => [this.api, this.elementKey, this.authType, this.open, this.#meta.value] as const,
    (error) => this.#reportError(error),
  );

  /** Opens the dialog; resolves once it is shown. Focus returns to the current element on close. */
  async show(): Promise<void> {
    if (this.open && this.dialogElement?.open) return;
    this.#trigger = deepActiveElement();
    this.connected = undefined;
    this.authType = '';
    this.open = true;
    await this.updateComplete;
    this.dialogElement?.showModal();
  }

  /** Closes the dialog (a cancelable `close` with source `method` first); resolves once closed or cancelled. */
  async hide(): Promise<void> {
    await this.#requestClose('method');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // A different app or instance means a fresh form, not the old values.
    if ((changed.has('element') || changed.has('instance')) && this.open) this.authType = '';
  }

  #requestClose(source: CloseSource): Promise<void> {
    const dialog = this.dialogElement;
    if (!dialog?.open) return Promise.resolve();
    if (!emit<CloseEventDetail>(this, 'close', { source }, true)) return Promise.resolve();
    return new Promise((resolve) => {
      this.#closing.push(resolve);
      this.#closeSource = source;
      dialog.close();
    });
  }

  /** The native dialog closed (by us, or by the browser's close watcher): report it and restore focus. */
  #onNativeClose = () => {
    const source = this.#closeSource ?? 'escape';
    this.#closeSource = undefined;
    this.open = false;
    this.pending = false;
    const trigger = this.#trigger;
    this.#trigger = undefined;
    if (trigger?.isConnected) trigger.focus();
    emit<CloseEventDetail>(this, 'closed', { source });
    for (const resolve of this.#closing.splice(0)) resolve();
  };

  #onCancel = (e: Event) => {
    // Escape: decide ourselves, so the `close` event can still be cancelled.
    e.preventDefault();
    void this.#requestClose('escape');
  };

  #onDialogClick = (e: MouseEvent) => {
    const dialog = this.dialogElement;
    if (!dialog || e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    if (!inside) void this.#requestClose('overlay');
  };

  #resetForm(model: FormModel) {
    this.values = initialValues(model, this.instance?.configuration);
    this.touched = new Set();
    this.submitted = false;
    this.showOptional = false;
    this.serverErrors = {};
    this.formError = '';
    this.revealed = new Set();
    this.#attempt = undefined;
  }

  #reportError(error: unknown) {
    emit(this, 'ce-error', { error: toApiError(error) });
  }

  #set(field: FormField, value: RawValue) {
    this.values = { ...this.values, [field.key]: value };
    if (field.key in this.serverErrors) {
      const { [field.key]: _, ...rest } = this.serverErrors;
      this.serverErrors = rest;
    }
  }

  #touch(key: string) {
    if (!this.touched.has(key)) this.touched = new Set(this.touched).add(key);
  }

  /** The message shown beside a field: the proxy's, else ours once the field was left or the form submitted. */
  protected errorFor(field: FormField): string | undefined {
    const server = this.serverErrors[field.key];
    if (server) return server;
    if (!this.submitted && !this.touched.has(field.key)) return undefined;
    return validateField(field, this.values[field.key]);
  }

  #onSubmit = async (e: Event) => {
    e.preventDefault();
    const model = this.#form.value;
    const api = this.api;
    // A synchronous flag, not just render state: a double click must send one request.
    if (this.#submitting || !model || !api) return;
    this.submitted = true;
    this.serverErrors = {};
    this.formError = '';
    const result = validate(model, this.values);
    if (!result.ok) {
      await this.#focusFirstInvalid(model, Object.keys(result.errors));
      return;
    }
    this.#submitting = true;
    this.pending = true;
    const configuration = result.configuration;
    try {
      const instance = this.instance
        ? await api.updateInstance(this.instance.id, { configuration })
        : await api.createInstance(
            { element: { key: this.elementKey }, authenticationType: this.authType, configuration },
            this.#idempotencyKey(configuration),
          );
      this.#attempt = undefined;
      this.connected = instance;
      emit(this, 'ce-connected', { instance });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="done-button"]')?.focus();
    } catch (error) {
      await this.#showSubmitError(model, toApiError(error));
    } finally {
      this.#submitting = false;
      this.pending = false;
    }
  };

  #idempotencyKey(configuration: ConfigurationValues): string {
    const fingerprint = JSON.stringify([this.elementKey, this.authType, configuration]);
    if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { fingerprint, key: crypto.randomUUID() };
    return this.#attempt.key;
  }

  async #showSubmitError(model: FormModel, error: ApiError) {
    this.#reportError(error);
    // A definite answer (4xx) ends this attempt; after a network error or 5xx the same key is reused.
    if (error.kind === 'problem' && error.status < 500) this.#attempt = undefined;
    const visible = new Set(visibleFields(model, this.values).map((f) => f.key));
    const fieldErrors: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const fe of error.errors) {
      if (visible.has(fe.field)) fieldErrors[fe.field] ??= fe.message;
      else unplaced.push(fe.message);
    }
    this.serverErrors = fieldErrors;
    const placed = Object.keys(fieldErrors);
    this.formError = placed.length > 0 && unplaced.length === 0 ? '' : [error.message, ...unplaced].join(' ');
    this.pending = false;
    if (placed.length > 0) await this.#focusFirstInvalid(model, placed);
  }

  async #focusFirstInvalid(model: FormModel, keys: string[]) {
    const invalid = new Set(keys);
    const first = visibleFields(model, this.values).find((f) => invalid.has(f.key));
    if (!first) return;
    if (!first.required) this.showOptional = true;
    await this.updateComplete;
    const index = model.fields.indexOf(first);
    this.renderRoot.querySelector<HTMLElement>(`[data-field="${index}"]`)?.focus();
  }

  override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @cancel=${this.#onCancel}
      @close=${this.#onNativeClose}
      @click=${this.#onDialogClick}
    >
      ${this.open
        ? html`<header part="header">
              ${this.renderLogo()}
              <h2 part="title" id="title">${this.renderTitle()}</h2>
              <button part="close-button" type="button" aria-label="Close" @click=${() => this.#requestClose('close-button')}>
                <span aria-hidden="true">×</span>
              </button>
            </header>
            <div part="body">${this.renderBody()}</div>
            <footer part="footer">${this.renderFooter()}</footer>`
        : nothing}
    </dialog>`;
  }

  protected renderLogo() {
    const logo = this.#meta.value?.element.logo;
    return logo && this.api ? html`<img part="logo" src=${this.api.url(logo)} alt="" width="32" height="32" />` : nothing;
  }

  protected renderTitle() {
    const name = this.#meta.value?.element.name ?? this.instance?.element.name;
    const verb = this.instance ? 'Reconnect' : 'Connect';
    return name ? `${verb} ${name}` : verb;
  }

  protected renderBody(): unknown {
    if (this.connected) return this.renderSuccess(this.connected);
    // Set-up mistakes of the host page, said plainly rather than an empty dialog.
    if (!this.api) {
      return html`<p part="load-error" role="alert">
        No connection service is set up: give this dialog a proxy-url, or place it inside &lt;ce-marketplace&gt;.
      </p>`;
    }
    if (!this.elementKey) return html`<p part="load-error" role="alert">No app is chosen: set the element attribute.</p>`;
    const { error, pending, value: meta } = this.#meta;
    if (error) return this.renderLoadError(error, () => this.#meta.run());
    if (pending || !meta) return this.renderLoading();
    return html`${meta.element.description ? html`<p part="description">${meta.element.description}</p>` : nothing}
      ${this.renderAuthTypes(meta.types)} ${this.renderFormState()}`;
  }

  protected renderLoading() {
    return html`<p role="status">Loading…</p>`;
  }

  protected renderLoadError(error: unknown, retry: () => unknown) {
    return html`<div part="load-error">
      <p role="alert">${toApiError(error).message}</p>
      <button part="retry-button" type="button" @click=${retry}>Retry</button>
    </div>`;
  }

  protected renderAuthTypes(types: AuthenticationType[]) {
    if (types.length === 0) {
      return html`<p role="alert">This app has no sign-in method set up. Contact support.</p>`;
    }
    if (types.length < 2 || this.instance) return nothing;
    return html`<fieldset part="auth-type">
      <legend part="label">Sign in with</legend>
      ${types.map(
        (t) => html`<label class="check">
          <input
            type="radio"
            name="auth-type"
            .value=${t.type}
            .checked=${t.type === this.authType}
            @change=${() => (this.authType = t.type)}
          />
          <span>${t.name}${t.description ? html` <span part="help">${t.description}</span>` : nothing}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  protected renderFormState() {
    if (!this.formFlow) {
      return html`<p role="status">This sign-in method is not available yet. Choose another one or contact support.</p>`;
    }
    const { error, pending, value: model } = this.#form;
    if (error) return this.renderLoadError(error, () => this.#form.run());
    if (pending) return this.renderLoading();
    return model ? this.renderForm(model) : nothing;
  }

  protected renderForm(model: FormModel) {
    const visible = visibleFields(model, this.values);
    const required = visible.filter((f) => f.required);
    const optional = visible.filter((f) => !f.required);
    const field = (f: FormField) => this.renderField(f, model.fields.indexOf(f));
    return html`<form id="form" part="form" novalidate @submit=${this.#onSubmit}>
      ${required.length === 0 && optional.length === 0 ? html`<p>No details are needed. Select Connect to continue.</p>` : nothing}
      ${required.map(field)}
      ${optional.length > 0
        ? html`<div>
              <button
                part="optional-toggle"
                type="button"
                aria-expanded=${this.showOptional ? 'true' : 'false'}
                aria-controls="optional"
                @click=${() => (this.showOptional = !this.showOptional)}
              >
                ${this.showOptional ? 'Hide optional fields' : 'Show optional fields'}
              </button>
            </div>
            <div id="optional" class="optional" ?hidden=${!this.showOptional}>${optional.map(field)}</div>`
        : nothing}
      <div part="form-error" role="alert">${this.formError}</div>
    </form>`;
  }

  /** One field; `index` makes ids (config keys may hold any character). */
  protected renderField(f: FormField, index: number): TemplateResult {
    const id = `f${index}`;
    const error = this.errorFor(f);
    const hasHelp = Boolean(f.description || f.example || f.helpUrl);
    const describedBy =
      [f.prefix && `${id}-prefix`, f.suffix && `${id}-suffix`, hasHelp && `${id}-help`, error && `${id}-error`]
        .filter(Boolean)
        .join(' ') || undefined;
    const invalid = error ? 'true' : undefined;
    const help = hasHelp
      ? html`<p part="help" id="${id}-help">
          ${f.description ? html`<span>${f.description}</span>` : nothing}
          ${f.example ? html`<span>Example: ${f.example}</span>` : nothing}
          ${f.helpUrl
            ? html`<a href=${f.helpUrl} target="_blank" rel="noopener noreferrer"
                >Where do I find this?<span class="visually-hidden"> ${f.name}, opens in a new tab</span></a
              >`
            : nothing}
        </p>`
      : nothing;
    const errorText = error ? html`<p part="error" id="${id}-error">${error}</p>` : nothing;
    const requiredMark = f.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;

    if (f.control === 'checkbox') {
      return html`<div part="field">
        <label part="label" class="check">
          <input
            part="input"
            type="checkbox"
            id=${id}
            data-field=${index}
            .checked=${this.values[f.key] === true}
            aria-describedby=${ifDefined(describedBy)}
            aria-invalid=${ifDefined(invalid)}
            @change=${(e: Event) => this.#set(f, (e.target as HTMLInputElement).checked)}
            @blur=${() => this.#touch(f.key)}
          />
          <span>${f.name}</span>
        </label>
        ${help} ${errorText}
      </div>`;
    }

    if (f.control === 'checkboxes') {
      const chosen = Array.isArray(this.values[f.key]) ? (this.values[f.key] as string[]) : [];
      return html`<fieldset
        part="field"
        aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${ifDefined(invalid)}
        @focusout=${() => this.#touch(f.key)}
      >
        <legend part="label">${f.name}${requiredMark}</legend>
        ${f.options.map(
          (o, i) => html`<label class="check">
            <input
              part="input"
              type="checkbox"
              data-field=${ifDefined(i === 0 ? index : undefined)}
              .checked=${chosen.includes(o.value)}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                this.#set(f, on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value));
              }}
            />
            <span>${o.description || o.value}</span>
          </label>`,
        )}
        ${help} ${errorText}
      </fieldset>`;
    }

    return html`<div part="field">
      <label part="label" for=${id}>${f.name}${requiredMark}</label>
      <div class="control ${error ? 'invalid' : ''}">
        ${f.prefix ? html`<span part="adornment" id="${id}-prefix">${f.prefix}</span>` : nothing}
        ${this.renderInput(f, id, index, describedBy, invalid)}
        ${f.suffix ? html`<span part="adornment" id="${id}-suffix">${f.suffix}</span>` : nothing}
        ${f.control === 'password'
          ? html`<button
              part="password-toggle"
              type="button"
              aria-label="Show ${f.name}"
              aria-controls=${id}
              aria-pressed=${this.revealed.has(f.key) ? 'true' : 'false'}
              @click=${() => this.#toggleReveal(f.key)}
            >
              Show
            </button>`
          : nothing}
      </div>
      ${help} ${errorText}
    </div>`;
  }

  protected renderInput(f: FormField, id: string, index: number, describedBy?: string, invalid?: string) {
    const value = typeof this.values[f.key] === 'string' ? (this.values[f.key] as string) : '';
    const onInput = (e: Event) => this.#set(f, (e.target as HTMLInputElement).value);
    const onBlur = () => this.#touch(f.key);
    if (f.control === 'select') {
      return html`<select
        part="input"
        id=${id}
        data-field=${index}
        ?required=${f.required}
        aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${ifDefined(invalid)}
        @change=${onInput}
        @blur=${onBlur}
      >
        <option value="" ?selected=${value === ''}>Choose…</option>
        ${f.options.map((o) => html`<option .value=${o.value} ?selected=${o.value === value}>${o.description || o.value}</option>`)}
      </select>`;
    }
    if (f.control === 'textarea') {
      return html`<textarea
        part="input"
        id=${id}
        data-field=${index}
        maxlength=${f.maxLength}
        placeholder=${ifDefined(f.placeholder)}
        ?required=${f.required}
        aria-describedby=${ifDefined(describedBy)}
        aria-invalid=${ifDefined(invalid)}
        .value=${value}
        @input=${onInput}
        @blur=${onBlur}
      ></textarea>`;
    }
    // NUMBER uses a text box with a numeric keyboard: a number input would hide what was typed wrong.
    const type =
      f.control === 'password' ? (this.revealed.has(f.key) ? 'text' : 'password')
      : f.control === 'url' ? 'url'
      : f.control === 'email' ? 'email'
      : 'text';
    return html`<input
      part="input"
      id=${id}
      data-field=${index}
      type=${type}
      inputmode=${ifDefined(f.control === 'number' ? 'decimal' : undefined)}
      maxlength=${ifDefined(f.control === 'number' ? undefined : f.maxLength)}
      placeholder=${ifDefined(f.placeholder)}
      autocomplete=${f.control === 'password' ? 'new-password' : 'off'}
      spellcheck="false"
      ?required=${f.required}
      aria-describedby=${ifDefined(describedBy)}
      aria-invalid=${ifDefined(invalid)}
      .value=${value}
      @input=${onInput}
      @blur=${onBlur}
    />`;
  }

  #toggleReveal(key: string) {
    const next = new Set(this.revealed);
    if (!next.delete(key)) next.add(key);
    this.revealed = next;
  }

  protected renderSuccess(instance: Instance) {
    const name = this.#meta.value?.element.name ?? instance.element.name ?? 'The app';
    return html`<p part="success" role="status">${name} is connected as “${instance.name}”.</p>`;
  }

  protected renderFooter() {
    if (this.connected) {
      return html`<button part="done-button" class="primary" type="button" @click=${() => this.#requestClose('connected')}>Done</button>`;
    }
    const ready = this.#form.value && this.formFlow;
    return html`<button part="cancel-button" type="button" @click=${() => this.#requestClose('close-button')}>Cancel</button>
      ${ready
        ? html`<button
            part="submit-button"
            class="primary"
            type="submit"
            form="form"
            ?disabled=${this.pending}
            aria-busy=${this.pending ? 'true' : 'false'}
          >
            ${this.pending ? 'Connecting…' : this.instance ? 'Reconnect' : 'Connect'}
          </button>`
        : nothing}`;
  }
}

/** The focused element, looking inside shadow roots (the trigger may live in another component). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}
