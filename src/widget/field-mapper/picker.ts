// One row's picker: a combobox (an input that filters) with a listbox of the app's fields, the ARIA
// 1.2 pattern. Only the open row renders its list, and only its first LIMIT matches.
import { html, nothing } from 'lit';
import type { CommonResourceField, FieldMetadata } from '../../contract/index.js';
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
  /** The other host field that already uses a vendor field, when each may be used once. */
  usedBy(vendorPath: string, path: string): string | undefined;
}

/** The open row's options: "Not mapped", then the first matches; and how many matches in all. */
function options(p: Picker): [(FieldMetadata | undefined)[], number] {
  const terms = p.query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: (FieldMetadata | undefined)[] = [undefined];
  let n = 0;
  for (const c of p.vendor?.values() ?? []) if (terms.every((term) => c.hay.includes(term)) && ++n <= LIMIT) found.push(c);
  return [found, n];
}

function openAt(p: Picker, row: number, query = '') {
  p.open = row;
  p.query = query;
  p.active = 0;
  p.host.requestUpdate();
}

export function renderPicker(p: Picker, h: CommonResourceField, row: number, shown: string, problem: unknown) {
  const { l10n } = p.host;
  const open = p.open === row;
  const [opts, n] = open ? options(p) : [[], 0];
  const more = n > LIMIT ? l10n.t('mapper.more', { n: n - LIMIT }) : n ? '' : l10n.t('mapper.no-match');
  const usedBy = (v?: FieldMetadata) => v && p.usedBy(v.vendorPath, h.path);
  const choose = (v?: FieldMetadata) => usedBy(v) || p.set(h.path, v?.vendorPath);
  const onKey = (e: KeyboardEvent) => {
    // The options again: a key may come before the render of the last keystroke.
    const [all] = options(p);
    const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (p.open !== row) {
      if (!step) return;
      openAt(p, row);
    } else if (step) p.active = (p.active + step + all.length) % all.length;
    else if (e.key === 'Enter') choose(all[p.active]);
    else if (e.key === 'Escape') p.open = -1;
    else return;
    e.preventDefault();
    p.host.requestUpdate();
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
      placeholder=${l10n.t('mapper.search')}
      .value=${open ? p.query : shown}
      @input=${(e: Event) => openAt(p, row, (e.target as HTMLInputElement).value)}
      @keydown=${onKey}
      @blur=${() => p.open === row && openAt(p, -1)}
    />
    ${
      open
        ? html`<ul
              part="listbox"
              id="lb"
              role="listbox"
              aria-labelledby="l${row}"
              @mousedown=${(e: Event) => {
                // Keeps the focus in the input (a click on the scroll bar too).
                e.preventDefault();
                const option = (e.target as Element).closest('[role=option]');
                if (option) choose(opts[Number(option.id.slice(1))]);
              }}
            >
              ${opts.map((v, k) => {
                const by = usedBy(v);
                return html`<li part="option" id="o${k}" role="option" aria-selected=${k === p.active} aria-disabled=${Boolean(by)}>
                  ${v ? html`${vendorLabel(v)} <small>${v.vendorPath} · ${v.type}${by ? ` · ${l10n.t('mapper.used', { field: by })}` : ''}</small>` : l10n.t('mapper.none')}
                </li>`;
              })}
            </ul>
            <p part="more" role="status">${more}</p>`
        : nothing
    }
  </div>`;
}
