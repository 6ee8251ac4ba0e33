import { css } from 'lit';

/** The dialog's body (method chooser and form): these travel in the dialog's chunk and join the dialog's styles there. */
export const flowStyles = css`
  [part~='optional-toggle'] {
    padding-inline: 0;
    color: var(--_primary);
    text-decoration: underline;
  }
  [part~='help'] {
    margin: 0;
    margin-block-start: calc(var(--_space) * 0.5);
    font-size: 0.875rem;
    color: var(--_muted);
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
    min-inline-size: 0;
  }
  fieldset,
  legend {
    border: 0;
    padding: 0;
    margin: 0;
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
  /* No intrinsic width: on a narrow screen an adorned input shrinks instead of pushing its suffix out. */
  .control [part~='input'] {
    flex: 1;
    inline-size: 0;
    min-inline-size: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    padding: calc(var(--_space) * 0.75) var(--_space);
  }
  .control [part~='input']:focus-visible {
    outline: none;
  }
  .control textarea[part~='input'] {
    min-block-size: 5rem;
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
  /* Its own edge on the input's side, in either direction: the toggle never merges into the field. */
  [part~='password-toggle'] {
    border: 0;
    border-inline-start: 1px solid var(--_border);
    border-radius: 0;
  }
  /* A web address reads left to right in every language: prefix, input and suffix keep that order. */
  .control:has([part~='adornment']) {
    direction: ltr;
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
  [part~='auth-type'] {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin-block-end: calc(var(--_space) * 2);
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
