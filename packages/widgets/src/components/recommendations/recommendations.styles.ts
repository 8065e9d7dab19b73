import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  css`
    :host {
      display: block;
      --crm-recommendations-card-background: var(--crm-color-surface, #ffffff);
      --crm-recommendations-accent: var(--crm-color-accent, #4338ca);
      --crm-recommendations-radius: var(--crm-radius, 0.75rem);
      --crm-recommendations-border: var(--crm-color-border, #e5e7eb);
      --crm-recommendations-min-card: 11rem;
    }

    [part='base'] {
      display: grid;
      gap: 0.75rem;
    }

    h2 {
      margin: 0;
      font-size: 1.25em;
    }

    [part='grid'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--crm-recommendations-min-card), 1fr));
      gap: 0.75rem;
    }

    [part='card'] {
      position: relative;
      display: grid;
      gap: 0.3rem;
      align-content: start;
      padding: 0.6rem;
      border: 1px solid var(--crm-recommendations-border);
      border-radius: var(--crm-recommendations-radius);
      background: var(--crm-recommendations-card-background);
    }

    [part='card'] img {
      width: 100%;
      height: auto;
      aspect-ratio: 1;
      border-radius: calc(var(--crm-recommendations-radius) * 0.75);
      background: var(--crm-recommendations-border);
    }

    crm-wishlist-button {
      position: absolute;
      top: 1rem;
      right: 1rem;
    }

    h3 {
      margin: 0.2rem 0 0;
      font-size: 0.9375em;
      font-weight: 600;
    }

    .price {
      margin: 0;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }

    [part='reason'] {
      margin: 0;
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
    }

    [part='cart-button'] {
      justify-self: start;
      margin-top: 0.2rem;
      background: var(--crm-recommendations-accent);
      border-color: var(--crm-recommendations-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    [part='message'] {
      margin: 0;
    }

    .skeleton.card {
      display: block;
      aspect-ratio: 3 / 4;
      border-radius: var(--crm-recommendations-radius);
    }
  `,
];
