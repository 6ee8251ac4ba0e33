import { css } from 'lit';

// The global `--ce-*` design tokens, each with its built-in default. Components read them only
// through their own `--ce-<component>-*` properties, so a host can theme everything at once
// (`--ce-color-primary` on any ancestor) or one component alone.

export const colorPrimary = css`var(--ce-color-primary, light-dark(#1d4ed8, #8ab4f8))`;
export const colorText = css`var(--ce-color-text, light-dark(#1f2328, #e6e6e6))`;
export const colorSurface = css`var(--ce-color-surface, light-dark(#ffffff, #1e2126))`;
export const colorBorder = css`var(--ce-color-border, light-dark(#c9ced6, #4a505a))`;
export const colorDanger = css`var(--ce-color-danger, light-dark(#b42318, #ff8a80))`;
export const radius = css`var(--ce-radius, 8px)`;
export const fontFamily = css`var(--ce-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`;
export const space = css`var(--ce-space, 8px)`;

/**
 * Shadow-root basics every component shares: host page styles stop at the shadow boundary
 * except inherited properties, so `.base` resets those (a page's `* { color: red }` must not win).
 */
export const isolation = css`
  :host {
    display: block;
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
`;
