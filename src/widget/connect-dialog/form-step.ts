// The "sign in" step of `flow: 'form'` methods, in the dialog's chunk: loads the method's
// configuration, renders the form from it, validates as the user goes, and creates (or, with an
// instance, re-authenticates) the connection.
import { html, nothing, type TemplateResult } from 'lit';
import type { AuthenticationType, ConfigurationValues, Instance } from '../../contract/index.js';
import { isTransient, toApiError, type ApiError } from '../api/client.js';
import { renderField, type FieldState } from './fields.js';
import type { FlowHost } from './flow.js';
import type { Localized } from '../localize.js';
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
import type { CreateStep, SignInStep } from './steps.js';

export const createFormStep: CreateStep = (host, method) => new FormStep(host, method);

/** Sends the form's valid values: answers the connection made, or nothing when another step carries on from there. */
export type SendForm = (configuration: ConfigurationValues) => Promise<Instance | undefined>;

/**
 * The same form inside another step (the user-supplied fields of an OAuth sign-in): `send` replaces
 * creating the connection, and the step draws its own buttons (submit buttons of `form="form"`).
 */
export const createForm = (host: FlowHost, method: AuthenticationType, send: SendForm) => new FormStep(host, method, send);

export class FormStep implements SignInStep, FieldState {
  values: RawValues = {};
  revealed = new Set<string>();
  #model?: FormModel;
  #loadError?: unknown;
  /** The fields left by the user (or all, once the form was submitted): their errors show. */
  #touched = new Set<string>();
  #showOptional = false;
  /** A submit (or a duplicate's answer) is under way: a synchronous flag, so a double click sends one request. */
  #pending = false;
  /** The proxy's messages for fields, shown beside them until the field changes. */
  #serverErrors: Record<string, string> = {};
  #formError = '';
  /** Same values → same Idempotency-Key, so a retry after a transient failure cannot connect twice. */
  #attempt?: { fingerprint: string; key: string };
  /** The new connection is to the same account as an existing one: the user says which to keep. */
  #duplicate?: { created: Instance; existing: Instance; configuration: ConfigurationValues };

  constructor(
    readonly host: FlowHost,
    readonly method: AuthenticationType,
    readonly send?: SendForm,
  ) {
    void this.#load();
  }

  /** The dialog's language: the fields' words are said in it. */
  get l10n(): Localized {
    return this.host.l10n;
  }

  /** Fields are read-only while a submit is under way. */
  get busy(): boolean {
    return this.#pending;
  }

  /** The configuration has loaded: the form can be submitted. */
  get ready(): boolean {
    return Boolean(this.#model);
  }

  /** Says `message` in the form's alert (cleared at the next submit). */
  showError(message: string) {
    this.#formError = message;
    this.host.requestUpdate();
  }

  async #load() {
    const host = this.host;
    this.#loadError = undefined;
    host.requestUpdate();
    try {
      const model = buildForm(await host.api.configuration(host.elementKey, this.method.type));
      this.values = initialValues(model, host.instance?.configuration);
      this.#model = model;
    } catch (error) {
      this.#loadError = error;
      host.reportError(toApiError(error));
    }
    host.requestUpdate();
    await focusStart(host, '[data-field]');
  }

