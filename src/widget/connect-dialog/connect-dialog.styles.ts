import { css } from 'lit';

/** The dialog's frame: what shows before the flow's chunk arrives (its styles come with it, in connect-flow.styles.ts). */
export const styles = css`
  :host {
    display: contents;
  }

  dialog {
    inline-size: min(var(--ce-dialog-width, 34rem), calc(100vw - 2 * var(--_space)));
    max-block-size: calc(100dvh - 4 * var(--_space));
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
  [part~='header'],
  [part~='footer'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    border: 0 solid color-mix(in srgb, var(--_border) 40%, transparent);
  }
  [part~='header'] {
    border-block-end-width: 1px;
  }
  [part~='logo'] {
    inline-size: 2rem;
    block-size: 2rem;
    object-fit: contain;
  }
  [part~='title'] {
    flex: 1;
    margin: 0;
    font-size: 1.2rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part~='body'] {
    overflow: auto;
    /* Loading, the form and success take about the same room: the dialog does not jump as they follow. */
    min-block-size: min(16rem, 50vh);
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
  }
  [part~='footer'] {
    flex-wrap: wrap;
    justify-content: flex-end;
    border-block-start-width: 1px;
  }

  /* Buttons without a frame; the form's toggles (connect-flow.styles.ts) look the same. */
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

  p {
    margin: 0 0 var(--_space);
  }
  [part~='description'] {
    color: var(--_muted);
  }
  [part~='success'] {
    color: var(--_success);
    font-weight: 600;
  }

  /* Short viewports (200 % zoom and more): header, body and footer scroll as one, so a field and
     its error are never squeezed between a fixed header and footer. */
  @media (max-height: 32rem) {
    dialog {
      overflow: auto;
    }
    dialog[open] {
      display: block;
    }
    [part~='body'] {
      overflow: visible;
    }
  }
`;
