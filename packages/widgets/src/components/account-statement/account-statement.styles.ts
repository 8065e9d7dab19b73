import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  css`
    :host {
      display: block;
      --crm-statement-background: var(--crm-color-surface, #ffffff);
      --crm-statement-accent: var(--crm-color-accent, #4338ca);
      --crm-statement-credit-color: var(--crm-color-success, #166534);
      --crm-statement-radius: var(--crm-radius, 0.75rem);
      --crm-statement-border: var(--crm-color-border, #e5e7eb);
    }

    [part='base'] {
      background: var(--crm-statement-background);
      border: 1px solid var(--crm-statement-border);
      border-radius: var(--crm-statement-radius);
      padding: var(--crm-space, 1rem);
      display: grid;
      gap: 1rem;
    }

    [part='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      justify-content: space-between;
      gap: 0.75rem;
    }

    h2 {
      margin: 0;
      font-size: 1.25em;
    }

    h3 {
      margin: 0 0 0.5rem;
      font-size: 1em;
    }

    label {
      display: grid;
      gap: 0.25rem;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    select {
      font: inherit;
      padding: 0.4em 0.6em;
      border-radius: var(--crm-radius-small, 0.5rem);
      border: 1px solid var(--crm-statement-border);
      background: var(--crm-statement-background);
      color: inherit;
    }

    select:focus-visible {
      outline: var(--crm-focus-ring, 3px solid #2563eb);
      outline-offset: 2px;
    }

    [part='summary'] {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
      gap: 0.75rem;
      margin: 0;
    }

    [part='summary'] div {
      border: 1px solid var(--crm-statement-border);
      border-radius: calc(var(--crm-statement-radius) * 0.75);
      padding: 0.6rem 0.8rem;
    }

    dt {
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
    }

    dd {
      margin: 0.15rem 0 0;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
    }

    .highlight dd {
      font-size: 1.25em;
      color: var(--crm-statement-accent);
    }

    [part='usage'] {
      display: grid;
      gap: 0.3rem;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    meter {
      width: 100%;
      height: 0.6rem;
    }

    [part='figures'] {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.2rem 1rem;
      margin: 0;
      max-width: 28rem;
    }

    [part='figures'] dd {
      text-align: end;
      font-weight: 500;
    }

    [part='figures'] .total {
      border-top: 1px solid var(--crm-statement-border);
      padding-top: 0.3rem;
      font-weight: 700;
    }

    [part='payoff'],
    .note {
      margin: 0;
      padding: 0.6rem 0.8rem;
      border-radius: var(--crm-radius-small, 0.5rem);
      background: var(--crm-color-info-background, #eef2ff);
      font-size: 0.9375em;
    }

    .table-wrap {
      overflow-x: auto;
    }

    table {
      width: 100%;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }

    th,
    td {
      text-align: start;
      padding: 0.45rem 0.5rem;
      border-bottom: 1px solid var(--crm-statement-border);
      vertical-align: top;
    }

    th {
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
      font-weight: 600;
    }

    .number {
      text-align: end;
      white-space: nowrap;
    }

    .credit {
      color: var(--crm-statement-credit-color);
    }

    .detail {
      display: block;
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
    }

    [part='actions'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }

    .count {
      margin-inline-end: auto;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    [part='message'] {
      margin: 0;
    }

    .skeleton.block {
      display: block;
      height: 4.5rem;
    }

    .skeleton.line {
      display: block;
      height: 1.1rem;
      margin-block: 0.4rem;
    }

    .ask {
      width: 1%;
      white-space: nowrap;
      text-align: end;
    }

    [part='ask-button'] {
      font-size: 0.8125em;
      padding: 0.2em 0.7em;
    }

    @media print {
      .ask {
        display: none;
      }

      :host {
        --crm-statement-background: #ffffff;
        color: #000000;
      }

      [part='base'] {
        border: none;
        padding: 0;
      }

      select,
      button,
      [part='actions'] button {
        display: none;
      }

      .table-wrap {
        overflow: visible;
      }

      tr {
        break-inside: avoid;
      }
    }
  `,
];
