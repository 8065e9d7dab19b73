import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  css`
    :host {
      display: inline-block;
      --crm-wishlist-button-size: 2.5rem;
      --crm-wishlist-button-color: var(--crm-color-muted, #4b5563);
      --crm-wishlist-button-active-color: var(--crm-color-heart, #be123c);
      --crm-wishlist-button-background: var(--crm-color-surface, #ffffff);
    }

    [part='base'] {
      display: inline-grid;
      place-items: center;
      width: var(--crm-wishlist-button-size);
      height: var(--crm-wishlist-button-size);
      padding: 0;
      border-radius: 999px;
      border: 1px solid var(--crm-color-border, #e5e7eb);
      background: var(--crm-wishlist-button-background);
      color: var(--crm-wishlist-button-color);
    }

    [part='base'][aria-pressed='true'] {
      color: var(--crm-wishlist-button-active-color);
      border-color: currentColor;
    }

    [part='icon'] {
      width: 60%;
      height: 60%;
    }

    [aria-pressed='true'] [part='icon'] path {
      fill: currentColor;
    }
  `,
];
