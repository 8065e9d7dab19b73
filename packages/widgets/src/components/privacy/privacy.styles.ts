import { css } from 'lit';
import { baseStyles, cardStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  cardStyles('privacy'),
  css`
    [part='base'] {
      display: grid;
      gap: 1rem;
    }

    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0 0 0.5rem;
    }

    dt {
      color: var(--crm-color-muted, #4b5563);
    }

    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    fieldset {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      border: 0;
    }

    legend {
      font-weight: 600;
      margin-bottom: 0.5rem;
    }

    [part='consent'] {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.5rem;
      align-items: start;
    }

    [part='consent'] input {
      accent-color: var(--crm-privacy-accent);
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0.1rem 0 0;
    }

    small {
      display: block;
      color: var(--crm-color-muted, #4b5563);
    }

    ul {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    [part='status']:empty {
      display: none;
    }

    [part='erase'] .danger {
      color: var(--crm-color-danger, #b91c1c);
      border-color: currentColor;
    }

    button + button {
      margin-inline-start: 0.5rem;
    }
  `,
];
