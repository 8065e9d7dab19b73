import { css } from 'lit';
import { baseStyles, cardStyles, tierBadgeStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  tierBadgeStyles,
  cardStyles('points'),
  css`
    :host {
      --crm-points-gain-color: var(--crm-color-success, #166534);
    }

    [part='base'] {
      display: grid;
      gap: 1.25rem;
    }

    [part='summary'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }

    [part='balance'] {
      font-size: 2em;
      font-weight: 750;
      color: var(--crm-points-accent);
      font-variant-numeric: tabular-nums;
      margin: 0;
    }

    [part='progress'] {
      display: grid;
      gap: 0.3rem;
      margin: 0;
      font-size: 0.9375em;
    }

    meter {
      width: 100%;
      max-width: 28rem;
      height: 0.6rem;
    }

    .muted {
      color: var(--crm-color-muted, #4b5563);
      font-size: 0.875em;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }

    [part='expiring'] li {
      padding: 0.2rem 0;
    }

    [part='rewards'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      gap: 0.75rem;
    }

    [part='reward'] {
      display: grid;
      gap: 0.35rem;
      align-content: start;
      border: 1px solid var(--crm-points-border);
      border-radius: calc(var(--crm-points-radius) * 0.75);
      padding: 0.75rem;
    }

    [part='reward'] h4 {
      margin: 0;
      font-size: 1em;
    }

    [part='reward'] p {
      margin: 0;
    }

    .cost {
      font-weight: 650;
      color: var(--crm-points-accent);
    }

    [part='redeem-button'] {
      justify-self: start;
    }

    [part='history'] li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.1rem 1rem;
      padding: 0.45rem 0;
      border-bottom: 1px solid var(--crm-points-border);
    }

    .amount {
      font-weight: 650;
      font-variant-numeric: tabular-nums;
      text-align: end;
    }

    .gain {
      color: var(--crm-points-gain-color);
    }

    dialog {
      border: none;
      border-radius: var(--crm-points-radius);
      padding: 1.25rem;
      max-width: min(26rem, calc(100vw - 2rem));
      background: var(--crm-points-background);
      color: inherit;
      box-shadow: var(--crm-shadow, 0 12px 40px rgb(0 0 0 / 0.25));
    }

    dialog::backdrop {
      background: rgb(0 0 0 / 40%);
    }

    dialog p {
      margin: 0.6rem 0;
    }

    .code {
      font-family: ui-monospace, monospace;
      font-size: 1.5em;
      font-weight: 700;
      letter-spacing: 0.1em;
    }

    .dialog-actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
      margin-top: 1rem;
    }

    .skeleton.block {
      height: 3.5rem;
      max-width: 20rem;
    }
  `,
];
