// One row's picker: a combobox (an input that filters) with a listbox of the app's fields, the ARIA
// 1.2 pattern. Only the open row renders its list, and only its first LIMIT matches.
import { html, nothing } from 'lit';
import type { CommonResourceField, FieldMetadata } from '../../contract/index.js';
import { t } from '../mapper-messages.js';
import type { CeFieldMapper } from './field-mapper.js';
import type { Vendor } from './mapper.js';
import { vendorLabel } from './match.js';

/** Options rendered at most; the rest are counted ("N more: refine the search"). */
const LIMIT = 50;

/** What the picker reads and changes of the mapper's body. */
export interface Picker {
  readonly host: CeFieldMapper;
  readonly vendor?: Vendor;
  /** The open row (-1: none), its search and its active option. */
  open: number;
  query: string;
  active: number;
  set(path: string, vendorPath?: string): void;
  usedBy(vendorPath: string): string | undefined;
}

/** The open row's options: "Not mapped", then the first matches; and how many matches in all. */
function options(p: Picker): [(FieldMetadata | undefined)[], number] {
  const terms = p.query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: (FieldMetadata | undefined)[] = [undefined];
  let n = 0;
  for (const c of p.vendor?.list ?? []) if (terms.every((term) => c.hay.includes(term)) && ++n <= LIMIT) found.push(c.field);
  return [found, n];
}

/** Whether the user may choose `v` for host field `path` (each app field once, unless `allow-reuse`). */
const free = (p: Picker, path: string, v?: FieldMetadata) => !v || p.host.allowReuse || (p.usedBy(v.vendorPath) ?? path) === path;

function openAt(p: Picker, row: number, query: string) {
  p.open = row;
  p.query = query;
  p.active = 0;
  p.host.requestUpdate();
}

function onKey(p: Picker, e: KeyboardEvent, h: CommonResourceField, row: number) {
  const open = p.open === row;
  const [opts] = open ? options(p) : [[]];
  const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
  if (step) {
    if (open) p.active = (p.active + step + opts.length) % opts.length;
    else openAt(p, row, '');
  } else if (e.key === 'Enter' && open) {
    const v = opts[p.active];
    if (free(p, h.path, v)) p.set(h.path, v?.vendorPath);
  } else if (e.key === 'Escape' && open) {
    p.open = -1;
  } else return;
  e.preventDefault();
  p.host.requestUpdate();
}

export function renderPicker(p: Picker, h: CommonResourceField, row: number, shown: string, problem: unknown) {
  const open = p.open === row;
  const [opts, n] = open ? options(p) : [[], 0];
  // On mousedown, keeping the focus in the input.
  const choose = (e: Event) => {
    e.preventDefault();
    const k = Number((e.target as Element).closest('[role=option]')?.id.slice(1));
    if (free(p, h.path, opts[k])) p.set(h.path, opts[k]?.vendorPath);
  };
  return html`<div class="pick">
    <input
      part="input"
      id="f${row}"
      role="combobox"
      aria-labelledby="l${row}"
      autocomplete="off"
      aria-autocomplete="list"
      aria-expanded=${open}
      aria-controls=${open ? 'lb' : nothing}
      aria-activedescendant=${open ? `o${p.active}` : nothing}
      aria-required=${Boolean(h.required)}
      aria-invalid=${Boolean(problem)}
      aria-describedby="d${row}"
      placeholder=${t('search')}
      .value=${open ? p.query : shown}
      @input=${(e: Event) => openAt(p, row, (e.target as HTMLInputElement).value)}
      @keydown=${(e: KeyboardEvent) => onKey(p, e, h, row)}
      @blur=${() => p.open === row && openAt(p, -1, '')}
    />
    ${
      open
        ? html`<ul part="listbox" id="lb" role="listbox" aria-labelledby="l${row}" @mousedown=${choose}>
              ${opts.map((v, k) => {
                const by = v && !free(p, h.path, v) ? p.usedBy(v.vendorPath) : undefined;
                return html`<li part="option" id="o${k}" role="option" aria-selected=${k === p.active} aria-disabled=${Boolean(by)}>
                  ${v ? vendorLabel(v) : t('none')}${v ? html` <small>${v.vendorPath} · ${v.type}${by ? ` · ${t('used', { field: by })}` : ''}</small>` : nothing}
                </li>`;
              })}
            </ul>
            <p part="more" role="status">${n > LIMIT ? t('more', { n: n - LIMIT }) : n ? '' : t('no-match')}</p>`
        : nothing
    }
  </div>`;
}
