import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Instance } from '../../contract/index.js';
import { toApiError, type ApiClient, type ApiError } from '../api/client.js';
import { loadManage, type RenderConnections } from '../connect-dialog/flow.js';
import { emit } from '../events.js';
import type { Localized } from '../localize.js';
import { focusTarget } from './cards.js';

/** A card's status: an instance's own, or none. */
export type Status = Instance['status'] | 'not_connected';

/** What one connection's row shows: its actions, the rename form, or the disconnect confirmation. */
export interface InstanceUi {
  /** `map`: the connection's field mappers are open. */
  mode: 'view' | 'rename' | 'confirm' | 'map';
  busy?: boolean;
  message?: string;
  invalid?: boolean;
  /** The message is good news (a check that passed), not an error. */
  ok?: boolean;
}

/**
 * The tenant's connections as the marketplace shows them: grouped by app for the cards' statuses,
 * and each one's rename and disconnect state. Errors are reported with `ce-error` from the host.
 */
export class ConnectionsController implements ReactiveController {
  /** This tenant's connections; replaced, never mutated. */
  list: readonly Instance[] = [];
  /** The reload after a connect, while it runs. */
  reloading?: Promise<void>;
  #byKey = new Map<string, Instance[]>();
  #ui = new Map<string, InstanceUi>();
  /** The ids of the panels shown: an app's connections (`manage-<key>`, its Manage is expanded) or details (`details-<key>`); changed by `toggle`. */
  readonly open = new Set<string>();
  /** The `data-focus` target to focus once the change is rendered. */
  #focus?: string;

  /** The Manage panel's template (with its actions) and the Details panel's, once their chunk is here. */
  renderConnections?: RenderConnections;

  constructor(
    readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode; l10n: Localized },
    /** The marketplace's current API client. */
    readonly api: () => ApiClient | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    if (this.#focus) focusTarget(this.host.renderRoot, this.#focus);
    this.#focus = undefined;
  }

  /** Replaces the list (from the catalog's load, or after a change). */
  set(list: readonly Instance[]) {
    this.list = list;
    this.#byKey = new Map();
    for (const i of list) this.#byKey.set(i.element.key, [...this.of(i.element.key), i]);
    this.host.requestUpdate();
  }

  /** The connections of one app. */
  of(key: string): Instance[] {
    return this.#byKey.get(key) ?? [];
  }

  statusOf(key: string): Status {
    const list = this.of(key);
    return list.some((i) => i.status === 'needs_attention') ? 'needs_attention' : list.length ? 'connected' : 'not_connected';
  }

  /** Shows or hides a panel (its Manage or Details button); renders it now, and again when its template's chunk arrives. */
  toggle(id: string) {
    if (!this.open.delete(id)) this.open.add(id);
    this.host.requestUpdate();
    if (!this.renderConnections) {
      void loadManage().then(
        (render) => {
          this.renderConnections = render;
          this.host.requestUpdate();
        },
        (error: unknown) => this.report(error),
      );
    }
  }

  ui(instance: Instance): InstanceUi {
    return this.#ui.get(instance.id) ?? { mode: 'view' };
  }

  setUi(instance: Instance, ui: InstanceUi, focus?: string) {
    if (ui.mode === 'view' && !ui.message) this.#ui.delete(instance.id);
    else this.#ui.set(instance.id, ui);
    this.#focus = focus;
    this.host.requestUpdate();
  }

  /** After a connect the card must turn Connected: reload the connections only (`reloading` meanwhile). */
  reload() {
    const api = this.api();
    if (!api) return;
    this.reloading = api
      .listInstances()
      .then(
        (list) => this.set(list),
        (err: unknown) => void this.report(err),
      )
      .finally(() => {
        this.reloading = undefined;
        this.host.requestUpdate();
      });
    this.host.requestUpdate();
  }

  /** Fires `ce-error` for a failure and answers it as an ApiError. */
  report(err: unknown): ApiError {
    const error = toApiError(err);
    emit(this.host, 'ce-error', { error });
    return error;
  }
}
