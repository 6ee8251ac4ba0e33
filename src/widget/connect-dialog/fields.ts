// The connect form's field templates: one function per kind of control, drawn from the form model.
// They hold no state; the form step passes its values and handlers.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Localized } from '../localize.js';
import type { FormField, RawValue, RawValues } from './form-model.js';

/** What the field templates read and call: the form step's values (each of its control's kind: form-model.ts toRaw) and handlers. */
export interface FieldState {
  readonly values: RawValues;
  /** Password fields shown as text. */
  readonly revealed: ReadonlySet<string>;
  /** A submit is under way: fields are read-only (choices disabled) until it settles. */
  readonly busy: boolean;
  /** The dialog's language and words. */
  readonly l10n: Localized;
  /** The message shown beside a field, if any. */
  errorFor(field: FormField): string | undefined;
  set(field: FormField, value: RawValue): void;
  /** The user left the field: its errors may show from now on. */
  touch(key: string): void;
  toggleReveal(key: string): void;
}

/** Ids and ARIA wiring of one field; `index` makes ids (config keys may hold any character). */
interface Wiring {
  id: string;
  index: number;
  describedBy?: string;
  invalid?: 'true';
  help: TemplateResult | typeof nothing;
  error: TemplateResult | typeof nothing;
}

/** One field: label, control, adornments, help and error. */
export function renderField(state: FieldState, f: FormField, index: number): TemplateResult {
  const w = wiring(state, f, index);
  if (f.control === 'checkbox') return checkboxField(state, f, w);
  if (f.control === 'checkboxes') return checkboxesField(state, f, w);
  return html`<div part="field">
    <label part="label" for=${w.id}>${f.name}${requiredMark(f)}</label>
    <div class="control ${w.invalid ? 'invalid' : ''}">
      ${f.prefix ? html`<span part="adornment" id="${w.id}-prefix">${f.prefix}</span>` : nothing} ${renderInput(state, f, w)}
      ${f.suffix ? html`<span part="adornment" id="${w.id}-suffix">${f.suffix}</span>` : nothing}
      ${
        f.control === 'password'
          ? html`<button
              part="password-toggle"
              type="button"
              aria-label=${state.l10n.t('field.show-label', { name: f.name })}
              aria-controls=${w.id}
              aria-pressed=${state.revealed.has(f.key) ? 'true' : 'false'}
              @click=${() => state.toggleReveal(f.key)}
            >
              ${state.l10n.t('field.show')}
            </button>`
          : nothing
      }
    </div>
    ${w.help} ${w.error}
  </div>`;
}

const requiredMark = (f: FormField) => (f.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing);

function wiring(state: FieldState, f: FormField, index: number): Wiring {
  const id = `f${index}`;
  const error = state.errorFor(f);
  const hasHelp = Boolean(f.description || f.example || f.helpUrl);
  const describedBy =
    [f.prefix && `${id}-prefix`, f.suffix && `${id}-suffix`, hasHelp && `${id}-help`, error && `${id}-error`]
      .filter(Boolean)
      .join(' ') || undefined;
  return {
    id,
    index,
    describedBy,
    invalid: error ? 'true' : undefined,
    help: hasHelp ? helpText(state.l10n, f, id) : nothing,
    error: error ? html`<p part="error" id="${id}-error">${error}</p>` : nothing,
  };
}

function helpText(l10n: Localized, f: FormField, id: string): TemplateResult {
  const { example, helpUrl } = f;
  return html`<p part="help" id="${id}-help">
    ${f.description ? html`<span dir="auto">${f.description}</span>` : nothing}
    ${example ? html`<span>${l10n.t('field.example', { example })}</span>` : nothing}
    ${
      helpUrl
        ? html`<a href=${helpUrl} target="_blank" rel="noopener noreferrer"
            >${l10n.t('field.help-link')}<span class="visually-hidden"> ${l10n.t('field.help-link-hint', { name: f.name })}</span></a
          >`
        : nothing
    }
  </p>`;
}

