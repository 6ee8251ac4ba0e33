// <ce-field-mapper>'s body, a chunk beside the entry: loads the host's fields, the app's objects,
// fields and saved mapping, and lets the user map, check, preview and save.
import { adoptStyles, html, nothing, type LitElement, type ReactiveController } from 'lit';
import {
  CommonResourceShape,
  MappingPreviewShape,
  ObjectMetadataShape,
  ObjectSummaryShape,
  TransformationShape,
} from '../../contract/discovery-shapes.js';
import type { CommonField, FieldMetadata, MappingPreview, Transformation, TransformationInput } from '../../contract/index.js';
import { array } from '../../contract/shape.js';
import { toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { emit } from '../events.js';
import { t } from '../mapper-messages.js';
import type { CeFieldMapper } from './field-mapper.js';
import { candidate, fit, suggest, type Candidate } from './match.js';
import { styles } from './mapper.styles.js';
import { renderPicker, type Picker } from './picker.js';

/** What the element's shell calls. */
export interface MapperBody {
  render(): unknown;
  save(): Promise<void>;
  reset(): void;
}

export const createBody = (host: CeFieldMapper, api: () => ApiClient | undefined): MapperBody => new Body(host, api);

/** Host path → vendor path. */
type Pairs = Record<string, string>;
/** The app's fields of one object: once each (duplicate paths dropped), with their search text and by path. */
export interface Vendor {
  list: Candidate[];
  hay: string[];
  byPath: Map<string, FieldMetadata>;
}

const enc = encodeURIComponent;
const pairsOf = (t?: TransformationInput): Pairs => Object.fromEntries((t?.fields ?? []).map((f) => [f.path, f.vendorPath]));
export const vendorLabel = (v: FieldMetadata) => v.vendorDisplayName ?? v.vendorPath;
const hostLabel = (h: CommonField) => h.displayName ?? h.path;

function index(fields: FieldMetadata[]): Vendor {
  const byPath = new Map<string, FieldMetadata>();
  for (const f of fields) if (!byPath.has(f.vendorPath)) byPath.set(f.vendorPath, f);
  const list = [...byPath.values()].map(candidate);
  return { list, byPath, hay: list.map(({ field: f }) => `${vendorLabel(f)} ${f.vendorPath} ${f.type}`.toLowerCase()) };
}

class Body implements MapperBody, ReactiveController, Picker {
  readonly #internals: ElementInternals;
  vendorName?: string;
  pairs: Pairs = {};
  /** The saved mapping (its version goes with the next save), if any. */
  #base?: Transformation;
  /** The value this body last gave the element: another one was set by the page. */
  #out?: TransformationInput;
  /** Row of the open picker (-1: none), its search and its active option. */
  open = -1;
  query = '';
  active = 0;
  #shown = false;
  #busy = false;
  #note = '';
  #stale = false;
  #preview?: MappingPreview;
  /** Each host path's problem, if any; the first invalid row anchors the form's validity. */
  problems = new Map<string, string>();
  #suggestions = new Map<string, FieldMetadata>();
  #suggestedFor: unknown[] = [];

  constructor(
    readonly host: CeFieldMapper,
    readonly api: () => ApiClient | undefined,
  ) {
    this.#internals = host.attachInternals();
    host.addController(this);
    host.addEventListener('invalid', () => this.#show());
    adoptStyles(host.renderRoot as ShadowRoot, [...(host.constructor as typeof LitElement).elementStyles, styles]);
  }

  #report = (error: unknown) => emit(this.host, 'ce-error', { error: toApiError(error) });
  #path = () => `/instances/${enc(this.host.instance)}/transformations/${enc(this.host.resource)}`;

  setup = new Loader(
    this.host,
    async ([api, instance, resource, given]) => {
      if (!api || !instance || !resource) return;
      const [fields, objects, saved] = await Promise.all([
        given ?? api.request('GET', `/common-resources/${enc(resource)}`, CommonResourceShape).then((r) => r.fields),
        api.request('GET', `/instances/${enc(instance)}/objects`, array(ObjectSummaryShape)),
        api.request('GET', this.#path(), TransformationShape).catch((e: unknown) => {
          if (toApiError(e).code !== 'not_found') throw e;
          return undefined;
        }),
      ]);
      this.#base = saved;
      const start = this.host.value ?? saved;
      this.pairs = pairsOf(start);
      this.vendorName = start?.vendorName ?? (objects.find((o) => o.name === resource) ?? objects[0])?.name;
      this.#sync();
      return { fields, objects };
    },
    () => [this.api(), this.host.instance, this.host.resource, this.host.hostFields] as const,
    this.#report,
  );

  meta = new Loader(
    this.host,
    async ([api, instance, name]) =>
      api && name
        ? index((await api.request('GET', `/instances/${enc(instance)}/objects/${enc(name)}/metadata`, ObjectMetadataShape)).fields)
        : undefined,
    () => [this.api(), this.host.instance, this.vendorName] as const,
    this.#report,
  );

  get vendor(): Vendor | undefined {
    return this.meta.pending ? undefined : this.meta.value;
  }

  hostUpdate() {
    const { value } = this.host;
    if (value !== this.#out) {
      // The page set a mapping of its own.
      this.pairs = pairsOf(value);
      this.vendorName = value?.vendorName ?? this.vendorName;
      this.#out = value;
    }
    this.#check();
  }

  hostUpdated() {
    const first = [...this.problems.values()][0];
    const anchor = this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]') ?? undefined;
    const missing = [...this.problems].some(([path]) => !this.pairs[path]);
    this.#internals.setValidity(first ? { valueMissing: missing, customError: !missing } : {}, first, anchor);
    this.host.renderRoot.querySelector('[part~=option][aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }

  /** The mapping as the wire takes it. */
  #input(): TransformationInput {
    const fields = this.setup.value?.fields ?? [];
    return {
      vendorName: this.vendorName ?? '',
      fields: fields.flatMap((h) => {
        const vendorPath = this.pairs[h.path];
        const v = vendorPath === undefined ? undefined : this.vendor?.byPath.get(vendorPath);
        return vendorPath === undefined ? [] : [{ path: h.path, vendorPath, type: h.type, vendorType: v?.type }];
      }),
    };
  }

  /** Gives the element the current mapping as its value and form value. */
  #sync() {
    const value = (this.#out = this.host.value = this.#input());
    this.#internals.setFormValue(JSON.stringify(value));
    this.host.requestUpdate();
  }

  get dirty() {
    const key = (t?: TransformationInput) => JSON.stringify([t?.vendorName ?? this.vendorName, pairsOf(t)]);
    return key(this.#base) !== key(this.#input());
  }

  /** Maps a host field to a vendor field (or to none), as the user chose. */
  set(path: string, vendorPath?: string) {
    this.pairs = { ...this.pairs };
    if (vendorPath) this.pairs[path] = vendorPath;
    else delete this.pairs[path];
    this.#changed();
  }

  /** The user changed the mapping. */
  #changed() {
    this.open = -1;
    this.#note = '';
    this.#sync();
    this.host.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** Who uses each vendor field. */
  usedBy(vendorPath: string): string | undefined {
    return Object.keys(this.pairs).find((p) => this.pairs[p] === vendorPath);
  }

  /** Each row's problem, and a suggestion for each unmapped row (again only when the fields or the mapping changed). */
  #check() {
    const fields = this.setup.value?.fields ?? [];
    const vendor = this.vendor;
    const drift = this.#base?.drift ?? [];
    this.problems = new Map();
    for (const h of fields) {
      const vp = this.pairs[h.path];
      const v = vp === undefined ? undefined : vendor?.byPath.get(vp);
      const other = vp && !this.host.allowReuse ? this.usedBy(vp) : undefined;
      const problem = !vp
        ? h.required && t('mapper.required')
        : !v || drift.some((d) => d.path === h.path && d.vendorPath === vp)
          ? t('mapper.drift', { field: vp })
          : fit(h.type, v.type) === 'incompatible'
            ? t('mapper.incompatible', { from: v.type, to: h.type })
            : other && other !== h.path && t('mapper.used', { field: other });
      if (problem && vendor) this.problems.set(h.path, problem);
    }
    const key = [vendor, fields, this.pairs, this.host.allowReuse];
    if (key.some((k, i) => k !== this.#suggestedFor[i])) {
      this.#suggestedFor = key;
      this.#suggestions = new Map();
      const taken = new Set(Object.values(this.pairs));
      for (const h of fields) {
        if (this.pairs[h.path] || !vendor) continue;
        const s = suggest(h, vendor.list, (c) => this.host.allowReuse || !taken.has(c.field.vendorPath));
        if (s) this.#suggestions.set(h.path, s);
        if (s && !this.host.allowReuse) taken.add(s.vendorPath);
      }
    }
  }

  #show() {
    this.#shown = true;
    this.host.requestUpdate();
  }

  async save(): Promise<void> {
    const api = this.api();
    this.#show();
    await this.host.updateComplete;
    if (!this.#internals.checkValidity()) {
      this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return;
    }
    if (!api || this.#busy) return;
    await this.#call(async () => {
      const headers = this.#base ? { 'if-match': String(this.#base.version) } : undefined;
      const saved = await api.request('PUT', this.#path(), TransformationShape, this.#input(), headers);
      this.#base = saved;
      this.#note = t('mapper.saved');
      emit(this.host, 'ce-mapping-saved', { transformation: saved });
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
      this.#note = error.message;
      this.#stale = error.code === 'precondition_failed';
      this.#report(error);
    }
    this.#busy = false;
    this.host.requestUpdate();
  }

  /** After a stale save: the saved version, with every change this user made since theirs on top; nothing is lost. */
  #merge = () =>
    this.#call(async (api) => {
      const latest = await api.request('GET', this.#path(), TransformationShape);
      const mine = this.pairs;
      const old = pairsOf(this.#base);
      const next = pairsOf(latest);
      for (const p of new Set([...Object.keys(mine), ...Object.keys(old)])) {
        if (mine[p] === old[p]) continue;
        if (mine[p]) next[p] = mine[p];
        else delete next[p];
      }
      if (this.vendorName === this.#base?.vendorName) this.vendorName = latest.vendorName;
      this.#base = latest;
      this.pairs = next;
      this.#note = t('mapper.merged');
      this.#sync();
    });

  reset() {
    this.pairs = pairsOf(this.#base);
    this.vendorName = this.#base?.vendorName ?? this.vendorName;
    this.#shown = false;
    this.#note = '';
    this.#preview = undefined;
    this.#sync();
  }

  #runPreview = () =>
    this.#call(async (api) => {
      this.#preview = await api.request('POST', `${this.#path()}/preview`, MappingPreviewShape, this.#input());
    });

  #acceptAll = () => {
    this.pairs = { ...this.pairs };
    for (const [path, v] of this.#suggestions) this.pairs[path] = v.vendorPath;
    this.#changed();
  };

  #chooseObject = (e: Event) => {
    this.vendorName = (e.target as HTMLSelectElement).value;
    this.pairs = this.vendorName === this.#base?.vendorName ? pairsOf(this.#base) : {};
    this.#preview = undefined;
    this.#sync();
  };

  render(): unknown {
    const { setup, meta } = this;
    const error = setup.error ?? meta.error;
    if (error) {
      return html`<div part="load-error" role="alert">
        <p>${toApiError(error).message}</p>
        <button part="retry-button" type="button" @click=${() => (setup.error ? setup : meta).run()}>${t('mapper.retry')}</button>
      </div>`;
    }
    const loaded = setup.value;
    if (!loaded || (this.vendorName && !this.vendor)) return html`<p role="status">${t('mapper.loading')}</p>`;
    const n = this.#suggestions.size;
    return html`<div part="base">
      <div part="header">
        <label
          >${t('mapper.object')}
          <select part="object" @change=${this.#chooseObject}>
            ${loaded.objects.map((o) => html`<option .value=${o.name} ?selected=${o.name === this.vendorName}>${o.displayName ?? o.name}</option>`)}
          </select></label
        >
        ${n ? html`<button part="accept-all" type="button" @click=${this.#acceptAll}>${t('mapper.accept-all', { n })}</button>` : nothing}
      </div>
      ${this.vendor?.list.length ? loaded.fields.map((h, i) => this.#row(h, i)) : html`<p role="status">${t('mapper.no-fields')}</p>`}
      ${this.#renderPreview(loaded.fields)} ${this.#renderFooter()}
    </div>`;
  }

  #row(h: CommonField, i: number) {
    const vp = this.pairs[h.path];
    const v = vp === undefined ? undefined : this.vendor?.byPath.get(vp);
    const problem = this.problems.get(h.path);
    const shownProblem = problem && (vp || this.#shown) ? problem : undefined;
    const f = v && fit(h.type, v.type);
    const s = this.#suggestions.get(h.path);
    return html`<div part="row">
      <label part="label" for="f${i}" id="l${i}"
        >${hostLabel(h)}${h.required ? html`<span part="required" aria-hidden="true"> *</span>` : nothing}</label
      >
      ${renderPicker(this, h, i, vp === undefined ? '' : v ? vendorLabel(v) : vp, shownProblem)}
      <span id="d${i}"
        >${
          shownProblem
            ? html`<span part="error">${shownProblem}</span>`
            : f
              ? html`<span part="check ${f}">${t(`mapper.${f}`, { from: v.type, to: h.type })}</span>`
              : nothing
        }</span
      >
      ${
        s
          ? html`<button part="suggestion" type="button" aria-describedby="l${i}" @click=${() => this.set(h.path, s.vendorPath)}>
              ${t('mapper.suggest', { field: vendorLabel(s) })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderPreview(fields: CommonField[]) {
    const p = this.#preview;
    if (!p) return nothing;
    const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p.item);
    return html`<section part="preview" aria-labelledby="pt">
      <h3 id="pt">${t('mapper.preview-title')}</h3>
      ${p.item ? html`<dl>${fields.map((h) => html`<dt>${hostLabel(h)}</dt><dd>${JSON.stringify(at(h.path)) ?? '—'}</dd>`)}</dl>` : html`<p>${t('mapper.preview-empty')}</p>`}
      ${p.errors.map((e) => html`<p part="error">${e.path}: ${e.message}</p>`)}
    </section>`;
  }

  #renderFooter() {
    const busy = this.#busy;
    return html`<div part="footer">
      <p part="status" role="status">${this.#note || (this.dirty ? t('mapper.dirty') : '')}</p>
      ${this.#stale ? html`<button part="merge-button" type="button" ?disabled=${busy} @click=${this.#merge}>${t('mapper.merge')}</button>` : nothing}
      <button part="preview-button" type="button" ?disabled=${busy} @click=${this.#runPreview}>${t('mapper.preview')}</button>
      <button part="reset-button" type="button" ?disabled=${busy} @click=${() => this.reset()}>${t('mapper.reset')}</button>
      <button part="save-button" class="primary" type="button" ?disabled=${busy} @click=${() => this.save()}>${t('mapper.save')}</button>
    </div>`;
  }
}
