import type { CatalogElement, Instance, Transformation } from '../contract/index.js';
import type { ApiError, ApiErrorCode } from './api/client.js';

// Every ce-* event's detail, declared once. Events bubble and are composed.

export interface ConnectEventDetail {
  element: CatalogElement;
  /** Set when reconnecting an existing instance. */
  instance?: Instance;
}
export interface ConnectedEventDetail {
  instance: Instance;
}
export interface DisconnectedEventDetail {
  instance: Instance;
}
export interface ErrorEventDetail {
  error: ApiError;
}
export interface MappingSavedEventDetail {
  /** The mapping as saved, with its new `version`. */
  transformation: Transformation;
}
export interface RequestIntegrationEventDetail {
  /** What the user searched for when nothing matched (may be empty). */
  query: string;
}
/** What closed a dialog: its close button, Escape, a click outside, a successful connect, or code. */
export type CloseSource = 'close-button' | 'escape' | 'overlay' | 'connected' | 'method';
export interface CloseEventDetail {
  source: CloseSource;
  /** On `ce-closed`: a connect request was still under way; its outcome follows as `ce-connected` or `ce-error`. */
  pending?: boolean;
}
/**
 * Where the user is in the connect dialog, for a host's analytics: `opened`, `method` (a sign-in
 * method was chosen, the default one too), `submitted`, `succeeded`, `failed` (with `code`), `closed`
 * (with `source`, and `pending` when a request was still under way).
 */
export type StepName = 'opened' | 'method' | 'submitted' | 'succeeded' | 'failed' | 'closed';
export interface StepEventDetail {
  step: StepName;
  /** The app's key. */
  element: string;
  /** The connection being re-authenticated, or (on `succeeded`) the one made. */
  instance?: string;
  /** The sign-in method (`method`, `submitted`). */
  method?: string;
  /** Why it failed (`failed`). */
  code?: ApiErrorCode;
  /** What closed the dialog (`closed`). */
  source?: CloseSource;
  pending?: boolean;
}

type WidgetEvents = {
  [K in keyof GlobalEventHandlersEventMap as K extends `ce-${string}` ? K : never]: GlobalEventHandlersEventMap[K];
};

/** Fires a bubbling, composed event (its detail typed by the event map below); returns false when a listener cancelled it. */
export function emit<K extends keyof WidgetEvents>(
  target: EventTarget,
  type: K,
  detail: WidgetEvents[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Before the connect dialog opens; cancelable. */
    'ce-connect': CustomEvent<ConnectEventDetail>;
    'ce-connected': CustomEvent<ConnectedEventDetail>;
    'ce-disconnected': CustomEvent<DisconnectedEventDetail>;
    'ce-error': CustomEvent<ErrorEventDetail>;
    /** The user asked for an app the catalog lacks; the host handles it (a form, a mail, a ticket). */
    'ce-request-integration': CustomEvent<RequestIntegrationEventDetail>;
    /** Before a dialog closes; cancelable. Prefixed: the native `<dialog>` has its own `close`. */
    'ce-close': CustomEvent<CloseEventDetail>;
    /** After a dialog closed (its cancelable `ce-close` came first). */
    'ce-closed': CustomEvent<CloseEventDetail>;
    /** One step of the connect dialog, for analytics. */
    'ce-step': CustomEvent<StepEventDetail>;
    /** `<ce-field-mapper>` saved its mapping. */
    'ce-mapping-saved': CustomEvent<MappingSavedEventDetail>;
  }
}
