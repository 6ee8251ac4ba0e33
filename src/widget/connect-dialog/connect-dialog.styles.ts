import { css } from 'lit';

/** The dialog's frame: what shows before the flow's chunk arrives (its styles come with it, in form.styles.ts). */
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
    /* Loading, the form and success take about the same room: the dialog does not jump as they follow. */
    min-block-size: min(16rem, 50vh);
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

  [part~='close-button'] {
    border-color: transparent;
    background: none;
    font-size: 1.25rem;
    color: var(--_muted);
  }

  p {
    margin: 0 0 var(--_space);
  }
  [part~='description'] {
    color: var(--_muted);
  }
  [part~='load-error'] {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  [part~='success'] {
    color: var(--_success);
    font-weight: 600;
  }
`;
