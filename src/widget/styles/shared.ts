import { css } from 'lit';

/**
 * The global `--ce-*` design tokens, resolved once per component into private `--_*` variables
 * with light and dark defaults. Components read only these, so one token themes them all, and a
 * token set on one element (`ce-marketplace { --ce-color-primary: … }`) themes just that one.
 * The scheme follows the reader's `prefers-color-scheme` unless the page sets `color-scheme` on
 * the element; text on primary is white or black by the primary's luminance (WCAG's crossover,
 * 0.179) unless `--ce-color-on-primary` is set.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_primary: var(--ce-color-primary, light-dark(#1d4ed8, #8ab4f8));
    --_on-primary: var(
      --ce-color-on-primary,
      color(from var(--_primary) xyz-d65 clamp(0, 179 - 1e3 * y, 0.9505) clamp(0, 179 - 1e3 * y, 1) clamp(0, 179 - 1e3 * y, 1.089))
    );
    --_text: var(--ce-color-text, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--ce-color-text-muted, light-dark(#57606a, #a8b0b9));
    --_surface: var(--ce-color-surface, light-dark(#fff, #1c1f24));
    --_border: var(--ce-color-border, light-dark(#6e7781, #8c959f));
    --_danger: var(--ce-color-danger, light-dark(#b42318, #ff8f85));
    --_success: var(--ce-color-success, light-dark(#1a7f37, #56d364));
    --_warning: var(--ce-color-warning, light-dark(#9a6700, #f5c451));
    --_radius: var(--ce-radius, 6px);
    /* Every browser that reads this file (light-dark(), relative colours) knows system-ui: no older names after it. */
    --_font: var(--ce-font-family, system-ui, sans-serif);
    --_space: var(--ce-space, 8px);
    --_target: 2.25rem;
  }
  /* Touch: every control is at least 44 × 44 CSS px (WCAG 2.5.5). */
  @media (pointer: coarse) {
    :host {
      --_target: 44px;
    }
  }
`;

/** Rules every component's shadow root shares: box sizing, `hidden`, focus rings, controls, and text for screen readers only. */
export const reset = css`
  *,
  ::before,
  ::after {
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
  :focus-visible {
    outline: 2px solid var(--_primary);
    outline-offset: 2px;
  }
  button,
  input:not([type='checkbox'], [type='radio']),
  select {
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    max-inline-size: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
    letter-spacing: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
    font-size: 0.875rem;
    font-weight: 500;
    cursor: pointer;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.6;
  }
  .primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  /* What stopped a step (its content failed to load, the proxy refused a form): one look in every component. */
  [part~='load-error'],
  [part~='form-error']:not(:empty) {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  /* Said only once a request has run for a while (a custom property sets the delay, so a page can change it). */
  .slow {
    color: var(--_muted);
    animation: ce-slow 1ms var(--ce-slow-after, 5s) both;
  }
  @keyframes ce-slow {
    from {
      visibility: hidden;
    }
    to {
      visibility: visible;
    }
  }
  /* Forced colours need no rules here: the browser repaints borders, text and this focus ring (in Highlight) itself. */
`;
