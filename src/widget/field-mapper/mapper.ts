// <ce-field-mapper>'s body, a chunk beside the entry: loads the host's fields, the app's objects,
// fields and saved mapping, and lets the user map, check, preview and save. Written for bytes: the
// chunk has a budget (see README, Benchmarks).
import { adoptStyles, html, nothing, type ReactiveController } from 'lit';
import {
  CommonResourceShape,
  MappingPreviewShape,
  ObjectMetadataShape,
  ObjectSummaryShape,
  TransformationShape,
} from '../../contract/discovery-shapes.js';
import type { CommonResourceField, FieldMetadata, MappingPreview, Transformation, TransformationInput } from '../../contract/index.js';
import { array } from '../../contract/shape.js';
import { toApiError, type ApiClient } from '../api/client.js';
import { Loader } from '../api/loader.js';
import { emit } from '../events.js';
import { t } from '../mapper-messages.js';
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

/** Host path → vendor path (empty: unmapped). */
type Pairs = Record<string, string>;
/** The app's fields of one object: once each (a duplicate path is dropped), with their search text, and by path. */
export interface Vendor {
  list: Candidate[];
  hay: string[];
  byPath: Map<string, FieldMetadata>;
}

const enc = encodeURIComponent;
const pairsOf = (m?: TransformationInput): Pairs => Object.fromEntries((m?.fields ?? []).map((f) => [f.path, f.vendorPath]));

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
  open = -1;
  query = '';
  active = 0;
  // Unset reads as false or empty: one less assignment each.
  /** Problems of unmapped required fields show after a save or submit attempt. */
  #shown?: boolean;
  #busy?: boolean;
  #note?: string;
  #stale?: boolean;
  #preview?: MappingPreview;
  /** Each host path's problem; the first one is the form's validity message. */
  #problems = new Map<string, string>();
  #suggestions = new Map<string, FieldMetadata>();
  #suggestedFor: unknown[] = [];
  #loaded?: unknown;

  constructor(
    readonly host: CeFieldMapper,
    readonly api: () => ApiClient | undefined,
  ) {
    this.#internals = host.attachInternals();
    host.addController(this);
    host.addEventListener('invalid', () => this.#show());
    adoptStyles(host.renderRoot as ShadowRoot, [tokens, reset, styles]);
  }

  #report = (error: unknown) => emit(this.host, 'ce-error', { error: toApiError(error) });
  #path = () => `/instances/${enc(this.host.instance!)}/transformations/${enc(this.host.resource!)}`;

  setup = new Loader(
    this.host,
    async ([api, instance, resource, fields]) => {
      if (!api || !instance || !resource) return;
      const [own, objects, saved] = await Promise.all([
        fields ? { fields, displayName: undefined } : api.request('GET', `/common-resources/${enc(resource)}`, CommonResourceShape),
        api.request('GET', `/instances/${enc(instance)}/objects`, array(ObjectSummaryShape)),
        api.request('GET', this.#path(), TransformationShape).catch((e: unknown) => {
          if (toApiError(e).code !== 'not_found') throw e;
          return undefined;
        }),
      ]);
      return { own, objects, saved };
    },
    () => [this.api(), this.host.instance, this.host.resource, this.host.hostFields] as const,
    this.#report,
  );

  meta = new Loader(
    this.host,
    async ([api, instance, name]) =>
      api && name
        ? index((await api.request('GET', `/instances/${enc(instance!)}/objects/${enc(name)}/metadata`, ObjectMetadataShape)).fields)
        : undefined,
    () => [this.api(), this.host.instance, this.vendorName] as const,
    this.#report,
  );

  get vendor(): Vendor | undefined {
    return this.meta.pending ? undefined : this.meta.value;
  }

  get #fields() {
    return this.setup.value?.own.fields ?? [];
  }

  hostUpdate() {
    const loaded = this.setup.value;
    if (loaded && loaded !== this.#loaded) {
      // Loaded (again): the page's own value, else the saved mapping; the object of either, else the resource's namesake, else the first.
      const { saved, objects } = (this.#loaded = loaded);
      const start = this.host.value ?? saved;
      this.#base = saved;
      this.pairs = pairsOf(start);
      this.vendorName = start?.vendorName ?? (objects.find((o) => o.name === this.host.resource) ?? objects[0])?.name;
      this.#sync();
      // The metadata's loader checked its arguments before this controller chose the object.
      this.meta.hostUpdate();
    }
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
    const root = this.host.renderRoot;
    const [first] = this.#problems;
    this.#internals.setValidity(
      first ? { [this.pairs[first[0]] ? 'customError' : 'valueMissing']: true } : {},
      first && `${first[0]}: ${first[1]}`,
      root.querySelector<HTMLElement>('[aria-invalid=true]') ?? undefined,
    );
    root.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }

  /** The mapping as the wire takes it. */
  #input(): TransformationInput {
    return {
      vendorName: this.vendorName ?? '',
      fields: this.#fields.flatMap(({ path, type }) => {
        const vendorPath = this.pairs[path];
        return vendorPath ? [{ path, vendorPath, type, vendorType: this.vendor?.byPath.get(vendorPath)?.type }] : [];
      }),
    };
  }

  /** Gives the element the current mapping as its value and form value. */
  #sync() {
    this.#internals.setFormValue(JSON.stringify((this.#out = this.host.value = this.#input())));
    this.host.requestUpdate();
  }

  /** Maps a host field to a vendor field (or to none), as the user chose. */
  set(path: string, vendorPath?: string) {
    this.pairs = { ...this.pairs, [path]: vendorPath ?? '' };
    this.open = -1;
    this.#note = '';
    this.#sync();
    this.host.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** The host field that uses a vendor field. */
  usedBy(vendorPath: string): string | undefined {
    return Object.keys(this.pairs).find((p) => this.pairs[p] === vendorPath);
  }

  /** Each row's problem, and a suggestion for each unmapped row (again only when the fields or the mapping changed). */
  #check() {
    const { vendor, pairs, host } = this;
    const fields = this.#fields;
    const drift = this.#base?.drift ?? [];
    this.#problems = new Map();
    for (const h of fields) {
      const vp = pairs[h.path];
      const v = vp && vendor?.byPath.get(vp);
      const other = vp && !host.allowReuse && this.usedBy(vp);
      const problem = !vp
        ? h.required && t('required')
        : !v || drift.some((d) => d.path === h.path && d.vendorPath === vp)
          ? t('drift', { field: vp })
          : fit(h.type, v.type) === 'incompatible'
            ? t('incompatible', { from: v.type, to: h.type })
            : other && other !== h.path && t('used', { field: other });
      if (problem && vendor) this.#problems.set(h.path, problem);
    }
    const key = [vendor, fields, pairs, host.allowReuse];
    if (key.some((k, i) => k !== this.#suggestedFor[i])) {
      this.#suggestedFor = key;
      this.#suggestions = new Map();
      const taken = new Set(host.allowReuse ? [] : Object.values(pairs));
      for (const h of vendor ? fields : []) {
        const s = !pairs[h.path] && suggest(h, vendor!.list, (c) => !taken.has(c.field.vendorPath));
        if (s) this.#suggestions.set(h.path, s);
        if (s && !host.allowReuse) taken.add(s.vendorPath);
      }
    }
  }

  #show() {
    this.#shown = true;
    this.host.requestUpdate();
  }

  async #save() {
    this.#show();
    await this.host.updateComplete;
    if (!this.#internals.checkValidity()) {
      this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return;
    }
    await this.#call(async (api) => {
      const base = this.#base;
      const saved = await api.request(
        'PUT',
        this.#path(),
        TransformationShape,
        this.#input(),
        base && { 'if-match': `${base.version}` },
      );
      this.#base = saved;
      this.#note = t('saved');
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
      this.#stale = error.code === 'precondition_failed';
      this.#note = this.#stale ? t('stale') : error.message;
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
      for (const p of Object.keys({ ...mine, ...old })) {
        if (mine[p] !== old[p]) next[p] = mine[p] ?? '';
      }
      this.#base = latest;
      this.pairs = next;
      this.#note = '';
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

  render(): unknown {
    const { setup, meta } = this;
    const error = setup.error ?? meta.error;
    if (error) {
      return html`<p part="load-error" role="alert">
        ${toApiError(error).message}
        <button part="retry-button" type="button" @click=${() => (setup.error ? setup : meta).run()}>${t('retry')}</button>
      </p>`;
    }
    const loaded = setup.value;
    if (!loaded || (this.vendorName && !this.vendor)) return html`<p role="status">${t('loading')}</p>`;
    const n = this.#suggestions.size;
    return html`<div part="base">
      <div part="header">
        <label
          >${t('object', { name: loaded.own.displayName ?? this.host.resource! })}
          <select
            part="object"
            @change=${(e: Event) => {
              this.vendorName = (e.target as HTMLSelectElement).value;
              this.pairs = this.vendorName === this.#base?.vendorName ? pairsOf(this.#base) : {};
              this.#sync();
            }}
          >
            ${loaded.objects.map((o) => html`<option .value=${o.name} ?selected=${o.name === this.vendorName}>${o.displayName ?? o.name}</option>`)}
          </select></label
        >
        ${
          n
            ? html`<button
                part="accept-all"
                type="button"
                @click=${() => {
                  for (const [path, v] of this.#suggestions) this.set(path, v.vendorPath);
                }}
              >
                ${t('accept-all', { n })}
              </button>`
            : nothing
        }
      </div>
      ${this.vendor?.list.length ? this.#fields.map((h, i) => this.#row(h, i)) : html`<p role="status">${t('no-fields')}</p>`}
      ${this.#renderPreview()} ${this.#renderFooter()}
    </div>`;
  }

  #row(h: CommonResourceField, i: number) {
    const vp = this.pairs[h.path];
    const v = vp && this.vendor?.byPath.get(vp);
    const problem = this.#problems.get(h.path);
    const shown = vp || this.#shown ? problem : undefined;
    const f = v && fit(h.type, v.type);
    const s = this.#suggestions.get(h.path);
    return html`<div part="row">
      <label part="label" for="f${i}" id="l${i}">${hostLabel(h)}${h.required ? html`<span part="required"> *</span>` : nothing}</label>
      ${renderPicker(this, h, i, v ? vendorLabel(v) : (vp ?? ''), shown)}
      <span id="d${i}" part=${shown ? 'error' : f ? `check ${f}` : nothing}
        >${shown ?? (f && t(f, { from: v.type, to: h.type }))}</span
      >
      ${
        s
          ? html`<button part="suggestion" type="button" aria-describedby="l${i}" @click=${() => this.set(h.path, s.vendorPath)}>
              ${t('suggest', { field: vendorLabel(s) })}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderPreview() {
    const p = this.#preview;
    if (!p) return nothing;
    const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], p.item);
    return html`<section part="preview" aria-label=${t('preview')}>
      ${
        p.item
          ? html`<dl>
              ${this.#fields.map(
                (h) =>
                  html`<dt>${hostLabel(h)}</dt>
                    <dd>${at(h.path) ?? '—'}</dd>`,
              )}
            </dl>`
          : t('preview-empty')
      }
      ${p.errors.map((e) => html`<p part="error">${e.path}: ${e.message}</p>`)}
    </section>`;
  }

  #renderFooter() {
    const busy = this.#busy;
    const mine = this.pairs;
    const saved = pairsOf(this.#base);
    const dirty =
      (this.#base && this.#base.vendorName !== this.vendorName) ||
      Object.keys({ ...mine, ...saved }).some((k) => (mine[k] || '') !== (saved[k] || ''));
    return html`<div part="footer">
      <p part="status" role="status">${this.#note || (dirty ? t('dirty') : '')}</p>
      ${this.#stale ? html`<button part="merge-button" type="button" ?disabled=${busy} @click=${this.#merge}>${t('merge')}</button>` : nothing}
      <button
        part="preview-button"
        type="button"
        ?disabled=${busy}
        @click=${() =>
          this.#call(async (api) => {
            this.#preview = await api.request('POST', `${this.#path()}/preview`, MappingPreviewShape, this.#input());
          })}
      >
        ${t('preview')}
      </button>
      <button part="reset-button" type="button" ?disabled=${busy} @click=${() => this.reset()}>${t('reset')}</button>
      <button part="save-button" class="primary" type="button" ?disabled=${busy} @click=${() => this.#save()}>${t('save')}</button>
    </div>`;
  }
}
