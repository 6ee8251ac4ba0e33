import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
  }
  [part~='base'] {
    display: grid;
    gap: var(--_space);
  }
  [part~='header'],
  [part~='footer'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  [part~='row'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  [part~='status'] {
    flex: 1;
    margin: 0;
  }
  .pick {
    position: relative;
  }
  input,
  select {
    inline-size: 100%;
    min-block-size: 2.25rem;
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  [aria-invalid='true'],
  [part~='error'],
  [part~='incompatible'] {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  [part~='same'] {
    color: var(--_success);
  }
  [part~='convertible'] {
    color: var(--_warning);
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
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='option'] {
    padding: calc(var(--_space) / 2) var(--_space);
    cursor: pointer;
  }
  [aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
  }
  [part~='more'] {
    margin: 0;
  }
  small,
  [part~='more'] {
    font-size: 0.75rem;
  }
`;
