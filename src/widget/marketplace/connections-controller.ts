import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CatalogElement, Instance } from '../../contract/index.js';
import { toApiError, type ApiClient, type ApiError } from '../api/client.js';
import { emit } from '../events.js';
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
}

/**
 * The tenant's connections as the marketplace shows them: grouped by app for the cards' statuses,
 * and each one's rename and disconnect state. Errors are reported with `ce-error` from the host.
 */
export class ConnectionsController implements ReactiveController {
  /** This tenant's connections; replaced, never mutated. */
  list: readonly Instance[] = [];
  /** True while the list reloads after a connect. */
  refreshing = false;
  #byKey = new Map<string, Instance[]>();
  #ui: ReadonlyMap<string, InstanceUi> = new Map();
  /** The `data-focus` target to focus once the change is rendered. */
  #focus?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode },
    /** The marketplace's current API client. */
    private readonly api: () => ApiClient | undefined,
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
    const byKey = new Map<string, Instance[]>();
    for (const i of list) {
      const group = byKey.get(i.element.key);
      if (group) group.push(i);
      else byKey.set(i.element.key, [i]);
    }
    this.#byKey = byKey;
    this.host.requestUpdate();
  }

  /** The connections of one app. */
  of(key: string): Instance[] {
    return this.#byKey.get(key) ?? [];
  }

  statusOf(key: string): Status {
    const list = this.#byKey.get(key);
    if (!list?.length) return 'not_connected';
    return list.some((i) => i.status === 'needs_attention') ? 'needs_attention' : 'connected';
  }

  ui(instance: Instance): InstanceUi {
    return this.#ui.get(instance.id) ?? { mode: 'view' };
  }

  setUi(instance: Instance, ui: InstanceUi, focus?: string) {
    const next = new Map(this.#ui);
    if (ui.mode === 'view' && !ui.message) next.delete(instance.id);
    else next.set(instance.id, ui);
    this.#ui = next;
    this.#focus = focus;
    this.host.requestUpdate();
  }

  /** Escape leaves the rename form or the confirmation, back to the button that opened it. */
  escape(e: KeyboardEvent, instance: Instance, back: 'rename' | 'disconnect') {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.setUi(instance, { mode: 'view' }, `${back}-button:${instance.id}`);
  }

  async rename(e: SubmitEvent, instance: Instance) {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    const name = input.value.trim();
    if (!name) {
      this.setUi(instance, { mode: 'rename', invalid: true, message: 'Enter a name for this connection.' }, `rename:${instance.id}`);
      return;
    }
    if (this.ui(instance).busy) return;
    this.setUi(instance, { mode: 'rename', busy: true });
    try {
      const updated = await this.api()!.updateInstance(instance.id, { name });
      this.set(this.list.map((i) => (i.id === updated.id ? updated : i)));
      this.setUi(instance, { mode: 'view' }, `rename-button:${instance.id}`);
    } catch (err) {
      const error = this.#report(err);
      // The proxy's word on the name itself stands beside it; anything else in the widget's words.
      const fieldError = error.errors.find((fe) => fe.field === 'name')?.message;
      this.setUi(
        instance,
        { mode: 'rename', invalid: Boolean(fieldError), message: fieldError ?? error.message },
        `rename:${instance.id}`,
      );
    }
  }

  async disconnect(element: CatalogElement, instance: Instance) {
    if (this.ui(instance).busy) return;
    this.setUi(instance, { mode: 'confirm', busy: true });
    try {
      await this.api()!.deleteInstance(instance.id);
      this.set(this.list.filter((i) => i.id !== instance.id));
      const left = this.list.some((i) => i.element.key === element.key);
      this.setUi(instance, { mode: 'view' }, left ? `manage:${element.key}` : `connect:${element.key}`);
      emit(this.host, 'ce-disconnected', { instance });
    } catch (err) {
      this.setUi(instance, { mode: 'view', message: this.#report(err).message }, `disconnect-button:${instance.id}`);
    }
  }

  /** After a connect the card must turn Connected: reload the connections only. */
  async reload() {
    const api = this.api();
    if (!api) return;
    this.refreshing = true;
    this.host.requestUpdate();
    try {
      this.set(await api.listInstances());
    } catch (err) {
      this.#report(err);
    } finally {
      this.refreshing = false;
      this.host.requestUpdate();
    }
  }

  #report(err: unknown): ApiError {
    const error = toApiError(err);
    emit(this.host, 'ce-error', { error });
    return error;
  }
}