  set(field: FormField, value: RawValue) {
    if (this.#pending) return;
    this.values = { ...this.values, [field.key]: value };
    const { [field.key]: _, ...rest } = this.#serverErrors;
    this.#serverErrors = rest;
    this.host.requestUpdate();
  }

  touch(key: string) {
    this.#touched.add(key);
    this.host.requestUpdate();
  }

  toggleReveal(key: string) {
    if (!this.revealed.delete(key)) this.revealed.add(key);
    this.host.requestUpdate();
  }

  /**
   * The message shown beside a field: the proxy's (in the request's language already), else ours, in
   * the dialog's language, once the field was left or the form submitted.
   */
  errorFor(field: FormField): string | undefined {
    const server = this.#serverErrors[field.key];
    if (server) return server;
    if (!this.#touched.has(field.key)) return undefined;
    const problem = validateField(field, this.values[field.key]);
    return problem && this.l10n.t(problem.id, problem.vars);
  }

  /** The widget's words for an error's code, in the dialog's language. */
  #say(error: ApiError): string {
    return this.l10n.t(`error.${error.code}`);
  }

  #onSubmit = async (e: Event) => {
    e.preventDefault();
    const model = this.#model;
    const host = this.host;
    if (this.#pending || !model) return;
    for (const f of model.fields) this.#touched.add(f.key);
    this.#serverErrors = {};
    this.#formError = '';
    host.requestUpdate();
    const result = validate(model, this.values);
    if (!result.ok) return this.#focusFirstInvalid(model, Object.keys(result.errors));
    this.#pending = true;
    host.busy(true);
    host.step('submitted', this.method.type);
    try {
      const { configuration } = result;
      const instance = await (this.send ? this.send(configuration) : this.#connect(configuration));
      this.#attempt = undefined;
      if (instance) await host.connected(instance);
    } catch (error) {
      this.#showSubmitError(model, toApiError(error));
    }
    this.#pending = false;
    host.busy(false);
    host.requestUpdate();
    // The proxy's field errors, if any: the first of them takes the focus.
    await this.#focusFirstInvalid(model, Object.keys(this.#serverErrors));
  };

  async #connect(configuration: ConfigurationValues): Promise<Instance | undefined> {
    const { api, elementKey, instance } = this.host;
    const authenticationType = this.method.type;
    if (instance) return api.updateInstance(instance.id, { configuration });
    const fingerprint = JSON.stringify([elementKey, authenticationType, configuration]);
    if (this.#attempt?.fingerprint !== fingerprint) this.#attempt = { fingerprint, key: crypto.randomUUID() };
    const created = await api.createInstance({ element: { key: elementKey }, authenticationType, configuration }, this.#attempt.key);
    // An earlier connection of this app to the account the new one reports, if any (a failed look is none).
    const existing =
      created.identity &&
      (await api.listInstances().catch(() => [])).find(
        (i) => i.id !== created.id && i.element.key === created.element.key && i.identity === created.identity,
      );
    if (!existing) return created;
    this.#duplicate = { created, existing, configuration };
    return undefined;
  }

  /** Same account: re-authenticate the earlier connection with these details and remove the new one, or keep both. */
  async #resolveDuplicate(update: boolean) {
    const duplicate = this.#duplicate;
    const host = this.host;
    if (!duplicate || this.#pending) return;
    const { created, existing, configuration } = duplicate;
    this.#pending = true;
    host.requestUpdate();
    try {
      let kept = created;
      if (update) {
        kept = await host.api.updateInstance(existing.id, { configuration });
        await host.api.deleteInstance(created.id);
      }
      this.#duplicate = undefined;
      await host.connected(kept);
    } catch (error) {
      const failure = toApiError(error);
      this.showError(this.#say(failure));
      host.reportError(failure);
    }
    this.#pending = false;
    host.requestUpdate();
  }

  /** Dropped (the dialog closed) while asking about a duplicate: both connections stay, and the page hears of the new one. */
  dispose() {
    if (this.#duplicate) void this.host.connected(this.#duplicate.created);
    this.#duplicate = undefined;
  }

  /** Field errors stand beside their (visible) fields; anything else is said in the widget's words for the code. */
  #showSubmitError(model: FormModel, error: ApiError) {
    this.host.reportError(error);
    // A definite answer ends this attempt; after a transient failure the same key is reused.
    if (!isTransient(error)) this.#attempt = undefined;
    const visible = visibleFields(model, this.values).map((f) => f.key);
    const placed: Record<string, string> = {};
    for (const { field, message } of error.errors) if (visible.includes(field)) placed[field] ??= message;
    this.#serverErrors = placed;
    const allPlaced = error.errors.length > 0 && error.errors.every((fe) => visible.includes(fe.field));
    this.#formError = allPlaced ? '' : this.#say(error);
  }

  async #focusFirstInvalid(model: FormModel, keys: string[]) {
    const first = visibleFields(model, this.values).find((f) => keys.includes(f.key));
    if (!first) return;
    if (!first.required) this.#showOptional = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const input = this.host.renderRoot.querySelector<HTMLElement>(`[data-field="${model.fields.indexOf(first)}"]`);
    input?.focus();
    // focus() does not scroll a field that has focus already: bring its label, input and error into view.
    input?.closest('[part~="field"]')?.scrollIntoView({ block: 'nearest' });
  }

  #toggleOptional = () => {
    this.#showOptional = !this.#showOptional;
    this.host.requestUpdate();
  };

  render(): unknown {
    const duplicate = this.#duplicate;
    if (duplicate) {
      const { existing } = duplicate;
      const vars = { app: existing.element.name ?? '', name: existing.name, identity: existing.identity ?? '' };
      return html`<p part="duplicate" role="alert">${this.l10n.t('dialog.duplicate', vars)}</p>
        <div part="form-error" role="alert">${this.#formError}</div>`;
    }
    if (this.#loadError) return this.host.renderLoadError(this.#loadError, () => this.#load());
    const model = this.#model;
    return model ? this.#renderForm(model) : this.host.renderLoading();
  }

  #renderForm(model: FormModel): TemplateResult {
    const visible = visibleFields(model, this.values);
    const required = visible.filter((f) => f.required);
    const optional = visible.filter((f) => !f.required);
    const { l10n } = this;
    const field = (f: FormField) => renderField(this, f, model.fields.indexOf(f));
    return html`<form id="form" part="form" novalidate @submit=${this.#onSubmit}>
      ${visible.length === 0 && !this.send ? html`<p>${l10n.t('form.no-details')}</p>` : nothing} ${required.map(field)}
      ${
        optional.length > 0
          ? html`<div>
                <button
                  part="optional-toggle"
                  type="button"
                  aria-expanded=${this.#showOptional ? 'true' : 'false'}
                  aria-controls="optional"
                  @click=${this.#toggleOptional}
                >
                  ${l10n.t(this.#showOptional ? 'form.hide-optional' : 'form.show-optional')}
                </button>
              </div>
              <div id="optional" class="optional" ?hidden=${!this.#showOptional}>${optional.map(field)}</div>`
          : nothing
      }
      <div part="form-error" role="alert">${this.#formError}</div>
      ${this.#pending ? html`<p class="slow" role="status">${l10n.t('slow')}</p>` : nothing}
    </form>`;
  }

  renderActions(): unknown {
    if (!this.#model) return nothing;
    const { l10n } = this;
    const pending = this.#pending;
    const duplicate = this.#duplicate;
    if (duplicate) {
      return html`<button type="button" ?disabled=${pending} @click=${() => this.#resolveDuplicate(false)}>
          ${l10n.t('dialog.duplicate-keep')}
        </button>
        <button part="submit-button" class="primary" type="button" ?disabled=${pending} @click=${() => this.#resolveDuplicate(true)}>
          ${l10n.t('dialog.duplicate-update', { name: duplicate.existing.name })}
        </button>`;
    }
    return html`<button
      part="submit-button"
      class="primary"
      type="submit"
      form="form"
      ?disabled=${pending}
      aria-busy=${pending ? 'true' : 'false'}
    >
      ${l10n.t(pending ? 'form.connecting' : this.host.instance ? 'dialog.reconnect' : 'dialog.connect')}
    </button>`;
  }
}

/**
 * Moves focus to the first of `selector` once rendered, unless the user already moved it: the dialog
 * opens with focus on its close button, and a first field (or the method choice) is where to start.
 */
export async function focusStart(host: FlowHost, selector: string) {
  await host.updateComplete;
  const root = host.renderRoot as ShadowRoot;
  const active = root.activeElement;
  if (active && !active.matches('[part~="close-button"]')) return;
  root.querySelector<HTMLElement>(selector)?.focus();
}
