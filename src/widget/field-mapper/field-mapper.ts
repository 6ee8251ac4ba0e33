import type { PropertyDeclarations } from 'lit';
import type { CommonResourceField, TransformationInput } from '../../contract/index.js';
import { ApiElement } from '../api/api-element.js';
import type { MapperBody } from './mapper.js';

/**
 * Maps a host's object (a common resource) to an object of a connected app: for each host field a
 * searchable picker of the app's discovered fields, with name-based suggestions, type checks and
 * a preview of one real record, then saves the mapping (a transformation). Form-associated: inside
 * a `<form>` it submits the mapping as JSON under its `name`, and is invalid while a required host
 * field is unmapped or a pair does not fit. Its body comes as a chunk beside the entry.
 *
 * @summary Maps the host's fields to a connected app's fields.
 *
 * @fires change - The user changed the mapping; read `value`.
 * @fires ce-mapping-saved - The mapping was saved; `detail.transformation` is the saved one, with its new `version`.
 * @fires ce-error - Loading, preview or saving failed; `detail.error` is the `ApiError`.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The app object chooser and "Accept all suggestions".
 * @csspart object - The app object `<select>`.
 * @csspart row - One host field with its picker.
 * @csspart label - A host field's name.
 * @csspart required - The mark of a required host field.
 * @csspart input - A picker's search input (a combobox).
 * @csspart listbox - The open picker's list of app fields.
 * @csspart option - One app field in the list.
 * @csspart more - "N more: refine the search" below the list.
 * @csspart check - A pair's type check; also `same`, `convertible` or `incompatible`.
 * @csspart error - A row's problem (required, incompatible, removed from the app).
 * @csspart suggestion - The button accepting a row's suggestion.
 * @csspart accept-all - The button accepting every suggestion.
 * @csspart preview - The preview of one record.
 * @csspart footer - Status and buttons.
 * @csspart status - "Unsaved changes", "Saved", or why saving or the preview failed.
 * @csspart merge-button - After a save refused as stale: loads the saved version and keeps the user's changes.
 * @csspart preview-button - The Preview button.
 * @csspart reset-button - The Reset button.
 * @csspart save-button - The Save button.
 * @csspart load-error - The error shown when the fields could not be loaded.
 * @csspart retry-button - Loads again after a load error.
 *
 * @cssprop [--ce-mapper-list-height=16rem] - Height of an open picker's list.
 * @cssprop [--ce-color-primary=#1d4ed8] - Global token: buttons, the active option, focus ring.
 * @cssprop [--ce-color-text=#1f2328] - Global token: text.
 * @cssprop [--ce-color-surface=#ffffff] - Global token: backgrounds.
 * @cssprop [--ce-color-border=#6e7781] - Global token: borders.
 * @cssprop [--ce-color-danger=#b42318] - Global token: problems, incompatible pairs.
 * @cssprop [--ce-color-success=#1a7f37] - Global token: same-type pairs.
 * @cssprop [--ce-color-warning=#9a6700] - Global token: convertible pairs.
 * @cssprop [--ce-radius=6px] - Global token: corner radius.
 * @cssprop [--ce-font-family=system-ui] - Global token: font.
 * @cssprop [--ce-space=8px] - Global token: spacing unit.
 */
export class CeFieldMapper extends ApiElement {
  static formAssociated = true;
  static override properties: PropertyDeclarations = {
    instance: {},
    resource: {},
    allowReuse: { type: Boolean, attribute: 'allow-reuse' },
    hostFields: { attribute: false },
    value: { attribute: false },
  };

  // No initial values: each is one less assignment in the entry, and unset reads as empty.
  /** Id of the connected app (the element instance) whose fields are offered. */
  instance?: string;

  /** Name of the host's common resource to map, e.g. `customers`; also the mapping's name. */
  resource?: string;

  /** Lets one app field feed several host fields. */
  allowReuse?: boolean;

  /** The host fields to map; when unset, they are loaded from `GET /common-resources/{resource}`. */
  hostFields?: CommonResourceField[];

  /** The mapping shown: loaded from the saved one when unset, and updated as the user maps (then `change` fires). */
  value?: TransformationInput;

  #body?: MapperBody;

  override connectedCallback() {
    // eslint-disable-next-line wc/guard-super-call -- LitElement implements it
    super.connectedCallback();
    void import('./mapper.js').then((m) => {
      this.#body ??= m.createBody(this, () => this.api);
      this.requestUpdate();
    });
  }

  /** Called by a `<form>`'s reset: back to the saved mapping. */
  formResetCallback() {
    this.#body?.reset();
  }

  override render() {
    return this.l10n.hasWords ? this.#body?.render() : undefined;
  }
}
