import { css } from 'lit';
import { baseStyles, cardStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  cardStyles('wishlist'),
  css`
    :host {
      --crm-wishlist-drop-color: var(--crm-color-success, #166534);
    }

    [part='base'] {
      display: grid;
      gap: 1rem;
    }

    h3 {
      margin: 0;
    }

    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }

    [part='alerts'] {
      display: grid;
      gap: 0.4rem;
      padding: 0.75rem;
      border-radius: calc(var(--crm-wishlist-radius) * 0.8);
      background: var(--crm-color-info-background, #eef2ff);
    }

    [part='alerts'] ul {
      display: grid;
      gap: 0.25rem;
    }

    [part='items'] {
      display: grid;
      gap: 0.75rem;
    }

    [part='item'] {
      display: grid;
      grid-template-columns: 6rem minmax(0, 1fr);
      gap: 0.75rem 1rem;
      border: 1px solid var(--crm-wishlist-border);
      border-radius: calc(var(--crm-wishlist-radius) * 0.75);
      padding: 0.75rem;
    }

    [part='item'] img {
      width: 6rem;
      height: 6rem;
      border-radius: var(--crm-radius-small, 0.5rem);
      object-fit: cover;
      background: var(--crm-wishlist-border);
    }

    .details {
      display: grid;
      gap: 0.35rem;
      align-content: start;
    }

    .price {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      margin: 0;
    }

    .drop {
      color: var(--crm-wishlist-drop-color);
      font-size: 0.875em;
      font-weight: 600;
    }

    .stock {
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
      margin: 0;
    }

    .stock.out {
      color: var(--crm-color-danger, #b91c1c);
    }

    label {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      font-size: 0.875em;
    }

    .note {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }

    .note input {
      /* Grows into the line, and narrows to 8rem on a phone rather than widening the card. */
      flex: 1 1 8rem;
      width: 8rem;
      font: inherit;
      border: 1px solid var(--crm-wishlist-border);
      border-radius: var(--crm-radius-small, 0.5rem);
      padding: 0.3rem 0.5rem;
      color: inherit;
      background: var(--crm-wishlist-background);
    }

    [part='alerts'] button {
      justify-self: start;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .skeleton.block {
      height: 6rem;
    }

    @media (max-width: 30rem) {
      [part='item'] {
        grid-template-columns: 4.5rem minmax(0, 1fr);
      }

      [part='item'] img {
        width: 4.5rem;
        height: 4.5rem;
      }
    }
  `,
];
