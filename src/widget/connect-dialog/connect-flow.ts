// The connect dialog's body, a chunk beside the entry: loads the app and its sign-in methods, lets
// the user choose one, and shows that method's sign-in step.
import { html, nothing } from 'lit';
import type { AuthenticationType, CatalogElement } from '../../contract/index.js';
import { toApiError } from '../api/client.js';
import { flowStyles } from './connect-flow.styles.js';
import type { ConnectFlow, CreateFlow, FlowHost } from './flow.js';
import { focusStart } from './form-step.js';
import { loadStep, type SignInStep } from './steps.js';

export { claimOAuthReturn } from './oauth-return.js';
// The marketplace's Manage panel travels in this chunk (see loadManage in flow.ts).
export { renderConnections } from '../marketplace/manage.js';

export const createFlow: CreateFlow = (host) => new Flow(host);

class Flow implements ConnectFlow {
  element?: CatalogElement;
  #types?: AuthenticationType[];
  #loadError?: unknown;
  #method?: AuthenticationType;
  #step?: SignInStep;
  #stepError?: unknown;
  /** Counts the methods chosen: a step that arrives after the user chose another one is dropped. */
  #chosen = 0;

  constructor(readonly host: FlowHost) {
    host.addStyles(flowStyles);
    void this.#load();
  }

  async #load() {
    const { api, elementKey, instance } = this.host;
    this.#loadError = undefined;
    this.host.requestUpdate();
    try {
      const [element, types] = await Promise.all([api.getElement(elementKey), api.authenticationTypes(elementKey)]);
      this.element = element;
      this.#types = types;
      // Reconnecting keeps the instance's method, a same-tab sign-in's return its own; otherwise the default one, else the first.
      const preferred = instance?.authenticationType ?? this.host.resume?.type;
      void this.#choose(types.find((t) => t.type === preferred) ?? types.find((t) => t.default) ?? types[0]);
    } catch (error) {
      this.#loadError = error;
      this.host.reportError(toApiError(error));
    }
    this.host.requestUpdate();
    // Several methods: the choice comes first, so it takes the focus before any field.
    await focusStart(this.host, '[name="auth-type"]:checked');
  }

  async #choose(method: AuthenticationType | undefined) {
    const chosen = ++this.#chosen;
    this.#method = method;
    this.#step?.dispose?.();
    this.#step = this.#stepError = undefined;
    this.host.requestUpdate();
    if (!method) return;
    this.host.step('method', method.type);
    try {
      const create = await loadStep(method.flow);
      if (chosen === this.#chosen) this.#step = create(this.host, method, this.element!);
    } catch (error) {
      if (chosen !== this.#chosen) return;
      this.#stepError = error;
      this.host.reportError(toApiError(error));
    }
    this.host.requestUpdate();
  }

  render(): unknown {
    const { element, host } = this;
    const types = this.#types;
    if (this.#loadError) return host.renderLoadError(this.#loadError, () => this.#load());
    if (!element || !types) return host.renderLoading();
    const { instance, l10n } = host;
    return html`${
      instance
        ? html`<p part="description">
            ${l10n.t(instance.identity ? 'dialog.updates-identity' : 'dialog.updates', { name: instance.name, identity: instance.identity ?? '' })}
          </p>`
        : element.description
          ? html`<p part="description" dir="auto">${element.description}</p>`
          : nothing
    }
    ${this.#renderMethods(types)} ${this.#renderStep()}`;
  }

  #renderMethods(types: AuthenticationType[]) {
    if (types.length === 0) {
      return html`<p role="alert">${this.host.l10n.t('dialog.no-methods')}</p>`;
    }
    if (types.length < 2 || this.host.instance) return nothing;
    return html`<fieldset part="auth-type">
      <legend part="label">${this.host.l10n.t('dialog.sign-in-with')}</legend>
      ${types.map(
        (t) =>
          html`<label class="check">
            <input type="radio" name="auth-type" .value=${t.type} .checked=${t === this.#method} @change=${() => this.#choose(t)} />
            <span>${t.name}${t.description ? html` <span part="help">${t.description}</span>` : nothing}</span>
          </label>`,
      )}
    </fieldset>`;
  }

  /** The chosen method's sign-in step; the dialog's loading state covers a step that is a chunk of its own. */
  #renderStep() {
    if (this.#stepError) return this.host.renderLoadError(this.#stepError, () => this.#choose(this.#method));
    if (this.#step) return this.#step.render();
    return this.#method ? this.host.renderLoading() : nothing;
  }

  renderActions(): unknown {
    return this.#step?.renderActions() ?? nothing;
  }

  dispose() {
    // A step still loading is dropped on arrival.
    this.#chosen++;
    this.#step?.dispose?.();
    this.#step = undefined;
  }
}
