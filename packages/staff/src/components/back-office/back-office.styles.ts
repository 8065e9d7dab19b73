import { css } from 'lit';
import { baseStyles, tierBadgeStyles } from '@clientela/widgets/internal';

export default [
  baseStyles,
  tierBadgeStyles,
  css`
    :host {
      display: block;
      --crm-office-accent: var(--crm-color-accent, #4338ca);
      --crm-office-background: var(--crm-color-surface, #ffffff);
    }

    [part='base'] {
      background: var(--crm-office-background);
      border: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: var(--crm-radius, 0.75rem);
    }

    .signed-out {
      max-width: 24rem;
      margin-inline: auto;
    }

    [part='login'] {
      display: grid;
      gap: 0.4rem;
      padding: 1.5rem;
    }

    .field {
      font: inherit;
      padding: 0.35em 0.5em;
      border: 1px solid var(--crm-color-border-strong, #6b7280);
      border-radius: var(--crm-radius-control, 0.375rem);
      background: var(--crm-office-background);
      color: inherit;
    }

    button.primary {
      background: var(--crm-office-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    button.link {
      border: none;
      padding: 0;
      background: none;
      color: var(--crm-office-accent);
      text-decoration: underline;
      border-radius: 0;
      text-align: start;
    }

    button:disabled {
      opacity: 0.6;
      cursor: default;
    }

    .error {
      color: var(--crm-color-danger, #b91c1c);
      margin: 0.25rem 0;
    }

    .ok {
      color: var(--crm-color-success, #166534);
      margin: 0.25rem 0;
    }

    .error:empty,
    .ok:empty {
      display: none;
    }

    .meta {
      color: var(--crm-color-muted, #4b5563);
      font-size: 0.9em;
    }

    [part='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.75rem 1rem;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
    }

    [part='nav'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      flex: 1;
    }

    [part='nav'] button[aria-current='page'] {
      background: var(--crm-office-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    [part='page'] {
      padding: 1rem;
    }

    [part='page'] > h2 {
      margin-top: 0;
    }

    [part='page'] > h2:focus {
      outline: none;
    }

    .overview,
    .sheet {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
      gap: 1rem;
    }

    .card {
      border: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: var(--crm-radius, 0.75rem);
      padding: 1rem;
      min-width: 0;
    }

    .card.wide {
      grid-column: 1 / -1;
    }

    .card h3 {
      margin-top: 0;
    }

    figure.chart {
      margin: 0;
    }

    figcaption {
      font-weight: 600;
      margin-bottom: 0.5rem;
    }

    figure svg {
      width: 100%;
      max-height: 18rem;
      font-size: 11px;
      fill: currentColor;
    }

    svg .axis {
      stroke: var(--crm-color-border-strong, #6b7280);
    }

    svg .tier-label {
      font-weight: 600;
    }

    .series-0 {
      fill: var(--crm-office-accent);
      background: var(--crm-office-accent);
    }
    .series-1 {
      fill: var(--crm-chart-1, #0e7490);
      background: var(--crm-chart-1, #0e7490);
    }
    .series-2 {
      fill: var(--crm-chart-2, #b45309);
      background: var(--crm-chart-2, #b45309);
    }
    .series-3 {
      fill: var(--crm-chart-3, #7c3aed);
      background: var(--crm-chart-3, #7c3aed);
    }
    .series-4 {
      fill: var(--crm-chart-4, #64748b);
      background: var(--crm-chart-4, #64748b);
    }
    .series-5 {
      fill: var(--crm-chart-5, #be185d);
      background: var(--crm-chart-5, #be185d);
    }

    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      list-style: none;
      padding: 0;
      margin: 0.25rem 0;
      font-size: 0.9em;
    }

    .swatch {
      display: inline-block;
      width: 0.8em;
      height: 0.8em;
      margin-inline-end: 0.3em;
      border-radius: 2px;
    }

    details summary {
      cursor: pointer;
      margin: 0.5rem 0;
    }

    /* A table wider than a phone scrolls in its own region (reachable by keyboard), not the whole page. */
    .scroll {
      overflow-x: auto;
    }

    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.95em;
    }

    th,
    td {
      text-align: start;
      padding: 0.3rem 0.5rem;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
      vertical-align: top;
    }

    td.number,
    td.date {
      white-space: nowrap;
    }

    td.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
      gap: 0.5rem 1rem;
      margin: 0.5rem 0;
    }

    .figures .wide {
      grid-column: 1 / -1;
    }

    .figures dt {
      font-size: 0.85em;
      color: var(--crm-color-muted, #4b5563);
    }

    .figures dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: break-word;
    }

    .best,
    .plain,
    .notes {
      padding: 0;
      list-style: none;
    }

    .best li,
    .rows li {
      display: flex;
      /* On a phone the figure goes under the name rather than past the screen's edge. */
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.3rem 0;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
    }

    .best .figure {
      margin-inline-start: auto;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    .notes li {
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
    }

    .notes p {
      margin: 0.3rem 0;
    }

    form.search,
    form.inline,
    form.till,
    fieldset.inline,
    .inline fieldset {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5rem;
    }

    form.search label,
    form.inline label,
    .inline fieldset label,
    fieldset.inline label,
    .grid label {
      display: grid;
      gap: 0.2rem;
    }

    form.grid .field {
      width: 100%;
      min-width: 0;
    }

    form.grid fieldset {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0.5rem 1rem;
      align-items: end;
      margin-block: 0.75rem;
    }

    fieldset {
      border: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: var(--crm-radius-control, 0.375rem);
    }

    .grid label.check {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }

    .buttons {
      display: flex;
      gap: 0.5rem;
      align-items: end;
    }

    .stack {
      display: grid;
      gap: 0.4rem;
    }

    .actions {
      white-space: nowrap;
    }

    .back {
      margin-bottom: 0.75rem;
    }

    .code {
      /* Room for a code (K7QM-2XPL) and a few more, never wider than a phone. */
      inline-size: 16ch;
      max-inline-size: 100%;
      box-sizing: border-box;
      font-size: 1.4em;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      font-family: ui-monospace, monospace;
    }

    .till-message {
      margin: 0.75rem 0;
      font-weight: 600;
    }

    .till-message.error {
      color: var(--crm-color-danger, #b91c1c);
    }

    .till-message.ok {
      color: var(--crm-color-success, #166534);
    }

    .redemption .status {
      font-weight: 700;
    }

    .redemption .status.valid {
      color: var(--crm-color-success, #166534);
    }

    .redemption .status.used,
    .redemption .status.expired {
      color: var(--crm-color-danger, #b91c1c);
    }

    .secret {
      border: 2px solid var(--crm-office-accent);
      border-radius: var(--crm-radius, 0.75rem);
      padding: 0.75rem 1rem;
      margin-bottom: 1rem;
    }

    code {
      overflow-wrap: anywhere;
    }
  `,
];
