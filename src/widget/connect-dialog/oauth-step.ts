// The "sign in" step of `flow: 'redirect'` methods (OAuth 2), in the dialog's chunk: says what will
// happen, asks for the values the provider's address needs (the connect form, reused), then signs
// in through a window of the provider, or in this tab when the browser blocks the window.
import { html, nothing } from 'lit';
import {
  isWebAddress,
  OAuthUrlShape,
  type AuthenticationType,
  type CatalogElement,
  type ConfigurationValues,
  type OAuthUrl,
  type OAuthUrlRequest,
} from '../../contract/index.js';
import { ApiError } from '../api/client.js';
import type { FlowHost } from './flow.js';
import { createForm, type FormStep } from './form-step.js';
import { returnUrl } from './oauth-return.js';
import { PopupController, type PopupOutcome } from './popup-controller.js';
import type { CreateStep, SignInStep } from './steps.js';

export const createOAuthStep: CreateStep = (host, method, element) => new OAuthStep(host, method, element);

/**
 * `ready`: the form and Continue; `opening`: the window is open, its address on the way; `waiting`:
 * the user signs in there; `blocked`: the browser blocked the window, this tab is offered;
 * `leaving`: on the way to the provider in this tab; `finishing`: back from it, the result on the way.
 */
type Phase = 'ready' | 'opening' | 'waiting' | 'blocked' | 'leaving' | 'finishing';

class OAuthStep implements SignInStep {
  #phase: Phase = 'ready';
  /** Which button submitted the form: the sign-in window's, or this tab's. */
  #sameTab = false;
  /** The dialog closed (or another method was chosen) while the proxy was asked: go no further. */
  #dropped = false;
  readonly #form: FormStep;
  readonly #popup: PopupController;

  constructor(
    readonly host: FlowHost,
    readonly method: AuthenticationType,
    readonly element: CatalogElement,
  ) {
    this.#form = createForm(host, method, this.#start);
    this.#popup = new PopupController(host, host.api, this.#onOutcome);
    const back = host.resume;
    if (back?.element === element.key && back.type === method.type) {
      this.#phase = 'finishing';
      this.#popup.watch({ flowId: back.flowId });
    }
  }

  /** The form's values are valid. The window opens first, before any await, or the browser blocks it. */
  #start = async (configuration: ConfigurationValues): Promise<undefined> => {
    const sameTab = this.#sameTab;
    // Enter in the only field submits even without a button: never while a sign-in is under way.
    if (this.#phase !== 'ready' && this.#phase !== 'blocked') return undefined;
    if (!sameTab && !this.#popup.open()) {
      this.#phase = 'blocked';
      const error = new ApiError('popup_blocked');
      this.host.reportError(error);
      this.#form.showError(this.host.l10n.t('error.popup_blocked'));
      return undefined;
    }
    this.#phase = sameTab ? 'leaving' : 'opening';
    this.host.requestUpdate();
    try {
      const { oauthUrl, flowId, expiresAt } = await this.#oauthUrl(configuration, sameTab);
      if (this.#dropped) return undefined;
      if (sameTab) {
        location.assign(oauthUrl);
      } else {
        this.#phase = 'waiting';
        this.#popup.watch({ oauthUrl, flowId, expiresAt });
      }
    } catch (error) {
      this.#popup.cancel();
      this.#phase = sameTab ? 'blocked' : 'ready';
      // The form says it (beside a field when the proxy names one, e.g. a shop) and fires ce-error.
      throw error;
    }
    return undefined;
  };

  async #oauthUrl(configuration: ConfigurationValues, sameTab: boolean): Promise<OAuthUrl> {
    const { api, elementKey, instance, resume } = this.host;
    const instanceId = instance?.id ?? resume?.instanceId;
    const type = this.method.type;
    const body: OAuthUrlRequest = {
      authenticationType: type,
      configuration,
      instanceId,
      returnUrl: sameTab ? returnUrl(elementKey, type, instanceId) : undefined,
    };
    const answer = await api.request('POST', `/elements/${encodeURIComponent(elementKey)}/oauth/url`, OAuthUrlShape, body);
    // The window is still this page's origin: never let an answer run script in it (`javascript:`).
    if (!isWebAddress(answer.oauthUrl)) throw new ApiError('invalid_response');
    return answer;
  }

  #onOutcome = (outcome: PopupOutcome) => {
    this.#phase = 'ready';
    if (outcome.status === 'connected') {
      void this.host.connected(outcome.instance);
      return;
    }
    if (outcome.status === 'failed') this.host.reportError(outcome.error);
    this.#form.showError(this.#words(outcome));
    void this.#focusContinue();
  };

  #words(outcome: Exclude<PopupOutcome, { status: 'connected' }>): string {
    const vars = { app: this.element.name };
    const { l10n } = this.host;
    if (outcome.status === 'closed') return l10n.t('oauth.window-closed');
    if (outcome.status === 'timeout') return l10n.t('oauth.timeout', vars);
    const { code } = outcome.error;
    return l10n.t(code === 'consent_denied' ? 'oauth.consent-denied' : `error.${code}`, vars);
  }

  /** After a failure, from Continue the keyboard user starts again. */
  async #focusContinue() {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="submit-button"]')?.focus();
  }

  render(): unknown {
    const vars = { app: this.element.name };
    const phase = this.#phase;
    const { l10n } = this.host;
    const status = phase === 'ready' || phase === 'blocked' ? '' : l10n.t(`oauth.${phase}`, vars);
    return html`${phase === 'finishing' || phase === 'leaving' ? nothing : html`<p>${l10n.t('oauth.intro', vars)}</p>`}
      ${this.#form.render()}
      <p role="status">${status}</p>`;
  }

  renderActions(): unknown {
    const phase = this.#phase;
    if (!this.#form.ready || phase === 'waiting' || phase === 'finishing') return nothing;
    const busy = phase === 'opening' || phase === 'leaving';
    const { l10n } = this.host;
    const button = (label: string, sameTab: boolean, primary: boolean) =>
      html`<button
        part="submit-button"
        class=${primary ? 'primary' : ''}
        type="submit"
        form="form"
        ?disabled=${busy}
        @click=${() => (this.#sameTab = sameTab)}
      >
        ${label}
      </button>`;
    const inWindow = button(l10n.t('oauth.continue', { app: this.element.name }), false, phase === 'ready' || phase === 'opening');
    return phase === 'blocked' || phase === 'leaving' ? html`${button(l10n.t('oauth.same-tab'), true, true)} ${inWindow}` : inWindow;
  }

  dispose() {
    this.#dropped = true;
    this.#popup.cancel();
    this.host.removeController(this.#popup);
  }
}
