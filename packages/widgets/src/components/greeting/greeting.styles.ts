import { css } from 'lit';
import { baseStyles, cardStyles, tierBadgeStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  tierBadgeStyles,
  cardStyles('greeting'),
  css`
    :host {
      --crm-greeting-padding: var(--crm-space, 1rem);
    }

    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: var(--crm-greeting-padding);
      min-height: 3.5rem;
    }

    [part='title'] {
      margin: 0;
      font-size: 1.125em;
      font-weight: 650;
      flex: 1 1 12rem;
    }

    [part='note'] {
      display: block;
      font-size: 0.875em;
      font-weight: 400;
      color: var(--crm-color-muted, #4b5563);
    }

    [part='summary'] {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
    }

    [part='points'] {
      font-weight: 650;
      color: var(--crm-greeting-accent);
      font-variant-numeric: tabular-nums;
    }

    [part='alerts']:not(:empty) {
      padding: 0.15em 0.7em;
      border-radius: 999px;
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--crm-color-accent-contrast, #ffffff);
      background: var(--crm-greeting-accent);
    }

    [part='message'] {
      flex: 1 1 12rem;
    }

    .skeleton.title {
      width: 9rem;
      height: 1.2em;
    }

    .skeleton.summary {
      width: 11rem;
      height: 1.2em;
    }
  `,
];