function checkboxField(state: FieldState, f: FormField, w: Wiring): TemplateResult {
  return html`<div part="field">
    <label part="label" class="check">
      <input
        part="input"
        type="checkbox"
        id=${w.id}
        data-field=${w.index}
        ?disabled=${state.busy}
        .checked=${state.values[f.key]}
        aria-describedby=${ifDefined(w.describedBy)}
        aria-invalid=${ifDefined(w.invalid)}
        @change=${(e: Event) => state.set(f, (e.target as HTMLInputElement).checked)}
        @blur=${() => state.touch(f.key)}
      />
      <span>${f.name}</span>
    </label>
    ${w.help} ${w.error}
  </div>`;
}

function checkboxesField(state: FieldState, f: FormField, w: Wiring): TemplateResult {
  const chosen = state.values[f.key] as string[];
  return html`<fieldset
    part="field"
    aria-describedby=${ifDefined(w.describedBy)}
    aria-invalid=${ifDefined(w.invalid)}
    @focusout=${() => state.touch(f.key)}
  >
    <legend part="label">${f.name}${requiredMark(f)}</legend>
    ${f.options.map(
      (o, i) =>
        html`<label class="check">
          <input
            part="input"
            type="checkbox"
            data-field=${ifDefined(i === 0 ? w.index : undefined)}
            ?disabled=${state.busy}
            .checked=${chosen.includes(o.value)}
            @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              state.set(f, on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value));
            }}
          />
          <span>${o.description || o.value}</span>
        </label>`,
    )}
    ${w.help} ${w.error}
  </fieldset>`;
}

function renderInput(state: FieldState, f: FormField, w: Wiring): TemplateResult {
  const value = state.values[f.key] as string;
  const onInput = (e: Event) => state.set(f, (e.target as HTMLInputElement).value);
  const onBlur = () => state.touch(f.key);
  if (f.control === 'select') {
    return html`<select
      part="input"
      id=${w.id}
      data-field=${w.index}
      ?disabled=${state.busy}
      ?required=${f.required}
      aria-describedby=${ifDefined(w.describedBy)}
      aria-invalid=${ifDefined(w.invalid)}
      @change=${onInput}
      @blur=${onBlur}
    >
      <option value="" ?selected=${value === ''}>${state.l10n.t('field.choose')}</option>
      ${f.options.map((o) => html`<option .value=${o.value} ?selected=${o.value === value}>${o.description || o.value}</option>`)}
    </select>`;
  }
  if (f.control === 'textarea') {
    return html`<textarea
      part="input"
      id=${w.id}
      data-field=${w.index}
      maxlength=${f.maxLength}
      placeholder=${ifDefined(f.placeholder)}
      ?readonly=${state.busy}
      ?required=${f.required}
      aria-describedby=${ifDefined(w.describedBy)}
      aria-invalid=${ifDefined(w.invalid)}
      .value=${value}
      @input=${onInput}
      @blur=${onBlur}
    ></textarea>`;
  }
  // NUMBER uses a text box with a numeric keyboard: a number input would hide what was typed wrong.
  const type =
    f.control === 'password'
      ? state.revealed.has(f.key)
        ? 'text'
        : 'password'
      : f.control === 'url'
        ? 'url'
        : f.control === 'email'
          ? 'email'
          : 'text';
  return html`<input
    part="input"
    id=${w.id}
    data-field=${w.index}
    type=${type}
    inputmode=${ifDefined(f.control === 'number' ? 'decimal' : undefined)}
    maxlength=${ifDefined(f.control === 'number' ? undefined : f.maxLength)}
    placeholder=${ifDefined(f.placeholder)}
    autocomplete=${f.control === 'password' ? 'new-password' : 'off'}
    spellcheck="false"
    ?readonly=${state.busy}
    ?required=${f.required}
    aria-describedby=${ifDefined(w.describedBy)}
    aria-invalid=${ifDefined(w.invalid)}
    .value=${value}
    @input=${onInput}
    @blur=${onBlur}
  />`;
}
