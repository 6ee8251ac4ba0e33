// <ce-field-mapper>'s body, a chunk beside the entry: loads the host's fields, the app's objects,
// fields and saved mapping, and lets the user map, check, preview and save. Written for bytes: the
// chunk has a budget (see README, Benchmarks).
import { adoptStyles, html, nothing, type ReactiveController } from 'lit';
import { MappingPreviewShape } from '../../contract/discovery-shapes.js';
import type { CommonResourceField, FieldMetadata, MappingPreview, Transformation, TransformationInput } from '../../contract/index.js';
import { array, boolean, number, object, optional, string, type Infer } from '../../contract/shape.js';
import { toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { emit } from '../events.js';
import { reset, tokens } from '../styles/shared.js';
import type { CeFieldMapper } from './field-mapper.js';
import { candidate, fit, hostLabel, suggest, vendorLabel, type Candidate } from './match.js';
import { styles } from './mapper.styles.js';
import { renderPicker, type Picker } from './picker.js';

/** What the element's shell calls. */
export interface MapperBody {
  render(): unknown;
  reset(): void;
}

export const createBody = (host: CeFieldMapper, api: () => ApiClient | undefined): MapperBody => new Body(host, api);

// The answers as far as the mapper reads them, checked that far: the proxy answers the contract's
// whole shapes (discovery-shapes.ts), and checking members nothing reads would only cost bytes.
const label = optional(string());
const pair = object({ path: string(), vendorPath: string() });
const HostShape = object({
  displayName: label,
  fields: array(object({ path: string(), type: string(), displayName: label, required: optional(boolean()) })),
});
/** The host's object: its name in words, and its fields. */
interface Host {
  displayName?: string;
  fields: CommonResourceField[];
}
const ObjectsShape = array(object({ name: string(), displayName: label }));
const MetadataShape = object({ fields: array(object({ vendorPath: string(), type: string(), vendorDisplayName: label })) });
const SavedShape = object({ vendorName: string(), fields: array(pair), version: number(), drift: optional(array(pair)) });
/** A saved mapping: its pairs, its version (sent as If-Match) and its drift. */
type Saved = Infer<typeof SavedShape>;

/** Host path → vendor path (empty or absent: unmapped). */
type Pairs = Record<string, string | undefined>;
/** The app's fields of one object by path, once each (a duplicate path is dropped), in the app's order. */
export type Vendor = Map<string, Candidate>;

const enc = encodeURIComponent;
const pairsOf = (m?: { fields: Infer<typeof pair>[] }): Pairs =>
  Object.fromEntries((m?.fields ?? []).map((f) => [f.path, f.vendorPath]));

function index(fields: FieldMetadata[]): Vendor {
  const vendor: Vendor = new Map();
  for (const f of fields) if (!vendor.has(f.vendorPath)) vendor.set(f.vendorPath, candidate(f));
  return vendor;
}

class Body implements MapperBody, ReactiveController, Picker {
  /** The saved mapping (its version goes with the next save), if any. */
  #base?: Saved;
  open = -1;
  query = '';
  active = 0;
  // Unset reads as false or empty: one less assignment each.
  /** Problems of unmapped required fields show after a save or submit attempt. */
  #shown?: boolean;
  #busy?: boolean;
  /** The status line's news: saved, or why the last call failed. */
  #note?: string;
  /** The last save was refused as stale: the merge is offered. */
  #stale?: boolean;
  #preview?: MappingPreview;
  /** The setup answer last applied. */
  #loaded?: unknown;
  /** The suggestions, and what they were computed from. */
  #suggested = new Map<string, FieldMetadata>();
  #suggestedFor: unknown[] = [];
  /** The element's language and its words (`mapper.*`, `error.*`). */
  readonly #l10n = this.host.l10n;

  constructor(
    readonly host: CeFieldMapper,
    readonly api: () => ApiClient | undefined,
  ) {
    // A save or a form's submit found the mapping invalid: the problems show.
    host.addEventListener('invalid', () => {
      this.#shown = true;
      host.requestUpdate();
    });
    adoptStyles(host.renderRoot as ShadowRoot, [tokens, reset, styles]);
  }

  // Before the loaders: the host runs its controllers in the order they were added, and this one chooses the object the metadata's loader reads.
  readonly #internals = this.#attach();

  #attach() {
    this.host.addController(this);
    return this.host.attachInternals();
  }

  #report = (error: unknown) => emit(this.host, 'ce-error', { error: toApiError(error) });
  #path = () => `/instances/${enc(this.host.instance!)}/transformations/${enc(this.host.resource!)}`;

  readonly #setup = new Loader(
    this.host,
    async ([api, instance, resource, fields]) => {
      if (!api || !instance || !resource) return;
      const [own, objects, saved] = await Promise.all([
        // A host field's type is one of the contract's (HOST_FIELD_TYPES); the mapper compares it as text (match.ts fit).
        (fields ? { fields } : api.request('GET', `/common-resources/${enc(resource)}`, HostShape)) as Host | Promise<Host>,
        api.request('GET', `/instances/${enc(instance)}/objects`, ObjectsShape),
        api.request('GET', this.#path(), SavedShape).catch((e: unknown) => {
          if (toApiError(e).code !== 'not_found') throw e;
          return undefined;
        }),
      ]);
      return { own, objects, saved };
    },
    () => [this.api(), this.host.instance, this.host.resource, this.host.hostFields] as const,
    this.#report,
  );

  readonly #meta = new Loader(
    this.host,
    async ([api, instance, name]) =>
      api && name
        ? index((await api.request('GET', `/instances/${enc(instance!)}/objects/${enc(name)}/metadata`, MetadataShape)).fields)
        : undefined,
    () => [this.api(), this.host.instance, this.host.value?.vendorName] as const,
    this.#report,
  );

  get vendor(): Vendor | undefined {
    return this.#meta.pending ? undefined : this.#meta.value;
  }

  get #fields() {
    return this.#setup.value?.own.fields ?? [];
  }

  /** The element's value is the one copy of the mapping; this reads it by host path. */
  get #pairs() {
    return pairsOf(this.host.value);
  }

  hostUpdate() {
    const loaded = this.#setup.value;
    if (loaded && (loaded !== this.#loaded || !this.host.value)) {
      // Loaded (again), or the page unset the value: the page's own value, else the saved mapping; the object of either, else the resource's namesake, else the first.
      if (loaded !== this.#loaded) this.#base = loaded.saved;
      this.#loaded = loaded;
      const start = this.host.value ?? this.#base;
      const { objects } = loaded;
      this.#put(pairsOf(start), start?.vendorName ?? (objects.find((o) => o.name === this.host.resource) ?? objects[0])?.name);
    }
  }

  hostUpdated() {
    const { value, renderRoot } = this.host;
    const bad = this.#fields.find((h) => this.#problem(h));
    // Built afresh: the app's field types arrive after a saved mapping has become the value.
    this.#internals.setFormValue(value ? JSON.stringify(this.#input()) : null);
    this.#internals.setValidity(
      bad ? { [this.#pairs[bad.path] ? 'customError' : 'valueMissing']: true } : {},
      bad && `${bad.path}: ${this.#problem(bad)}`,
      renderRoot.querySelector<HTMLElement>('[aria-invalid=true]') ?? undefined,
    );
    renderRoot.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }

  /** A mapping as the wire takes it: the host fields in order, each vendor field with its type now. */
  #input(pairs = this.#pairs, vendorName = this.host.value?.vendorName): TransformationInput {
    return {
      vendorName: vendorName ?? '',
      fields: this.#fields.flatMap(({ path, type }) => {
        const vendorPath = pairs[path];
        return vendorPath ? [{ path, vendorPath, type, vendorType: this.vendor?.get(vendorPath)?.type }] : [];
      }),
    };
  }

  /** Makes a mapping the element's value (and, once updated, its form value); the status line's news is old then. */
  #put(pairs: Pairs, vendorName?: string) {
    this.#note = '';
    this.host.value = this.#input(pairs, vendorName);
  }

  /** Maps a host field to a vendor field (or to none), as the user chose. */
  set(path: string, vendorPath?: string) {
    this.open = -1;
    this.#put({ ...this.#pairs, [path]: vendorPath });
    this.host.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** The other host field that already uses a vendor field, when each may be used once. */
  usedBy(vendorPath: string, path: string): string | undefined {
    const by = this.host.allowReuse ? path : this.host.value?.fields.find((f) => f.vendorPath === vendorPath)?.path;
    return by === path ? undefined : by;
  }

  /** A host field's problem once the app's fields are known: required, gone from the app, a type that cannot become the host's, or used. */
  #problem(h: CommonResourceField, vp = this.#pairs[h.path]) {
    const { vendor } = this;
    const v = vp && vendor?.get(vp);
    const other = vp && this.usedBy(vp, h.path);
    return (
      vendor &&
      (!vp
        ? h.required && this.#l10n.t('mapper.required')
        : !v || this.#base?.drift?.some((d) => d.path === h.path && d.vendorPath === vp)
          ? this.#l10n.t('mapper.drift', { field: vp })
          : fit(h.type, v.type) === 'incompatible'
            ? this.#l10n.t('mapper.incompatible', { from: v.type, to: h.type })
            : other && this.#l10n.t('mapper.used', { field: other }))
    );
  }

  /** A suggestion for each unmapped row, computed again only when the app's fields, the mapping or allow-reuse changed. */
  get #suggestions() {
    const { vendor, host } = this;
    const key = [vendor, host.value, host.allowReuse];
    if (key.some((k, i) => k !== this.#suggestedFor[i])) {
      const pairs = this.#pairs;
      const taken = new Set(Object.values(pairs));
      this.#suggestedFor = key;
      this.#suggested = new Map();
      for (const h of vendor ? this.#fields : []) {
        const s = !pairs[h.path] && suggest(h, vendor!.values(), (c) => host.allowReuse || !taken.has(c.vendorPath));
        if (!s) continue;
        this.#suggested.set(h.path, s);
        taken.add(s.vendorPath);
      }
    }
    return this.#suggested;
  }

  async #save() {
    // An invalid mapping fires `invalid`, which shows the problems; the first one then takes the focus.
    if (!this.#internals.checkValidity()) {
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return;
    }
    await this.#call(async (api) => {
      const base = this.#base;
      const saved = await api.request('PUT', this.#path(), SavedShape, this.#input(), base && { 'if-match': `${base.version}` });
      this.#base = saved;
      this.#note = this.#l10n.t('mapper.saved');
      // The proxy answers a whole Transformation; the mapper checked what it reads.
      emit(this.host, 'ce-mapping-saved', { transformation: saved as Transformation });
    });
  }

  /** Runs a proxy call with the buttons busy; a failure becomes the status line (a stale save offers the merge). */
  async #call(work: (api: ApiClient) => Promise<void>) {
    this.#busy = true;
    this.#stale = false;
    this.host.requestUpdate();
    try {
      await work(this.api()!);
    } catch (e) {
      const error = toApiError(e);
      this.#stale = error.code === 'precondition_failed';
      this.#note = this.#stale ? this.#l10n.t('mapper.stale') : this.#l10n.t(`error.${error.code}`);
      this.#report(error);
    }
    this.#busy = false;
    this.host.requestUpdate();
  }

  /** After a stale save: the saved version, with every change this user made since theirs on top; nothing is lost. */
  #merge = () =>
    this.#call(async (api) => {
      const latest = await api.request('GET', this.#path(), SavedShape);
      const mine = this.#pairs;
      const old = pairsOf(this.#base);
      const next = pairsOf(latest);
      for (const p of Object.keys({ ...mine, ...old })) if (mine[p] !== old[p]) next[p] = mine[p];
      this.#base = latest;
      this.#put(next);
    });

  reset() {
    this.#shown = false;
    this.#preview = undefined;
    this.#put(pairsOf(this.#base), this.#base?.vendorName);
  }

  /** A button whose part (`name-button`) and words (`mapper.name`) come from its name. */
  #button(name: 'retry' | 'merge' | 'preview' | 'reset' | 'save', click: () => unknown) {
    return html`<button
      part="${name}-button"
      class=${name === 'save' ? 'primary' : ''}
      type="button"
      ?disabled=${this.#busy}
      @click=${click}
    >
      ${this.#l10n.t(`mapper.${name}`)}
    </button>`;
  }

  render(): unknown {
    const { host } = this;
    const failed = [this.#setup, this.#meta].find((l) => l.error);
    if (failed) {
      return html`<p part="load-error" role="alert">
        ${this.#l10n.t(`error.${toApiError(failed.error).code}`)} ${this.#button('retry', () => failed.run())}
      </p>`;
    }
    const loaded = this.#setup.value;
    const vendor = this.vendor;
    const vendorName = host.value?.vendorName;
    if (!loaded || (vendorName && !vendor)) return html`<p role="status">${this.#l10n.t('mapper.loading')}</p>`;
    const n = this.#suggestions.size;
    return html`<div part="base">
      <div part="header">
        <label
          >${this.#l10n.t('mapper.object', { name: loaded.own.displayName ?? host.resource! })}
          <select
            part="object"
            @change=${(e: Event) => {
              const name = (e.target as HTMLSelectElement).value;
              this.#put(name === this.#base?.vendorName ? pairsOf(this.#base) : {}, name);
            }}
          >
            ${loaded.objects.map((o) => html`<option .value=${o.name} ?selected=${o.name === vendorName}>${o.displayName ?? o.name}</option>`)}
          </select></label
        >
        ${
          n
            ? html`<button
                part="accept-all"
                type="button"
                @click=${() => this.#suggestions.forEach((v, path) => this.set(path, v.vendorPath))}
              >
                ${this.#l10n.t('mapper.accept-all', { n })}
              </button>`
            : nothing
        }
      </div>
      ${vendor?.size ? this.#fields.map((h, i) => this.#row(h, i)) : html`<p role="status">${this.#l10n.t('mapper.no-fields')}</p>`}
      ${this.#renderPreview()} ${this.#renderFooter()}
    </div>`;
  }

  #row(h: CommonResourceField, i: number) {
    const vp = this.#pairs[h.path];
    const v = vp && this.vendor?.get(vp);
    const problem = (vp || this.#shown) && this.#problem(h, vp);
    const f = v && fit(h.type, v.type);
    const s = this.#suggestions.get(h.path);
    return html`<div part="row">
      <label part="label" for="f${i}" id="l${i}">${hostLabel(h)}${h.required ? html`<span part="required"> *</span>` : nothing}</label>
      ${renderPicker(this, h, i, v ? vendorLabel(v) : (vp ?? ''), problem)}
      <span id="d${i}" part=${problem ? 'error' : f ? `check ${f}` : nothing}
        >${problem || (f && this.#l10n.t(`mapper.${f}`, { from: v.type, to: h.type }))}</span
      >
      ${
        s
          ? html`<button part="suggestion" type="button" aria-describedby="l${i}" @click=${() => this.set(h.path, s.vendorPath)}>
              ${this.#l10n.t('mapper.suggest', { field: vendorLabel(s) })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderPreview() {
    const p = this.#preview;
    if (!p) return nothing;
    const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p.item);
    return html`<section part="preview" aria-label=${this.#l10n.t('mapper.preview')}>
      ${
        p.item
          ? html`<dl>
              ${this.#fields.map(
                (h) =>
                  html`<dt>${hostLabel(h)}</dt>
                    <dd>${at(h.path) ?? '—'}</dd>`,
              )}
            </dl>`
          : this.#l10n.t('mapper.preview-empty')
      }
      ${p.errors.map((e) => html`<p part="error">${e.path}: ${e.message}</p>`)}
    </section>`;
  }

  #renderFooter() {
    const base = this.#base;
    const mine = this.#pairs;
    const saved = pairsOf(base);
    const dirty =
      (base && base.vendorName !== this.host.value?.vendorName) || this.#fields.some((h) => mine[h.path] !== saved[h.path]);
    return html`<div part="footer">
      <p part="status" role="status">${this.#note || (dirty ? this.#l10n.t('mapper.dirty') : '')}</p>
      ${this.#stale ? this.#button('merge', this.#merge) : nothing}
      ${this.#button('preview', () =>
        this.#call(async (api) => {
          this.#preview = await api.request('POST', `${this.#path()}/preview`, MappingPreviewShape, this.#input());
        }),
      )}
      ${this.#button('reset', () => this.reset())} ${this.#button('save', () => this.#save())}
    </div>`;
  }
}
