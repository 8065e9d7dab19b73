import type { Client } from '@clientela/client';
import type { Availability, ChatAttachment, ChatAttachmentReference, Conversation } from '@clientela/contract';
import {
  getSupportAvailability,
  listMyConversations,
  listMyMessages,
  markMyConversationRead,
  rateMyConversation,
  sendMyMessage,
  signalMyTyping,
  startConversation,
  streamMyEvents,
} from '@clientela/contract/routes';
import { ChatChannel, type OutgoingMessage } from '../../internal/chat-channel.ts';
import { newIdempotencyKey } from '../../internal/idempotency-key.ts';
import type { OutboxItem } from '../../internal/outbox.ts';

export interface OutgoingStart {
  kind: 'start';
  /** The conversation's own client id: starting it again is starting it once. */
  conversationClientId: string;
  subject: string;
  body: string;
  attachment?: ChatAttachment;
}

export type ShopperOutgoing = OutgoingMessage | OutgoingStart;

/**
 * The store takes an attachment by reference only, and fills in the line
 * from the shopper's statement (the order from their orders). A line without
 * a seq (from an outbox kept before lines were numbered) goes without one:
 * the subject still names it.
 */
function attachmentReference(attachment: ChatAttachment): { attachment?: ChatAttachmentReference } {
  if (attachment.kind === 'order') return { attachment: { kind: 'order', orderId: attachment.order.id } };
  const { seq } = attachment.line;
  return seq === undefined ? {} : { attachment: { kind: attachment.kind, period: attachment.period, seq } };
}

/**
 * A shopper's support chat on this page, shared by every chat element of the
 * portal (the portal's `ChatStore` keeps one per shopper). Conversations
 * started here wait in the same outbox as messages, so a new conversation
 * written offline is not lost either.
 */
export class ChatSession extends ChatChannel<Conversation, OutgoingStart> {
  status: 'loading' | 'ready' | 'error' = 'loading';
  error: unknown = null;
  availability: Availability | null = null;
  #started: Promise<void> | null = null;
  #refreshing: Promise<void> | null = null;
  #refreshAgain = false;
  readonly #createdFrom = new Map<string, string>();

  constructor(client: Client, customerId: string) {
    super(client, `clientela:chat-outbox:${customerId}`, {
      side: 'shopper',
      unread: 'unread',
      theirRead: 'agentReadSeq',
      markRead: markMyConversationRead,
      typing: signalMyTyping,
    });
  }

  /** Closes the stream (no chat shows it any more); the next `start` loads the list again and reopens it. */
  stop(): void {
    this.close();
    this.#started = null;
  }

  /** Loads the conversations and opens the stream, once; then sends whatever a previous visit left in the outbox. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      this.status = 'loading';
      this.changed();
      try {
        const [list] = await Promise.all([this.client.call(listMyConversations), this.checkAvailability(0)]);
        this.conversations = list.items;
        this.status = 'ready';
        this.listen(streamMyEvents, list.eventCursor);
      } catch (error) {
        this.status = 'error';
        this.error = error;
        this.#started = null;
        this.changed();
        throw error;
      }
      this.changed();
      void this.outbox.flush();
    })();
    return this.#started;
  }

  #availabilityAt = 0;

  /** Asks whether someone is online to answer, unless the last answer is younger than `maxAgeMs`. */
  async checkAvailability(maxAgeMs = 30_000): Promise<void> {
    if (Date.now() - this.#availabilityAt < maxAgeMs) return;
    this.#availabilityAt = Date.now();
    const availability = await this.client.call(getSupportAvailability).catch(() => null);
    if (availability) this.availability = availability;
    this.changed();
  }

  /** Loads the list again; calls while one load runs make one more load after it. */
  #refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#refreshAgain = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        const list = await this.client.call(listMyConversations);
        // The previews the stream brought since stay: the list may be a moment older.
        this.conversations = list.items.map((fresh) => {
          const known = this.conversation(fresh.id);
          return known?.lastMessage && (!fresh.lastMessage || known.lastMessage.seq > fresh.lastMessage.seq)
            ? { ...fresh, lastMessage: known.lastMessage, updatedAt: known.updatedAt }
            : fresh;
        });
        this.changed();
      } while (this.#refreshAgain);
    })().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  protected conversationChanged(): void {
    this.#refresh().catch(() => undefined);
  }

  get unread(): number {
    return this.conversations.reduce((sum, c) => sum + c.unread, 0);
  }

  /** New conversations still on their way. */
  get pendingConversations(): Array<OutboxItem<OutgoingStart>> {
    return this.outbox.items.filter((item): item is OutboxItem<OutgoingStart> => item.payload.kind === 'start');
  }

  readonly #historyLoaded = new Set<string>();

  /** Whether the conversation's history has been fetched (the stream and sends bring only what is new). */
  loaded(conversationId: string): boolean {
    return this.#historyLoaded.has(conversationId);
  }

  /** Loads the latest messages of a conversation; the stream keeps them current after. */
  async load(conversationId: string): Promise<void> {
    this.#historyLoaded.add(conversationId);
    const page = await this.client.call(listMyMessages, { params: { id: conversationId }, query: { limit: 100 } });
    for (const message of page.items) this.remember(message);
    this.changed();
  }

  /** Starts a conversation; answers its client id, which `conversationFor` turns into its id once the store has it. */
  async startConversation(subject: string, body: string, attachment?: ChatAttachment): Promise<string> {
    const conversationClientId = newIdempotencyKey();
    await this.outbox.add(newIdempotencyKey(), { kind: 'start', conversationClientId, subject, body, ...(attachment ? { attachment } : {}) });
    return conversationClientId;
  }

  conversationFor(conversationClientId: string): string | undefined {
    return this.#createdFrom.get(conversationClientId);
  }

  protected async deliver(item: OutboxItem<ShopperOutgoing>): Promise<void> {
    const payload = item.payload;
    if (payload.kind === 'message') {
      this.remember(await this.client.call(sendMyMessage, { params: { id: payload.conversationId }, body: { clientId: item.key, body: payload.body } }));
      return;
    }
    const conversation = await this.client.call(startConversation, {
      body: {
        clientId: payload.conversationClientId,
        subject: payload.subject,
        message: { clientId: item.key, body: payload.body },
        ...(payload.attachment ? attachmentReference(payload.attachment) : {}),
      },
    });
    this.#createdFrom.set(payload.conversationClientId, conversation.id);
    if (!this.conversation(conversation.id)) this.conversations = [conversation, ...this.conversations];
    if (conversation.lastMessage) this.remember(conversation.lastMessage);
  }

  async rate(conversationId: string, score: number, comment: string): Promise<void> {
    const rated = await this.client.call(rateMyConversation, { params: { id: conversationId }, body: { score, comment } });
    this.conversations = this.conversations.map((c) => (c.id === rated.id ? rated : c));
    this.changed();
  }
}
