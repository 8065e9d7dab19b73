import { css } from 'lit';
import { baseStyles, tierBadgeStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  tierBadgeStyles,
  css`
    :host {
      display: block;
      --crm-greeting-background: var(--crm-color-surface, #ffffff);
      --crm-greeting-accent: var(--crm-color-accent, #4338ca);
      --crm-greeting-radius: var(--crm-radius, 0.75rem);
      --crm-greeting-padding: var(--crm-space, 1rem);
    }

    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: var(--crm-greeting-padding);
      border-radius: var(--crm-greeting-radius);
      background: var(--crm-greeting-background);
      border: 1px solid var(--crm-color-border, #e5e7eb);
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

    [part='message'] {
      margin: 0;
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
