import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }

  dialog {
    width: min(var(--ce-dialog-width, 34rem), calc(100vw - 2 * var(--_space)));
    max-height: calc(100dvh - 4 * var(--_space));
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--ce-dialog-radius, calc(var(--_radius) * 2));
    background: var(--ce-dialog-surface, var(--_surface));
    color: var(--_text);
    /* Set here, not on :host: page rules such as * { font-family: … } win over :host, never inside. */
    font: 1rem/1.5 var(--_font);
    letter-spacing: normal;
    text-align: start;
    box-shadow: 0 20px 48px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: var(--ce-dialog-backdrop, light-dark(rgb(15 23 42 / 0.45), rgb(0 0 0 / 0.65)));
  }

  [part~='header'] {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  [part~='logo'] {
    width: 2rem;
    height: 2rem;
    object-fit: contain;
  }
  [part~='title'] {
    flex: 1;
    margin: 0;
    font-size: 1.2rem;
    font-weight: 600;
  }
  [part~='body'] {
    overflow: auto;
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
  }
  [part~='footer'] {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    border-block-start: 1px solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  [part~='footer']:empty {
    display: none;
  }

  [part~='close-button'],
  [part~='optional-toggle'],
  [part~='password-toggle'] {
    border-color: transparent;
    background: none;
  }
  [part~='close-button'] {
    font-size: 1.25rem;
    color: var(--_muted);
  }
  [part~='optional-toggle'] {
    padding-inline: 0;
    color: var(--_primary);
    text-decoration: underline;
  }

  p {
    margin: 0 0 var(--_space);
  }
  [part~='description'],
  [part~='help'] {
    color: var(--_muted);
  }
  [part~='help'] {
    margin: calc(var(--_space) * 0.5) 0 0;
    font-size: 0.875rem;
  }
  a {
    color: var(--_primary);
  }

  form,
  .optional {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  [part~='field'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    min-width: 0;
    margin: 0;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0;
  }
  legend {
    padding: 0;
  }
  [part~='label'] {
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
  }
  .control {
    display: flex;
    align-items: stretch;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--ce-input-background, var(--_surface));
  }
  .control:focus-within {
    outline: 2px solid var(--_primary);
    outline-offset: 1px;
  }
  .control.invalid {
    border-color: var(--_danger);
  }
  .control [part~='input'] {
    flex: 1;
    min-width: 0;
    border: none;
    background: transparent;
    color: inherit;
    font: inherit;
    padding: calc(var(--_space) * 0.75) var(--_space);
  }
  .control [part~='input']:focus-visible {
    outline: none;
  }
  .control textarea[part~='input'] {
    min-height: 5rem;
    resize: vertical;
  }
  [part~='adornment'] {
    display: flex;
    align-items: center;
    padding-inline: var(--_space);
    color: var(--_muted);
    background: color-mix(in srgb, var(--_border) 12%, transparent);
    white-space: nowrap;
  }
  [part~='password-toggle'] {
    border-width: 0 0 0 1px;
    border-color: var(--_border);
    border-radius: 0;
  }
  [part~='password-toggle'][aria-pressed='true'] {
    background: color-mix(in srgb, var(--_primary) 15%, transparent);
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--_space);
    font-weight: normal;
  }
  .check input {
    margin-block-start: 0.3em;
    accent-color: var(--_primary);
  }
  [part~='error'] {
    margin: 0;
    color: var(--_danger);
    font-size: 0.875rem;
  }
  [part~='form-error']:not(:empty),
  [part~='load-error'] {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  [part~='auth-type'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-block-end: calc(var(--_space) * 2);
  }
  [part~='success'] {
    color: var(--_success);
    font-weight: 600;
  }

  @media (forced-colors: active) {
    .control:focus-within {
      outline-color: Highlight;
    }
    /* Red is gone in forced colours: an invalid field's thicker border still marks it. */
    .control.invalid {
      border-width: 2px;
    }
  }
`;
