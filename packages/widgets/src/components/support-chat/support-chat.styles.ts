import { css } from 'lit';
import { chatStyles } from '../../internal/chat-views.ts';
import { baseStyles } from '../../internal/theme.ts';

export default [
  baseStyles,
  chatStyles,
  css`
    :host {
      display: contents;
      --crm-chat-accent: var(--crm-color-accent, #4338ca);
      --crm-chat-background: var(--crm-color-surface, #ffffff);
      --crm-chat-radius: var(--crm-radius, 0.75rem);
      --crm-chat-width: 24rem;
      --crm-chat-height: 36rem;
      --crm-chat-offset: 1.25rem;
      --crm-chat-z-index: 2147483000;
      --crm-chat-mine-background: var(--crm-chat-accent);
    }

    :host([mode='inline']) {
      display: block;
    }

    [part='launcher'] {
      position: fixed;
      right: var(--crm-chat-offset);
      bottom: var(--crm-chat-offset);
      z-index: var(--crm-chat-z-index);
      width: 3.5rem;
      height: 3.5rem;
      padding: 0;
      display: grid;
      place-items: center;
      border-radius: 50%;
      border: 0;
      background: var(--crm-chat-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
      box-shadow: var(--crm-shadow-small, 0 6px 20px rgb(0 0 0 / 0.22));
      transition: transform 0.2s ease-out;
    }

    /* Below the window's edge while the shopper reads down the page; back as soon as it has keyboard focus. */
    [part='launcher'].tucked:not(:focus-visible) {
      transform: translateY(calc(100% + var(--crm-chat-offset) + 0.5rem));
    }

    @media (prefers-reduced-motion: reduce) {
      [part='launcher'] {
        transition: none;
      }
    }

    [part='badge'] {
      position: absolute;
      top: -0.2rem;
      right: -0.2rem;
      min-width: 1.35rem;
      height: 1.35rem;
      padding: 0 0.3rem;
      border-radius: 999px;
      display: grid;
      place-items: center;
      font-size: 0.75rem;
      font-weight: 700;
      background: var(--crm-color-danger, #b91c1c);
      color: var(--crm-color-danger-contrast, #ffffff);
      border: 2px solid var(--crm-chat-background);
    }

    [part='panel'] {
      display: flex;
      flex-direction: column;
      background: var(--crm-chat-background);
      border: 1px solid var(--crm-color-border, #e5e7eb);
      border-radius: var(--crm-chat-radius);
      overflow: hidden;
      height: var(--crm-chat-height);
    }

    :host(:not([mode='inline'])) [part='panel'] {
      position: fixed;
      right: var(--crm-chat-offset);
      bottom: calc(var(--crm-chat-offset) + 4.25rem);
      z-index: var(--crm-chat-z-index);
      width: min(var(--crm-chat-width), calc(100vw - 2 * var(--crm-chat-offset)));
      height: min(var(--crm-chat-height), calc(100dvh - 2 * var(--crm-chat-offset) - 4.25rem));
      box-shadow: var(--crm-shadow, 0 12px 40px rgb(0 0 0 / 0.25));
    }

    [part='header'] {
      display: grid;
      grid-template-columns: 1fr auto;
      align-items: center;
      gap: 0.1rem 0.5rem;
      padding: 0.75rem 0.75rem 0.75rem 1rem;
      background: var(--crm-chat-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    h2 {
      margin: 0;
      font-size: 1.1em;
    }

    h3 {
      margin: 0;
      font-size: 1em;
    }

    [part='availability'] {
      grid-column: 1;
      margin: 0;
      font-size: 0.8125em;
      display: flex;
      gap: 0.4rem;
      align-items: baseline;
    }

    .dot {
      flex: none;
      background: #86efac;
    }

    .offline .dot {
      background: #d1d5db;
    }

    [part='close-button'] {
      grid-column: 2;
      grid-row: 1 / span 2;
      width: 2.5rem;
      height: 2.5rem;
      padding: 0;
      font-size: 1.5rem;
      line-height: 1;
      border: 0;
      background: transparent;
      color: inherit;
    }

    .body {
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      padding: 0.75rem 1rem;
      overflow-y: auto;
    }

    .body.thread {
      padding: 0;
      gap: 0;
      overflow: hidden;
    }

    .thread-head {
      align-items: center;
      gap: 0.25rem 0.6rem;
      padding: 0.5rem 0.75rem;
    }

    .thread-head h3 {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .thread > .attachment {
      margin: 0.5rem 0.75rem 0;
    }

    .status {
      font-size: 0.8125em;
      color: var(--crm-color-muted, #4b5563);
    }

    button.back {
      border: 0;
      padding: 0.25rem 0.4rem;
      align-self: flex-start;
    }

    .thread-head button.back {
      width: 2.25rem;
      height: 2.25rem;
      padding: 0;
      font-size: 1.2rem;
      line-height: 1;
    }

    button.primary {
      background: var(--crm-chat-accent);
      color: var(--crm-color-accent-contrast, #ffffff);
      align-self: flex-start;
    }

    [part='conversations'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }

    [part='conversation'] {
      border-radius: calc(var(--crm-chat-radius) * 0.8);
      border: 1px solid var(--crm-color-border, #e5e7eb);
    }

    [part='conversation'] .subject {
      font-weight: 600;
    }

    [part='conversation'] .status {
      grid-column: 1;
    }

    [part='conversation'] .unread {
      grid-column: 2;
      grid-row: 1;
      background: var(--crm-chat-accent);
    }

    .new label {
      font-size: 0.875em;
      font-weight: 600;
    }

    .field {
      background: var(--crm-chat-background);
    }

    .offline-note,
    .connection {
      margin: 0;
      padding: 0.5rem 0.75rem;
      font-size: 0.875em;
      background: var(--crm-color-warning-background, #fef3c7);
      color: var(--crm-color-warning-text, #78350f);
    }

    .offline-note {
      border-radius: var(--crm-radius-small, 0.5rem);
    }

    [part='rating'] {
      display: grid;
      gap: 0.35rem;
      padding: 0.6rem 0.75rem;
      border-top: 1px solid var(--crm-color-border, #e5e7eb);
      font-size: 0.875em;
    }

    [part='rating'].rated {
      margin: 0;
    }

    [part='rating'] fieldset {
      border: 0;
      margin: 0;
      padding: 0;
    }

    [part='rating'] legend {
      font-weight: 600;
      padding: 0;
    }

    .stars {
      display: flex;
      gap: 0.15rem;
    }

    .stars label {
      position: relative;
      font-size: 1.6rem;
      line-height: 1;
      cursor: pointer;
      color: var(--crm-color-border-strong, #9ca3af);
    }

    .stars label.on {
      color: var(--crm-color-star, #b45309);
    }

    .stars input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }

    .stars label:has(input:focus-visible) {
      outline: var(--crm-focus-ring, 3px solid #2563eb);
      outline-offset: 2px;
      border-radius: 0.25rem;
    }

    [part='rating'] button {
      justify-self: start;
    }

    [part='message'] {
      margin: 0;
    }

    .skeleton.line {
      display: block;
      height: 1.1rem;
    }

    @media (max-width: 30rem) {
      :host(:not([mode='inline'])) [part='panel'] {
        inset: var(--crm-chat-viewport-top, 0px) 0 auto 0;
        width: 100%;
        height: var(--crm-chat-viewport-height, 100dvh);
        border-radius: 0;
        border: 0;
      }

      :host([open]:not([mode='inline'])) [part='launcher'] {
        display: none;
      }
    }

    @media print {
      :host(:not([mode='inline'])) {
        display: none;
      }
    }
  `,
];
