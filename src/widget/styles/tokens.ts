import { css } from 'lit';

/**
 * The global `--ce-*` design tokens, resolved once per component into private `--_*` variables
 * with light and dark defaults. A component's own custom properties fall back to these.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_primary: var(--ce-color-primary, light-dark(#1d4ed8, #8ab4f8));
    --_on-primary: var(--ce-color-on-primary, light-dark(#ffffff, #0b1b36));
    --_text: var(--ce-color-text, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--ce-color-text-muted, light-dark(#57606a, #a8b0b9));
    --_surface: var(--ce-color-surface, light-dark(#ffffff, #1c1f24));
    --_border: var(--ce-color-border, light-dark(#6e7781, #8c959f));
    --_danger: var(--ce-color-danger, light-dark(#b42318, #ff8f85));
    --_success: var(--ce-color-success, light-dark(#1a7f37, #56d364));
    --_radius: var(--ce-radius, 6px);
    --_font: var(--ce-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--ce-space, 8px);
  }
`;

/** Rules every component's shadow root shares: box sizing, `hidden`, and text for screen readers only. */
export const reset = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** Resets that keep a host page's inherited text styles from bending the component. */
export const base = css`
  :host {
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
    color: var(--_text);
  }
  :focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline: 2px solid Highlight;
    }
  }
`;
