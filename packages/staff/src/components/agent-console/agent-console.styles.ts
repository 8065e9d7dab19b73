import { css } from 'lit';
import { baseStyles, chatStyles, tierBadgeStyles } from '@clientela/widgets/internal';

export default [
  baseStyles,
  tierBadgeStyles,
  chatStyles,
  css`
    :host {
      display: block;
      --crm-console-accent: var(--crm-color-accent, #4338ca);
      --crm-console-background: var(--crm-color-surface, #ffffff);
      --crm-console-height: calc(100dvh - 8rem);
      --crm-chat-mine-background: var(--crm-console-accent);
    }

    [part='base'] {
      background: var(--crm-console-background);
      border: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: var(--crm-radius, 0.75rem);
      overflow: hidden;
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
      background: var(--crm-console-background);
    }

    .error {
      margin: 0;
      min-height: 1.4em;
      color: var(--crm-color-danger, #b91c1c);
    }

    h2,
    h3,
    h4 {
      margin: 0;
    }

    h2 {
      font-size: 1.15em;
    }

    h3 {
      font-size: 1.05em;
    }

    h4 {
      font-size: 0.9em;
      margin-top: 0.75rem;
    }

    button.primary,
    [part='composer'] button {
      background: var(--crm-console-accent);
      border-color: var(--crm-console-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    [part='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.6rem 1rem;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
    }

    [part='header'] h2 {
      flex: 1;
    }

    .connection {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    .dot {
      background: var(--crm-color-warning, #b45309);
    }

    .live .dot {
      background: var(--crm-color-success, #166534);
    }

    .agent {
      font-size: 0.875em;
    }

    .columns {
      display: grid;
      grid-template-columns: minmax(15rem, 20rem) minmax(0, 1fr) minmax(14rem, 19rem);
      height: var(--crm-console-height);
      min-height: 28rem;
    }

    [part='inbox'] {
      display: flex;
      flex-direction: column;
      min-height: 0;
      border-right: 1px solid var(--crm-color-border, #e5e7eb);
    }

    .filters {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
    }

    .views {
      display: flex;
      gap: 0.25rem;
      flex-wrap: wrap;
    }

    .views button[aria-pressed='true'] {
      background: var(--crm-console-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    .filters label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.875em;
    }

    [part='inbox'] ul {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow-y: auto;
    }

    [part='inbox'] .empty,
    [part='inbox'] > p {
      padding: 0.75rem;
      margin: 0;
    }

    [part='conversation'] {
      border: 0;
      border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: 0;
    }

    [part='conversation'][aria-current='true'] {
      background: var(--crm-color-info-background, #eef2ff);
      box-shadow: inset 4px 0 0 var(--crm-console-accent);
    }

    [part='conversation'] .name {
      font-weight: 600;
    }

    [part='conversation'] .subject,
    [part='conversation'] .meta {
      grid-column: 1 / -1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: 0.875em;
    }

    [part='conversation'] .meta {
      color: var(--crm-color-muted, #4b5563);
    }

    [part='conversation'] .unread {
      grid-column: 1 / -1;
      justify-self: start;
      background: var(--crm-console-accent);
    }

    [part='thread'] {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }

    [part='thread'].placeholder {
      display: grid;
      place-items: center;
      color: var(--crm-color-muted, #4b5563);
    }

    .thread-head {
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.6rem 0.75rem;
    }

    .thread-head .meta {
      margin: 0.15rem 0 0;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    .actions {
      display: flex;
      gap: 0.4rem;
      align-items: center;
    }

    .note {
      margin: 0.5rem 0.75rem 0;
      font-size: 0.875em;
      color: var(--crm-color-muted, #4b5563);
    }

    [part='thread'] > .attachment {
      margin: 0.5rem 0.75rem 0;
    }

    [part='customer'] {
      overflow-y: auto;
      padding: 0.75rem 1rem;
      border-left: 1px solid var(--crm-color-border, #e5e7eb);
      font-size: 0.9em;
    }

    [part='customer'] p {
      margin: 0.35rem 0;
    }

    .contact {
      color: var(--crm-color-muted, #4b5563);
      overflow-wrap: anywhere;
    }

    .figures {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 0.5rem;
      margin: 0.5rem 0 0;
    }

    .figures .wide {
      grid-column: 1 / -1;
    }

    .figures dt {
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
    }

    .figures dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }

    [part='customer'] ul {
      margin: 0.35rem 0 0;
      padding-left: 1.1rem;
      display: grid;
      gap: 0.35rem;
    }

    .items {
      color: var(--crm-color-muted, #4b5563);
    }

    @media (max-width: 62rem) {
      .columns {
        grid-template-columns: minmax(13rem, 17rem) minmax(0, 1fr);
      }

      [part='customer'] {
        grid-column: 1 / -1;
        border-left: 0;
        border-top: 1px solid var(--crm-color-border, #e5e7eb);
      }

      .columns {
        height: auto;
      }

      [part='inbox'],
      [part='thread'] {
        height: var(--crm-console-height);
      }
    }

    @media (max-width: 40rem) {
      .columns {
        grid-template-columns: 1fr;
      }

      [part='inbox'] {
        height: auto;
        max-height: 40dvh;
        border-right: 0;
        border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
      }
    }
  `,
];
