import type { ChatAttachment, ChatMessage } from '@clientela/contract';
import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isolatedText } from './isolate.ts';
import type { LocalizeController } from './localize.ts';
import type { OutboxItem } from './outbox.ts';
import type { OutgoingMessage } from './chat-channel.ts';

/** When a message was sent: the time today, the date and time before. */
export function sentAt(i18n: LocalizeController, iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return i18n.date(date, today ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
}

export interface ThreadOptions {
  /** The side reading: their own messages sit on the right. */
  side: 'shopper' | 'agent';
  /** Who wrote what, as this reader says it. */
  authorLabel(message: ChatMessage): string;
  /** The other side has read up to this seq: "Seen" goes under this side's last message up to it. */
  seenUpTo: number;
  seenLabel: string;
  sendingLabel: string;
  notSentLabel: string;
  resendLabel: string;
  onResend(): void;
}

/**
 * The messages of a conversation and this side's messages still on their
 * way, in the order they were written. Text is only ever text: Lit puts it
 * in text nodes, so markup in a message shows as typed.
 */
export function thread(i18n: LocalizeController, messages: ChatMessage[], pending: ReadonlyArray<OutboxItem<OutgoingMessage>>, options: ThreadOptions): TemplateResult {
  const seen = messages.findLast((message) => message.author === options.side && message.seq <= options.seenUpTo);
  return html`${repeat(
    messages,
    (message) => message.id,
    (message) => html`<div part="message" class="message ${message.author === options.side ? 'mine' : message.author}" data-seq=${message.seq}>
      <bdi class="author">${options.authorLabel(message)}</bdi>
      <p class="text">${message.body}</p>
      <span class="meta"
        ><time datetime=${message.sentAt}>${sentAt(i18n, message.sentAt)}</time>${message === seen ? html` · <span class="seen">${options.seenLabel}</span>` : nothing}</span
      >
    </div>`,
  )}
  ${repeat(
    pending,
    (item) => item.key,
    (item) => html`<div part="message pending-message" class="message mine pending ${item.state}">
      <p class="text">${item.payload.body}</p>
      <span class="meta">
        ${item.state === 'sending'
          ? options.sendingLabel
          : html`${options.notSentLabel} <button type="button" class="link" @click=${options.onResend}>${options.resendLabel}</button>`}
      </span>
    </div>`,
  )}`;
}

/** What a conversation is about: a statement transaction or an order the shopper asked about. */
export function attachmentCard(i18n: LocalizeController, attachment: ChatAttachment, currency: string | null): TemplateResult {
  const t = i18n.term;
  if (attachment.kind === 'order') {
    const { order } = attachment;
    return html`<figure part="attachment" class="attachment">
      <figcaption>${t.orders.attachment}</figcaption>
      <p>
        <strong>${isolatedText(t.orders.number(order.id))}</strong><br />
        <bdi>${order.items.join(', ')}</bdi><br />
        ${i18n.date(order.placedAt)} · ${t.orders.statuses[order.fulfillment.status]}
      </p>
      <p class="amount">${i18n.money(order.total.amount, order.total.currency)}</p>
    </figure>`;
  }
  const { line } = attachment;
  const what = line.description || (t.statement.lineKinds as Record<string, string>)[line.kind] || '';
  return html`<figure part="attachment" class="attachment">
    <figcaption>${t.chatAttachment}</figcaption>
    <p>
      <strong>${what}</strong><br />
      ${i18n.date(line.date)} · ${t.statement.title} ${i18n.month(attachment.period)}
      ${line.installment ? html`<br />${t.statement.installmentOf(line.installment.number, line.installment.count)}` : nothing}
    </p>
    ${currency ? html`<p class="amount">${i18n.money(line.amount, currency)}</p>` : nothing}
  </figure>`;
}

/** Enter sends, Shift+Enter (or composing text with an IME) adds a line. */
export function sendOnEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  (event.target as HTMLTextAreaElement).form?.requestSubmit();
}

