import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  css`
    :host {
      display: block;
      --crm-order-history-accent: var(--crm-color-accent, #4338ca);
      --crm-order-history-border: var(--crm-color-border, #e5e7eb);
      --crm-order-history-radius: var(--crm-radius, 0.75rem);
    }
    [part='base'] {
      display: grid;
      gap: 0.75rem;
    }
    h2,
    h3 {
      margin: 0;
    }
    ul,
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    [part~='order'],
    [part~='line'] {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.25rem 1rem;
      padding: 0.6rem 0.75rem;
      border: 1px solid var(--crm-order-history-border);
      border-radius: var(--crm-order-history-radius);
    }
    .status {
      font-weight: 600;
    }
    [part='timeline'] li {
      border-inline-start: 3px solid var(--crm-order-history-border);
      padding-inline-start: 0.75rem;
    }
    [part='timeline'] li:last-child {
      border-color: var(--crm-order-history-accent);
    }
    .out {
      color: var(--crm-color-danger, #b91c1c);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
];
