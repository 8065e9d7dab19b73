import { css } from 'lit';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  css`
    :host {
      display: block;
      --crm-questionnaire-background: var(--crm-color-surface, #ffffff);
      --crm-questionnaire-border: var(--crm-color-border, #e5e7eb);
      --crm-questionnaire-radius: var(--crm-radius, 0.75rem);
    }
    [part='base'] {
      display: grid;
      gap: 0.6rem;
      padding: 0.9rem;
      background: var(--crm-questionnaire-background);
      border: 1px solid var(--crm-questionnaire-border);
      border-radius: var(--crm-questionnaire-radius);
    }
    h2,
    fieldset {
      margin: 0;
    }
    fieldset {
      border: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 0.9rem;
    }
    legend {
      padding: 0 0 0.4rem;
    }
    .scale {
      display: flex;
      justify-content: space-between;
      font-size: 0.85em;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
];
