import { css } from 'lit';

// Few rules, on purpose: the chunk has a byte budget; inputs, buttons and the load error keep the shared reset's look.
export const styles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
  }
  [part~='base'],
  [part~='row'] {
    display: grid;
    gap: var(--_space);
    align-items: center;
  }
  [part~='row'] {
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .pick {
    position: relative;
  }
  input,
  select {
    inline-size: 100%;
  }
  [part~='listbox'] {
    position: absolute;
    z-index: 1;
    inset-inline: 0;
    max-block-size: var(--ce-mapper-list-height, 16rem);
    overflow: auto;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  [aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='same'] {
    color: var(--_success);
  }
  [part~='convertible'] {
    color: var(--_warning);
  }
`;
