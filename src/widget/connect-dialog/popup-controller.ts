// The OAuth sign-in window and the wait for its end, a reactive controller of the dialog: opens the
// window, hears the proxy's callback page, polls the flow, notices a window closed by the user.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OAuthFlowShape, type Instance, type OAuthFlow, type OAuthMessage, type OAuthUrl } from '../../contract/index.js';
import { ApiError, isTransient, knownCode, toApiError, type ApiClient } from '../api/client.js';

/** How a sign-in ended; `closed` may still be followed by another (the window may only have lost its opener). */
export type PopupOutcome =
  { status: 'connected'; instance: Instance } | { status: 'failed'; error: ApiError } | { status: 'closed' } | { status: 'timeout' };

/** How long to wait when the proxy's `expiresAt` is unreadable or not believable (a skewed clock). */
const DEFAULT_WAIT_MS = 10 * 60_000;
const MAX_WAIT_MS = 30 * 60_000;
const WIDTH = 520;
const HEIGHT = 680;

export class PopupController implements ReactiveController {
  /** Milliseconds between two polls of the flow (a test shortens or stretches it). */
  static pollInterval = 1500;

  #window?: Window;
  #flowId?: string;
  #deadline = 0;
  #timer?: ReturnType<typeof setTimeout>;
  /** A poll is on its way; `#again` asks for another as soon as it is back (a message came meanwhile). */
  #polling = false;
  #again = false;
  #closedSaid = false;
  /** Counts the waits: an answer for one that was stopped is dropped. */
  #run = 0;

  readonly #api: ApiClient;
  readonly #onOutcome: (outcome: PopupOutcome) => void;

  constructor(host: ReactiveControllerHost, api: ApiClient, onOutcome: (outcome: PopupOutcome) => void) {
    this.#api = api;
    this.#onOutcome = onOutcome;
    host.addController(this);
  }

  /**
   * Opens an empty sign-in window over this one. Call it in the click handler before any await: a
   * window opened later is no longer the user's doing and the browser blocks it. False when blocked.
   */
  open(): boolean {
    // An earlier window of ours is reused (same name), so the user never has two.
    this.#stop();
    const left = Math.round(screenX + (outerWidth - WIDTH) / 2);
    const top = Math.round(screenY + (outerHeight - HEIGHT) / 2);
    const opened = window.open('', 'ce-oauth', `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`);
    if (!opened || opened.closed) return false;
    this.#window = opened;
    return true;
  }

  /**
   * Waits for the flow to end: the callback page's message, or polling (so a window whose opener
   * was severed by Cross-Origin-Opener-Policy still finishes). With `oauthUrl`, points the window
   * there first; without (the return of a same-tab sign-in), polls at once.
   */
  watch({ flowId, oauthUrl, expiresAt }: Pick<OAuthUrl, 'flowId'> & Partial<OAuthUrl>) {
    this.#stop();
    this.#flowId = flowId;
    const wait = Date.parse(expiresAt ?? '') - Date.now();
    this.#deadline = Date.now() + (wait > 0 && wait <= MAX_WAIT_MS ? wait : DEFAULT_WAIT_MS);
    addEventListener('message', this.#onMessage);
    addEventListener('focus', this.#onBack);
    document.addEventListener('visibilitychange', this.#onBack);
    if (oauthUrl) {
      this.#window?.location.replace(oauthUrl);
      this.#timer = setTimeout(this.#tick, PopupController.pollInterval);
    } else this.#tick();
  }

  /** Stops waiting and closes the window. */
  cancel() {
    this.#stop();
    this.#window?.close();
    this.#window = undefined;
  }

  hostDisconnected() {
    this.cancel();
  }

  #stop() {
    this.#run++;
    this.#flowId = undefined;
    this.#polling = this.#again = this.#closedSaid = false;
    clearTimeout(this.#timer);
    removeEventListener('message', this.#onMessage);
    removeEventListener('focus', this.#onBack);
    document.removeEventListener('visibilitychange', this.#onBack);
  }

  // Only the proxy's callback page, about this flow. The message only says "look now": the flow's answer decides.
  #onMessage = (e: MessageEvent<Partial<OAuthMessage> | null>) => {
    if (e.origin !== new URL(this.#api.proxyUrl, location.href).origin) return;
    if (e.data?.type === 'ce:oauth' && e.data.flowId === this.#flowId) this.#tick();
  };

  // Closing the window brings the user back here: look at once.
  #onBack = () => {
    if (document.visibilityState === 'visible') this.#tick();
  };

  #tick = () => {
    if (!this.#flowId) return;
    if (this.#polling) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    void this.#poll(this.#flowId, this.#run);
  };

  async #poll(flowId: string, run: number) {
    this.#polling = true;
    /**
     * Closed before this poll left, so a sign-in that closed its window has finished in this answer;
     * and the user is here: a page with COOP sees the window closed as soon as it leaves for the
     * provider, while the user is still in it.
     */
    const closed = this.#window?.closed === true && document.hasFocus();
    let flow: OAuthFlow | undefined;
    let error: ApiError | undefined;
    try {
      flow = await this.#api.request('GET', `/oauth/flows/${encodeURIComponent(flowId)}`, OAuthFlowShape);
    } catch (e) {
      error = toApiError(e);
    }
    if (run !== this.#run) return;
    this.#polling = false;
    const outcome = outcomeOf(flow, error);
    if (outcome) {
      this.#end(outcome);
      return;
    }
    // After "closed", the wait ends quietly: the user has long moved on.
    if (Date.now() > this.#deadline) {
      if (this.#closedSaid) this.cancel();
      else this.#end({ status: 'timeout' });
      return;
    }
    // Still pending: said once, and polling goes on (the window may only have lost its opener).
    if (closed && !this.#closedSaid) {
      this.#closedSaid = true;
      this.#onOutcome({ status: 'closed' });
    }
    if (this.#again) {
      this.#again = false;
      this.#tick();
    } else this.#timer = setTimeout(this.#tick, PopupController.pollInterval);
  }

  #end(outcome: PopupOutcome) {
    this.cancel();
    this.#onOutcome(outcome);
  }
}

/** The end a flow's answer (or a failed poll) means; none while it is pending or the failure may pass. */
function outcomeOf(flow: OAuthFlow | undefined, error: ApiError | undefined): PopupOutcome | undefined {
  if (error) {
    if (isTransient(error)) return undefined;
    // A flow the proxy does not know (any more) is one that expired.
    return { status: 'failed', error: error.code === 'not_found' ? new ApiError('state_invalid', error.status) : error };
  }
  if (flow?.status === 'connected') {
    const { instance } = flow;
    return instance ? { status: 'connected', instance } : { status: 'failed', error: new ApiError('invalid_response') };
  }
  if (flow?.status === 'failed') return { status: 'failed', error: new ApiError(knownCode(flow.error?.code ?? '')) };
  return undefined;
}
