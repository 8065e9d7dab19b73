import { css } from 'lit';
import { baseStyles, cardStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  cardStyles('statement'),
  css`
    :host {
      /* Its own width decides the layout, not the viewport's: a statement in a sidebar stacks like one on a phone. */
      container: crm-statement / inline-size;
      --crm-statement-credit-color: var(--crm-color-success, #166534);
      --crm-statement-danger-color: var(--crm-color-danger, #b91c1c);
    }

    [part='base'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1rem;
    }

    [part='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      justify-content: space-between;
      gap: 0.75rem;
    }

    .heading {
      flex: 1 1 16rem;
      min-width: 0;
      display: grid;
      gap: 0.15rem;
    }

    p,
    dl {
      margin: 0;
    }

    /* Secondary text: the period's dates, the picker's label, the usage, the count; labels, column names and details. */
    .muted,
    dt,
    th,
    .detail {
      color: var(--crm-color-muted, #4b5563);
    }

    .muted,
    summary,
    [part='disclosures'] table {
      font-size: 0.875em;
    }

    dt,
    th,
    .detail,
    [part='ask-button'] {
      font-size: 0.8125em;
    }

    /* On paper only: who the statement is for. */
    .cardholder {
      display: none;
    }

    [part='header'] label {
      display: grid;
      gap: 0.25rem;
    }

    [part='usage'],
    .other-amount {
      display: grid;
      gap: 0.3rem;
    }

    select,
    input[type='number'] {
      font: inherit;
      padding: 0.4em 0.6em;
      border-radius: var(--crm-radius-small, 0.5rem);
      border: 1px solid var(--crm-color-border-strong, #9ca3af);
      background: var(--crm-statement-background);
      color: inherit;
      max-width: 100%;
    }

    /* The headline figures (summary, settlement) as tiles, side by side where there is room. */
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 9.5rem), 1fr));
      gap: 0.75rem;
    }

    dl div,
    [part='pay-form'] {
      border: 1px solid var(--crm-statement-border);
      border-radius: calc(var(--crm-statement-radius) * 0.75);
      padding: 0.6rem 0.8rem;
    }

    dd {
      margin: 0.15rem 0 0;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
    }

    dd.highlight {
      font-size: 1.25em;
      color: var(--crm-statement-accent);
    }

    meter {
      width: 100%;
      height: 0.6rem;
    }

    /* Paying: what is left, the button, the form and the payment's status. */
    [part='pay'] {
      display: grid;
      justify-items: start;
      gap: 0.75rem;
    }

    [part='settlement'] {
      justify-self: stretch;
    }

    .overdue {
      padding: 0.5rem 0.75rem;
      border-inline-start: 3px solid var(--crm-statement-danger-color);
    }

    .overdue,
    [part='pay-error'],
    .past-due {
      color: var(--crm-statement-danger-color);
    }

    .overdue,
    .paid-in-full,
    [part='pay-error'],
    [part='pay-status'] {
      font-weight: 600;
    }

    .paid-in-full,
    .credit {
      color: var(--crm-statement-credit-color);
    }

    .primary {
      font-weight: 650;
      padding: 0.45em 1.4em;
    }

    [part='pay-button'][aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }

    [part='pay-form'] {
      display: grid;
      gap: 0.75rem;
      width: min(100%, 30rem);
      padding: 0.75rem 0.9rem;
    }

    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
      display: grid;
      gap: 0.5rem;
    }

    legend {
      padding: 0;
      margin-bottom: 0.5rem;
    }

    legend,
    .amount {
      font-weight: 650;
    }

    .choice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      cursor: pointer;
    }

    .choice input {
      margin: 0;
      width: 1.1rem;
      height: 1.1rem;
      accent-color: var(--crm-statement-accent);
    }

    .amount {
      margin-inline-start: auto;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    .other-amount {
      padding-inline-start: 1.6rem;
      font-size: 0.9375em;
    }

    .other-amount input {
      width: 14rem;
    }

    [part='pay-amount'][aria-invalid='true'] {
      border-color: var(--crm-statement-danger-color);
    }

    [part='pay-error']:empty {
      display: none;
    }

    .pay-actions,
    [part='actions'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }

    /* The disclosures: compact blocks side by side where there is room. */
    [part='disclosures'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
      gap: 1.25rem 1.75rem;
      align-items: start;
    }

    /* Their figures: each term with its value at the end of the line. */
    [part='disclosures'] dl {
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0.2rem 0;
    }

    [part='disclosures'] dl div {
      display: contents;
    }

    /* One line height for label and figure: their rows line up, and so do the total's rules. */
    [part='figures'],
    [part='minimum'] dl {
      line-height: 1.5rem;
    }

    [part='minimum'] .detail {
      line-height: 1.3;
    }

    [part='disclosures'] dd {
      margin: 0;
      padding-inline-start: 1rem;
      text-align: end;
      font-weight: 500;
    }

    [part='disclosures'] .total {
      border-top: 1px solid var(--crm-statement-border);
      padding-top: 0.3rem;
      font-weight: 700;
    }

    [part='disclosures'] p.detail {
      margin-top: 0.4rem;
    }

    [part='disclosures'] :is(th, td) {
      padding: 0.3rem 0.4rem;
    }

    [part='rates'] tbody th {
      color: inherit;
      font-weight: 500;
    }

    /* Column names may wrap; the figures under them do not. */
    th.number {
      white-space: normal;
    }

    details {
      margin-top: 0.5rem;
    }

    summary {
      cursor: pointer;
      color: var(--crm-statement-accent);
      font-weight: 600;
    }

    [part='payoff'],
    .note {
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
      font-weight: 600;
    }

    .number {
      text-align: end;
      white-space: nowrap;
    }

    .description {
      overflow-wrap: anywhere;
    }

    .detail {
      display: block;
      font-weight: 400;
    }

    .count {
      margin-inline-end: auto;
    }

    .skeleton.block {
      height: 4.5rem;
    }

    .ask {
      width: 1%;
      white-space: nowrap;
      text-align: end;
    }

    [part='ask-button'] {
      padding: 0.2em 0.7em;
    }

    /*
     * Narrow: each transaction a card (description and amount, then date and
     * installment). The table stays a table for assistive technology; its
     * header row is only hidden from sight, and the installment cell names
     * its column.
     */
    @container crm-statement (max-width: 34rem) {
      [part='table'],
      [part='table'] tbody {
        display: block;
      }

      [part='table'] thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }

      [part='table'] tbody tr {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.15rem 0.75rem;
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--crm-statement-border);
      }

      [part='table'] td {
        padding: 0;
        border: 0;
      }

      .description {
        grid-area: 1 / 1;
      }

      [part='table'] .number {
        grid-area: 1 / 2;
        font-weight: 600;
      }

      .date,
      .installment {
        font-size: 0.8125em;
        color: var(--crm-color-muted, #4b5563);
      }

      .installment {
        grid-area: 2 / 2;
        text-align: end;
        white-space: nowrap;
      }

      .installment:empty {
        display: none;
      }

      .installment::before {
        content: attr(data-label) ' ';
      }

      [part='table'] .ask {
        grid-column: 1 / -1;
        width: auto;
        text-align: start;
        padding-top: 0.3rem;
      }

      .table-wrap {
        overflow-x: visible;
      }

      /* The headline figures as a compact list: label, then amount at the end of the line. */
      dl {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }

      dl div {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.75rem;
        border: 0;
        border-bottom: 1px solid var(--crm-statement-border);
        border-radius: 0;
        padding: 0.4rem 0;
      }

      dd {
        margin: 0;
        text-align: end;
      }

      [part='disclosures'] :is(th, td) {
        padding-inline: 0.25rem;
      }

      .other-amount {
        padding-inline-start: 0;
      }

      .other-amount input {
        width: 100%;
      }
    }

    @media print {
      :host {
        --crm-statement-background: #ffffff;
        color: #000000;
      }

      [part='base'] {
        border: none;
        padding: 0;
      }

      .cardholder {
        display: block;
      }

      /* Nothing to click on paper. */
      [part='header'] label,
      button,
      .ask,
      [part='pay-form'],
      [part='pay-status'],
      details {
        display: none;
      }

      .table-wrap {
        overflow: visible;
      }

      tr,
      [part='disclosures'] > * {
        break-inside: avoid;
      }
    }
  `,
];