/** Message bubbles, the log around them, the composer, fields and lists of conversations, the same for shopper and agent. */
export const chatStyles = css`
  [part~='log'] {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.75rem;
    min-height: 0;
  }

  .message {
    display: grid;
    gap: 0.15rem;
    max-width: 85%;
    align-self: flex-start;
    padding: 0.5rem 0.75rem;
    border-radius: 1rem 1rem 1rem 0.25rem;
    background: var(--crm-chat-theirs-background, var(--crm-color-surface-subtle, #f3f4f6));
    color: var(--crm-chat-theirs-color, inherit);
  }

  .message.mine {
    align-self: flex-end;
    border-radius: 1rem 1rem 0.25rem 1rem;
    background: var(--crm-chat-mine-background, var(--crm-color-accent, #4338ca));
    color: var(--crm-chat-mine-color, var(--crm-color-accent-contrast, #ffffff));
  }

  .message.system {
    align-self: center;
    background: transparent;
    color: var(--crm-color-muted, #4b5563);
    font-size: 0.875em;
    text-align: center;
  }

  .message.pending {
    background: var(--crm-chat-pending-background, var(--crm-color-muted, #4b5563));
    color: var(--crm-color-surface, #ffffff);
  }

  .message.failed {
    outline: 2px dashed var(--crm-color-danger, #b91c1c);
    outline-offset: -2px;
  }

  .message .author {
    font-size: 0.75em;
    font-weight: 600;
  }

  .message.mine .author {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  .message .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .message .meta {
    font-size: 0.75em;
    opacity: 0.85;
    justify-self: end;
  }

  .message .link {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    text-decoration: underline;
    font-size: inherit;
  }

  .typing {
    margin: 0;
    padding: 0 0.75rem;
    min-height: 1.4em;
    font-size: 0.8125em;
    font-style: italic;
    color: var(--crm-color-muted, #4b5563);
  }

  [part='composer'] {
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
    padding: 0.5rem 0.75rem 0.75rem;
    border-top: 1px solid var(--crm-color-border, #e5e7eb);
  }

  [part='composer'] textarea {
    flex: 1;
    min-height: 2.5rem;
    max-height: 8rem;
    resize: none;
    field-sizing: content;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--crm-color-border-strong, #9ca3af);
    border-radius: 1.25rem;
    color: inherit;
    background: var(--crm-color-surface, #ffffff);
  }

  [part='composer'] button {
    background: var(--crm-color-accent, #4338ca);
    color: var(--crm-color-accent-contrast, #ffffff);
    min-height: 2.5rem;
  }

  .thread-head {
    display: flex;
    flex-wrap: wrap;
    border-bottom: 1px solid var(--crm-color-border, #e5e7eb);
  }

  /* A field to type in: a subject, a first message, a rating's comment, a sign-in. */
  .field {
    font: inherit;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--crm-color-border-strong, #9ca3af);
    border-radius: var(--crm-radius-small, 0.5rem);
    color: inherit;
  }

  /* A conversation in a list, the shopper's or the agents' inbox: what it is about, its last message, how many are unread. */
  [part='conversation'] {
    width: 100%;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.15rem 0.5rem;
    text-align: start;
    color: inherit;
    padding: 0.6rem 0.75rem;
  }

  [part='conversation'] .preview {
    grid-column: 1 / -1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--crm-color-muted, #4b5563);
    font-size: 0.875em;
  }

  [part='conversation'] .unread {
    font-size: 0.75em;
    font-weight: 700;
    border-radius: 999px;
    padding: 0.1em 0.6em;
    color: var(--crm-color-accent-contrast, #ffffff);
  }

  /* Whether the other side is there: green when it is. */
  .dot {
    width: 0.55rem;
    height: 0.55rem;
    border-radius: 50%;
  }

  .attachment {
    margin: 0;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--crm-color-border, #e5e7eb);
    border-left: 4px solid var(--crm-color-accent, #4338ca);
    border-radius: var(--crm-radius-small, 0.5rem);
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 0.75rem;
    font-size: 0.875em;
  }

  .attachment figcaption {
    grid-column: 1 / -1;
    font-weight: 600;
    font-size: 0.8125em;
    color: var(--crm-color-muted, #4b5563);
  }

  .attachment p {
    margin: 0;
  }

  .attachment .amount {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;
