// The connect dialog's body, a chunk beside the entry: loads the app and its sign-in methods, lets
// the user choose one, and shows that method's sign-in step.
import { html, nothing } from 'lit';
import type { AuthenticationType, CatalogElement } from '../../contract/index.js';
import { toApiError } from '../api/client.js';
import { flowStyles } from './connect-flow.styles.js';
import type { ConnectFlow, CreateFlow, FlowHost } from './flow.js';
import { focusStart } from './form-step.js';
import { stepOf, type SignInStep } from './steps.js';

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

  constructor(readonly host: FlowHost) {
    // The chunk's styles join the dialog's own, once (each opening's flow brings the same sheet).
    const sheets = (host.renderRoot as ShadowRoot).adoptedStyleSheets;
    const sheet = flowStyles.styleSheet;
    if (sheet && !sheets.includes(sheet)) sheets.push(sheet);
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
      this.#choose(types.find((t) => t.type === preferred) ?? types.find((t) => t.default) ?? types[0]);
    } catch (error) {
      this.#loadError = error;
      this.host.reportError(toApiError(error));
    }
    this.host.requestUpdate();
    // Several methods: the choice comes first, so it takes the focus before any field.
    await focusStart(this.host, '[name="auth-type"]:checked');
  }

  #choose(method: AuthenticationType | undefined) {
    this.#method = method;
    this.#step?.dispose?.();
    this.#step = undefined;
    if (method) {
      this.host.step('method', method.type);
      this.#step = stepOf(method.flow)(this.host, method, this.element!);
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
    ${this.#renderMethods(types)} ${this.#step?.render()}`;
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

  renderActions(): unknown {
    return this.#step?.renderActions?.();
  }

  dispose() {
    this.#step?.dispose?.();
    this.#step = undefined;
  }
}
