import { css } from 'lit';
import { reset, tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  reset,
  css`
    :host {
      display: block;
      --ce-marketplace-accent: var(--_primary);
      --ce-marketplace-on-accent: var(--_on-primary);
      --ce-marketplace-text: var(--_text);
      --ce-marketplace-muted: var(--_muted);
      --ce-marketplace-surface: var(--_surface);
      --ce-marketplace-border: var(--_border);
      --ce-marketplace-danger: var(--_danger);
      --ce-marketplace-success: var(--_success);
      --ce-marketplace-warning: var(--ce-color-warning, light-dark(#9a6700, #f5c451));
      --ce-marketplace-radius: var(--_radius);
      --ce-marketplace-font-family: var(--_font);
      --ce-marketplace-space: var(--_space);
      --ce-marketplace-card-min-width: 16rem;
      --ce-marketplace-logo-size: 48px;
    }
    :host([hidden]) {
      display: none;
    }

    /* Inherited properties are the only page styles that cross the shadow boundary: reset them here. */
    .base {
      all: initial;
      display: block;
      color-scheme: inherit;
      font-family: var(--ce-marketplace-font-family);
      font-size: 1rem;
      line-height: 1.45;
      color: var(--ce-marketplace-text);
      --_s: var(--ce-marketplace-space);
    }

    h2,
    h3,
    p,
    ul {
      margin: 0;
      padding: 0;
      font: inherit;
    }
    ul {
      list-style: none;
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: calc(var(--_s) * 2);
      margin-block-end: calc(var(--_s) * 2);
    }
    .heading {
      flex: 1 0 100%;
      font-size: 1.25rem;
      font-weight: 600;
    }
    .control {
      display: grid;
      gap: calc(var(--_s) / 2);
      font-size: 0.875rem;
      font-weight: 500;
    }
    .control.search {
      flex: 1 1 16rem;
    }
    input,
    select,
    button {
      font: inherit;
      color: inherit;
      letter-spacing: inherit;
      border: 1px solid var(--ce-marketplace-border);
      border-radius: var(--ce-marketplace-radius);
      background: var(--ce-marketplace-surface);
    }
    input,
    select {
      min-block-size: 2.5rem;
      padding: calc(var(--_s) * 0.75) var(--_s);
      font-size: 1rem;
      font-weight: 400;
    }
    .count {
      flex: 1 0 100%;
      font-size: 0.875rem;
      color: var(--ce-marketplace-muted);
    }

    button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: calc(var(--_s) / 2);
      min-block-size: 2.25rem;
      padding: calc(var(--_s) / 2) calc(var(--_s) * 1.5);
      cursor: pointer;
      font-size: 0.875rem;
      font-weight: 500;
      text-decoration: none;
    }
    button.primary {
      border-color: var(--ce-marketplace-accent);
      background: var(--ce-marketplace-accent);
      color: var(--ce-marketplace-on-accent);
    }
    button.danger {
      border-color: var(--ce-marketplace-danger);
      color: var(--ce-marketplace-danger);
    }
    button:disabled {
      cursor: progress;
      opacity: 0.6;
    }
    :is(button, input, select, summary, a):focus-visible {
      outline: 2px solid var(--ce-marketplace-accent);
      outline-offset: 2px;
    }

    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--ce-marketplace-card-min-width)), 1fr));
      gap: calc(var(--_s) * 2);
    }
    .more {
      display: flex;
      justify-content: center;
      margin-block-start: calc(var(--_s) * 2);
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: var(--_s);
      padding: calc(var(--_s) * 2);
      border: 1px solid var(--ce-marketplace-border);
      border-radius: var(--ce-marketplace-radius);
      background: var(--ce-marketplace-surface);
    }
    /* Cards past the first page (PAGE_SIZE, 24) skip layout and paint while off-screen, so a long
       list stays fast; the first page is laid out at once, in one pass. */
    .card:nth-child(n + 25) {
      content-visibility: auto;
      contain-intrinsic-size: auto 14rem;
    }
    .card-top {
      display: flex;
      align-items: center;
      gap: var(--_s);
    }
    .logo {
      flex: none;
      inline-size: var(--ce-marketplace-logo-size);
      block-size: var(--ce-marketplace-logo-size);
      border-radius: calc(var(--ce-marketplace-radius) / 2);
      object-fit: contain;
    }
    .logo.initials {
      display: grid;
      place-items: center;
      background: color-mix(in srgb, var(--ce-marketplace-accent) 15%, var(--ce-marketplace-surface));
      color: var(--ce-marketplace-accent);
      font-weight: 600;
    }
    .name {
      font-size: 1.0625rem;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .description {
      flex: 1;
      color: var(--ce-marketplace-muted);
      font-size: 0.9375rem;
      overflow-wrap: anywhere;
    }
    .categories {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_s) / 2);
    }
    .categories li {
      padding: 0 var(--_s);
      border: 1px solid var(--ce-marketplace-border);
      border-radius: 999px;
      font-size: 0.75rem;
    }
    .card-bottom {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_s);
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_s) / 2);
      font-size: 0.875rem;
      font-weight: 500;
    }
    /* The shape says the status too, not only the colour. */
    .status::before {
      content: '';
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border: 2px solid currentColor;
      border-radius: 50%;
    }
    .status.connected {
      color: var(--ce-marketplace-success);
    }
    .status.connected::before {
      background: currentColor;
    }
    .status.needs-attention {
      color: var(--ce-marketplace-warning);
    }
    .status.needs-attention::before {
      border-radius: 0;
      background: currentColor;
      transform: rotate(45deg);
    }
    .status.not-connected {
      color: var(--ce-marketplace-muted);
    }

    .manage summary {
      cursor: pointer;
      font-size: 0.875rem;
      font-weight: 500;
    }
    .instances {
      display: grid;
      gap: var(--_s);
      margin-block-start: var(--_s);
    }
    .instance {
      display: grid;
      gap: calc(var(--_s) / 2);
      padding: var(--_s);
      border: 1px solid var(--ce-marketplace-border);
      border-radius: calc(var(--ce-marketplace-radius) / 2);
    }
    .instance-name {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .actions,
    .rename {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: calc(var(--_s) / 2);
    }
    .rename .control {
      flex: 1 1 10rem;
    }
    .message {
      color: var(--ce-marketplace-danger);
      font-size: 0.875rem;
    }

    .empty,
    .error {
      display: grid;
      justify-items: start;
      gap: var(--_s);
      padding: calc(var(--_s) * 3);
      border: 1px dashed var(--ce-marketplace-border);
      border-radius: var(--ce-marketplace-radius);
    }
    .error {
      border-style: solid;
      border-color: var(--ce-marketplace-danger);
    }
    .error-title {
      font-weight: 600;
    }

    .skeleton {
      block-size: 12rem;
      background: color-mix(in srgb, var(--ce-marketplace-border) 40%, var(--ce-marketplace-surface));
      /* Opacity animates on the compositor: the main thread stays free for the catalog's answer. */
      animation: pulse 0.7s ease-in-out infinite alternate;
    }
    @keyframes pulse {
      to {
        opacity: 0.4;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .skeleton {
        animation: none;
      }
    }

    @media (forced-colors: active) {
      .card,
      .instance,
      .empty,
      .error,
      button,
      input,
      select,
      .categories li {
        border-color: CanvasText;
      }
      button.primary {
        border-color: ButtonText;
        background: ButtonFace;
        color: ButtonText;
      }
      .status,
      .status.connected,
      .status.needs-attention,
      .status.not-connected {
        color: CanvasText;
      }
      :is(button, input, select, summary, a):focus-visible {
        outline-color: Highlight;
      }
    }
  `,
];
