import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
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

    [part='tier'] {
      display: inline-flex;
      align-items: center;
      padding: 0.15em 0.7em;
      border-radius: 999px;
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--crm-tier-color, #1f2937);
      background: var(--crm-tier-background, #e5e7eb);
    }

    [part='tier'][data-tier='top'] {
      --crm-tier-background: var(--crm-tier-top-background, #dbeafe);
      --crm-tier-color: var(--crm-tier-top-color, #1e3a8a);
    }
    [part='tier'][data-tier='large'] {
      --crm-tier-background: var(--crm-tier-large-background, #fef3c7);
      --crm-tier-color: var(--crm-tier-large-color, #78350f);
    }
    [part='tier'][data-tier='medium'] {
      --crm-tier-background: var(--crm-tier-medium-background, #e5e7eb);
      --crm-tier-color: var(--crm-tier-medium-color, #374151);
    }
    [part='tier'][data-tier='small'] {
      --crm-tier-background: var(--crm-tier-small-background, #fde2cf);
      --crm-tier-color: var(--crm-tier-small-color, #7c2d12);
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
