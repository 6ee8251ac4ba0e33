import { css } from 'lit';
import { reset, tokens } from '../styles/shared.js';

export const styles = [
  tokens,
  reset,
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
    /* The dialog inside takes the scheme the page gave the marketplace (this rule wins over its :host). */
    ce-connect-dialog {
      color-scheme: inherit;
    }

    /* Inherited properties are the only page styles that cross the shadow boundary: reset them here.
       The marketplace draws its own surface, so its text reads in its scheme whatever the page uses. */
    .base {
      all: initial;
      display: block;
      color-scheme: inherit;
      padding: calc(var(--_space) * 2);
      border-radius: var(--_radius);
      background: var(--ce-marketplace-background, var(--_surface));
      font-family: var(--_font);
      font-size: 1rem;
      line-height: 1.45;
      color: var(--_text);
    }

    h2,
    h3,
    p,
    ul {
      margin: 0;
      font: inherit;
    }
    ul {
      padding: 0;
      list-style: none;
    }

    .header,
    .categories,
    .actions,
    .rename {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: calc(var(--_space) / 2);
    }
    .header {
      gap: calc(var(--_space) * 2);
      margin-block-end: calc(var(--_space) * 2);
    }
    .heading,
    .count {
      flex: 1 0 100%;
    }
    .heading {
      font-size: 1.25rem;
      font-weight: 600;
    }
    .control {
      display: grid;
      gap: calc(var(--_space) / 2);
      min-inline-size: 0;
      max-inline-size: 100%;
    }
    .control,
    .status,
    .check {
      font-size: 0.875rem;
      font-weight: 500;
    }
    .search {
      flex: 1 1 16rem;
    }
    .check {
      display: flex;
      align-items: center;
      min-block-size: var(--_target);
      gap: calc(var(--_space) / 2);
    }
    input,
    select {
      padding: calc(var(--_space) * 0.75) var(--_space);
    }
    .count,
    .description,
    .identity,
    .dates {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .description {
      font-size: 0.9375rem;
      /* Long descriptions take three lines at most: a card never stretches its row. */
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      overflow: hidden;
    }

    .grid,
    .instances {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--ce-marketplace-card-min-width, 16rem)), 1fr));
      gap: calc(var(--_space) * 2);
    }
    .more {
      display: flex;
      justify-content: center;
      margin-block-start: calc(var(--_space) * 2);
    }
    .card,
    .instance,
    .empty,
    .error {
      display: grid;
      align-content: start;
      gap: var(--_space);
      min-inline-size: 0;
      padding: calc(var(--_space) * 2);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .card {
      grid-template-rows: auto 1fr;
    }
    /* An open list of connections is a panel across the grid: its neighbours keep their height. */
    .card:has([part~='manage']:not([hidden])) {
      grid-column: 1 / -1;
    }
    /* Cards past the first page (PAGE_SIZE, 24) skip layout and paint while off-screen, so a long
       list stays fast; the first page is laid out at once, in one pass. */
    .card:nth-child(n + 25) {
      content-visibility: auto;
      contain-intrinsic-size: auto 14rem;
    }
    .card-top,
    .card-bottom {
      display: flex;
      align-items: center;
      gap: var(--_space);
    }
    .card-bottom {
      flex-wrap: wrap;
      justify-content: space-between;
    }
    .logo {
      flex: none;
      inline-size: var(--ce-marketplace-logo-size, 48px);
      block-size: var(--ce-marketplace-logo-size, 48px);
      border-radius: calc(var(--_radius) / 2);
      object-fit: contain;
    }
    .initials {
      display: grid;
      place-items: center;
      background: var(--_primary);
      color: var(--_on-primary);
      font-weight: 600;
    }
    .name {
      font-size: 1.0625rem;
      font-weight: 600;
    }
    .name,
    .description,
    .instance-name,
    .identity,
    .categories li,
    .empty p,
    .details {
      overflow-wrap: anywhere;
    }
    .details {
      font-size: 0.875rem;
    }
    .categories li {
      padding: 0 var(--_space);
      border: 1px solid var(--_border);
      border-radius: 999px;
      font-size: 0.75rem;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
      color: var(--_muted);
    }
    /* The shape says the status too, not only the colour. */
    .status::before {
      content: '';
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border: 2px solid;
      border-radius: 50%;
    }
    .connected {
      color: var(--_success);
    }
    .needs_attention {
      color: var(--_warning);
    }
    .connected::before,
    .needs_attention::before {
      background: currentColor;
    }
    .needs_attention::before {
      border-radius: 0;
      transform: rotate(45deg);
    }

    .instances {
      gap: var(--_space);
      margin-block-start: var(--_space);
    }
    .instance {
      padding: var(--_space);
    }
    .instance-name {
      font-weight: 500;
    }
    .rename .control {
      flex: 1 1 10rem;
    }
    .message {
      color: var(--_danger);
      font-size: 0.875rem;
    }
    .message.ok {
      color: var(--_success);
    }
    .manage {
      display: grid;
      gap: var(--_space);
      justify-items: start;
    }
    .attention,
    .notice {
      display: grid;
      gap: var(--_space);
      margin-block-end: calc(var(--_space) * 2);
    }
    .attention li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space) * 2);
      border: 1px solid var(--_warning);
      border-inline-start-width: 4px;
      border-radius: var(--_radius);
    }
    .notice:empty {
      display: none;
    }

    .empty,
    .error {
      justify-items: start;
      padding: calc(var(--_space) * 3);
    }
    .empty {
      border-style: dashed;
    }
    .error {
      border-color: var(--_danger);
    }
    .error-title {
      font-weight: 600;
    }

    .skeleton {
      block-size: 12rem;
      background: color-mix(in srgb, var(--_border) 40%, var(--_surface));
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
  `,
];
