import type { ReactiveControllerHost } from 'lit';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { ApiError, type ApiClient } from '../api/client.js';
import type { Localized } from '../localize.js';
import type { ClaimOAuthReturn, OAuthReturn } from './oauth-return.js';

/**
 * What the dialog (a shell in the entry: opening, closing, its loading state and success) lends
 * its body, the connect flow, which comes as a chunk: choose a sign-in method, then sign in.
 */
export interface FlowHost extends ReactiveControllerHost {
  readonly api: ApiClient;
  /** The dialog's language and words: every step speaks through it. */
  readonly l10n: Localized;
  readonly elementKey: string;
  /** Set when re-authenticating an existing connection. */
  readonly instance?: Instance;
  /** Set when the page is the end of a same-tab sign-in for this app: the OAuth step finishes it. */
  readonly resume?: OAuthReturn;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  /** The flow's state changed: render again. */
  requestUpdate(): void;
  /** The connection was made: the dialog fires `ce-connected` and shows its success step. */
  connected(instance: Instance): Promise<void>;
  /** A proxy call failed: the dialog fires `ce-error` (and a `failed` step). */
  reportError(error: ApiError): void;
  /** The user chose a method or submitted it: the dialog fires `ce-step`. */
  step(step: 'method' | 'submitted', method: string): void;
  /** A connect request is under way (true) or settled (false): closing meanwhile says so. */
  busy(on: boolean): void;
  /** The dialog's own loading and load-error states, so every step looks alike. */
  renderLoading(): unknown;
  renderLoadError(error: unknown, retry: () => unknown): unknown;
}

/** The dialog's body for one app; made when the dialog opens, dropped when it closes. */
export interface ConnectFlow {
  /** The app, once loaded: the dialog's logo and title. */
  readonly element?: CatalogElement;
  /** The body: description, method chooser and the chosen method's sign-in step. */
  render(): unknown;
  /** The step's buttons, after Cancel. */
  renderActions(): unknown;
  /** The dialog dropped it (closed, or another app): release what it holds (a sign-in window, a timer). */
  dispose(): void;
}

export type CreateFlow = (host: FlowHost) => ConnectFlow;

/**
 * The dialog's chunk, beside the entry: its flow, the claim of a same-tab sign-in and the Manage
 * panel. A chunk that cannot be fetched is a network error (the dialog offers Retry).
 */
const loadChunk = () =>
  import('./connect-flow.js').catch(() => {
    throw new ApiError('network_error');
  });

/** The connect flow. */
export const loadFlow = (): Promise<CreateFlow> => loadChunk().then((m) => m.createFlow);

/**
 * The parameter the proxy adds to the address a same-tab sign-in returns to: the contract's
 * `OAUTH_FLOW_PARAM`, written out, as importing the contract's OAuth module would bring its schemas
 * into the entry.
 */
export const OAUTH_FLOW_PARAM = 'ce_oauth_flow';

/** True when this page is the end of a same-tab sign-in: a dialog then claims it (oauth-return.ts, in the chunk). */
export const hasOAuthReturn = (): boolean => new URLSearchParams(location.search).has(OAUTH_FLOW_PARAM);

/** The claim of a same-tab sign-in, which comes with the dialog's chunk (that shows its end anyway). */
export const loadClaim = (): Promise<ClaimOAuthReturn> => loadChunk().then((m) => m.claimOAuthReturn);

/** The marketplace's Manage panel, which rides in the dialog's chunk: opening either fetches the same file. */
export type RenderConnections = typeof import('../marketplace/manage.js').renderConnections;
export const loadManage = (): Promise<RenderConnections> => loadChunk().then((m) => m.renderConnections);

/** Fetches the dialog's chunk ahead (a Connect button hovered or focused); the module cache keeps it. */
export function preloadFlow(): void {
  loadFlow().catch(() => undefined);
}
