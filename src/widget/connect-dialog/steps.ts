import { html, nothing } from 'lit';
import type { AuthenticationType, CatalogElement } from '../../contract/index.js';
import { ApiError } from '../api/client.js';
import type { FlowHost } from './flow.js';
import { createFormStep } from './form-step.js';

/** The "sign in" step of one method: made when the method is chosen, dropped when another is or the dialog closes. */
export interface SignInStep {
  /** The step's body, below the method chooser. */
  render(): unknown;
  /** Its buttons, after Cancel. */
  renderActions(): unknown;
  /** It was dropped: release what it holds (a sign-in window, a timer). */
  dispose?(): void;
}

export type CreateStep = (host: FlowHost, method: AuthenticationType, element: CatalogElement) => SignInStep;

/** The step for a flow this widget does not know (one from a newer proxy). */
const unavailable: CreateStep = (host) => ({
  render: () => html`<p role="status">${host.l10n.t('dialog.method-unavailable')}</p>`,
  renderActions: () => nothing,
});

/**
 * Each flow's sign-in step. The form ships in the dialog's chunk (nearly every app has one); any
 * other flow is a step file loaded as a chunk of its own. A flow without a line (one from a newer
 * proxy) is unavailable.
 */
const STEPS: Record<string, () => Promise<CreateStep>> = {
  form: async () => createFormStep,
  redirect: () => import('./oauth-step.js').then((m) => m.createOAuthStep),
};

/** The step of a flow; a chunk that cannot be fetched is a network error, with the dialog's Retry. */
export function loadStep(flow: string): Promise<CreateStep> {
  const load = STEPS[flow];
  if (!load) return Promise.resolve(unavailable);
  return load().catch(() => {
    throw new ApiError('network_error');
  });
}
