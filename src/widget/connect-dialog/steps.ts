import { html } from 'lit';
import type { AuthenticationType, CatalogElement } from '../../contract/index.js';
import type { FlowHost } from './flow.js';
import { createFormStep } from './form-step.js';
import { createOAuthStep } from './oauth-step.js';

/** The "sign in" step of one method: made when the method is chosen, dropped when another is or the dialog closes. */
export interface SignInStep {
  /** The step's body, below the method chooser. */
  render(): unknown;
  /** Its buttons, after Cancel, if any. */
  renderActions?(): unknown;
  /** It was dropped: release what it holds (a sign-in window, a timer). */
  dispose?(): void;
}

export type CreateStep = (host: FlowHost, method: AuthenticationType, element: CatalogElement) => SignInStep;

/** The step for a flow this widget does not know (one from a newer proxy). */
const unavailable: CreateStep = (host) => ({
  render: () => html`<p role="status">${host.l10n.t('dialog.method-unavailable')}</p>`,
});

/**
 * Each flow's sign-in step, all in the dialog's chunk: an OAuth sign-in needs no second request,
 * and the step costs less there than as a chunk of its own. A flow without a line (one from a newer
 * proxy) is unavailable.
 */
const STEPS: Record<string, CreateStep> = {
  form: createFormStep,
  redirect: createOAuthStep,
};

/** The step of a flow. */
export const stepOf = (flow: string): CreateStep => STEPS[flow] ?? unavailable;
